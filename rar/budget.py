"""Money the board has granted per year, contributed by the apps that grant it (registered in ready()).

The budget view and the insatser rule check both use `granted_per_year` and `insatsram_per_year`:
one computation of the room left for new insatser.
"""

_sources = []  # callables (years) -> {year: kronor}


def register_granted_source(func):
    if func not in _sources:
        _sources.append(func)


def granted_per_year(years) -> dict[int, int]:
    totals = {year: 0 for year in years}
    for source in _sources:
        for year, amount in source(years).items():
            totals[year] = totals.get(year, 0) + amount
    return totals
