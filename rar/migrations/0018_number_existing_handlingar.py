"""Number the documents already in the diarium: per case in the order they were uploaded (date, then id).

Their date is the day they were uploaded; their direction stays "inkommande" (every upload so far came in from
an owner or was filed by staff as received). History rows get the number of their document, so the column can
become NOT NULL in the next migration.
"""

from django.db import migrations
from django.utils import timezone


def number_documents(apps, schema_editor):
    Handling = apps.get_model("rar", "Handling")
    HistoricalHandling = apps.get_model("rar", "HistoricalHandling")
    numbers = {}
    last_case, counter = None, 0
    for handling in Handling.objects.order_by("arende_id", "uppladdad", "pk").only("pk", "arende_id", "uppladdad"):
        if handling.arende_id != last_case:
            last_case, counter = handling.arende_id, 0
        counter += 1
        handling.nummer = counter
        handling.datum = timezone.localdate(handling.uppladdad)
        handling.save(update_fields=["nummer", "datum"])
        numbers[handling.pk] = (counter, handling.datum)
    for row in HistoricalHandling.objects.filter(nummer__isnull=True).only("history_id", "id", "uppladdad"):
        # A document deleted before numbering keeps 0 in its history: it never had a number.
        row.nummer, row.datum = numbers.get(row.id, (0, timezone.localdate(row.uppladdad)))
        row.save(update_fields=["nummer", "datum"])


class Migration(migrations.Migration):

    dependencies = [
        ("rar", "0017_handling_diarium_fields"),
    ]

    operations = [
        migrations.RunPython(number_documents, migrations.RunPython.noop),
    ]
