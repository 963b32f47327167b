"""nh3 sanitising of authored HTML: XSS payloads go, the safe subset stays."""

import pytest

from pilothub.content.sanitize import clean_html, html_to_text

XSS_PAYLOADS = [
    ('<script>alert(1)</script><p>正文</p>', "<p>正文</p>"),
    ('<p onclick="alert(1)" onmouseover="alert(2)">点我</p>', "<p>点我</p>"),
    ('<img src=x onerror="alert(1)">', ""),
    ('<img src="javascript:alert(1)">', ""),
    ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
    ('<a href="JaVaScRiPt:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
    ('<a href=" javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>', '<a rel="noopener noreferrer">d</a>'),
    ('<a href="vbscript:msgbox(1)">v</a>', '<a rel="noopener noreferrer">v</a>'),
    ('<svg onload="alert(1)"><circle></circle></svg>安全', "安全"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>视频', "视频"),
    ('<style>body{display:none}</style><p style="background:url(javascript:alert(1))">样式</p>', "<p>样式</p>"),
    ('<object data="x.swf"></object><embed src="x.swf">', ""),
    ('<form action="https://evil.example"><input name="p"></form>表单', "表单"),
    ('<p><math><mi xlink:href="javascript:alert(1)">x</mi></math></p>', ""),
    ('<!-- <script>alert(1)</script> -->注释', "注释"),
    ('<p class="ql-align-center" id="x" data-x="1">属性</p>', "<p>属性</p>"),
    ('<img src="https://evil.example/track.png">', ""),
    ('<img src="//evil.example/media/a.png">', ""),
    ('<img src="/media/../../etc/passwd">', ""),
    ('<a href="/accounts/logout/">相对</a>', '<a rel="noopener noreferrer">相对</a>'),
    ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', ""),
    ('<base href="https://evil.example/">', ""),
    ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
]


@pytest.mark.parametrize(("payload", "expected"), XSS_PAYLOADS)
def test_xss_payloads_are_neutralised(payload, expected):
    cleaned = clean_html(payload)
    assert cleaned == expected
    lowered = cleaned.lower()
    for needle in ("<script", "javascript:", "onerror", "onload", "onclick", "style=", "<iframe", "<svg"):
        assert needle not in lowered


def test_safe_subset_is_kept():
    html = ('<h2>标题</h2><h3>小节</h3><h4>要点</h4><p><strong>粗</strong><em>斜</em></p>'
            '<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引用</blockquote>'
            '<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td colspan="2">值</td></tr></tbody></table>')
    assert clean_html(html) == html


def test_links_get_noopener_and_keep_allowed_schemes():
    assert clean_html('<a href="https://www.gov.cn/x?a=1&amp;b=2" target="_blank">政府网</a>') == (
        '<a href="https://www.gov.cn/x?a=1&amp;b=2" rel="noopener noreferrer">政府网</a>')
    assert clean_html('<a href="mailto:zs@example.cn">邮件</a>') == (
        '<a href="mailto:zs@example.cn" rel="noopener noreferrer">邮件</a>')


def test_images_only_from_our_media():
    assert clean_html('<img src="/media/content/a.png" alt="图">') == '<img src="/media/content/a.png" alt="图">'


def test_quill_bold_italic_and_empty_paragraphs():
    assert clean_html("<p><br></p><p><b>粗</b><i>斜</i></p><p><br></p>") == "<p><strong>粗</strong><em>斜</em></p>"


def test_cleaning_is_idempotent():
    for payload, _expected in XSS_PAYLOADS:
        once = clean_html(payload)
        assert clean_html(once) == once


def test_html_to_text():
    assert html_to_text("<h2>标题</h2><p>第一段&amp;</p><ul><li>甲</li><li>乙</li></ul>") == "标题\n第一段&\n甲\n乙"
