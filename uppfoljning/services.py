"""Writes for participants: one row by form, or a whole CSV file in one transaction (all or nothing)."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rar import history
from rar.errors import DomainError, NotAllowed
from rar.validators import contains_personnummer
from uppfoljning import permissions
from uppfoljning.kategorier import Aldersband, Forsorjning, Kon, Utfall
from uppfoljning.models import Deltagare, DeltagarVisning, reference_hash

COLUMNS = ["referens", "kon", "aldersband", "inskriven", "avslutad", "forsorjning_start", "forsorjning_slut", "utfall", "plan_efter"]
MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
FIRST_MONTH = datetime.date(2000, 1, 1)


@dataclass
class ImportErrors(DomainError):
    """The file was refused as a whole. errors: (row number as in a spreadsheet, Swedish reason)."""

    errors: list

    def __post_init__(self):
        super().__init__(f"Filen importerades inte: {len(self.errors)} fel. Inget har sparats.")


def _choice(enum, value, label):
    text = (value or "").strip().lower()
    for code, name in enum.choices:
        if text in (code.lower(), str(name).lower()):
            return code
    if enum is Kon and text in ("k", "m"):
        return {"k": Kon.KVINNA, "m": Kon.MAN}[text]
    raise ValueError(f"okänt värde för {label}: ”{value}”")


def _month(value, label, required=True):
    text = (value or "").strip()
    if not text:
        if required:
            raise ValueError(f"{label} saknas")
        return None
    try:
        return datetime.datetime.strptime(text[:7], "%Y-%m").date()
    except ValueError:
        raise ValueError(f"{label} ska anges som ÅÅÅÅ-MM, inte ”{text}”") from None


def _bool(value):
    text = (value or "").strip().lower()
    if text in ("", "-"):
        return None
    if text in ("ja", "j", "1", "true"):
        return True
    if text in ("nej", "n", "0", "false"):
        return False
    raise ValueError(f"plan efter insatsen ska vara ja eller nej, inte ”{value}”")


def _month_text(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def _refuse_personnummer(row: dict) -> None:
    """A cell with a personnummer or samordningsnummer refuses the row; the message names the column, never the number."""
    for column, value in row.items():
        if isinstance(value, str) and contains_personnummer(value):
            if column == "referens":
                raise ValueError("referensen liknar ett personnummer eller samordningsnummer; använd en egen löpande referens")
            raise ValueError(f"kolumnen {column} innehåller något som liknar ett personnummer")


def _check_months(values: dict, today: datetime.date, insats) -> None:
    """Months from 2000 on and not in the future, exit not before enrolment, enrolment inside the insats's period
    and exit at most PARTICIPANT_EXIT_GRACE_MONTHS after its last month."""
    enrolled, ended = values["inskriven"], values["avslutad"]
    if enrolled < FIRST_MONTH:
        raise ValueError("inskrivningsmånaden ska vara januari 2000 eller senare")
    if enrolled > today:
        raise ValueError("inskrivningsmånaden ligger i framtiden")
    if ended is not None:
        if ended < FIRST_MONTH:
            raise ValueError("avslutsmånaden ska vara januari 2000 eller senare")
        if ended < enrolled:
            raise ValueError("avslutsmånaden ligger före inskrivningsmånaden")
        if ended > today:
            raise ValueError("avslutsmånaden ligger i framtiden")
    first, last = insats.period_start.replace(day=1), insats.period_slut.replace(day=1)
    if enrolled < first:
        raise ValueError(f"inskrivningsmånaden {_month_text(enrolled)} ligger före insatsens start ({_month_text(first)})")
    if enrolled > last:
        raise ValueError(f"inskrivningsmånaden {_month_text(enrolled)} ligger efter insatsens slut ({_month_text(last)})")
    grace = settings.PARTICIPANT_EXIT_GRACE_MONTHS
    if ended is not None and ended > _add_months(last, grace):
        after = f"mer än {grace} {'månad' if grace == 1 else 'månader'} efter" if grace else "efter"
        raise ValueError(f"avslutsmånaden {_month_text(ended)} ligger {after} insatsens slut ({_month_text(last)})")


def parse_row(row: dict, *, today: datetime.date, insats) -> dict:
    """One participant's values from text, or ValueError with a Swedish reason that never repeats a personnummer."""
    _refuse_personnummer(row)
    reference = (row.get("referens") or "").strip()
    if not reference:
        raise ValueError("referens saknas")
    if len(reference) > 100:
        raise ValueError("referensen är längre än 100 tecken")
    values = {
        "referens": reference,
        "kon": _choice(Kon, row.get("kon"), "kön"),
        "aldersband": _choice(Aldersband, row.get("aldersband"), "åldersgrupp"),
        "inskriven": _month(row.get("inskriven"), "inskrivningsmånad"),
        "avslutad": _month(row.get("avslutad"), "avslutsmånad", required=False),
        "forsorjning_start": _choice(Forsorjning, row.get("forsorjning_start"), "försörjning vid inskrivning"),
        "forsorjning_slut": "", "utfall": "", "plan_efter": _bool(row.get("plan_efter")),
    }
    _check_months(values, today, insats)
    if values["avslutad"] is not None:
        values["utfall"] = _choice(Utfall, row.get("utfall"), "utfall")
        values["forsorjning_slut"] = _choice(Forsorjning, row.get("forsorjning_slut") or "saknas", "försörjning vid avslut")
    elif (row.get("utfall") or "").strip() or (row.get("forsorjning_slut") or "").strip():
        raise ValueError("utfall och försörjning vid avslut anges bara för avslutade deltagare")
    return values


def _store(insats, values, user):
    """Save one participant (new, or changed values of the same reference) with the user in its history."""
    fields = {k: v for k, v in values.items() if k != "referens"}
    key = reference_hash(insats.pk, values["referens"])
    row = Deltagare.objects.select_for_update().filter(insats=insats, referens_hash=key).first()
    created = row is None
    if created:
        row = Deltagare(insats=insats, referens_hash=key)
    elif all(getattr(row, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(row, name, value)
    row.andrad = timezone.now()
    row._history_user = user
    row.save()
    return created


def deltagare_save(*, insats, user, values: dict) -> bool:
    """Save one participant entered by form (values as text, like a CSV row). Returns True if created."""
    if not permissions.can_handle_participants(user, insats):
        raise NotAllowed("Du kan bara registrera deltagare i din egen organisations insatser.")
    try:
        parsed = parse_row(values, today=timezone.localdate(), insats=insats)
    except ValueError as error:
        raise DomainError(str(error).capitalize() + ".") from error
    with transaction.atomic():
        return _store(insats, parsed, user)


def _csv_rows(reader):
    """The reader's rows; a file the csv module cannot parse is refused in Swedish, not with a 500."""
    try:
        yield from reader
    except csv.Error as error:
        raise DomainError(f"Filen kunde inte läsas som CSV ({error}).") from None


def deltagare_import_csv(*, insats, user, upload) -> dict:
    """Import a CSV file of participants. Any invalid row refuses the whole file (ImportErrors with row
    numbers); a valid file is saved in one transaction, and references already imported are updated."""
    if not permissions.can_handle_participants(user, insats):
        raise NotAllowed("Du kan bara registrera deltagare i din egen organisations insatser.")
    if upload.size > MAX_BYTES:
        raise DomainError("Filen är för stor (högst 5 MB).")
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("Filen ska vara en CSV-fil i UTF-8 (spara som ”CSV UTF-8” i Excel).") from None
    if "\x00" in text:
        raise DomainError("Filen ser inte ut att vara en CSV-fil.")
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # Universal newlines: a file saved with lone CR line endings (old Mac Excel) reads like any other.
    reader = csv.DictReader(io.StringIO(text, newline=None), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise DomainError(f"Filen kunde inte läsas som CSV ({error}).") from None
    missing = [c for c in ("referens", "kon", "aldersband", "inskriven", "forsorjning_start") if c not in header]
    unknown = [c for c in header if c not in COLUMNS and not contains_personnummer(c)]
    errors = []
    if any(contains_personnummer(c) for c in header):
        errors.append((1, "rubrikraden innehåller något som liknar ett personnummer"))
    if missing:
        errors.append((1, f"kolumner saknas: {', '.join(missing)}"))
    if unknown:
        errors.append((1, f"okända kolumner (inga fritextfält tillåts): {', '.join(unknown)}"))
    if errors:
        raise ImportErrors(errors)
    reader.fieldnames = header
    today = timezone.localdate()
    parsed, seen = [], {}
    for number, row in enumerate(_csv_rows(reader), start=2):
        if number - 1 > MAX_ROWS:
            raise ImportErrors([(number, f"filen har fler än {MAX_ROWS} rader")])
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        if None in row:
            errors.append((number, "raden har fler fält än rubrikraden"))
            continue
        try:
            values = parse_row(row, today=today, insats=insats)
        except ValueError as error:
            errors.append((number, str(error)))
            continue
        if values["referens"] in seen:
            errors.append((number, f"samma referens som rad {seen[values['referens']]}"))
            continue
        seen[values["referens"]] = number
        parsed.append(values)
    if errors:
        raise ImportErrors(errors)
    if not parsed:
        raise DomainError("Filen innehåller inga deltagare.")
    by_hash = {reference_hash(insats.pk, values.pop("referens")): values for values in parsed}
    now = timezone.now()
    with transaction.atomic():
        existing = {d.referens_hash: d for d in Deltagare.objects.select_for_update().filter(
            insats=insats, referens_hash__in=list(by_hash))}
        new = [Deltagare(insats=insats, referens_hash=h, andrad=now, **values) for h, values in by_hash.items() if h not in existing]
        changed = []
        for h, row in existing.items():
            if any(getattr(row, name) != value for name, value in by_hash[h].items()):
                for name, value in by_hash[h].items():
                    setattr(row, name, value)
                row.andrad = now
                changed.append(row)
        # One history row per new or changed participant, with the importing user; unchanged rows are left alone.
        history.bulk_create(Deltagare, new, user=user, batch_size=2000)
        history.bulk_update(Deltagare, changed, [*UPDATABLE, "andrad"], user=user, batch_size=2000)
    return {"nya": len(new), "uppdaterade": len(existing)}


UPDATABLE = ["kon", "aldersband", "inskriven", "avslutad", "forsorjning_start", "forsorjning_slut", "utfall", "plan_efter"]


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    """Insatser that ended before this day are past the retention time."""
    return datetime.date(today.year - years, 1, 1)


def deltagare_gallra(*, today: datetime.date, years: int, dry_run: bool = False) -> dict:
    """Remove participant rows, their history rows and the view log of insatser that ended before the cut-off.

    One transaction: either everything past the rule is removed or nothing is. The rows go with
    QuerySet.delete(), not one by one: the point of retention is that no trace of them stays, so the
    deletion rows django-simple-history writes are removed with the rest of their history.
    """

    cutoff = retention_cutoff(today, years)
    rows = Deltagare.objects.filter(insats__period_slut__lt=cutoff)
    trail = Deltagare.history.model.objects.filter(insats__period_slut__lt=cutoff)
    views = DeltagarVisning.objects.filter(insats__period_slut__lt=cutoff)
    counts = {"deltagare": rows.count(), "historik": trail.count(), "visningar": views.count(), "fore": cutoff}
    if not dry_run:
        with transaction.atomic():
            rows.delete()
            trail.delete()  # after the rows: their deletion writes one more history row each
            views.delete()
    return counts


# The access log's insert, in one statement that also sets `synchronous_commit = off` for its own transaction (a
# statement outside a transaction block is one): PostgreSQL then answers before the WAL reaches the disk. Every
# look at a participant list writes a row, and waiting for that flush was the participant page's longest waits
# under load (p95 at 20 clients 177 ms against 116 ms without it). What a crash of the database server can lose
# is the last fraction of a second of view records (up to three times wal_writer_delay), never anything else:
# only this statement's transaction commits asynchronously, and the database stays consistent.
_LOG_VIEW_ASYNC = (
    f"INSERT INTO {DeltagarVisning._meta.db_table} (insats_id, anvandare_id, tid) "
    "SELECT %s, %s, %s FROM (SELECT set_config('synchronous_commit', 'off', true)) AS this_transaction_only"
)


def deltagare_visning_log(*, insats, user) -> None:
    """Log that the user looked at the insats's participant rows (the access log the law asks for; it is itself a
    log, only appended to, and has no history of its own: rar.history.UNTRACKED)."""
    if connection.in_atomic_block:  # a caller's transaction: the setting would reach its other writes too
        DeltagarVisning.objects.create(insats=insats, anvandare=user)
        return
    with connection.cursor() as cursor:
        cursor.execute(_LOG_VIEW_ASYNC, [insats.pk, user.pk, timezone.now()])
