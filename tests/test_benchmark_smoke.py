"""A small smoke run of the benchmark (tiny data), so `make bench` never rots."""

import pytest

from benchmarks import bench

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_generator_and_every_benchmark_measurement_run_on_tiny_data(tmp_path):
    from insatser.models import Insats
    from uppfoljning.scale import generate
    from uppfoljning.models import Deltagare

    result = generate(insatser=12, deltagare=300, ar=3, seed=7, out=open(tmp_path / "progress.txt", "w"))
    assert result["insatser"] == Insats.objects.count() > 0 and Deltagare.objects.count() == 300
    counts = bench.query_counts()
    assert counts and all(isinstance(n, int) and n > 0 for n in counts.values())
    report = bench.report_vs_sql(repeat=2)
    assert report["orm_totals"] == report["sql_totals"]
    pdf = bench.pdf_times(repeat=1)
    assert pdf["medlemsrapport"] > 0 and pdf["protokoll"] > 0
