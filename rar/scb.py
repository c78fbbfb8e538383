"""Population aged 16–64 per municipality and year, read from the CSV that SCB's statistical database exports
(table "Folkmängden efter region, ålder och år", one row per region and one-year age, years as columns or in a
column of their own). Municipality codes are matched to the members; ages 16–64 are summed."""

import csv
import io
import re
from dataclasses import dataclass, field

from rar.errors import DomainError

AGES = range(16, 65)
REGION = re.compile(r"^\s*(\d{4})\s+(.+?)\s*$")
AGE = re.compile(r"^\s*(\d+)\+?\s*(år)?\s*$", re.IGNORECASE)
YEAR = re.compile(r"^\s*(\d{4})\b")


@dataclass
class RegionYear:
    kod: str
    namn: str
    ar: int
    antal: int = 0
    aldrar: set = field(default_factory=set)  # the one-year ages 16–64 the file gave

    @property
    def saknade_aldrar(self) -> list:
        return [age for age in AGES if age not in self.aldrar]


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # SCB's older exports are Windows-1252
    except UnicodeDecodeError:
        raise DomainError("Filen är varken UTF-8 eller Windows-1252 och kan inte läsas. "
                          "Spara exporten från SCB:s statistikdatabas som CSV igen.") from None


def _number(cell: str, where: str) -> int:
    value = cell.replace("\u00a0", "").replace(" ", "").strip()
    if not value.isdigit():
        raise DomainError(f"{where}: ”{cell}” är inte ett antal personer.")
    return int(value)


def parse_population(data: bytes) -> list[RegionYear]:
    """Region-years with the population aged 16–64 summed over the one-year ages. Raises DomainError (Swedish)."""
    lines = _text(data).splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().strip('"').lower().startswith("region")
                  and ("ålder" in line.lower() or "alder" in line.lower())), None)
    if start is None:
        raise DomainError("Filen ser inte ut som en export från SCB:s statistikdatabas: det finns ingen rubrikrad med "
                          "region och ålder. Välj tabellen Folkmängden efter region, ålder och år och spara som CSV.")
    body = "\n".join(lines[start:])
    try:
        delimiter = csv.Sniffer().sniff(lines[start], delimiters=",;\t").delimiter
        rows = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    except csv.Error:
        raise DomainError("Filen kunde inte läsas som CSV.") from None
    header = [cell.strip().lower() for cell in rows[0]]
    region_col = next(i for i, name in enumerate(header) if "region" in name)
    age_col = next(i for i, name in enumerate(header) if "ålder" in name or "alder" in name)
    year_col = next((i for i, name in enumerate(header) if name in ("år", "ar")), None)
    if year_col is None:
        value_cols = {i: int(YEAR.match(name).group(1)) for i, name in enumerate(header) if YEAR.match(name)}
        if not value_cols:
            raise DomainError("Filen har varken en kolumn för år eller en kolumn per år.")
    else:
        value_col = len(header) - 1
    found: dict[tuple, RegionYear] = {}
    for number, row in enumerate(rows[1:], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        region, age = REGION.match(row[region_col]), AGE.match(row[age_col]) if len(row) > age_col else None
        if region is None or age is None:
            continue  # the county, "totalt ålder" and notes under the table are not municipalities' ages
        years = [(int(row[year_col]), row[value_col])] if year_col is not None else [(y, row[i]) for i, y in value_cols.items()]
        for year, cell in years:
            key = (region.group(1), year)
            item = found.setdefault(key, RegionYear(region.group(1), region.group(2), year))
            if int(age.group(1)) in AGES:
                item.antal += _number(cell, f"Rad {number}")
                item.aldrar.add(int(age.group(1)))
    if not found:
        raise DomainError("Filen innehåller inga kommuner med ettårsklasser (t.ex. ”0480 Nyköping” och ”16 år”).")
    return sorted(found.values(), key=lambda item: (item.kod, item.ar))


def match_members(region_years, members) -> tuple[list, list]:
    """(matched, ignored): each region-year with its member (by municipality code, else by name), and the
    region-years that are no member (the county, other municipalities)."""
    by_code = {m.kommunkod: m for m in members if m.kommunkod}
    matched, ignored = [], []
    for item in region_years:
        member = by_code.get(item.kod) or next((m for m in members if not m.kommunkod and m.namn.lower().startswith(item.namn.lower())), None)
        (matched if member else ignored).append((item, member))
    return matched, [item for item, _ in ignored]
