"""Build demo_platforms.yaml from the hand-written sources.

    /work/venv/bin/python src/pilothub/platforms/data/build_demo_platforms.py

The platform texts (names, operators, addresses, main business, descriptions, equipment and test
choices, expert fields) are written by hand in _demo_beijing.py, _demo_jiaxing.py and
_demo_zhongshan.py; equipment and test-service details live once in _catalog.py. This script adds
the parts that are mechanical and must be *consistent* rather than creative: coordinates around a
hand-picked site, GB 32100-2015 credit codes with correct check digits, fictional contacts, and
qualification certificates derived from the test services' CMA/CNAS scope.

Everything is deterministic: every pseudo-random choice is seeded from the SHA-256 of the platform
or operator name, so adding a platform never changes the others, and re-running the script
reproduces the committed file byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _catalog  # noqa: E402
import _demo_beijing  # noqa: E402
import _demo_jiaxing  # noqa: E402
import _demo_zhongshan  # noqa: E402

OUTPUT = HERE / "demo_platforms.yaml"

# Reference date of the demo: certificates valid_until before it are "expired" in the demo.
REFERENCE_DATE = dt.date(2026, 11, 1)

SERVICE_ALIASES = {
    "rd": "rd-transfer",
    "improve": "process-improvement",
    "scaleup": "scale-up",
    "type": "type-test",
    "perf": "performance-test",
    "pilot": "pilot-production",
    "share": "equipment-sharing",
    "validate": "equipment-validation",
    "inspect": "inspection-testing",
    "metro": "metrology",
}

TIER_LABELS = {
    "cultivating": "培育",
    "municipal": "市级",
    "provincial": "省级",
    "national": "国家级",
}

# Site anchors: (region code, lon, lat) in WGS-84, picked by hand inside the named park or town.
# Each platform is placed within ~400 m of its site so several platforms in one park do not stack.
SITES: dict[str, tuple[str, float, float]] = {
    # 海淀区
    "hd_huayuan": ("110108", 116.3665, 39.9805),
    "hd_swpark": ("110108", 116.2890, 40.0470),
    "hd_shangdi": ("110108", 116.3060, 40.0370),
    "hd_xueyuan": ("110108", 116.3500, 39.9920),
    "hd_yongfeng": ("110108", 116.2320, 40.0780),
    "hd_wenquan": ("110108", 116.1800, 40.0600),
    "hd_zgc_west": ("110108", 116.3130, 39.9830),
    # 北京经济技术开发区
    "bda_kechuang": ("110400", 116.5350, 39.7950),
    "bda_rongjing": ("110400", 116.5050, 39.7920),
    "bda_jinghai": ("110400", 116.5600, 39.7850),
    "bda_hongda": ("110400", 116.5100, 39.8050),
    "bda_east": ("110400", 116.5750, 39.7750),
    "bda_new": ("110400", 116.5700, 39.7450),
    # 大兴区
    "dx_biobase": ("110115", 116.3300, 39.6900),
    "dx_huangcun": ("110115", 116.3400, 39.7350),
    "dx_caiyu": ("110115", 116.6500, 39.6550),
    "dx_xihongmen": ("110115", 116.3350, 39.7850),
    "dx_airport": ("110115", 116.3900, 39.5600),
    "dx_hydrogen": ("110115", 116.4200, 39.6400),
    # 昌平区
    "cp_lifepark": ("110114", 116.2850, 40.0970),
    "cp_future": ("110114", 116.4400, 40.1050),
    "cp_sciencepark": ("110114", 116.2250, 40.2120),
    "cp_shahe": ("110114", 116.2750, 40.1500),
    "cp_baishan": ("110114", 116.1500, 40.1900),
    # 怀柔区
    "hr_scicity": ("110116", 116.6800, 40.4000),
    "hr_yanqi": ("110116", 116.6620, 40.3780),
    "hr_yangsong": ("110116", 116.7150, 40.3100),
    "hr_town": ("110116", 116.6320, 40.3180),
    "hr_miaocheng": ("110116", 116.6200, 40.2850),
    # 朝阳区
    "cy_dianzicheng": ("110105", 116.4970, 39.9750),
    "cy_wangjing": ("110105", 116.4750, 40.0000),
    "cy_jinzhan": ("110105", 116.5600, 39.9900),
    # 顺义区
    "sy_park": ("110113", 116.6750, 40.1250),
    "sy_airport": ("110113", 116.5800, 40.0650),
    "sy_auto": ("110113", 116.6500, 40.1400),
    "sy_north": ("110113", 116.5600, 40.2000),
    # 通州区
    "tz_gjd": ("110112", 116.7250, 39.8600),
    "tz_city": ("110112", 116.7200, 39.9050),
    # 丰台区
    "ft_scipark": ("110106", 116.2900, 39.8300),
    "ft_nanyuan": ("110106", 116.3900, 39.8050),
    # 房山区
    "fs_yanshan": ("110111", 115.9700, 39.7300),
    "fs_liangxiang": ("110111", 116.1500, 39.7300),
    # 其他区
    "sjs_shougang": ("110107", 116.1630, 39.9180),
    "xc_desheng": ("110102", 116.3760, 39.9550),
    "yq_park": ("110119", 115.9900, 40.4100),
    "my_park": ("110118", 116.8200, 40.3600),
    "pg_park": ("110117", 116.9900, 40.1200),
    # 嘉兴市
    "nh_kejicheng": ("330402", 120.8500, 30.7250),
    "nh_city": ("330402", 120.7800, 30.7400),
    "xz_gaoxin": ("330411", 120.6900, 30.7900),
    "xz_wangjiangjing": ("330411", 120.7200, 30.8800),
    "js_lvgu": ("330421", 120.9000, 30.9050),
    "js_kfq": ("330421", 120.9500, 30.8400),
    "js_yaozhuang": ("330421", 120.9950, 30.8950),
    "hy_wuyuan": ("330424", 120.9450, 30.5250),
    "hy_qinshan": ("330424", 120.9550, 30.4550),
    "hn_kfq": ("330481", 120.6550, 30.5250),
    "hn_jianshan": ("330481", 120.7900, 30.4050),
    "hn_xucun": ("330481", 120.4300, 30.4300),
    "ph_kfq": ("330482", 121.0500, 30.6900),
    "ph_zhapu": ("330482", 121.0600, 30.6050),
    "ph_dushan": ("330482", 121.1800, 30.6600),
    "tx_kfq": ("330483", 120.5750, 30.6350),
    "tx_wuzhen": ("330483", 120.4850, 30.7450),
    "tx_puyuan": ("330483", 120.6250, 30.6600),
    # 中山市
    "zs_shiqi": ("442000001", 113.3850, 22.5200),
    "zs_east": ("442000002", 113.4050, 22.5150),
    "zs_torch": ("442000003", 113.4750, 22.5450),
    "zs_health": ("442000003", 113.4700, 22.5600),
    "zs_west": ("442000004", 113.3500, 22.5250),
    "zs_south": ("442000005", 113.3700, 22.4750),
    "zs_wuguishan": ("442000006", 113.4400, 22.4450),
    "zs_minzhong": ("442000007", 113.5050, 22.6250),
    "zs_cuiheng": ("442000008", 113.5600, 22.4650),
    "zs_cuiheng_lh2": ("442000008", 113.5700, 22.5150),
    "zs_huangpu": ("442000101", 113.3300, 22.7100),
    "zs_dongfeng": ("442000103", 113.2700, 22.6900),
    "zs_guzhen": ("442000105", 113.1900, 22.6100),
    "zs_shaxi": ("442000106", 113.3250, 22.5250),
    "zs_tanzhou": ("442000107", 113.4650, 22.2650),
    "zs_gangkou": ("442000108", 113.3900, 22.5850),
    "zs_sanjiao": ("442000109", 113.4200, 22.6800),
    "zs_henglan": ("442000110", 113.2600, 22.5300),
    "zs_nantou": ("442000111", 113.2950, 22.7200),
    "zs_fusha": ("442000112", 113.3500, 22.6500),
    "zs_sanxiang": ("442000114", 113.4300, 22.3550),
    "zs_banfu": ("442000115", 113.3300, 22.4200),
    "zs_dayong": ("442000116", 113.2900, 22.4700),
    "zs_shenwan": ("442000117", 113.3650, 22.3100),
    "zs_xiaolan": ("442000118", 113.2500, 22.6650),
    "zs_xiaolan2": ("442000118", 113.2600, 22.6550),
}

# --------------------------------------------------------------------------- credit codes
# GB 32100-2015: 18 characters = registration authority (1) + organisation category (1)
# + administrative division of the registering authority (6) + organisation code (9, GB 11714 with
# its own check character) + check character (1).
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, ...
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    # GB 11714: digits are their value, letters A=10 … Z=35.
    total = sum(int(c, 36) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


# The division in a credit code is that of the registering authority, not the platform's site.
# 北京经济技术开发区 companies carry 110302 (the zone's former registration code); central
# institutions registered with the national authority carry 100000.
CREDIT_DIVISION_OVERRIDES = {"中国信息通信研究院": "100000"}


def credit_division(region: str) -> str:
    if region == "110400":
        return "110302"
    if region.startswith("442000"):
        return "442000"
    return region


def make_credit_code(operator: str, entity: str, region: str) -> str:
    rng = seeded("credit", operator)
    division = CREDIT_DIVISION_OVERRIDES.get(operator, credit_division(region))
    if entity == "91":
        # Companies registered since 2015 get an "MA"-prefixed organisation code body.
        body = "MA" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    org = body + org_code_check_char(body)
    first17 = entity + division + org
    return first17 + credit_check_char(first17)


# --------------------------------------------------------------------------- people
SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("赵", "zhao"), ("黄", "huang"), ("周", "zhou"), ("吴", "wu"), ("徐", "xu"), ("孙", "sun"),
    ("胡", "hu"), ("朱", "zhu"), ("高", "gao"), ("林", "lin"), ("何", "he"), ("郭", "guo"),
    ("马", "ma"), ("罗", "luo"), ("梁", "liang"), ("宋", "song"), ("郑", "zheng"), ("谢", "xie"),
    ("韩", "han"), ("唐", "tang"), ("冯", "feng"), ("于", "yu"), ("董", "dong"), ("萧", "xiao"),
    ("程", "cheng"), ("曹", "cao"), ("袁", "yuan"), ("邓", "deng"), ("傅", "fu"), ("沈", "shen"),
    ("曾", "zeng"), ("彭", "peng"), ("吕", "lv"), ("苏", "su"), ("卢", "lu"), ("蒋", "jiang"),
    ("蔡", "cai"), ("贾", "jia"), ("丁", "ding"), ("魏", "wei"), ("薛", "xue"), ("叶", "ye"),
    ("潘", "pan"), ("杜", "du"), ("戴", "dai"), ("夏", "xia"), ("钟", "zhong"), ("田", "tian"),
    ("任", "ren"), ("范", "fan"), ("方", "fang"), ("石", "shi"), ("姚", "yao"), ("谭", "tan"),
    ("廖", "liao"), ("邹", "zou"), ("熊", "xiong"), ("金", "jin"), ("陆", "lu"), ("郝", "hao"),
    ("孔", "kong"), ("白", "bai"), ("崔", "cui"), ("康", "kang"), ("毛", "mao"), ("邱", "qiu"),
    ("秦", "qin"), ("江", "jiang"), ("顾", "gu"), ("侯", "hou"), ("邵", "shao"), ("孟", "meng"),
    ("龙", "long"), ("段", "duan"), ("钱", "qian"), ("汤", "tang"), ("尹", "yin"), ("黎", "li"),
    ("常", "chang"), ("武", "wu"), ("乔", "qiao"), ("贺", "he"), ("赖", "lai"), ("龚", "gong"),
]
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"),
    ("平", "ping"), ("刚", "gang"), ("文", "wen"), ("辉", "hui"), ("鹏", "peng"), ("华", "hua"),
    ("红", "hong"), ("建", "jian"), ("国", "guo"), ("志", "zhi"), ("宇", "yu"), ("晨", "chen"),
    ("思", "si"), ("欣", "xin"), ("浩", "hao"), ("然", "ran"), ("博", "bo"), ("婷", "ting"),
    ("琳", "lin"), ("嘉", "jia"), ("悦", "yue"), ("轩", "xuan"), ("海", "hai"), ("峰", "feng"),
    ("凯", "kai"), ("瑞", "rui"), ("颖", "ying"), ("晓", "xiao"), ("东", "dong"), ("亮", "liang"),
    ("斌", "bin"), ("彤", "tong"), ("慧", "hui"), ("振", "zhen"), ("宁", "ning"), ("立", "li"),
    ("新", "xin"), ("雪", "xue"), ("梅", "mei"), ("琪", "qi"), ("帆", "fan"), ("蕾", "lei"),
    ("昊", "hao"), ("睿", "rui"), ("泽", "ze"), ("航", "hang"), ("毅", "yi"), ("成", "cheng"),
    ("松", "song"), ("阳", "yang"), ("晶", "jing"), ("玉", "yu"), ("永", "yong"), ("春", "chun"),
    ("光", "guang"), ("德", "de"), ("卫", "wei"), ("岩", "yan"), ("锋", "feng"), ("燕", "yan"),
    ("倩", "qian"), ("楠", "nan"), ("凡", "fan"), ("骁", "xiao"), ("铭", "ming"), ("晗", "han"),
]


def seeded(*parts: str) -> random.Random:
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    return random.Random(int(digest[:16], 16))


def make_person(rng: random.Random) -> tuple[str, str]:
    surname, s_py = rng.choice(SURNAMES)
    parts = [rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))]
    return surname + "".join(c for c, _ in parts), s_py + "".join(p for _, p in parts)


AREA_CODES = {"11": "010", "33": "0573", "44": "0760"}
MOBILE_PREFIXES = ["133", "135", "136", "137", "138", "139", "150", "158", "159", "180", "186", "189"]


def make_phone(rng: random.Random, region: str) -> str:
    if rng.random() < 0.3:
        return f"{rng.choice(MOBILE_PREFIXES)}-{rng.randint(0, 9999):04d}-{rng.randint(0, 9999):04d}"
    area = AREA_CODES[region[:2]]
    if area == "010":
        return f"010-{rng.choice('5688')}{rng.randint(0, 9999999):07d}"
    return f"{area}-8{rng.randint(0, 9999999):07d}"


# --------------------------------------------------------------------------- qualifications
CMA_PROVINCE = {"11": "11", "33": "33", "44": "44"}


def make_qualifications(rng: random.Random, tests: list[dict], region: str, expired: bool) -> list[dict]:
    quals = []
    for kind in ("CMA", "CNAS"):
        covered = [t["name"] for t in tests if t["qualification_scope"] == kind]
        if not covered:
            continue
        if expired:
            start = dt.date(rng.choice((2019, 2020)), rng.randint(1, 10), rng.randint(1, 28))
        else:
            start = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), rng.randint(1, 28))
        # CMA certificates and CNAS accreditation certificates are both issued for six years.
        until = dt.date(start.year + 6, start.month, start.day) - dt.timedelta(days=1)
        if kind == "CMA":
            number = f"{start.year}{CMA_PROVINCE[region[:2]]}{rng.randint(0, 999999):06d}"
        else:
            number = f"L{rng.randint(1000, 23999)}"
        quals.append({"kind": kind, "number": number, "scope": "；".join(covered),
                      "valid_from": start.isoformat(), "valid_until": until.isoformat()})
    return quals


# --------------------------------------------------------------------------- assembly
REGION_SOURCES = [("bj", _demo_beijing.PLATFORMS), ("jx", _demo_jiaxing.PLATFORMS),
                  ("zs", _demo_zhongshan.PLATFORMS)]


_USED_EMAILS: set[str] = set()


def unique_email(local: str, domain: str) -> str:
    email, n = f"{local}@{domain}", 1
    while email in _USED_EMAILS:
        n += 1
        email = f"{local}{n}@{domain}"
    _USED_EMAILS.add(email)
    return email


def build_platform(code: str, src: dict, expired: bool) -> dict:
    rng = seeded("platform", src["name"], src["operator"])
    site_region, lon0, lat0 = SITES[src["site"]]
    if site_region != src["region"]:
        raise ValueError(f"{src['name']}: site {src['site']} is in {site_region}, not {src['region']}")
    # ~±400 m around the site so platforms in the same park are distinguishable on the map.
    lon = round(lon0 + rng.uniform(-0.004, 0.004), 6)
    lat = round(lat0 + rng.uniform(-0.0035, 0.0035), 6)

    services = [SERVICE_ALIASES[s] for s in src["services"].split()]
    open_sharing = "equipment-sharing" in services or rng.random() < 0.7
    contact_name, contact_py = make_person(rng)
    domain = rng.choice(("example.cn", "example.com"))

    equipment = []
    for n, key in enumerate(src["equip"].split()):
        name, model, maker, specs, value, fee, location = _catalog.EQUIPMENT[key]
        # A platform that advertises 仪器设备共享 must have something to share.
        shareable = open_sharing and (rng.random() < 0.85 or (n == 0 and "equipment-sharing" in services))
        equipment.append({
            "name": name, "model": model, "maker": maker, "specs": specs,
            "original_value": value, "location": location, "shareable": shareable,
            "fee_rule": fee if shareable else "暂不对外共享",
        })
    tests = []
    for key in src["tests"].split():
        name, standard, price, unit, days, scope = _catalog.TESTS[key]
        tests.append({"name": name, "standard": standard, "price": price, "unit": unit,
                      "turnaround_days": days, "qualification_scope": scope})
    experts = []
    for title, field in src["experts"]:
        expert_name, _ = make_person(rng)
        experts.append({"name": expert_name, "title": title, "field": field})

    return {
        "code": code,
        "name": src["name"],
        "operator": src["operator"],
        "operator_kind": src["kind"],
        "operator_credit_code": make_credit_code(src["operator"], src["entity"], src["region"]),
        "region": src["region"],
        "address": src["address"],
        "lon": lon,
        "lat": lat,
        "industries": src["industries"].split(),
        "service_types": services,
        "tier": src["tier"],
        "independent_legal_entity": src["legal"],
        "main_business": src["main"],
        "description": src["desc"],
        "contact_name": contact_name,
        "contact_phone": make_phone(rng, src["region"]),
        "contact_email": unique_email(contact_py, domain),
        "contact_public": rng.random() < 0.8,
        "open_sharing": open_sharing,
        "qualifications": make_qualifications(rng, tests, src["region"], expired),
        "equipment": equipment,
        "test_services": tests,
        "experts": experts,
    }


HEADER = """\
# PilotHub 演示数据 (DEMO DATA) — 中试平台
#
# 演示数据，仅供开发、测试与演示使用。除政策种子文件点名的平台名称和机构名称外，运营单位均为虚构；
# 所有联系人、电话、邮箱、统一社会信用代码、资质证书编号、设备原值与价格均为虚构或示意，
# 不代表任何真实机构的能力、资质或报价。联系方式为虚构（fictional contacts）。
#
# Generated by build_demo_platforms.py from _demo_*.py and _catalog.py — edit those, not this file.
# Conventions: region = GB/T 2260 code (COMMON.md list); lon/lat = WGS-84; money = integer yuan;
# tier: cultivating=培育, municipal=市级, provincial=省级, national=国家级;
# qualification numbers are stored without the CMA/CNAS prefix (kind holds it), scope lists the
# test services the certificate covers; test_services.qualification_scope "none" = no certificate;
# reference date for certificate validity in the demo: 2026-11-01.
"""


def build() -> dict:
    _USED_EMAILS.clear()
    platforms = []
    index = 0
    for prefix, sources in REGION_SOURCES:
        for n, src in enumerate(sources, start=1):
            # Every 19th platform (by global order) that holds a certificate gets one that has
            # already expired, so the demo exercises expiry warnings on a handful of platforms.
            expired = index % 19 == 7
            platforms.append(build_platform(f"{prefix}-{n:03d}", src, expired))
            index += 1
    return {
        "meta": {
            "demo": True,
            "title": "PilotHub 演示中试平台",
            "reference_date": REFERENCE_DATE.isoformat(),
            "tiers": TIER_LABELS,
        },
        "platforms": platforms,
    }


def main() -> None:
    text = yaml.safe_dump(build(), allow_unicode=True, sort_keys=False, width=100000)
    OUTPUT.write_text(HEADER + text, encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
