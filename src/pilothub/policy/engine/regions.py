"""A tiny built-in region table for callers without Django.

Inside the web application the `regions` app passes the ancestry from its own table; this module
only knows the GB/T 2260 codes PilotHub ships (docs/COMMON brief), so the engine can be used and
tested on its own.
"""

from __future__ import annotations

from .errors import PolicyInputError

# code -> (name, parent code or None)
_REGIONS: dict[str, tuple[str, str | None]] = {
    "110000": ("北京市", None),
    **{
        code: (name, "110000")
        for code, name in {
            "110101": "东城区",
            "110102": "西城区",
            "110105": "朝阳区",
            "110106": "丰台区",
            "110107": "石景山区",
            "110108": "海淀区",
            "110109": "门头沟区",
            "110111": "房山区",
            "110112": "通州区",
            "110113": "顺义区",
            "110114": "昌平区",
            "110115": "大兴区",
            "110116": "怀柔区",
            "110117": "平谷区",
            "110118": "密云区",
            "110119": "延庆区",
            "110400": "北京经济技术开发区",
        }.items()
    },
    "330000": ("浙江省", None),
    "330400": ("嘉兴市", "330000"),
    **{
        code: (name, "330400")
        for code, name in {
            "330402": "南湖区",
            "330411": "秀洲区",
            "330421": "嘉善县",
            "330424": "海盐县",
            "330481": "海宁市",
            "330482": "平湖市",
            "330483": "桐乡市",
        }.items()
    },
    "440000": ("广东省", None),
    "442000": ("中山市", "440000"),
    **{
        code: (name, "442000")
        for code, name in {
            "442000001": "石岐街道",
            "442000002": "东区街道",
            "442000003": "中山港街道",
            "442000004": "西区街道",
            "442000005": "南区街道",
            "442000006": "五桂山街道",
            "442000007": "民众街道",
            "442000008": "南朗街道",
            "442000101": "黄圃镇",
            "442000103": "东凤镇",
            "442000105": "古镇镇",
            "442000106": "沙溪镇",
            "442000107": "坦洲镇",
            "442000108": "港口镇",
            "442000109": "三角镇",
            "442000110": "横栏镇",
            "442000111": "南头镇",
            "442000112": "阜沙镇",
            "442000114": "三乡镇",
            "442000115": "板芙镇",
            "442000116": "大涌镇",
            "442000117": "神湾镇",
            "442000118": "小榄镇",
        }.items()
    },
}


def region_name(code: str) -> str | None:
    entry = _REGIONS.get(code)
    return entry[0] if entry else None


def default_region_chain(code: str, *, field: str = "region") -> list[str]:
    """The code followed by each ancestor up to the root, e.g. 110116 -> [110116, 110000]."""
    if not isinstance(code, str) or code not in _REGIONS:
        raise PolicyInputError(
            field=field,
            code="unknown_region",
            message_zh=f"未知的行政区划代码：{code!r}",
            message_en=f"Unknown region code: {code!r}",
        )
    chain = [code]
    parent = _REGIONS[code][1]
    while parent is not None:
        chain.append(parent)
        parent = _REGIONS[parent][1]
    return chain
