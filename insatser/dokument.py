"""The documents an application's case gets in the diarium, as PDF: what the owner sends in and what the federation
sends out or draws up.

The services call one function per document inside their transaction. After the commit the document is
rendered from the objects as they were committed and registered through rar.diarium, once per source key
(`kalla`), so repeating a step never files a document twice.
"""

from django.db.models import Sum
from django.utils import timezone

from insatser.models import Ansokan, Avtal, Beviljat, Lagesrapport, Rekvisition, Slutrapport
from rar import lifecycle
from rar.diarium import Riktning, handling_register, register_after_commit
from rar.models import Arende
from rar.pdf import render_pdf

APPLICATION_TITLES = {
    Ansokan.Typ.NY: "Ansökan om finansiering",
    Ansokan.Typ.FORLANGNING: "Ansökan om förlängning",
    Ansokan.Typ.KOMPETENS: "Ansökan om kompetenshöjande insats",
}


def _register(*, arende_id, kalla, riktning, titel, template, context, filnamn, user, datum=None, delad=False):
    """After the commit: render `template` with `context()` (read then, fresh) and file it in the case once.

    datum: the day the document came in or was drawn up (default: today); delad: the parties see it too.
    """
    datum = datum or timezone.localdate()

    def run():
        arende = Arende.objects.get(pk=arende_id)
        values = context()

        def content(nummer):
            return render_pdf(template, {**values, "arende": arende, "rubrik": titel.split(":")[0],
                                         "dokumentnummer": f"{arende.diarienummer}-{nummer}", "datum": datum})

        handling_register(arende=arende, titel=titel, riktning=riktning, datum=datum, content=content,
                          filnamn=filnamn, kalla=kalla, user=user, delad_med_parter=delad)

    register_after_commit(run, kalla)


def _slug(arende_id, name):
    return f"{name}-{Arende.objects.values_list('diarienummer', flat=True).get(pk=arende_id)}".replace(" ", "-").replace("/", "-")


def _application_context(ansokan_id):
    def read():
        ansokan = Ansokan.objects.select_related("agare", "kontaktperson").get(pk=ansokan_id)
        return {"ansokan": ansokan, "parter": list(ansokan.parter.all()), "mal": list(ansokan.mal.all()),
                "budget": list(ansokan.budget.order_by("ar"))}

    return read


def application_submitted(ansokan: Ansokan, user) -> None:
    """The owner's application as it was submitted: incoming."""
    _register(arende_id=ansokan.arende_id, kalla=f"ansokan:{ansokan.pk}:inskickad", riktning=Riktning.INKOMMANDE,
              titel=f"{APPLICATION_TITLES[ansokan.typ]}: {ansokan.titel}", template="insatser/dokument/ansokan_pdf.html",
              context=_application_context(ansokan.pk), filnamn=f"{_slug(ansokan.arende_id, 'ansokan')}.pdf", user=user,
              datum=timezone.localdate(ansokan.inskickad), delad=True)  # the joint application of owner and parties


def _rounds(ansokan: Ansokan, **status) -> int:
    return lifecycle.events_for(ansokan).filter(**status).count()


def completion_requested(ansokan: Ansokan, user, kommentar: str) -> None:
    """What staff asked the owner to complete: outgoing. Each request is a document of its own."""
    n = _rounds(ansokan, till_status=Ansokan.Status.KOMPLETTERING)

    def read():
        return {"ansokan": Ansokan.objects.select_related("agare", "kontaktperson").get(pk=ansokan.pk),
                "kommentar": kommentar, "avsandare": user}

    _register(arende_id=ansokan.arende_id, kalla=f"ansokan:{ansokan.pk}:kompletteringsbegaran:{n}",
              riktning=Riktning.UTGAENDE, titel=f"Begäran om komplettering: {ansokan.titel}",
              template="insatser/dokument/kompletteringsbegaran_pdf.html", context=read,
              filnamn=f"{_slug(ansokan.arende_id, f'begaran-om-komplettering-{n}')}.pdf", user=user)


def completion_submitted(ansokan: Ansokan, user) -> None:
    """The completed application sent in again: incoming."""
    n = _rounds(ansokan, fran_status=Ansokan.Status.KOMPLETTERING)
    _register(arende_id=ansokan.arende_id, kalla=f"ansokan:{ansokan.pk}:komplettering:{n}", riktning=Riktning.INKOMMANDE,
              titel=f"Komplettering av ansökan: {ansokan.titel}", template="insatser/dokument/ansokan_pdf.html",
              context=_application_context(ansokan.pk), filnamn=f"{_slug(ansokan.arende_id, f'komplettering-{n}')}.pdf",
              user=user)


def avtal_context(avtal: Avtal) -> dict:
    """What the agreement shows: parties, amounts per year, reporting schedule, terms and signatures."""
    from insatser.services import report_periods

    ansokan = avtal.ansokan
    per_year = list(Beviljat.objects.filter(ansokan=ansokan).order_by("ar").values_list("ar", "belopp"))
    return {
        "avtal": avtal, "insats": avtal.insats, "ansokan": ansokan, "parter": list(ansokan.parter.all()),
        "belopp_per_ar": per_year, "totalt": sum(amount for _, amount in per_year), "mal": list(ansokan.mal.all()),
        "perioder": report_periods(avtal.period_start, avtal.period_slut, avtal.rapportintervall_manader),
    }


def avtal_signed(avtal: Avtal, user) -> None:
    """The agreement once both parties have accepted it: drawn up by the federation, filed in the application's case."""
    _register(arende_id=avtal.ansokan.arende_id, kalla=f"avtal:{avtal.pk}", riktning=Riktning.UPPRATTAD,
              titel=f"Avtal om finansiering: {avtal.insats.namn}", template="insatser/avtal_pdf.html",
              context=lambda: avtal_context(Avtal.objects.select_related("insats__agare", "ansokan__arende").get(pk=avtal.pk)),
              filnamn=f"{_slug(avtal.ansokan.arende_id, 'avtal')}.pdf", user=user,
              datum=timezone.localdate(max(avtal.agare_signerad_tid, avtal.forbund_signerad_tid)), delad=True)


def _goal_rows(insats, reported) -> list:
    """(goal, what the report says of it or None) for every goal the insats reports on."""
    from insatser.services import report_goals

    by_goal = {row.mal_id: row for row in reported}
    return [(mal, by_goal.get(mal.pk)) for mal in report_goals(insats)]


def status_report_submitted(rapport: Lagesrapport, user) -> None:
    """A status report as submitted (each submission, also after completion): incoming, in the insats's case."""

    def read():
        locked = Lagesrapport.objects.select_related("insats__agare").get(pk=rapport.pk)
        return {"rapport": locked, "insats": locked.insats, "goal_rows": _goal_rows(locked.insats, locked.malrapporter.all()),
                "tidigare_kostnader": locked.insats.lagesrapporter.filter(period_start__lt=locked.period_start)
                .aggregate(s=Sum("kostnader"))["s"] or 0}

    period = f"{rapport.period_start:%Y-%m-%d} – {rapport.period_slut:%Y-%m-%d}"
    _report(rapport, user, slag="lagesrapport", titel=f"Lägesrapport {period}", read=read,
            filnamn=f"lagesrapport-{rapport.period_start:%Y-%m-%d}")


def final_report_submitted(rapport: Slutrapport, user) -> None:
    """The final report as submitted: incoming, in the insats's case."""

    def read():
        locked = Slutrapport.objects.select_related("insats__agare").get(pk=rapport.pk)
        return {"rapport": locked, "insats": locked.insats, "goal_rows": _goal_rows(locked.insats, locked.malresultat.all())}

    _report(rapport, user, slag="slutrapport", titel="Slutrapport", read=read, filnamn="slutrapport")


def _report(rapport, user, *, slag, titel, read, filnamn):
    """A report as submitted: incoming, in the insats's case. Each submission (also after completion) is a document."""
    _register(arende_id=rapport.insats.arende_id, kalla=f"{slag}:{rapport.pk}:{rapport.version}", riktning=Riktning.INKOMMANDE,
              titel=f"{titel}: {rapport.insats.namn}", template=f"insatser/dokument/{slag}_pdf.html", context=read,
              filnamn=f"{_slug(rapport.insats.arende_id, filnamn)}.pdf", user=user, datum=timezone.localdate(rapport.inlamnad))


def invoice_submitted(rekvisition: Rekvisition, user) -> None:
    def read():
        return {"r": Rekvisition.objects.select_related("insats__agare", "bilaga__arende", "fas", "inskickad_av")
                .get(pk=rekvisition.pk)}

    period = f"{rekvisition.period_start:%Y-%m-%d} – {rekvisition.period_slut:%Y-%m-%d}"
    _register(arende_id=rekvisition.insats.arende_id, kalla=f"rekvisition:{rekvisition.pk}", riktning=Riktning.INKOMMANDE,
              titel=f"Rekvisition {rekvisition.nummer} ({period}): {rekvisition.insats.namn}",
              template="insatser/dokument/rekvisition_pdf.html", context=read,
              filnamn=f"{_slug(rekvisition.insats.arende_id, f'rekvisition-{rekvisition.nummer}')}.pdf", user=user,
              datum=timezone.localdate(rekvisition.inskickad))
