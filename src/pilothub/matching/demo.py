"""Demo: build the match index once while `pilothub demo-data` runs.

Without it the first 找平台 query of a fresh demo embeds every platform's passage inside that web
request (a minute or more on a small machine). Building here writes the snapshot (decision 0504)
that every later process loads in about a second.
"""

from __future__ import annotations

from .services import match_index_rebuild


def load(stdout=None) -> dict:
    stats = match_index_rebuild(embed=True)
    if stdout is not None and "skipped" not in stats:
        stdout.write(f"  匹配索引 match index: {stats['platforms']} 个平台，{stats['with_vectors']} 个有向量")
    return stats
