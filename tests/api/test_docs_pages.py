"""The documentation pages (Swagger UI, Redoc) load everything from the portal itself: no
web fonts, scripts, styles or images from another host."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""")
ORIGIN = "http://testserver"


def _same_origin(base: str, address: str) -> bool:
    return urlsplit(urljoin(base, address)).netloc == urlsplit(ORIGIN).netloc


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_every_address_a_docs_page_loads_is_the_portals_own(client, plan, url):
    html = client.get(url).content.decode()
    addresses = ADDRESS.findall(html)
    assert addresses
    foreign = [address for address in addresses if not _same_origin(ORIGIN + url, address)]
    assert foreign == []
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_the_redoc_bundle_points_at_no_remote_logo_or_font(client, plan):
    html = client.get("/api/redoc/").content.decode()
    (bundle,) = [address for address in ADDRESS.findall(html) if "redoc" in address]
    script = client.get(bundle)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("text/javascript")
    body = script.content.decode()
    assert "cdn.redoc.ly" not in body and "fonts.googleapis" not in body
    logo = re.search(r'alt:"redocly logo",onError:[^,]+,src:"([^"]+)"', body).group(1)
    assert _same_origin(ORIGIN, logo)
    assert client.get(logo).status_code == 200
