"""Links from the abbreviations in a text to their entries in the glossary."""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe

from actionplan.models import Plan
from actionplan.selectors import glossary_short_forms
from actionplan.templatetags.portal import default_plan_id

register = template.Library()

_CACHE = "_glossary_linker"


class GlossaryLinker:
    """Links the abbreviations of the glossary in texts (see `link`); built once per page."""

    def __init__(self, short_forms: dict[str, tuple[str, str]], glossary_url: str):
        self.short_forms = short_forms
        self.glossary_url = glossary_url
        # In HTML "K&G" stands as "K&amp;G"; longest first so that "FOD Justitie" beats "FOD".
        self.by_escaped = {escape(term): term for term in short_forms}
        alternatives = "|".join(
            re.escape(term) for term in sorted(self.by_escaped, key=len, reverse=True)
        )
        self.pattern = (
            re.compile(rf"(?<![\w&#])({alternatives})(s?)(?!\w)") if short_forms else None
        )

    def link(self, text):
        """`text` (plain text, or HTML already made safe) with the first occurrence of each
        abbreviation of the glossary linked to its entry. Only text between tags is touched,
        never the inside of a tag or of an existing link; plain text is escaped first."""
        html = str(text) if isinstance(text, SafeData) else escape(text)
        if self.pattern is None or not html:
            return mark_safe(html)  # noqa: S308 - escaped above, or safe already
        linked: set[str] = set()

        def link(match: re.Match) -> str:
            term = self.by_escaped[match.group(1)]
            if term in linked:
                return match.group(0)
            linked.add(term)
            anchor, definition = self.short_forms[term]
            return format_html(
                '<a class="glossary-term" href="{}#{}"><abbr title="{}">{}</abbr>{}</a>',
                self.glossary_url,
                anchor,
                definition,
                mark_safe(match.group(1)),  # noqa: S308 - a piece of the escaped text
                match.group(2),
            )

        parts = re.split(r"(<[^>]*>)", html)
        in_link = False
        for index, part in enumerate(parts):
            if part.startswith("<"):
                if re.match(r"<a[\s>]", part, re.IGNORECASE):
                    in_link = True
                elif re.match(r"</a\s*>", part, re.IGNORECASE):
                    in_link = False
            elif part and not in_link:
                parts[index] = self.pattern.sub(link, part)
        return mark_safe("".join(parts))  # noqa: S308 - escaped text with our own links


def _page_plan_id(context) -> int | None:
    """The plan whose glossary a text links to: the measure's being shown (also each row's in a
    table of measures), else the page's plan, else the default plan."""
    measure = context.get("measure")
    if getattr(measure, "plan_id", None):
        return measure.plan_id
    plan = context.get("plan")
    return plan.pk if isinstance(plan, Plan) else default_plan_id(context)


class _PlanLinkers:
    """Every plan's glossary and address read once (two queries, however many plans), and a
    linker built per plan when a page first needs it."""

    def __init__(self, default_plan_id: int | None):
        self.short_forms = glossary_short_forms()
        self.codes = dict(Plan.objects.values_list("pk", "code"))
        self.default_plan_id = default_plan_id
        self.linkers: dict[int | None, GlossaryLinker] = {}

    def of(self, plan_id: int | None) -> GlossaryLinker:
        if plan_id not in self.linkers:
            if plan_id == self.default_plan_id:
                url = reverse("actionplan:glossary")
            else:
                url = reverse("plan:glossary", args=[self.codes[plan_id]])
            self.linkers[plan_id] = GlossaryLinker(self.short_forms.get(plan_id, {}), url)
        return self.linkers[plan_id]


def _linker(context) -> GlossaryLinker:
    """The linker of the page's plan (see _PlanLinkers), once per request (or render)."""
    holder = context.get("request")
    if holder is None:
        if _CACHE not in context.render_context:
            context.render_context[_CACHE] = _PlanLinkers(default_plan_id(context))
        linkers = context.render_context[_CACHE]
    else:
        if not hasattr(holder, _CACHE):
            setattr(holder, _CACHE, _PlanLinkers(default_plan_id(context)))
        linkers = getattr(holder, _CACHE)
    return linkers.of(_page_plan_id(context))


@register.simple_tag(takes_context=True)
def glossary_links(context, text):
    """{% glossary_links measure.description_text %}: the text with its abbreviations linked
    to the glossary (see GlossaryLinker.link)."""
    return _linker(context).link(text or "")


@register.simple_tag(takes_context=True)
def glossary_anchor_of(context, term: str) -> str:
    """The glossary anchor of an abbreviation ("" when the glossary does not have it)."""
    found = _linker(context).short_forms.get(term)
    return found[0] if found else ""
