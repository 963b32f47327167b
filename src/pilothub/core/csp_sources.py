"""CSP source expressions derived from settings. Imported by the settings module: no Django here."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def tile_image_sources(tile_url: str) -> list[str]:
    """The CSP img-src source expressions that allow a Leaflet tile URL template.

    `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png` → `https://*.tile.openstreetmap.org`;
    `https://t{s}.tianditu.gov.cn/...` → `https://*.tianditu.gov.cn`. A template in any label but
    the first cannot be expressed as a CSP host source: the scheme alone is allowed then (and
    the deployment guide says to prefer a fixed host). A relative URL (tiles served by this
    site) needs nothing beyond 'self'.
    """
    if not tile_url:
        return []
    parts = urlsplit(tile_url)
    if not parts.scheme or not parts.netloc:
        return []
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        return []
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    if any("{" in label or "}" in label for label in labels):
        return [f"{scheme}:"]
    return [f"{scheme}://{'.'.join(labels)}"]
