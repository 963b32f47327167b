"""Demo demands, quotes and 揭榜挂帅 challenges (idempotent; password `pilothub-demo`).

Demo enterprises in 北京/怀柔/嘉兴/中山 publish about thirty demands through the real services (so the
audit trail is real). Quotes come from published platforms that exist (the registry demo loads
first); with no platforms there are simply no quotes. Vocabulary is looked up by name and left
empty when the registry's vocabulary is absent.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from pilothub.accounts.demo import DEMO_PASSWORD, demo_credit_code
from pilothub.accounts.models import Organisation, OrganisationKind, OrganisationStatus, Role, User
from pilothub.platforms.models import Industry, Platform, PlatformStatus, ServiceType

from .models import Challenge, ChallengeRegionPolicy, ChallengeStatus, Demand, Quote
from .services import (
    application_submit,
    challenge_close_applications,
    challenge_post,
    challenge_publish_result,
    challenge_score,
    demand_publish,
    milestone_add,
    milestone_confirm,
    milestone_submit,
    quote_create,
)

ENTERPRISES = [
    # username, organisation, region, body code
    ("demo-enterprise-bj", "北京中关村智能装备科技有限公司", "110108", "MA01DEM11"),
    ("demo-enterprise-hr", "北京怀柔生物医药研发有限公司", "110116", "MA01DEM12"),
    ("demo-enterprise-jx", "嘉兴南湖新材料科技有限公司", "330402", "MA01DEM13"),
    ("demo-enterprise-zs", "中山小榄智能家电制造有限公司", "442000118", "MA01DEM14"),
]

# title, text, industry names, service type names, budget (min, max), days to deadline, preference
DEMANDS = [
    ("demo-enterprise", "MEMS 压力传感器晶圆级封装中试", "8 英寸 MEMS 压力传感器需晶圆级封装 200 片，验证良率与气密性。", "MEMS", ["工艺放大熟化", "小批量试生产"], (300_000, 800_000), 45, "110000"),
    ("demo-enterprise", "传感器高低温循环与振动可靠性试验", "车规级温压传感器需做 -40~125℃ 温度循环 1000 次和随机振动试验，出具 CNAS 报告。", "集成电路", ["检验检测"], (50_000, 150_000), 30, None),
    ("demo-enterprise", "柔性应变传感器印刷工艺放大", "实验室丝网印刷工艺需放大到卷对卷中试线，目标幅宽 300 mm。", "新材料", ["工艺放大熟化"], (200_000, 500_000), 60, "110116"),
    ("demo-enterprise", "传感器 ASIC 芯片流片后测试服务", "需要 CP/FT 测试方案开发与 5000 颗芯片测试。", "集成电路", ["检验检测", "技术研发转化"], None, 25, None),
    ("demo-enterprise-bj", "协作机器人关节模组寿命测试", "关节模组需 2 万小时等效寿命加速试验，含扭矩波动测量。", "智能制造", ["检验检测"], (100_000, 300_000), 40, "110000"),
    ("demo-enterprise-bj", "工业视觉检测算法现场验证", "在真实产线验证缺陷检测算法，节拍 ≤ 1 秒/件。", "人工智能", ["产品性能测试"], (80_000, 200_000), 35, None),
    ("demo-enterprise-bj", "减速器齿轮热处理工艺优化", "RV 减速器摆线轮渗碳淬火变形控制，需工艺放大验证。", "智能制造", ["工艺放大熟化"], (150_000, 400_000), 50, None),
    ("demo-enterprise-bj", "具身智能机器人样机小批量试制", "双臂机器人样机 20 台小批量试制，含整机装配与调试。", "人工智能", ["小批量试生产"], (1_000_000, 3_000_000), 90, "110000"),
    ("demo-enterprise-bj", "伺服驱动器 EMC 预测试", "伺服驱动器需传导/辐射骚扰预测试及整改建议。", "智能制造", ["检验检测"], (20_000, 60_000), 20, None),
    ("demo-enterprise-hr", "单抗药物 200L 细胞培养工艺放大", "CHO 细胞表达单抗从 50L 放大到 200L，需 GMP 条件中试车间。", "医药健康", ["工艺放大熟化"], (2_000_000, 5_000_000), 75, "110000"),
    ("demo-enterprise-hr", "创新药制剂稳定性考察", "口服固体制剂加速和长期稳定性试验，按 ICH Q1A 执行。", "医药健康", ["检验检测"], (150_000, 400_000), 40, None),
    ("demo-enterprise-hr", "mRNA 脂质纳米粒制剂工艺开发", "LNP 包封工艺从微流控放大到中试规模，包封率 ≥ 90%。", "医药健康", ["技术研发转化", "工艺放大熟化"], (800_000, 2_000_000), 80, "110116"),
    ("demo-enterprise-hr", "医疗器械生物相容性评价", "二类有源器件按 GB/T 16886 做细胞毒性、致敏、刺激试验。", "医药健康", ["检验检测"], (60_000, 120_000), 30, None),
    ("demo-enterprise-hr", "药物安全性评价（大鼠 28 天重复给药）", "需 GLP 条件下完成 28 天重复给药毒性试验。", "医药健康", ["检验检测"], (500_000, 900_000), 60, None),
    ("demo-enterprise-hr", "体外诊断试剂小批量试生产", "化学发光试剂盒 3 批次小批量试生产与批间差验证。", "医药健康", ["小批量试生产"], (300_000, 600_000), 55, "110000"),
    ("demo-enterprise-jx", "光伏胶膜配方中试与老化验证", "POE 胶膜新配方需中试挤出线试产和双 85 老化 3000 小时。", "光伏", ["工艺放大熟化", "检验检测"], (300_000, 700_000), 50, "330400"),
    ("demo-enterprise-jx", "碳纤维复合材料构件成型验证", "无人机机臂碳纤维构件 RTM 成型工艺验证，批量 100 件。", "新材料", ["小批量试生产"], (200_000, 500_000), 45, None),
    ("demo-enterprise-jx", "氢燃料电池双极板涂层测试", "金属双极板涂层接触电阻与耐腐蚀测试。", "新能源", ["检验检测"], (80_000, 200_000), 30, "330000"),
    ("demo-enterprise-jx", "锂电池隔膜陶瓷涂覆工艺放大", "陶瓷涂覆隔膜从实验室涂布放大到 1 米幅宽中试线。", "新能源", ["工艺放大熟化"], (500_000, 1_200_000), 70, "330400"),
    ("demo-enterprise-jx", "高分子材料阻燃性能检测", "改性 PC 材料 UL94 V-0 及灼热丝试验。", "新材料", ["检验检测"], (10_000, 40_000), 15, None),
    ("demo-enterprise-jx", "新型显示面板用光学膜试产", "增亮膜涂布试产 5000 平方米并做光学性能测试。", "新一代信息技术", ["小批量试生产"], (400_000, 900_000), 65, "330400"),
    ("demo-enterprise-jx", "纺织新材料功能性测试", "抗菌、吸湿速干面料性能检测，出具 CMA 报告。", "新材料", ["检验检测"], (15_000, 50_000), 20, None),
    ("demo-enterprise-zs", "智能家电控制板可靠性验证", "家电主控板需高温高湿、冷热冲击和 ESD 测试。", "智能家电", ["检验检测"], (50_000, 150_000), 30, "442000"),
    ("demo-enterprise-zs", "厨电产品噪声与能效测试", "油烟机噪声、风量和能效等级测试。", "智能制造", ["检验检测"], (20_000, 60_000), 20, "442000"),
    ("demo-enterprise-zs", "灯具光生物安全与光度测试", "LED 灯具光生物安全、配光曲线测试（古镇灯饰）。", "新一代信息技术", ["检验检测"], (10_000, 30_000), 15, "442000105"),
    ("demo-enterprise-zs", "小家电外壳注塑模具试模", "新款电饭煲外壳模具试模及 500 件小批量试产。", "智能制造", ["小批量试生产"], (100_000, 250_000), 35, "442000"),
    ("demo-enterprise-zs", "液氢储罐低温绝热性能验证", "小型液氢储罐蒸发率与绝热性能中试验证。", "氢能", ["产品性能测试", "检验检测"], (800_000, 2_000_000), 90, "442000"),
    ("demo-enterprise-zs", "健康家电抗菌功能验证", "空气净化器除菌率第三方验证。", "医药健康", ["检验检测"], (30_000, 80_000), 25, None),
    ("demo-enterprise-zs", "家电用无刷电机工艺放大", "无刷直流电机绕线与装配工艺从样机放大到中试线。", "智能制造", ["工艺放大熟化"], (300_000, 600_000), 60, "440000"),
    ("demo-enterprise-zs", "智能门锁场景应用验证", "在 3 个社区进行智能门锁 6 个月真实场景验证。", "人工智能", ["产品性能测试"], (100_000, 200_000), 40, None),
]

CHALLENGES = [
    # reviewer, region, title, task, indicators, bounty
    ("demo-reviewer-bj", "110000", "中试验证用高端科学仪器国产化攻关", "研制可用于中试验证的高分辨质谱仪核心部件并完成应用验证。",
     ["质量分辨率 ≥ 100000", "连续运行 ≥ 2000 小时"], 5_000_000),
    ("demo-reviewer-hr", "110116", "怀柔科学城大科学装置成果中试转化", "依托大科学装置成果，完成一项新材料工艺的中试放大。",
     ["中试批次 ≥ 3", "良率 ≥ 90%"], 2_000_000),
    ("demo-reviewer-jx", "330400", "嘉兴光伏新材料共性技术中试攻关", "突破光伏封装胶膜抗 PID 共性技术并完成中试验证。",
     ["双 85 老化 3000 小时功率衰减 ≤ 3%", "形成中试生产线 1 条"], 3_000_000),
    ("demo-reviewer-zs", "442000", "中山智能家电芯片国产替代中试验证", "完成家电主控芯片国产替代方案的中试验证与整机可靠性测试。",
     ["整机可靠性测试通过", "成本下降 ≥ 15%"], 1_500_000),
]
RUBRIC = [{"name": "技术方案", "weight": 40}, {"name": "团队能力", "weight": 30}, {"name": "实施计划", "weight": 20},
          {"name": "经费合理性", "weight": 10}]
COMPLETED_TITLE = "中山液氢阀门低温密封中试验证（已完成）"


def _by_name(model, names):
    return [obj for name in names if (obj := model.objects.filter(name=name).first()) is not None]


def _enterprise_users() -> dict[str, User]:
    users = {"demo-enterprise": User.objects.get(username="demo-enterprise")}
    for username, name, region_code, body in ENTERPRISES:
        organisation, _ = Organisation.objects.update_or_create(
            credit_code=demo_credit_code(region_code, body),
            defaults={"name": name, "kind": OrganisationKind.ENTERPRISE, "region_id": region_code, "is_sme": True,
                      "status": OrganisationStatus.APPROVED, "is_demo": True, "legal_representative": "演示法人"})
        user = User.objects.filter(username=username).first() or User(username=username)
        user.role, user.organisation, user.display_name = Role.ENTERPRISE, organisation, f"{name[:6]}（演示）"
        user.email = f"{username}@example.cn"
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[username] = user
    return users


def _operator_for(platform: Platform) -> User | None:
    return User.objects.filter(organisation_id=platform.operator_id, role=Role.OPERATOR, is_active=True).first()


def load(stdout=None) -> None:
    users = _enterprise_users()
    today = timezone.localdate()
    created = []
    for username, title, text, industry, service_types, budget, days, preference in DEMANDS:
        user = users[username]
        if Demand.objects.filter(enterprise=user.organisation, title=title).exists():
            continue
        industries = _by_name(Industry, [industry])
        created.append(demand_publish(
            actor=user, title=title, text=text, deadline=today + datetime.timedelta(days=days),
            industry_code=industries[0].pk if industries else None,
            service_type_codes=[st.pk for st in _by_name(ServiceType, service_types)],
            budget_min=budget[0] if budget else None, budget_max=budget[1] if budget else None,
            region_preference_code=preference, is_demo=True))
    platforms = [p for p in Platform.objects.filter(status=PlatformStatus.PUBLISHED).order_by("pk")[:6]
                 if _operator_for(p) is not None]
    quotes = 0
    if platforms and not Quote.objects.filter(demand__is_demo=True).exists():
        for index, demand in enumerate(Demand.objects.filter(is_demo=True).order_by("pk")[:8]):
            platform = platforms[index % len(platforms)]
            operator = _operator_for(platform)
            if operator is None or operator.organisation_id == demand.enterprise_id:
                continue
            base = demand.budget_min or 50_000
            quote_create(demand=demand, platform=platform, actor=operator, price=base + 10_000 * (index + 1),
                         duration_days=20 + 5 * index, conditions="演示报价：含检测报告与一次复测。")
            quotes += 1
    _load_challenges(users)
    if stdout is not None:
        stdout.write(f"  需求 demands: +{len(created)}，报价 quotes: +{quotes}（平台 platforms: {len(platforms)}）")


def _load_challenges(users: dict[str, User]) -> None:
    today = timezone.localdate()
    # 中山 lets lead enterprises post challenges (demo setting); other regions keep the default (government only).
    ChallengeRegionPolicy.objects.update_or_create(
        region_id="442000", defaults={"allow_enterprise_posting": True, "note": "演示设置：允许龙头企业发榜"})
    for reviewer_name, region_code, title, task, indicators, bounty in CHALLENGES:
        if Challenge.objects.filter(region_id=region_code, title=title).exists():
            continue
        challenge_post(actor=User.objects.get(username=reviewer_name), region_code=region_code, title=title,
                       task=task, indicators=indicators, bounty=bounty, deadline=today + datetime.timedelta(days=60),
                       eligibility="在本地区注册、具备相关研发和中试条件的企业、高校院所或平台。", rubric=RUBRIC,
                       is_demo=True)
    if Challenge.objects.filter(title=COMPLETED_TITLE).exists():
        return
    reviewer = User.objects.get(username="demo-reviewer-zs")
    challenge = challenge_post(
        actor=reviewer, region_code="442000", title=COMPLETED_TITLE, task="完成液氢用低温截止阀密封结构的中试验证。",
        indicators=["-253℃ 下泄漏率 ≤ 1×10⁻⁶ Pa·m³/s", "开关循环 ≥ 1000 次"], bounty=1_000_000,
        deadline=today, eligibility="中山市内企业或平台", rubric=RUBRIC, is_demo=True)
    winner = application_submit(challenge=challenge, actor=users["demo-enterprise-zs"], team_name="小榄低温阀门攻关组",
                                proposal="采用金属 C 形密封环 + 波纹管双密封结构，分三阶段验证。")
    runner_up = application_submit(challenge=challenge, actor=users["demo-enterprise-jx"], team_name="南湖密封材料团队",
                                   proposal="采用改性 PCTFE 密封材料，配合低温预紧结构。")
    challenge_close_applications(challenge=challenge, actor=reviewer)
    challenge_score(application=winner, actor=reviewer,
                    scores={"技术方案": 90, "团队能力": 85, "实施计划": 88, "经费合理性": 80}, comment="方案成熟")
    challenge_score(application=runner_up, actor=reviewer,
                    scores={"技术方案": 80, "团队能力": 78, "实施计划": 75, "经费合理性": 85}, comment="材料路线可行")
    challenge = challenge_publish_result(challenge=challenge, actor=reviewer)
    winner_user = users["demo-enterprise-zs"]
    for title, evidence in (("密封结构样件完成", "样件装配记录与尺寸检测报告"),
                            ("低温泄漏率测试通过", "第三方低温泄漏检测报告（演示）")):
        milestone = milestone_add(challenge=challenge, actor=winner_user, title=title, due_date=today)
        milestone_submit(milestone=milestone, actor=winner_user, evidence=evidence)
        milestone_confirm(milestone=milestone, actor=reviewer)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.COMPLETED
