"""The per-platform evaluation report: a server-side SVG radar chart and a PDF (WeasyPrint)."""

from __future__ import annotations

import math
from html import escape

from django.template.loader import render_to_string

from .models import EvaluationResult
from .selectors import previous_result

DIMENSION_NAMES = [("capability", "中试能力"), ("openness", "对外开放"), ("service", "服务水平"),
                   ("management", "规范管理"), ("benefit", "综合效益")]


def _point(cx: float, cy: float, radius: float, index: int, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    r = radius * max(0.0, min(value, 100.0)) / 100
    return round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1)


def radar_svg(scores: dict[str, float], previous: dict[str, float] | None = None, *, size: int = 320) -> str:
    """A five-axis radar of 0–100 dimension scores; last year's polygon dashed when given."""
    cx = cy = size / 2
    radius = size / 2 - 60
    count = len(DIMENSION_NAMES)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
             f'role="img" aria-label="五维度雷达图" class="radar">']
    for level in (20, 40, 60, 80, 100):
        ring = " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius, i, count, level) for i in range(count)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#c8d1dc" stroke-width="1"/>')
    for i, (_code, name) in enumerate(DIMENSION_NAMES):
        x, y = _point(cx, cy, radius, i, count, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="#c8d1dc" stroke-width="1"/>')
        lx, ly = _point(cx, cy, radius + 30, i, count, 100)
        parts.append(f'<text x="{lx}" y="{ly}" font-size="13" text-anchor="middle" dominant-baseline="middle">'
                     f'{escape(name)} {float(scores.get(_code, 0)):.1f}</text>')
    if previous:
        old = " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius, i, count, float(previous.get(code, 0)))
                                              for i, (code, _n) in enumerate(DIMENSION_NAMES)))
        parts.append(f'<polygon class="previous" points="{old}" fill="none" stroke="#888" stroke-dasharray="4 3" '
                     f'stroke-width="1.5"/>')
    current = " ".join(f"{x},{y}" for x, y in (_point(cx, cy, radius, i, count, float(scores.get(code, 0)))
                                              for i, (code, _n) in enumerate(DIMENSION_NAMES)))
    parts.append(f'<polygon class="current" points="{current}" fill="rgba(21,101,192,0.25)" stroke="#1565c0" '
                 f'stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def report_context(result: EvaluationResult) -> dict:
    previous = previous_result(result=result)
    rows = []
    for code, name in DIMENSION_NAMES:
        now = float(result.dimension_scores.get(code, 0))
        before = float(previous.dimension_scores.get(code, 0)) if previous else None
        rows.append({"name": name, "score": now, "previous": before,
                     "change": round(now - before, 2) if before is not None else None})
    total_change = round(float(result.total) - float(previous.total), 2) if previous else None
    return {"result": result, "previous": previous, "rows": rows, "total_change": total_change,
            "radar": radar_svg(result.dimension_scores, previous.dimension_scores if previous else None),
            "dimensions": result.trace.get("dimensions", []), "sources": result.trace.get("sources", {})}


def result_report_pdf(result: EvaluationResult) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs time the web pages do not need

    html = render_to_string("evaluation/report_pdf.html", report_context(result))
    return HTML(string=html).write_pdf()
