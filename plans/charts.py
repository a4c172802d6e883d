"""Charts of the plan as SVG made on the server, so the PDF and the portal show the same picture.

Plain Python writing SVG text: no plotting library, no JavaScript. Every label that comes from the data
(crime heads, ranks) goes through `format_html`, which escapes it, before the SVG is marked safe. Each
chart carries a <title> and a <desc> that say in words what the picture shows, for screen readers and
for anyone reading the PDF's text.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from plans.templatetags.plan_format import format_number

# Okabe-Ito colours (told apart with colour blindness) with dash patterns for a grey print.
SERIES_STYLES = [
    ("#0072B2", "none"),
    ("#D55E00", "6 3"),
    ("#009E73", "2 2"),
    ("#CC79A7", "8 3 2 3"),
    ("#E69F00", "4 4"),
    ("#56B4E9", "1 3"),
]
TOTAL_STYLE = ("#000000", "none")
FONT = "DejaVu Sans, Arial, sans-serif"
WIDTH = 680


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`: an axis maximum."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if value <= step * power)


def spread_labels(positions, gap, lowest):
    """Label positions (y, downwards) moved apart so that no two are closer than `gap` and none is below `lowest`."""
    order = sorted(range(len(positions)), key=positions.__getitem__)
    placed = list(positions)
    for previous, current in zip(order, order[1:], strict=False):
        placed[current] = max(placed[current], placed[previous] + gap)
    bottom = lowest  # then pull the run back up where it went past the bottom
    for current in reversed(order):
        placed[current] = min(placed[current], bottom)
        bottom = placed[current] - gap
    return placed


def coordinate(value):
    return f"{value:.1f}"


def svg_document(element_id, height, title, description, body):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-labelledby="{id}-title {id}-desc" font-family="{font}" font-size="11">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=coordinate(height),
        id=element_id,
        font=FONT,
        title=title,
        desc=description,
        body=body,
    )


def line_panel(series, years, box, label_width):
    """One panel of a line chart: gridlines and axis labels, a line per series, its name at the line's end.

    `series` is a list of (name, values, (colour, dash)); `box` is (left, top, width, height) of the plot area.
    """
    left, top, width, height = box
    maximum = nice_ceiling(max((value or 0) for _name, values, _style in series for value in values))

    def x(index):
        return left + (width * index / (len(years) - 1) if len(years) > 1 else width / 2)

    def y(value):
        return top + height * (1 - value / maximum)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d0d0" stroke-width="0.6"/>'
        '<text x="{}" y="{}" text-anchor="end" fill="#333">{}</text>',
        (
            (left, coordinate(y(tick)), left + width, coordinate(y(tick)), left - 5, coordinate(y(tick) + 4),
             format_number(tick, 0))
            for tick in (maximum * step / 4 for step in range(5))
        ),
    )  # fmt: skip
    axes = format_html(
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="#333" stroke-width="0.8"/>'
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="#333" stroke-width="0.8"/>',
        l=left,
        t=top,
        b=top + height,
        r=left + width,
    )
    year_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" fill="#333">{}</text>',
        ((coordinate(x(index)), top + height + 16, year) for index, year in enumerate(years)),
    )
    lines, ends = [], []
    for name, values, (colour, dash) in series:
        points = [(index, value) for index, value in enumerate(values) if value is not None]
        path = " ".join(
            f"{'L' if position and points[position - 1][0] == index - 1 else 'M'}"
            f"{coordinate(x(index))} {coordinate(y(value))}"
            for position, (index, value) in enumerate(points)
        )
        lines.append(
            format_html(
                '<path d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{}"/>{}',
                path,
                colour,
                "2.4" if (colour, dash) == TOTAL_STYLE else "1.8",
                dash,
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="2.6" fill="{}"/>',
                    ((coordinate(x(index)), coordinate(y(value)), colour) for index, value in points),
                ),
            )
        )
        if points:
            ends.append((name, points[-1], colour))
    label_ys = spread_labels(
        [y(value) + 4 for _name, (_index, value), _colour in ends], gap=12, lowest=top + height + 4
    )
    labels = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.6"/>'
        '<text x="{}" y="{}" fill="{}">{} ({})</text>',
        (
            (coordinate(x(index) + 4), coordinate(y(value)), left + width + 10, coordinate(label_y - 4), colour,
             left + width + 12, coordinate(label_y), colour, name, format_number(value))
            for (name, (index, value), colour), label_y in zip(ends, label_ys, strict=True)
        ),
    ) if label_width else mark_safe("")  # fmt: skip
    return grid + axes + year_labels + mark_safe("".join(lines)) + labels


def crime_trend_svg(crime_table, top=5, element_id="crime-trend"):
    """Cases by year: all reported crime in one panel, the `top` heads with most cases last year in another.

    Each panel has its own scale, so the heads are not flattened under the total. `crime_table` is a
    `crime_stats.figures.CrimeTable`. Returns safe SVG markup, or "" without figures.
    """
    years = crime_table.years
    if not crime_table.rows or not years:
        return ""
    ranked = sorted(crime_table.rows, key=lambda row: -(row.cases[-1] or 0))[:top]
    heads = [(row.head.name, row.cases, SERIES_STYLES[index % len(SERIES_STYLES)]) for index, row in enumerate(ranked)]
    total = [(_("All reported crime"), crime_table.total.cases, TOTAL_STYLE)]

    height, top_margin, plot_height = 300, 30, 236
    panel_titles = format_html(
        '<text x="56" y="16" font-weight="bold" fill="#222">{}</text>'
        '<text x="262" y="16" font-weight="bold" fill="#222">{}</text>',
        _("All reported crime"),
        _("The %(count)s heads with most cases in %(year)s") % {"count": len(ranked), "year": years[-1]},
    )
    body = (
        panel_titles
        + line_panel(total, years, (56, top_margin, 140, plot_height), label_width=0)
        + line_panel(heads, years, (262, top_margin, 200, plot_height), label_width=200)
    )
    title = _("Crime trend by head, %(first)s to %(last)s") % {"first": years[0], "last": years[-1]}
    description = _("Cases reported each year, %(years)s: %(series)s.") % {
        "years": ", ".join(str(year) for year in years),
        "series": "; ".join(
            f"{name} {', '.join('-' if value is None else format_number(value) for value in values)}"
            for name, values, _style in total + heads
        ),
    }
    return svg_document(element_id, height, title, description, body)


def fill_share(present, sanctioned):
    """Present as a share of sanctioned, 0 to 1 (a rank with no sanctioned posts but officers counts as full)."""
    if sanctioned <= 0:
        return 1.0 if present > 0 else 0.0
    return min(present / sanctioned, 1.0)


def share_label(present, sanctioned):
    """'96%' (present of sanctioned, rounded), '–' for a rank with no sanctioned posts."""
    if sanctioned <= 0:
        return "–"
    return f"{round(100 * present / sanctioned)}%"


def strength_svg(strength_figures, limit=24, element_id="strength-chart"):
    """How full each rank is: one bar per rank, its whole length the rank's sanctioned posts, filled as far as present.

    Each rank has its own scale (100% = its sanctioned strength), so a rank of 6 posts reads as clearly as one
    of 1,632; the figures (present / sanctioned and the percentage) stand beside each bar. `strength_figures`
    is a `strength.figures.StrengthFigures`. With more than `limit` ranks the chart shows the `limit` ranks with
    the most sanctioned posts (the tables show them all). Returns "" without figures.
    """
    entries = strength_figures.police.entries + strength_figures.ministerial.entries
    if not entries:
        return ""
    shown = entries
    if len(entries) > limit:
        largest = {id(entry) for entry in sorted(entries, key=lambda entry: -entry.sanctioned)[:limit]}
        shown = [entry for entry in entries if id(entry) in largest]

    row_height, label_width, figures_width, top_margin = 18, 170, 150, 34
    height = top_margin + row_height * len(shown) + 6
    bar_left = label_width + 8
    bar_width = WIDTH - bar_left - figures_width
    bottom = top_margin + row_height * len(shown)

    legend = format_html(
        '<rect x="{x}" y="5" width="12" height="10" fill="#deebf7" stroke="#6b8fb3" stroke-width="0.6"/>'
        '<rect x="{x}" y="5" width="7" height="10" fill="#08519c"/>'
        '<text x="{tx}" y="14" fill="#333">{legend}</text>'
        '<text x="{fx}" y="14" fill="#333">{figures}</text>',
        x=bar_left,
        tx=bar_left + 18,
        legend=_("Present as a share of the rank's sanctioned posts"),
        fx=bar_left + bar_width + 8,
        figures=_("present / sanctioned"),
    )
    grid = format_html_join(
        "",
        '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="#c8c8c8" stroke-width="0.6"/>'
        '<text x="{x}" y="{label_y}" text-anchor="middle" font-size="9" fill="#555">{label}</text>',
        (
            {
                "x": coordinate(bar_left + bar_width * step / 4),
                "top": top_margin - 2,
                "bottom": bottom,
                "label_y": top_margin - 5,
                "label": f"{step * 25}%",
            }
            for step in range(5)
        ),
    )
    rows = format_html_join(
        "",
        '<text x="{label_x}" y="{text_y}" text-anchor="end" fill="#222">{name}</text>'
        '<rect x="{bar_left}" y="{bar_y}" width="{bar_width}" height="12" fill="#deebf7" stroke="#6b8fb3" '
        'stroke-width="0.6"/><rect x="{bar_left}" y="{bar_y}" width="{fill_width}" height="12" fill="#08519c"/>'
        '<text x="{figures_x}" y="{text_y}" fill="#222">{present} / {sanctioned} ({percent})</text>',
        (
            {
                "label_x": label_width,
                "text_y": coordinate(top_margin + row_height * index + 11),
                "name": entry.rank.name,
                "bar_left": bar_left,
                "bar_y": coordinate(top_margin + row_height * index + 2),
                "bar_width": bar_width,
                "fill_width": coordinate(bar_width * fill_share(entry.present, entry.sanctioned)),
                "figures_x": bar_left + bar_width + 8,
                "present": format_number(entry.present),
                "sanctioned": format_number(entry.sanctioned),
                "percent": share_label(entry.present, entry.sanctioned),
            }
            for index, entry in enumerate(shown)
        ),
    )
    title = _("Strength: present against sanctioned posts by rank")
    description = "; ".join(
        _("%(rank)s %(present)s present of %(sanctioned)s sanctioned")
        % {
            "rank": entry.rank.name,
            "present": format_number(entry.present),
            "sanctioned": format_number(entry.sanctioned),
        }
        for entry in shown
    )
    if len(shown) < len(entries):
        shown_note = _("The %(shown)s of %(all)s ranks with the most sanctioned posts.")
        description = f"{shown_note % {'shown': len(shown), 'all': len(entries)}} {description}"
    return svg_document(element_id, height, title, description, legend + grid + rows)
