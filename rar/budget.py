"""Money the board has granted per year, contributed by the apps that grant it (registered in ready()).

The budget view and the insatser rule check both use `granted_per_year` and `insatsram_per_year`:
one computation of the room left for new insatser.
"""

_sources = []  # callables (years) -> {year: kronor}
_line_sources = []  # callables (years) -> [(slag, label, {year: kronor})]
_paid_sources = []  # callables (years) -> {year: kronor}, money paid out to insatser (the frame's outcome)


def register_granted_source(func):
    if func not in _sources:
        _sources.append(func)


def _sum_sources(sources, years) -> dict[int, int]:
    totals = {year: 0 for year in years}
    for source in sources:
        for year, amount in source(years).items():
            totals[year] = totals.get(year, 0) + amount
    return totals


def granted_per_year(years) -> dict[int, int]:
    return _sum_sources(_sources, years)


def register_line_source(func):
    """Apps add computed lines to the budget view, e.g. ESF income and support from the registered projects."""
    if func not in _line_sources:
        _line_sources.append(func)


def computed_lines(years) -> list:
    lines = []
    for source in _line_sources:
        lines.extend(source(years))
    return lines


def register_paid_source(func):
    if func not in _paid_sources:
        _paid_sources.append(func)


def paid_per_year(years) -> dict[int, int]:
    return _sum_sources(_paid_sources, years)
