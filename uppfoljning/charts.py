"""Geometry for the follow-up's charts, drawn as inline SVG with presentation attributes (the CSP allows no style=).

At most 640 units wide with 12-unit text, so a chart prints at full size on an A4 page (text 9 pt) and every bar
carries its value as the table beside it shows it."""

from rar.templatetags.rar_format import group_thousands

WIDTH = 640


def bar_chart(rows, width=WIDTH, bar=14, gap=8, label_width=60):
    """Horizontal bars of (label, value or None, unit) rows. The value text is formatted as the table beside the chart
    formats it; None is "–" and draws no bar."""
    top = max((value for _, value, _ in rows if value), default=0) or 1
    span = width - label_width - 110
    bars = []
    for i, (label, value, unit) in enumerate(rows):
        length = round(span * (value or 0) / top, 1)
        text = "–" if value is None else f"{group_thousands(value)}\u00a0{unit}"
        fits = int(label_width / 7.5)  # characters of 12-unit text that fit before the bars start
        label = label if len(label) <= fits else label[:fits - 1] + "…"
        bars.append({"label": label, "value": text, "y": i * (bar + gap), "text_y": i * (bar + gap) + bar - 3, "w": length,
                     "value_x": label_width + length + 6})
    return {"bars": bars, "width": width, "height": max(len(rows) * (bar + gap), bar), "bar": bar, "x": label_width}


def support_chart(rows, width=WIDTH, bar=11, label_width=290):
    """Bars for the share in each kind of support at enrolment and at end, with the per cent printed at each bar."""
    shown = [(label, before or 0, after or 0) for label, before, after, _ in rows if (before or after)]
    step = 2 * bar + 12
    scale = (width - label_width - 50) / 100
    bars = []
    for index, (label, before, after) in enumerate(shown):
        y = 24 + index * step
        bars.append({"label": label, "y": y, "before": before, "after": after, "w_before": before * scale,
                     "w_after": after * scale, "y_after": y + bar, "text_y": y + bar + 4,
                     "before_x": label_width + before * scale + 4, "after_x": label_width + after * scale + 4,
                     "before_text_y": y + bar - 2, "after_text_y": y + 2 * bar - 2})
    return {"width": width, "height": 30 + len(shown) * step, "bars": bars, "bar": bar, "x": label_width,
            "legend_x2": label_width + 130}
