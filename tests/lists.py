"""Reading a list page (rar/lists.py) as a user meets it: the table's headers, their sort state and the cells of
its rows, the export's rows, and the queries a page costs."""

import csv
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Table:
    headers: list = field(default_factory=list)  # the column labels
    sort: dict = field(default_factory=dict)  # label → aria-sort ("ascending"/"descending") of the sorted column
    links: dict = field(default_factory=dict)  # label → the header's sort link
    rows: list = field(default_factory=list)  # the cells' text, row by row
    count: int = 0  # the count the status line gives ("12 projekt.")

    def column(self, label) -> list:
        index = self.headers.index(label)
        return [row[index] for row in self.rows]


class _TableParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.table, self.cell, self.in_head = Table(), None, False
        self.status, self.status_read = None, False  # the status line's text, while it is read
        self._aria, self._link = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and attrs.get("role") == "status" and not self.status_read:
            self.status = ""
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and not self.in_head:
            self.table.rows.append([])
        elif tag in ("th", "td"):
            self.cell, self._aria, self._link = "", attrs.get("aria-sort"), None
        elif tag == "a" and self.in_head and self.cell is not None:
            self._link = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "p" and self.status is not None:
            self.table.count = int(re.match(r"\s*(\d+)", self.status).group(1))
            self.status, self.status_read = None, True
        elif tag == "thead":
            self.in_head = False
        elif tag in ("th", "td") and self.cell is not None:
            text = " ".join(self.cell.replace("▲", "").replace("▼", "").split())
            if self.in_head:
                self.table.headers.append(text)
                if self._aria:
                    self.table.sort[text] = self._aria
                if self._link:
                    self.table.links[text] = self._link
            else:
                self.table.rows[-1].append(text)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.status is not None:
            self.status += data


def read_table(html: str, results_id: str = "lista") -> Table:
    """The list with this id on the page (the table fragment an htmx request gets is read the same way)."""
    start = html.index(f'id="{results_id}"')
    end = html.index("</table>", start)
    parser = _TableParser()
    parser.feed(html[start:end])
    table = parser.table
    table.rows = [row for row in table.rows if len(row) == len(table.headers)]  # not the "none" row
    return table


def read_csv(response) -> tuple[list, list]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    return rows[0], rows[1:]


def _plain(text: str) -> str:
    """A cell's text as the export writes the value: no thousands spaces or kr, and nothing for a dash."""
    text = text.replace("\u202f", "").replace("\u00a0", " ").strip()
    if text == "–":
        return ""
    if re.fullmatch(r"−?[\d ]+( kr)?", text):
        return text.removesuffix(" kr").replace(" ", "").replace("−", "-")
    return text


def assert_export_has_the_tables_rows(table: Table, export, ignore=()):
    """Every column the table and the export share holds the same values in the same rows, in the same order."""
    headers, rows = export
    shared = [label for label in table.headers if label in headers and label not in ignore]
    assert shared, "the export shares no column with the table"
    assert len(rows) == table.count
    seen = [[_plain(row[table.headers.index(label)]) for label in shared] for row in table.rows]
    written = [[_plain(row[headers.index(label)]) for label in shared] for row in rows[:len(table.rows)]]
    assert seen == written


def count_queries(client, url, params=None) -> int:
    client.get("/")  # the session's first request writes its idle timestamp; a page's own queries are counted
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)
