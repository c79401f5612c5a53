"""A grouped bar chart as inline SVG (no plotting dependency, nothing external)."""

from __future__ import annotations

from html import escape

#: Colour of each series, in order (colour-blind safe pair first).
SERIES_COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52")

_GROUP = 96  # width of one group of bars
_LEFT, _TOP, _PLOT_H, _BOTTOM = 44, 30, 180, 40


def bar_chart(
    groups: list[str],
    series: list[str],
    values: list[list[float | None]],
    intervals: list[list[tuple[float, float] | None]] | None = None,
    title: str = "",
) -> str:
    """SVG with one group per name and one bar per series; ``values[series][group]`` in 0..1.

    ``intervals`` (same shape) draws error whiskers.
    """
    n_series = max(1, len(series))
    bar = (_GROUP - 24) / n_series
    width = _LEFT + _GROUP * len(groups) + 16
    height = _TOP + _PLOT_H + _BOTTOM

    def y(v: float) -> float:
        return _TOP + _PLOT_H * (1 - max(0.0, min(1.0, v)))

    parts = [
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f'<text x="{_LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        ty = y(tick)
        parts.append(f'<line x1="{_LEFT}" x2="{width - 8}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{_LEFT - 6}" y="{ty + 4:.1f}" font-size="10" text-anchor="end">{tick:.2f}</text>')
    for g, name in enumerate(groups):
        x0 = _LEFT + g * _GROUP + 12
        for s in range(len(series)):
            value = values[s][g]
            if value is None:
                continue
            x = x0 + s * bar
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar - 2:.1f}" '
                f'height="{_TOP + _PLOT_H - y(value):.1f}" fill="{colour}">'
                f"<title>{escape(name)} {escape(series[s])}: {value:.3f}</title></rect>"
            )
            interval = intervals[s][g] if intervals else None
            if interval:
                cx = x + (bar - 2) / 2
                lo, hi = y(interval[0]), y(interval[1])
                parts.append(
                    f'<path d="M{cx:.1f},{lo:.1f}V{hi:.1f}M{cx - 3:.1f},{lo:.1f}h6M{cx - 3:.1f},{hi:.1f}h6" '
                    'stroke="#222" fill="none"/>'
                )
            parts.append(
                f'<text x="{x + (bar - 2) / 2:.1f}" y="{y(value) - 3:.1f}" font-size="9" '
                f'text-anchor="middle">{value:.2f}</text>'
            )
        parts.append(
            f'<text x="{x0 + (_GROUP - 24) / 2:.1f}" y="{_TOP + _PLOT_H + 16}" font-size="11" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    legend_y = _TOP + _PLOT_H + 32
    for s, name in enumerate(series):
        lx = _LEFT + s * 110
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        parts.append(f'<rect x="{lx}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{lx + 14}" y="{legend_y}" font-size="11">{escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
