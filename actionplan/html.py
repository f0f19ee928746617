"""Sanitising of the HTML the portal stores and shows (plan descriptions, narratives)."""

from html import unescape

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "u", "em", "strong", "i", "b", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def sanitize_html(html: str) -> str:
    """Return `html` with every tag and attribute outside a small safe set removed.

    Links keep only http(s) and mailto targets and get rel="noopener noreferrer".
    """
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def safe_html(html: str) -> SafeString:
    """Sanitise and mark as safe for a template; used for every stored HTML field."""
    return mark_safe(sanitize_html(html))  # noqa: S308 - sanitised on the line above


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment, paragraphs and list items on their own lines.

    The text is unescaped ("K&amp;G" gives "K&G"): templates escape it again when they show it.
    """
    text = nh3.clean((html or "").replace("</p>", "</p>\n").replace("</li>", "</li>\n"), tags=set())
    lines = (" ".join(line.split()) for line in text.splitlines())
    # nh3 returns HTML, its text escaped; plain text is wanted here.
    return unescape("\n".join(line for line in lines if line))
