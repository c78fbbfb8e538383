"""Build a body and a meeting that has been held (a few days ago), decided and adjusted, through the services."""

import datetime

from django.utils import timezone

from rar.models import Organ, Uppdrag
from rar.moten import services as moten
from tests.factories import UserFactory

D = datetime.date


def body(typ, org_a, org_b, namn=None):
    """A body with a chair and a vice chair (ordinary members for A and B) and a substitute for B."""
    organ = Organ.objects.create(namn=namn or dict(Organ.Typ.choices)[typ], typ=typ)
    suffix = typ
    chair = UserFactory(username=f"ordf_{suffix}", first_name="Olga", last_name="Ordförande")
    adjuster = UserFactory(username=f"just_{suffix}", first_name="Jonas", last_name="Justerare")
    substitute = UserFactory(username=f"ers_{suffix}", first_name="Eva", last_name="Ersättare")
    Uppdrag.objects.create(person=chair, organ=organ, organisation=org_a, roll="ledamot", presidium="ordforande", fran=D(2019, 4, 1))
    Uppdrag.objects.create(person=adjuster, organ=organ, organisation=org_b, roll="ledamot", presidium="vice1", fran=D(2019, 4, 1))
    Uppdrag.objects.create(person=substitute, organ=organ, organisation=org_b, roll="ersattare", fran=D(2019, 4, 1))
    return organ, chair, adjuster, substitute


def held(staff, organ, chair, adjuster, *, days_ago=5, cases=(), items=(), substitute=None, plats="Flen, Skjortan", lank="",
         ovriga=""):
    """A meeting held `days_ago` days ago: cases ready for the board as decision items (a board), or as plain decision
    items on the case (another body), `items` as information items; chair and adjuster present."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    meeting = moten.sammantrade_create(user=staff, organ=organ, datum=day, tid_fran=datetime.time(13),
                                       tid_till=datetime.time(15), plats=plats, lank=lank)
    for rubrik, text in items:
        moten.agenda_add_item(sammantrade=meeting, user=staff, typ="information", rubrik=rubrik, text=text)
    if cases and organ.typ == Organ.Typ.STYRELSE:
        moten.agenda_add_cases(sammantrade=meeting, user=staff, arenden=list(cases))
    else:
        for arende in cases:
            moten.agenda_add_item(sammantrade=meeting, user=staff, typ="beslut", rubrik=arende.titel, arende=arende,
                                  text="Ärendet har beretts av förbundets kansli.")
    moten.sammantrade_kalla(sammantrade=meeting, user=staff)
    rows = [{"person_id": chair.pk, "narvarande": True}, {"person_id": adjuster.pk, "narvarande": True}]
    if substitute is not None:
        rows.append({"person_id": substitute.pk, "narvarande": True})
    moten.narvaro_save(sammantrade=meeting, user=staff, rows=rows, ovriga_narvarande=ovriga)
    moten.sammantrade_set_officers(sammantrade=meeting, user=staff, sekreterare=staff, ordforande=chair, justerare=[adjuster])
    moten.sammantrade_genomfor(sammantrade=meeting, user=staff)
    return meeting


def decide_all(meeting, staff, funding=None):
    """Give every paragraph a decision; decision items on a board's case get the funding outcome `funding`."""
    for paragraph in meeting.paragrafer.select_related("arende").order_by("ordning"):
        if paragraph.typ == "beslut" and paragraph.arende_id and funding and meeting.organ.typ == Organ.Typ.STYRELSE:
            moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut=funding[1], utfall=funding[0])
        else:
            moten.paragraf_besluta(paragraf=paragraph, user=staff, beslut=f"{paragraph.rubrik}: noterades.")


def adjust(meeting, staff, chair, adjuster):
    moten.protokoll_skicka_for_justering(sammantrade=meeting, user=staff)
    moten.protokoll_justera(sammantrade=meeting, user=chair)
    return moten.protokoll_justera(sammantrade=meeting, user=adjuster)


def post(meeting, staff, day=None):
    return moten.protokoll_ansla(sammantrade=meeting, user=staff, uppsatt=day or timezone.localdate())
