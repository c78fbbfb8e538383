"""The participant figures a status report states, compared with the participant rows for its period."""

from django.db.models import Count, Q

from insatser.models import Inriktning, Lagesrapport
from uppfoljning.kategorier import TILL_ARBETE_STUDIER
from uppfoljning.models import Deltagare

MEASURES = [("inskrivna", "inskrivna"), ("avslutade", "avslutade"), ("till_arbete_studier", "till arbete eller studier")]


def participant_differences(rapport) -> list:
    """(label, reported, in the rows) for each figure where the report and the rows differ; [] when they agree."""
    if rapport.insats.inriktning != Inriktning.INDIVID or all(getattr(rapport, name) is None for name, _ in MEASURES):
        return []
    first, last = rapport.period_start.replace(day=1), rapport.period_slut
    ended = Q(avslutad__gte=first, avslutad__lte=last)
    rows = Deltagare.objects.filter(insats_id=rapport.insats_id).aggregate(
        inskrivna=Count("pk", filter=Q(inskriven__gte=first, inskriven__lte=last)), avslutade=Count("pk", filter=ended),
        till_arbete_studier=Count("pk", filter=ended & Q(utfall__in=TILL_ARBETE_STUDIER)))
    return [(label, getattr(rapport, name), rows[name]) for name, label in MEASURES
            if getattr(rapport, name) is not None and getattr(rapport, name) != rows[name]]


def describe(differences) -> str:
    return "Rapporten och deltagarraderna skiljer sig: " + "; ".join(
        f"{label}: {reported} i rapporten, {counted} i deltagarraderna" for label, reported, counted in differences) + "."


def report_notes(rapport) -> list[str]:
    differences = participant_differences(rapport)
    return [describe(differences)] if differences else []


def insats_report_differences(insats) -> list:
    """(report, sentence) for each handed-in status report of the insats whose figures differ from the rows."""
    reports = insats.lagesrapporter.exclude(status=Lagesrapport.Status.EJ_INLAMNAD).select_related("insats").order_by("period_start")
    return [(rapport, describe(differences)) for rapport in reports if (differences := participant_differences(rapport))]
