"""Chinese text processing shared by search and matching: normalisation and jieba tokens.

jieba is loaded once per process (about a second) with the domain dictionary in
data/domain_dict.txt, so terms like 抗体偶联药物, 工艺放大 or 小批量试生产 stay whole tokens.
Search mode (`cut_for_search`) also emits the shorter words inside long ones, so a query for
"放大" still finds "工艺放大".
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

DOMAIN_DICTIONARY = Path(__file__).resolve().parent / "data" / "domain_dict.txt"

_lock = threading.Lock()
_tokenizer = None
_added_terms: set[str] = set()

# Tokens that carry no meaning for search: punctuation, particles, and the words every demand uses.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 等 在 是 有 对 为 把 被 也 就 都 而 及其 以及 一个 一些 我们 我 你 您 他们 这个 那个 这 那 "
    "需要 希望 想 想要 能 能够 可以 可 请 帮 帮忙 一下 有没有 哪里 哪家 什么 怎么 如何 做 进行 提供 相关 方面 "
    "公司 企业 单位 我司 贵司 目前 现在 主要 具有 开展 服务 平台 中心 有限公司 有限 责任".split()
)
_TOKEN_RE = re.compile(r"[\w\u4e00-\u9fff]+", re.UNICODE)


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, collapsed white space."""
    return " ".join(unicodedata.normalize("NFKC", text or "").lower().split())


def _get_tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                if DOMAIN_DICTIONARY.exists():
                    tokenizer.load_userdict(str(DOMAIN_DICTIONARY))
                _tokenizer = tokenizer
    return _tokenizer


def add_terms(terms: list[str]) -> None:
    """Teach the tokenizer more whole terms (e.g. vocabulary names loaded from the database)."""
    tokenizer = _get_tokenizer()
    added = False
    for term in terms:
        term = normalise(term)
        # Pure Latin/digit terms are left out: jieba's search mode emits every dictionary bigram
        # inside a Latin word, so adding "ic" would make "plastic" yield "ic". Latin words are
        # whole tokens anyway.
        if term and " " not in term and not term.isascii() and term not in _added_terms:
            tokenizer.add_word(term, freq=20000)
            _added_terms.add(term)
            added = True
    if added:  # cached token lists may have split a term that is now whole
        tokens.cache_clear()


@lru_cache(maxsize=50_000)
def tokens(text: str) -> tuple[str, ...]:
    """Search-mode tokens of a text, normalised, without stop words and punctuation."""
    cleaned = normalise(text)
    if not cleaned:
        return ()
    result = []
    for piece in _get_tokenizer().cut_for_search(cleaned):
        piece = piece.strip()
        if not piece or piece in STOP_WORDS or not _TOKEN_RE.fullmatch(piece.replace("-", "").replace(".", "")):
            continue
        result.append(piece)
    return tuple(result)


def token_string(text: str) -> str:
    """Tokens joined by spaces: what full-text indexes (FTS5, tsvector 'simple') store."""
    return " ".join(tokens(text))
