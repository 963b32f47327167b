"""Demo content: solutions, cases, news, innovation products and two alliances, all marked demo.

Idempotent: each item is found again by (section, title) and brought back to the text below.
Written through the real services (create → submit → publish), so demo content has the same
audit trail and sanitised HTML as real content. Innovation products and cases are linked to the
demo platforms when the platforms app has loaded some; without a platform a product is skipped.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pilothub.accounts.models import Organisation, User
from pilothub.platforms.models import Platform, PlatformStatus

from .models import AllianceMember, AllianceRole, Article, ArticleStatus, Section
from .services import alliance_member_add, article_create, article_review, article_submit

DEMO_NOTE = "（演示数据）"

# A one-page PDF with no content: a stand-in for a real test report.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")

# section, author username, title, summary, body, industry codes, wants a platform
ITEMS = [
    (Section.SOLUTION, "demo-operator", "抗体药物 50L–500L 工艺放大一站式解决方案",
     "从细胞株构建到 500L 中试批次生产，提供工艺开发、放大与质量研究。",
     "<h2>服务内容</h2><ul><li>上游细胞培养工艺放大</li><li>下游纯化工艺开发</li><li>质量研究与稳定性考察</li></ul>"
     "<p>适用于医药健康领域初创企业的临床前与临床样品制备。</p>", ["pharma-health"], False),
    (Section.SOLUTION, "demo-operator", "MEMS 传感器可靠性验证方案",
     "温度循环、湿热、振动与冲击等可靠性试验，出具 CMA 报告。",
     "<p>依托环境与可靠性实验室，提供 <strong>GB/T 2423</strong> 系列试验。</p>", [], False),
    (Section.CASE, "demo-operator", "某初创企业固态电池电芯小批量试生产案例",
     "三个月内完成 2Ah 电芯小批量试制，良率由 62% 提升到 91%。",
     "<p>企业提出需求后，平台组织工艺工程师驻场，完成涂布、叠片工艺放大。</p>"
     "<blockquote>“中试平台帮我们少走了一年弯路。”</blockquote>", [], True),
    (Section.NEWS, "demo-reviewer-hr", "怀柔区中试平台集群建设推进会召开",
     "会议部署怀柔科学城中试服务能力提升工作。",
     "<p>会议通报了怀柔区中试平台建设进展，并就若干措施（征求意见稿）听取企业意见。</p>", [], False),
    (Section.NEWS, "demo-reviewer-jx", "嘉兴市公布首批市级中试平台培育库名单",
     "围绕“135N”先进制造业集群，首批入库平台覆盖新材料、新能源等领域。",
     "<p>入库平台将按照《嘉兴市加快推进中试平台体系建设实施方案》梯度培育。</p>", [], False),
    (Section.NEWS, "demo-reviewer-zs", "中山市中试资源网络管理服务平台上线试运行",
     "平台设置中试解决方案、需求发布、典型服务案例、行业动态、政策资讯等功能模块。",
     "<p>企业可在线发布中试需求，查询仪器设备与专家团队。</p>", [], False),
    (Section.PRODUCT, "demo-operator", "高精度 MEMS 压力传感器（中试验证）",
     "经平台可靠性验证，满足工业级 -40℃～125℃ 使用要求。",
     "<p>完成 1000 次温度循环与 500 小时湿热试验，性能漂移小于 0.1%FS。</p>", [], True),
]

ALLIANCES = [
    ("demo-reviewer-bj", "京津冀区域中试产业联盟",
     "依托京津冀产业中试转化基地，联合创新平台、重点企业、高校和研究机构组建（京发改规〔2026〕1号 第8条）。",
     "<p>推动京津冀范围内应用场景示范建设和技术成果转化落地。</p>"),
    ("demo-reviewer-jx", "嘉兴中试联盟",
     "支持中试平台联合优势科研和中试力量组建中试联盟（嘉经信技装〔2025〕47号 二（三）4）。",
     "<p>推动联盟成员间仪器设备、专家与中试能力共享。</p>"),
]


def _publisher(author: User) -> User | None:
    """A reviewer (other than the author) governing the author's region publishes the item."""
    region = author.region if author.is_reviewer else author.organisation.region  # type: ignore[union-attr]
    if region is None:
        return None
    codes = [code for code in region.path.strip("/").split("/") if code]
    return (User.objects.filter(role="reviewer", region_id__in=codes, is_active=True).exclude(pk=author.pk)
            .order_by("-region__depth").first()
            or User.objects.filter(role="admin", is_active=True).order_by("pk").first())


def _publish(author: User, article: Article) -> None:
    reviewer = _publisher(author)
    if article.status != ArticleStatus.PUBLISHED and reviewer is not None:
        article_submit(article=article, user=author)
        article_review(article=article, reviewer=reviewer, publish=True, note="演示数据自动发布")


def _demo_platform(author: User) -> Platform | None:
    mine = Platform.objects.filter(status=PlatformStatus.PUBLISHED, operator_id=author.organisation_id)
    return mine.order_by("pk").first()


def load(stdout=None) -> None:
    users = {user.username: user for user in User.objects.filter(username__startswith="demo-")}
    if not users:
        if stdout is not None:
            stdout.write("  资讯：缺少演示账号，跳过 content demo skipped (no demo accounts)")
        return
    created = 0
    for section, username, title, summary, body, industries, wants_platform in ITEMS:
        author = users.get(username)
        if author is None or Article.objects.filter(section=section, title=title).exists():
            continue
        platform = _demo_platform(author) if wants_platform else None
        if section == Section.PRODUCT and platform is None:
            continue  # a product needs the platform that verified it
        report = SimpleUploadedFile("demo-report.pdf", DEMO_PDF, content_type="application/pdf") \
            if section == Section.PRODUCT else None
        article = article_create(author=author, section=section, title=title, summary=summary + DEMO_NOTE,
                                 body_html=body, industry_codes=[c for c in industries if _industry_exists(c)],
                                 platform_id=platform.pk if platform else None, test_report=report,
                                 source_name="中试通演示" if section == Section.NEWS else "", is_demo=True)
        _publish(author, article)
        created += 1
    for username, title, summary, body in ALLIANCES:
        author = users.get(username)
        if author is None or Article.objects.filter(section=Section.ALLIANCE, title=title).exists():
            continue
        alliance = article_create(author=author, section=Section.ALLIANCE, title=title, summary=summary + DEMO_NOTE,
                                  body_html=body, is_demo=True)
        _add_members(author, alliance)
        _publish(author, alliance)
        created += 1
    if stdout is not None:
        stdout.write(f"  资讯与案例 demo content: {created} new, {Article.objects.filter(is_demo=True).count()} in all "
                     f"({timezone.localdate():%Y-%m-%d})")


def _industry_exists(code: str) -> bool:
    from pilothub.platforms.models import Industry

    return Industry.objects.filter(code=code).exists()


def _add_members(author: User, alliance: Article) -> None:
    region_path = alliance.region.path
    organisations = Organisation.objects.filter(is_demo=True, region__path__startswith=region_path).order_by("pk")
    platforms = Platform.objects.filter(status=PlatformStatus.PUBLISHED, region__path__startswith=region_path,
                                        is_demo=True).order_by("pk")[:5]
    roles = iter([AllianceRole.CHAIR, AllianceRole.SECRETARIAT])
    for platform in platforms:
        alliance_member_add(alliance=alliance, user=author, role=next(roles, AllianceRole.MEMBER),
                            organisation_id=platform.operator_id, platform_id=platform.pk)
    taken = set(AllianceMember.objects.filter(alliance=alliance).values_list("organisation_id", flat=True))
    for organisation in organisations:
        if organisation.pk not in taken and organisation.kind != "government":
            alliance_member_add(alliance=alliance, user=author, role=next(roles, AllianceRole.MEMBER),
                                organisation_id=organisation.pk)
