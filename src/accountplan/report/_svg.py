"""Small, self-contained SVG bar charts (no dependencies, every text escaped)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from decimal import Decimal

__all__ = ["bar_chart"]

_WIDTH = 480
_BAR_AREA = 150
_TOP = 20
_LABEL_HEIGHT = 34


def _x(value: Decimal | int) -> str:
    """A coordinate with at most two decimals and no exponent."""
    text = f"{Decimal(value).quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar_chart(
    bars: Sequence[tuple[str, Decimal | None, str]],
    /,
    *,
    title: str,
    maximum: Decimal | None = None,
) -> str:
    """A vertical bar chart as an inline ``<svg>`` element.

    Args:
        bars: ``(label, value, shown)`` per bar: the axis label, the value
            the bar's height is drawn from (``None`` for no bar) and the text
            written above the bar (already formatted for a locale).
        title: The chart's accessible title.
        maximum: The value of a full-height bar; by default the largest value.

    Returns:
        An ``<svg>`` element with a ``<title>``, one ``<rect>`` per bar with a
        value, and escaped labels.

    Examples:
        >>> from decimal import Decimal
        >>> svg = bar_chart([("a<b", Decimal(2), "2"), ("c", None, "")], title="T & U")
        >>> "a&lt;b" in svg and "T &amp; U" in svg and svg.count("<rect") == 1
        True
    """
    values = [v for _, v, _ in bars if v is not None and v > 0]
    top = maximum if maximum is not None and maximum > 0 else max(values, default=Decimal(1))
    count = max(len(bars), 1)
    slot = Decimal(_WIDTH) / count
    bar_width = slot * Decimal("0.7")
    height = _TOP + _BAR_AREA + _LABEL_HEIGHT
    base = _TOP + _BAR_AREA
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_WIDTH} {height}" class="chart">',
        f"<title>{html.escape(title)}</title>",
        f'<line x1="0" y1="{base}" x2="{_WIDTH}" y2="{base}" stroke="#888" stroke-width="1"/>',
    ]
    for index, (label, value, shown) in enumerate(bars):
        left = slot * index + (slot - bar_width) / 2
        middle = slot * index + slot / 2
        if value is not None and value > 0:
            size = min(Decimal(value) / top, Decimal(1)) * _BAR_AREA
            parts.append(
                f'<rect x="{_x(left)}" y="{_x(base - size)}" width="{_x(bar_width)}" '
                f'height="{_x(size)}" fill="#4a7ab5"><title>{html.escape(label)}: '
                f"{html.escape(shown)}</title></rect>"
            )
            label_y = base - size - 4
        else:
            label_y = Decimal(base - 4)
        if shown:
            parts.append(
                f'<text x="{_x(middle)}" y="{_x(label_y)}" font-size="10" '
                f'text-anchor="middle">{html.escape(shown)}</text>'
            )
        parts.append(
            f'<text x="{_x(middle)}" y="{base + 14}" font-size="10" '
            f'text-anchor="middle">{html.escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
