"""A first history row ('+', now) for every existing row of the models that got history in 0005, so the
first change after the upgrade shows what it changed instead of every value."""

from django.db import migrations
from django.utils import timezone

REASON = "Historiken börjar här"
MODELS = ["AnsokanHandelse", "MalRapport", "SlutMalResultat"]


def baseline(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("insatser", name)
        history = apps.get_model("insatser", f"Historical{name}")
        columns = [f.attname for f in history._meta.concrete_fields if not f.name.startswith("history")]
        history.objects.bulk_create([
            history(**{c: getattr(obj, c) for c in columns}, history_date=now, history_type="+",
                    history_change_reason=REASON)
            for obj in model.objects.all().iterator()
        ], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("insatser", "0005_history_for_report_goals_and_events")]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
