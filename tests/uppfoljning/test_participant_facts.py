"""The member report's one participant query gives what the separate selectors give, for any span and insatser."""

import io

import pytest

from insatser.models import Insats
from uppfoljning import selectors
from uppfoljning.models import Deltagare
from uppfoljning.savings import StandardAmounts, to_work_groups, valuate, yearly_saving
from uppfoljning.scale import generate


@pytest.fixture
def data(db):
    generate(insatser=10, deltagare=400, ar=4, seed=3, out=io.StringIO())
    return sorted(Insats.objects.values_list("pk", flat=True))


def _without_empty(rows):
    return sorted((tuple(sorted(r.items())) for r in rows), key=str)


def test_the_one_query_equals_per_insats_to_work_groups_and_support(data):
    amounts = StandardAmounts()
    years = sorted({d.year for d in Deltagare.objects.values_list("inskriven", flat=True)})
    for ids in (data, data[::2], data[:1], []):
        participants = Deltagare.objects.filter(insats__in=ids)
        for first, last in ((years[0], years[-1]), (years[1], years[1]), (years[-1] + 1, years[-1] + 2)):
            facts = selectors.participant_facts(ids, first, last)
            assert facts.per_insats == selectors.per_insats(participants, first, last)
            assert facts.stod == selectors.support_before_after(participants, first, last)
            assert _without_empty(facts.work_groups) == _without_empty(to_work_groups(participants, first, last))
            by_insats = {}
            for g in to_work_groups(participants, first, last, by_insats=True):
                by_insats.setdefault(g["insats"], []).append(g)
            mine = {}
            for g in facts.work_by_insats:
                mine.setdefault(g["insats"], []).append(g)
            assert {k: yearly_saving(v, amounts) for k, v in mine.items()} == {
                k: valuate(v, amounts).ar_1 for k, v in by_insats.items()}
