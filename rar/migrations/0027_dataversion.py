"""The data's version (rar/dataversion.py): its tables, functions and a statement trigger on every app table."""

from django.db import migrations


def attach(apps, schema_editor):
    from rar.dataversion import attach_triggers

    attach_triggers(using=schema_editor.connection.alias)


def detach(apps, schema_editor):
    from rar.dataversion import TRIGGER, app_tables

    with schema_editor.connection.cursor() as cursor:
        for table in app_tables(cursor):
            cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
        cursor.execute("DROP TABLE IF EXISTS rar_dataversion_bump; DROP TABLE IF EXISTS rar_dataversion; "
                       "DROP FUNCTION IF EXISTS rar_dataversion_note(); DROP FUNCTION IF EXISTS rar_dataversion_raise();")


class Migration(migrations.Migration):
    dependencies = [("rar", "0026_komplettering_inkommen")]

    operations = [migrations.RunPython(attach, detach)]
