"""`manage.py sok_personnummer`: find personnummer and samordningsnummer already stored in the database.

Every text column (char, text, json) of every table — the apps' tables, their history tables, Django's admin log
and the task queue — is searched; PostgreSQL picks the rows with six digits in a row and Python checks date and
check digit. Matches are reported masked (198501**-****) with table, column and row, never in clear. Columns
that hold hashes or secrets (passwords, the participants' reference hash, sessions) are skipped: random
characters would give false matches and they cannot be read back anyway."""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from rar.validators import find_personnummer, mask_personnummer

SKIPPED_COLUMNS = {"password", "referens_hash", "session_key", "session_data"}
TEXT_TYPES = ("varchar", "text", "jsonb", "json", "char")


def text_columns():
    """(table, primary key column, text column) for every concrete model's text columns."""
    seen = set()
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if opts.proxy or not opts.managed or opts.db_table in seen:
            continue
        seen.add(opts.db_table)
        for field in opts.concrete_fields:
            db_type = (field.db_type(connection) or "").split("(")[0]
            if db_type in TEXT_TYPES and field.column not in SKIPPED_COLUMNS:
                yield opts.db_table, opts.pk.column, field.column


def stored_personnummer():
    """(table, column, primary key column, row key, masked numbers) for every stored match."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, pk, column in text_columns():
            cursor.execute(f"SELECT {quote(pk)}, {quote(column)}::text FROM {quote(table)} "
                           f"WHERE {quote(column)}::text ~ '[0-9]{{6}}' ORDER BY 1")
            for key, value in cursor.fetchall():
                found = find_personnummer(value)
                if found:
                    yield table, column, pk, key, [mask_personnummer(match) for match in found]


class Command(BaseCommand):
    help = "Söker efter personnummer och samordningsnummer som redan finns sparade (visas maskerade)."

    def handle(self, *args, **options):
        hits = 0
        for table, column, pk, key, masked in stored_personnummer():
            hits += len(masked)
            self.stdout.write(f"{table}.{column} ({pk} {key}): {', '.join(masked)}")
        if hits:
            self.stdout.write(f"{hits} {'träff' if hits == 1 else 'träffar'}. Ta bort numren (också ur historiktabellerna) eller anonymisera raderna.")
        else:
            self.stdout.write("Inga personnummer eller samordningsnummer hittades.")
