"""A first history row ('+', now) for every existing row of the models that got history in 0017, so the
first change after the upgrade shows what it changed instead of every value."""

from django.db import migrations
from django.utils import timezone

REASON = "Historiken börjar här"
MODELS = ["User", "Yrkande", "Votering", "Reservation"]


def baseline(apps, schema_editor):
    now = timezone.now()
    for name in MODELS:
        model = apps.get_model("rar", name)
        history = apps.get_model("rar", f"Historical{name}")
        columns = [f.attname for f in history._meta.concrete_fields if not f.name.startswith("history")]
        objects = list(model.objects.all())
        records = history.objects.bulk_create([
            history(**{c: getattr(obj, c) for c in columns}, history_date=now, history_type="+",
                    history_change_reason=REASON)
            for obj in objects
        ], batch_size=1000)
        if name == "User":
            groups = apps.get_model("rar", "HistoricalUser_groups")
            through = model.groups.through
            by_user = {}
            for row in through.objects.all():
                by_user.setdefault(row.user_id, []).append(row)
            groups.objects.bulk_create([
                groups(history_id=record.history_id, id=row.id, user_id=row.user_id, group_id=row.group_id)
                for record in records for row in by_user.get(record.id, [])
            ], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("rar", "0022_history_for_users_and_meeting_details")]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
