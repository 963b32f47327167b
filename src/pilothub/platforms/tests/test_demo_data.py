"""Validate the platform vocabularies and the demo platform data (pure Python, no Django).

Run: PYTHONPATH=src python -m pytest -p no:django src/pilothub/platforms/tests -q
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"

# GB/T 2260 codes PilotHub ships (COMMON.md). Platforms sit in districts, counties or towns.
REGIONS = {
    "110000": "北京市", "110101": "东城区", "110102": "西城区", "110105": "朝阳区", "110106": "丰台区",
    "110107": "石景山区", "110108": "海淀区", "110109": "门头沟区", "110111": "房山区", "110112": "通州区",
    "110113": "顺义区", "110114": "昌平区", "110115": "大兴区", "110116": "怀柔区", "110117": "平谷区",
    "110118": "密云区", "110119": "延庆区", "110400": "北京经济技术开发区",
    "330000": "浙江省", "330400": "嘉兴市", "330402": "南湖区", "330411": "秀洲区", "330421": "嘉善县",
    "330424": "海盐县", "330481": "海宁市", "330482": "平湖市", "330483": "桐乡市",
    "440000": "广东省", "442000": "中山市", "442000001": "石岐街道", "442000002": "东区街道",
    "442000003": "中山港街道", "442000004": "西区街道", "442000005": "南区街道",
    "442000006": "五桂山街道", "442000007": "民众街道", "442000008": "南朗街道", "442000101": "黄圃镇",
    "442000103": "东凤镇", "442000105": "古镇镇", "442000106": "沙溪镇", "442000107": "坦洲镇",
    "442000108": "港口镇", "442000109": "三角镇", "442000110": "横栏镇", "442000111": "南头镇",
    "442000112": "阜沙镇", "442000114": "三乡镇", "442000115": "板芙镇", "442000116": "大涌镇",
    "442000117": "神湾镇", "442000118": "小榄镇",
}

# Rough WGS-84 boxes (lon_min, lon_max, lat_min, lat_max), generous by a few kilometres.
CITY_BOXES = {
    "11": (115.40, 117.52, 39.43, 41.07),   # 北京市
    "3304": (120.30, 121.30, 30.35, 31.05),  # 嘉兴市
    "4420": (113.15, 113.70, 22.18, 22.78),  # 中山市
}
# Tighter boxes for the districts/counties where the demo places platforms; catches a platform
# tagged 怀柔 but drawn in 海淀.
DISTRICT_BOXES = {
    "110102": (116.30, 116.40, 39.86, 39.98), "110105": (116.35, 116.65, 39.81, 40.10),
    "110106": (116.05, 116.45, 39.77, 39.90), "110107": (116.10, 116.25, 39.88, 39.97),
    "110108": (116.05, 116.40, 39.88, 40.16), "110111": (115.42, 116.22, 39.45, 39.92),
    "110112": (116.55, 116.95, 39.60, 40.00), "110113": (116.45, 116.95, 40.00, 40.30),
    "110114": (115.95, 116.50, 40.05, 40.40), "110115": (116.20, 116.68, 39.45, 39.82),
    "110116": (116.30, 116.90, 40.25, 41.07), "110117": (116.95, 117.40, 40.00, 40.40),
    "110118": (116.70, 117.50, 40.20, 40.80), "110119": (115.70, 116.35, 40.30, 40.80),
    "110400": (116.45, 116.65, 39.70, 39.84),
    "330402": (120.70, 121.00, 30.65, 30.85), "330411": (120.55, 120.85, 30.70, 30.95),
    "330421": (120.80, 121.05, 30.80, 31.05), "330424": (120.80, 121.05, 30.38, 30.65),
    "330481": (120.35, 120.82, 30.35, 30.60), "330482": (120.95, 121.30, 30.58, 30.85),
    "330483": (120.35, 120.70, 30.50, 30.80),
}

SEED_PLATFORMS = [
    # 北京：政策解读点名
    "机械工业仪综所工业MEMS传感器中试平台",
    "中国信通院信息通信产品中试平台",
    "昭衍生物抗体和ADC药物研发中试平台",
    # 中山科发〔2025〕73号 二（一）
    "精密五金检验检测与快速成型中试平台",
    "数控机床研发中试平台",
    "智能制造系统中试平台",
    "精密光电仪器与智能装备中试平台",
    "药品创新型制剂CMC/CMO\u201c一站式\u201d服务中试平台",
    "风光氢储一体化研发中试平台",
    "先进核能概念认证中心",
    # 中山科发〔2025〕73号 二（二）
    "创新药研发及药物安全性评价中试平台",
    "大型低温核心技术及成套装备中试平台",
    "液氢综合性技术研究及试验基地",
]
SEED_OPERATORS = [
    ("创新药研发及药物安全性评价中试平台", "中科中山药物创新研究院"),
    ("大型低温核心技术及成套装备中试平台", "中山先进低温技术研究院"),
    ("液氢综合性技术研究及试验基地", "中山先进低温技术研究院"),
]
# Organisations the Zhongshan measures name as builders of pilot platforms (二（二）).
SEED_ORGANISATIONS_ZHONGSHAN = [
    "中科中山药物创新研究院", "中山先进低温技术研究院", "长春理工大学中山研究院",
    "中国检科院大湾区研究院", "中山市北京理工大学研究院", "中山市武汉理工大学先进工程技术研究院",
]

BEIJING_POLICY_TIERS = {"国际引领产业", "固本强安产业", "能级提升产业", "未来产业成长方阵"}

OPERATOR_KINDS = {"enterprise", "platform_operator", "university", "government"}
TIERS = {"cultivating", "municipal", "provincial", "national"}
REFERENCE_DATE = dt.date(2026, 11, 1)


# --------------------------------------------------------------------------- helpers
CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code_is_valid(code: str) -> bool:
    """GB 32100-2015 unified social credit code, including the embedded GB 11714 org code."""
    if not re.fullmatch(r"[1-9ANY][1-59][0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]", code):
        return False
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(code[:17], weights, strict=True))
    if CREDIT_CHARSET[(31 - total % 31) % 31] != code[17]:
        return False
    org = code[8:17]
    org_total = sum(int(c, 36) * w for c, w in zip(org[:8], [3, 7, 9, 10, 5, 8, 4, 2], strict=True))
    value = 11 - org_total % 11
    return {10: "X", 11: "0"}.get(value, str(value)) == org[8]


def test_credit_code_helper_accepts_known_good_and_rejects_tampering():
    # A well-known published code (GB 32100 examples circulate with this one) and a mutation.
    good = "91350100M000100Y43"
    assert credit_code_is_valid(good)
    assert not credit_code_is_valid(good[:-1] + "4")
    assert not credit_code_is_valid("91350100M000100Y4")  # too short
    assert not credit_code_is_valid("91350100M0001O0Y43")  # letter O is not in the charset


# libyaml's loader is ~10× faster on the 14k-line demo file; fall back to pure Python without it.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=Loader)  # SafeLoader or CSafeLoader only


@pytest.fixture(scope="module")
def industries():
    return load("industries.yaml")


@pytest.fixture(scope="module")
def services():
    return load("service_types.yaml")


@pytest.fixture(scope="module")
def demo():
    return load("demo_platforms.yaml")


@pytest.fixture(scope="module")
def platforms(demo):
    return demo["platforms"]


def city_key(region: str) -> str:
    return "11" if region.startswith("11") else region[:4]


def ancestors(code: str, parent_of: dict[str, str | None]) -> list[str]:
    chain = []
    while parent_of.get(code):
        code = parent_of[code]
        chain.append(code)
    return chain


# --------------------------------------------------------------------------- vocabularies
def test_industry_vocabulary_is_well_formed(industries):
    items = industries["industries"]
    codes = [i["code"] for i in items]
    assert len(codes) == len(set(codes))
    parent_of = {i["code"]: i.get("parent") for i in items}
    for item in items:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item["code"]), item["code"]
        assert item["name"] and item["name_en"]
        assert item.get("parent") in (None, *codes), item
        chain = ancestors(item["code"], parent_of)
        assert item["code"] not in chain and len(chain) < 5, f"cycle at {item['code']}"
    names = Counter(i["name"] for i in items)
    assert max(names.values()) == 1


def test_synonyms_map_to_exactly_one_code(industries, services):
    for items in (industries["industries"], services["service_types"]):
        owner: dict[str, str] = {}
        for item in items:
            owner[item["name"].lower()] = item["code"]
        for item in items:
            for syn in item.get("synonyms", []):
                key = str(syn).lower()
                assert owner.get(key, item["code"]) == item["code"], (syn, owner.get(key), item["code"])
                owner[key] = item["code"]


def test_seed_industries_and_user_terms_resolve(industries):
    lookup = {}
    for item in industries["industries"]:
        for term in [item["name"], *item.get("synonyms", [])]:
            lookup[str(term).lower()] = item["code"]
    expected = {
        "人工智能": "ai", "AI": "ai", "医药健康": "pharma-health", "生物医药": "pharma-health",
        "生物医药与健康": "pharma-health", "绿色低碳": "green-low-carbon",
        "机器人与智能制造": "robotics-smart-mfg", "新材料": "new-materials", "先进材料": "new-materials",
        "前沿新材料": "new-materials", "集成电路": "integrated-circuits", "IC": "integrated-circuits",
        "芯片": "integrated-circuits", "半导体": "integrated-circuits", "空天技术": "aerospace",
        "新型安全应急": "safety-emergency", "未来产业成长方阵": "future-industries",
        "新一代信息技术": "next-gen-it", "智能网联新能源汽车": "icv-nev",
        "新能源和智能网联汽车": "icv-nev", "氢能": "hydrogen", "网络安全和工业互联网":
        "cybersecurity-industrial-internet", "高端仪器设备和工业母机": "high-end-equipment",
        "机器人": "robotics", "智能装备": "intelligent-equipment", "科学仪器和传感器": "instruments-sensors",
        "纺织服装": "textile-apparel", "健康食品": "health-food", "光伏新能源": "photovoltaic",
        "合成生物": "synthetic-biology", "光电光学": "optoelectronics", "新能源": "new-energy",
        "智能制造": "smart-manufacturing", "高端制造": "high-end-manufacturing", "低空经济":
        "low-altitude-economy", "精密五金": "precision-hardware", "数控机床": "cnc-machine-tools",
        "医疗器械": "medical-devices", "核能": "nuclear-energy", "液氢": "hydrogen", "低温": "cryogenics",
    }
    for term, code in expected.items():
        assert lookup.get(term.lower()) == code, term


def test_region_groups_reference_known_codes(industries):
    codes = {i["code"] for i in industries["industries"]}
    groups = industries["region_groups"]
    assert set(groups) == {"110000", "110116", "330400", "442000"}
    for region, spec in groups.items():
        assert region in REGIONS
        group_codes = [g["code"] for g in spec["groups"]]
        assert len(group_codes) == len(set(group_codes)), region
        for group in spec["groups"]:
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", group["code"]) and group["citation"]
            for field in group["fields"]:
                assert field["label"] and field["codes"]
                assert set(field["codes"]) <= codes, field


def test_beijing_groups_carry_clause_one_policy_tiers(industries):
    groups = industries["region_groups"]["110000"]["groups"]
    tiers = {g["policy_tier"]: g for g in groups if g.get("policy_tier")}
    assert set(tiers) == BEIJING_POLICY_TIERS
    assert {f["label"] for f in tiers["国际引领产业"]["fields"]} == {"人工智能", "医药健康", "绿色低碳", "机器人与智能制造"}
    assert {f["label"] for f in tiers["固本强安产业"]["fields"]} == {"新材料", "集成电路", "空天技术", "新型安全应急"}
    assert {f["label"] for f in tiers["能级提升产业"]["fields"]} == {"新一代信息技术", "智能网联新能源汽车"}
    assert tiers["能级提升产业"]["build_form"] == "中试平台集群"
    for group in tiers.values():
        assert group["citation"] == "京发改规〔2026〕1号 第1条"
    # Each clause-1 industry appears in exactly one tier, so the engine never has to choose.
    seen = Counter(c for g in tiers.values() for f in g["fields"] for c in f["codes"])
    assert max(seen.values()) == 1


def test_jiaxing_and_zhongshan_groups_follow_the_seed_wording(industries):
    jx = {g["name"]: [f["label"] for f in g["fields"]] for g in industries["region_groups"]["330400"]["groups"]}
    assert jx == {"传统产业": ["纺织服装", "健康食品"], "新兴产业": ["前沿新材料", "集成电路", "光伏新能源"],
                  "未来产业": ["氢能", "合成生物"]}
    zs = industries["region_groups"]["442000"]["groups"][0]
    assert [f["label"] for f in zs["fields"]] == ["生物医药与健康", "光电光学", "新能源", "智能制造", "高端制造",
                                                  "先进材料", "低空经济", "人工智能和机器人"]


def test_service_types_cover_the_eight_seed_functions_plus_two(services):
    items = services["service_types"]
    names = [s["name"] for s in items]
    assert names == ["技术研发转化", "性能工艺改进", "工艺放大熟化", "产品型式试验", "产品性能测试",
                     "小批量试生产", "仪器设备共享", "设备应用验证", "检验检测", "计量测试"]
    lookup = {str(t).lower(): s["code"] for s in items for t in [s["name"], *s["synonyms"]]}
    assert lookup["中试放大"] == lookup["scale-up"] == lookup["放大"] == "scale-up"
    assert lookup["试产"] == lookup["试制"] == lookup["小试产"] == "pilot-production"
    assert lookup["检测"] == lookup["测试"] == lookup["化验"] == "inspection-testing"
    for s in items:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", s["code"]) and s["name_en"] and s["description"]


# --------------------------------------------------------------------------- demo platforms
def test_demo_file_is_marked_as_demo_data():
    head = (DATA / "demo_platforms.yaml").read_text(encoding="utf-8")[:600]
    assert "演示数据" in head and "fictional contacts" in head


def test_platform_counts_and_spread(platforms):
    assert len(platforms) >= 160
    by_city = Counter(city_key(p["region"]) for p in platforms)
    assert by_city["11"] >= 90 and by_city["3304"] >= 30 and by_city["4420"] >= 28
    by_region = Counter(p["region"] for p in platforms)
    assert by_region["110116"] >= 12
    for busy in ("110108", "110400", "110115", "110114"):
        assert by_region[busy] >= 8, busy
    assert len({r for r in by_region if r.startswith("3304")}) == 7  # every Jiaxing county
    assert len({r for r in by_region if r.startswith("4420")}) >= 20  # most Zhongshan towns


def test_beijing_spread_matches_the_interpretation(platforms, industries):
    # 解读：主要分布在医药健康、新材料和智能装备等产业领域，合计占比近7成；集聚在海淀、经开、大兴。
    parent_of = {i["code"]: i.get("parent") for i in industries["industries"]}
    beijing = [p for p in platforms if p["region"].startswith("11")]
    focus = {"pharma-health", "new-materials", "intelligent-equipment", "robotics-smart-mfg"}

    def in_focus(p):
        return any({c, *ancestors(c, parent_of)} & focus for c in p["industries"])

    share = sum(map(in_focus, beijing)) / len(beijing)
    assert 0.55 <= share <= 0.85, share
    top3 = [r for r, _ in Counter(p["region"] for p in beijing).most_common(3)]
    assert set(top3) == {"110108", "110400", "110115"}


def test_platform_identity_is_unique(platforms):
    assert len({(p["name"], p["operator"]) for p in platforms}) == len(platforms)
    assert len({p["code"] for p in platforms}) == len(platforms)
    assert len({p["description"] for p in platforms}) == len(platforms)
    assert len({p["main_business"] for p in platforms}) == len(platforms)
    assert len({p["contact_email"] for p in platforms}) == len(platforms)


def test_regions_and_coordinates(platforms):
    for p in platforms:
        assert p["region"] in REGIONS, p["name"]
        assert p["region"] not in {"110000", "330000", "330400", "440000", "442000"}, "use the district"
        lon_min, lon_max, lat_min, lat_max = CITY_BOXES[city_key(p["region"])]
        assert lon_min <= p["lon"] <= lon_max and lat_min <= p["lat"] <= lat_max, p["name"]
        if p["region"] in DISTRICT_BOXES:
            lon_min, lon_max, lat_min, lat_max = DISTRICT_BOXES[p["region"]]
            assert lon_min <= p["lon"] <= lon_max and lat_min <= p["lat"] <= lat_max, p["name"]
        town = REGIONS[p["region"]]
        city = {"11": "北京", "3304": "嘉兴", "4420": "中山"}[city_key(p["region"])]
        assert city in p["address"], p["address"]
        if p["region"].startswith(("3304", "4420")) or p["region"] != "110400":
            # Town/district name appears in the address (BDA addresses start with the zone name).
            short = town.removesuffix("街道").removesuffix("镇")
            assert short[:2] in p["address"] or p["region"] in {"442000003", "442000008"}, p["address"]


def test_codes_exist_in_vocabularies(platforms, industries, services):
    industry_codes = {i["code"] for i in industries["industries"]}
    service_codes = {s["code"] for s in services["service_types"]}
    used = set()
    for p in platforms:
        assert p["industries"] and set(p["industries"]) <= industry_codes, p["name"]
        assert len(p["industries"]) == len(set(p["industries"]))
        assert p["service_types"] and set(p["service_types"]) <= service_codes, p["name"]
        used |= set(p["industries"])
    leaves = industry_codes - {i.get("parent") for i in industries["industries"]}
    assert leaves <= used, f"leaf industries without a demo platform: {sorted(leaves - used)}"


def test_credit_codes(platforms):
    by_operator: dict[str, set[str]] = {}
    for p in platforms:
        code = p["operator_credit_code"]
        assert credit_code_is_valid(code), (p["operator"], code)
        by_operator.setdefault(p["operator"], set()).add(code)
        kind_prefix = {"enterprise": {"91"}, "platform_operator": {"91", "52", "12"},
                       "university": {"12", "52"}, "government": {"11", "12"}}[p["operator_kind"]]
        assert code[:2] in kind_prefix, (p["operator"], code)
    assert all(len(codes) == 1 for codes in by_operator.values())
    owners = Counter(next(iter(c)) for c in by_operator.values())
    assert max(owners.values()) == 1, "two operators share a credit code"


def test_seed_named_platforms_and_operators_are_present(platforms):
    names = {p["name"] for p in platforms}
    for name in SEED_PLATFORMS:
        assert name in names, name
    by_name = {p["name"]: p for p in platforms}
    for name, operator in SEED_OPERATORS:
        assert by_name[name]["operator"] == operator
    operators = {p["operator"] for p in platforms if p["region"].startswith("4420")}
    for org in SEED_ORGANISATIONS_ZHONGSHAN:
        assert org in operators, org
    for name in SEED_PLATFORMS[:3]:
        assert by_name[name]["region"].startswith("11")
    for name in SEED_PLATFORMS[3:]:
        assert by_name[name]["region"].startswith("4420")


def test_platform_fields(platforms):
    area = {"11": "010", "3304": "0573", "4420": "0760"}
    for p in platforms:
        where = p["name"]
        assert p["operator_kind"] in OPERATOR_KINDS, where
        assert p["tier"] in TIERS, where
        if p["region"].startswith("11"):
            assert p["tier"] != "provincial", f"{where}: Beijing's own level is 市级"
        assert isinstance(p["independent_legal_entity"], bool)
        assert isinstance(p["contact_public"], bool) and isinstance(p["open_sharing"], bool)
        sentences = [s for s in p["description"].split("。") if s.strip()]
        assert 3 <= len(sentences) <= 6, (where, len(sentences))
        assert 1 <= len([s for s in p["main_business"].split("。") if s.strip()]) <= 2, where
        phone = p["contact_phone"]
        assert (re.fullmatch(r"1[3-9]\d-\d{4}-\d{4}", phone)
                or re.fullmatch(area[city_key(p["region"])] + r"-\d{8}", phone)), (where, phone)
        assert re.fullmatch(r"[a-z]+[0-9]?@example\.(cn|com)", p["contact_email"]), where
        if "equipment-sharing" in p["service_types"]:
            assert p["open_sharing"] and any(e["shareable"] for e in p["equipment"]), where
        assert 2 <= len(p["contact_name"]) <= 3
        assert 2 <= len(p["equipment"]) <= 6, where
        for e in p["equipment"]:
            assert e["name"] and e["model"] and e["maker"] and e["specs"] and e["location"]
            assert isinstance(e["original_value"], int) and e["original_value"] > 0
            assert isinstance(e["shareable"], bool) and e["fee_rule"]
            if e["shareable"]:
                assert p["open_sharing"], where
        assert 1 <= len(p["test_services"]) <= 5, where
        for t in p["test_services"]:
            assert t["name"] and t["standard"] and t["unit"] in {"样品", "批次", "机时", "项"}
            assert isinstance(t["price"], int) and t["price"] > 0
            assert isinstance(t["turnaround_days"], int) and t["turnaround_days"] > 0
            assert t["qualification_scope"] in {"CMA", "CNAS", "none"}
        assert 1 <= len(p["experts"]) <= 3, where
        for x in p["experts"]:
            assert x["name"] and x["title"] and x["field"]


def test_qualifications(platforms):
    expired = valid = 0
    for p in platforms:
        scopes = {t["qualification_scope"] for t in p["test_services"]} - {"none"}
        kinds = [q["kind"] for q in p["qualifications"]]
        assert sorted(kinds) == sorted(scopes), p["name"]  # a CMA-scoped test needs a CMA certificate
        for q in p["qualifications"]:
            covered = {t["name"] for t in p["test_services"] if t["qualification_scope"] == q["kind"]}
            assert set(q["scope"].split("；")) == covered, p["name"]
            start = dt.date.fromisoformat(q["valid_from"])
            until = dt.date.fromisoformat(q["valid_until"])
            assert start < until <= dt.date(start.year + 6, start.month, start.day)
            if q["kind"] == "CMA":
                assert re.fullmatch(r"20\d{2}(11|33|44)\d{6}", q["number"]), q
            else:
                assert re.fullmatch(r"L\d{4,5}", q["number"]), q
            if until < REFERENCE_DATE:
                expired += 1
            else:
                valid += 1
    assert 3 <= expired <= 15 and valid > 10 * expired


def test_tier_mix(platforms):
    tiers = Counter(p["tier"] for p in platforms)
    assert tiers["municipal"] + tiers["cultivating"] >= 0.85 * len(platforms)
    assert 1 <= tiers["national"] <= 5 and tiers["provincial"] >= 2


def test_demo_file_matches_its_generator(demo):
    # The committed YAML must be exactly what the generator produces from the hand-written sources,
    # so nobody edits the output by hand and the sources stay the single place to change.
    spec = importlib.util.spec_from_file_location("build_demo_platforms", DATA / "build_demo_platforms.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == demo
    assert (DATA / "demo_platforms.yaml").read_text(encoding="utf-8").startswith(module.HEADER)
