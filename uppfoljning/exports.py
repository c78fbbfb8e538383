"""The follow-up reports as CSV: one row per figure (section, item, measure, value), so a spreadsheet can
recompute what the page shows."""

CSV_HEADERS = ["Avsnitt", "Post", "Mått", "Värde"]


def savings_rows(section: str, s):
    for row in list(s.per_aktor) + [s]:
        label = getattr(row, "label", "Totalt")
        yield (section, label, "Personer", row.personer)
        for name, measure in (("ar_1", "1 år (kr)"), ("ar_5", "5 år (kr)"), ("ar_10", "10 år (kr)"), ("till_pension", "Till pension (kr)")):
            yield (section, label, measure, getattr(row, name))
    for year, amount, from_year, source, refined in s.belopp_per_ar:
        yield ("Schablonbelopp", str(year), f"Länets belopp (för {from_year}), kr", amount)
        for label, kind_amount in refined.items():
            yield ("Schablonbelopp", str(year), f"{label}, kr", kind_amount)


def figure_rows(section: str, post: str, f):
    for measure, value in (("Inskrivna", f.inskrivna), ("Avslutade", f.avslutade), ("Till arbete eller studier", f.arbete_studier),
                           ("Andel till arbete eller studier (%)", f.andel), ("Kvar vid periodens slut", f.kvar)):
        yield (section, post, measure, value)


def annual_rows(r):
    yield from figure_rows("Individinriktade RAR-insatser", str(r.ar), r.rar)
    yield from savings_rows("Besparing per aktör", r.rar_besparing)
    yield ("Investerat", str(r.ar), "Beviljat (kr)", r.rar_investerat)
    yield ("Investerat", str(r.ar), "Återbetalningstid (månader)", r.rar_aterbetalning)
    for i in r.insatser:
        for measure, key in (("Inskrivna", "inskrivna"), ("Avslutade", "avslutade"), ("Till arbete eller studier", "arbete"),
                             ("Andel (%)", "andel"), ("Beviljat (kr)", "beviljat"), ("Återbetalningstid (månader)", "aterbetalning")):
            yield ("Per insats", i["namn"], measure, i[key])


def result_sheet_rows(sheet):
    name = sheet["insats"].namn
    for year, f in sheet["per_ar"]:
        yield from figure_rows(name, str(year), f)
    yield from figure_rows(name, "Hela perioden", sheet["totalt"])
    yield from savings_rows("Besparing per aktör", sheet["besparing"])
    yield ("Investerat", name, "Beviljat (kr)", sheet["investerat"])
    yield ("Investerat", name, "Återbetalningstid (månader)", sheet["aterbetalning"])


def member_report_rows(report):
    for year, amount in report.bidrag_per_ar:
        yield ("Medlemsbidrag", str(year), "Bidrag (kr)", amount)
    for section, rows in (("Insatser", report.insatser), ("ESF-projekt", report.esf)):
        for row in rows:
            yield (section, row.namn, "Roll", row.roll)
            yield (section, row.namn, "Inom perioden (kr)", row.inom_perioden)
            yield (section, row.namn, f"Från {report.fran} (kr)", row.fran_periodens_start)
            yield (section, row.namn, "Avslutade", row.avslutade)
            yield (section, row.namn, "Till arbete eller studier", row.arbete_studier)
    if report.besparing is not None:
        yield from savings_rows("Besparing per aktör", report.besparing)
