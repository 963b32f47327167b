"""Server-side cleaning of the rich text authors write in Quill (docs/decisions/0902).

The browser's editor is a convenience, never a guard: whatever arrives is passed through nh3
(the Rust `ammonia` sanitiser) with an allow-list. Kept: paragraphs, h2–h4, strong/em, lists,
blockquote, basic tables, links to http/https/mailto (rel="noopener noreferrer"), and images
served from our own MEDIA_URL. Everything else — scripts, styles, event handlers, iframes,
javascript:/data: URLs, classes, ids — is removed.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = frozenset({
    "p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "ul", "ol", "li", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "img",
})
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}, "th": {"colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with their content (not just unwrapped).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript", "template",
                                  "svg", "math", "textarea", "select"})
# Quill writes <b>/<i> in some paste paths; keep the meaning with the allowed tags.
_RENAMES = (("<b>", "<strong>"), ("</b>", "</strong>"), ("<i>", "<em>"), ("</i>", "</em>"))


def _media_prefix() -> str:
    return str(getattr(settings, "MEDIA_URL", "/media/") or "/media/")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        parts = urlsplit(value.strip())
        # Absolute links only: a relative href could point anywhere on our own site.
        if parts.scheme.lower() not in LINK_SCHEMES:
            return None
        if parts.scheme.lower() in {"http", "https"} and not parts.netloc:
            return None
        return value.strip()
    if tag == "img" and attribute == "src":
        value = value.strip()
        prefix = _media_prefix()
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not value.startswith(prefix) or ".." in value or "\\" in value:
            return None
        return value
    if attribute in {"colspan", "rowspan"}:
        return value if value.isdigit() and 0 < int(value) <= 20 else None
    return value


def clean_html(raw: str | None) -> str:
    """The safe subset of `raw`. Idempotent: clean_html(clean_html(x)) == clean_html(x)."""
    if not raw:
        return ""
    text = raw
    for old, new in _RENAMES:
        text = text.replace(old, new)
    cleaned = nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An <img> whose src was refused is useless; drop it rather than show a broken image.
    cleaned = re.sub(r"<img(?![^>]*\bsrc=)[^>]*>", "", cleaned)
    # Quill's empty paragraphs (<p><br></p>) at the ends are noise.
    cleaned = re.sub(r"^(?:\s*<p>(?:<br>|\s)*</p>)+|(?:<p>(?:<br>|\s)*</p>\s*)+$", "", cleaned.strip())
    return cleaned


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for search tokens, feeds and summaries."""
    text = re.sub(r"<(br|/p|/h[2-4]|/li|/tr|/blockquote)\b[^>]*>", "\n", value or "")
    text = re.sub(r"<[^>]+>", "", text)
    return "\n".join(line.strip() for line in html.unescape(text).splitlines() if line.strip())
