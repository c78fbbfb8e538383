"""Writes for meetings: agenda, attendance, decisions, adjustment (justering) and notice (anslag).

Each function is one state change in one transaction with the meeting row locked. What is locked (a §
adjusted at once or with the protocol, a decision executed, a protocol someone has signed) is decided in
rar.moten.locks; every function here refuses to change it, and PostgreSQL triggers refuse it as the last
line. The meeting rules (quorum, votes, substitutes, deadlines, a complete protocol) live in rar.moten.rules.
"""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rar import case_handlers, history, lifecycle, permissions
from rar.errors import DomainError, NotAllowed
from rar.models import (
    JusteringSignatur,
    Narvaro,
    Organ,
    Paragraf,
    ParagrafSignatur,
    Reservation,
    Sammantrade,
    Uppdrag,
    Votering,
    Yrkande,
)
from rar.moten import au, beslutsbesked, kallelse, locks, rules, utdrag
from rar.moten.models import ANSLAG_DAYS
from rar.moten.signing import Klient, notify_signers

OPENING = ["Mötets öppnande", "Dagordningens godkännande", "Val av protokolljusterare"]
# New items get this number until _renumber runs in the same transaction (the unique constraint is deferred).
TEMPORARY_NUMBER = 900_000
CLOSING = "Avslutning"


def _require(condition, message):
    if not condition:
        raise DomainError(message)


def _require_staff(user):
    if not permissions.can_register_arende(user):
        raise NotAllowed("Bara förbundets kansli administrerar sammanträden.")


def _lock(sammantrade) -> Sammantrade:
    return Sammantrade.objects.select_for_update().select_related("organ").get(pk=sammantrade.pk)


def _step(sammantrade, *, user, allowed_from, to, wrong_state, check=None, mutate=None, kommentar="") -> Sammantrade:
    """A meeting's status step through rar.lifecycle: staff only, locked, state checked, event written."""
    return lifecycle.transition(sammantrade, user=user, to=to, allowed_from=allowed_from,
                                queryset=Sammantrade.objects.select_related("organ"),
                                right=lambda meeting: permissions.can_register_arende(user),
                                refusal="Bara förbundets kansli administrerar sammanträden.", wrong_state=wrong_state,
                                check=check, mutate=mutate, kommentar=kommentar, save=lambda meeting: _touch(meeting, user))


def _touch(meeting, user):
    meeting.version += 1
    meeting._history_user = user
    meeting.save()


# --- Meetings and agenda ------------------------------------------------------------------------------


def sammantrade_create(*, user, organ: Organ, datum: datetime.date, tid_fran, tid_till=None, plats="", lank="",
                       standardpunkter=True) -> Sammantrade:
    """Plan a meeting: attendance rows from the body's mandates on that day, and the standard items."""
    _require_staff(user)
    _require(plats.strip() or lank.strip(), "Ange plats eller länk för sammanträdet.")
    with transaction.atomic():
        meeting = Sammantrade(organ=organ, datum=datum, tid_fran=tid_fran, tid_till=tid_till, plats=plats.strip(),
                              lank=lank.strip())
        meeting._history_user = user
        meeting.save()
        lifecycle.record(meeting, fran="", till=meeting.status, user=user, kommentar="Sammanträdet planerat")
        mandates = Uppdrag.objects.active_on(datum).filter(organ=organ).select_related("person")
        attendance = {}
        for m in mandates:  # one row per person, also with two mandates in the body
            attendance.setdefault(m.person_id, Narvaro(
                sammantrade=meeting, person=m.person, organisation_id=m.organisation_id,
                grupp=Narvaro.Grupp.LEDAMOT if m.roll == Uppdrag.Roll.LEDAMOT else Narvaro.Grupp.ERSATTARE))
        history.bulk_create(Narvaro, attendance.values(), user=user)
        chair = mandates.filter(presidium=Uppdrag.Presidium.ORDFORANDE).first()
        if chair is not None:
            meeting.ordforande = chair.person
            meeting.save(update_fields=["ordforande"])
        if standardpunkter:
            titles = OPENING + [CLOSING]
            history.bulk_create(Paragraf, [
                Paragraf(sammantrade=meeting, organ=organ, ar=datum.year, nummer=TEMPORARY_NUMBER + i, ordning=i,
                         typ=Paragraf.Typ.STANDARD, rubrik=title)
                for i, title in enumerate(titles, start=1)
            ], user=user)
        _renumber(organ, datum.year, user)
    return meeting


def _renumber(organ: Organ, year: int, user) -> None:
    """Number the paragraphs of the body's meetings in the year continuously, in date and agenda order.

    Meetings already held keep their numbers (frozen); draft agendas after them follow on. The unique
    constraint on (body, year, number) is deferred, so numbers can be swapped inside the transaction.
    """
    meetings = list(
        Sammantrade.objects.select_for_update().filter(organ=organ, datum__year=year).order_by("datum", "tid_fran", "pk")
    )
    last = 0
    for meeting in meetings:
        paragraphs = list(Paragraf.objects.filter(sammantrade=meeting).order_by("ordning"))
        if meeting.status not in Sammantrade.AGENDA_EDITABLE:
            if paragraphs:
                first = paragraphs[0].nummer
                _require(first > last, f"Sammanträdet {meeting.datum:%Y-%m-%d} är redan genomfört med § {first}; "
                                       "ett tidigare sammanträde samma år kan inte få fler paragrafer.")
                last = paragraphs[-1].nummer
            continue
        locked = locks.locked_paragraphs(meeting)
        for paragraph in paragraphs:
            last += 1
            if paragraph.nummer != last:
                _require(paragraph.pk not in locked,
                         f"§ {paragraph.nummer} i sammanträdet {meeting.datum:%Y-%m-%d} kan inte få ett nytt nummer: "
                         f"{locked.get(paragraph.pk)}.")
                paragraph.nummer = last
                paragraph._history_user = user
                paragraph.save(update_fields=["nummer"])
    _check_numbering_now()


NUMBERING_CONSTRAINTS = '"paragraf_unique_number_per_body_year", "paragraf_unique_order"'


def _check_numbering_now() -> None:
    """Check the deferred uniqueness of paragraph numbers now, inside the service, not only at commit."""
    from django.db import IntegrityError, connection

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {NUMBERING_CONSTRAINTS} IMMEDIATE")
    except IntegrityError as error:
        raise DomainError("Paragrafnumreringen krockar med ett annat sammanträde samma år.") from error
    with connection.cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {NUMBERING_CONSTRAINTS} DEFERRED")


class StaleAgenda(DomainError):
    """The agenda changed after the user opened the page the change was made on."""


def _check_version(meeting, version) -> None:
    if version is None or version == meeting.version:
        return
    last = meeting.history.select_related("history_user").order_by("-history_date").first()
    who = ""
    if last is not None and last.history_user is not None:
        who = f" av {last.history_user.get_full_name() or last.history_user}"
    when = f" {timezone.localtime(last.history_date):%Y-%m-%d %H:%M}" if last is not None else ""
    titles = ", ".join(f"§ {p.nummer} {p.rubrik}" for p in Paragraf.objects.filter(sammantrade=meeting).order_by("ordning"))
    raise StaleAgenda(
        f"Dagordningen har ändrats{who}{when} sedan du öppnade sidan, så din ändring är inte gjord. "
        f"Dagordningen är nu: {titles}. Kontrollera och gör om ändringen."
    )


def _editable_agenda(sammantrade, user, version=None) -> Sammantrade:
    _require_staff(user)
    meeting = _lock(sammantrade)
    _require(meeting.status in Sammantrade.AGENDA_EDITABLE,
             f"Dagordningen är låst: sammanträdet är {meeting.get_status_display().lower()}.")
    _check_version(meeting, version)
    return meeting


def _insert_position(meeting, user) -> int:
    """New items go before the closing item (Avslutning), or last."""
    closing = Paragraf.objects.filter(sammantrade=meeting, typ=Paragraf.Typ.STANDARD, rubrik=CLOSING).first()
    if closing is None:
        return (Paragraf.objects.filter(sammantrade=meeting).aggregate(m=Max("ordning"))["m"] or 0) + 1
    following = list(Paragraf.objects.filter(sammantrade=meeting, ordning__gte=closing.ordning))
    for paragraph in following:
        locks.require_paragraph_open(paragraph)
        paragraph.ordning += 1
    history.bulk_update(Paragraf, following, ["ordning"], user=user)
    return closing.ordning


def agenda_add_item(*, sammantrade, user, typ: str, rubrik: str, text: str = "", arende=None, forslag: str = "",
                    forslag_av: str = "", version: int | None = None, rattar: Paragraf | None = None) -> Paragraf:
    """rattar: the adjusted § of an earlier meeting this item corrects ("Rättelse av § 14")."""
    _require((rubrik or "").strip(), "Ange en rubrik för punkten.")
    _require(typ in Paragraf.Typ.values, "Okänd typ av punkt.")
    with transaction.atomic():
        meeting = _editable_agenda(sammantrade, user, version)
        if arende is not None:
            _require(not Paragraf.objects.filter(sammantrade=meeting, arende=arende).exists(),
                     f"Ärendet {arende.diarienummer} står redan på dagordningen.")
        if rattar is not None:
            _require(rattar.organ_id == meeting.organ_id and rattar.sammantrade_id != meeting.pk
                     and (rattar.sammantrade.is_locked or rattar.omedelbart_justerad_tid is not None),
                     "Bara en justerad paragraf rättas, och rättelsen görs vid ett senare sammanträde med samma organ.")
        paragraph = Paragraf(
            sammantrade=meeting, organ=meeting.organ, ar=meeting.datum.year, nummer=TEMPORARY_NUMBER,
            ordning=_insert_position(meeting, user), typ=typ, rubrik=rubrik.strip(), text=(text or "").strip(), arende=arende,
            forslag=forslag, forslag_av=forslag_av, rattar=rattar,
        )
        paragraph._history_user = user
        paragraph.save()
        _renumber(meeting.organ, meeting.datum.year, user)
        _touch(meeting, user)
    paragraph.refresh_from_db()
    return paragraph


def agenda_add_cases(*, sammantrade, user, arenden, version: int | None = None) -> list[Paragraf]:
    """Put cases that staff marked ready for the board on the agenda, each a decision item with its summary."""
    added = []
    with transaction.atomic():
        _editable_agenda(sammantrade, user, version)
        for arende in arenden:
            handler = case_handlers.handler_for(arende.typ)
            _require(arende.pk in au.ready_case_ids(sammantrade.organ, [arende.pk]),
                     f"Ärendet {arende.diarienummer} är inte klart för beslut.")
            summary = handler.summary(arende)
            parter = ", ".join(summary.parter) or "–"
            text = f"Insatsägare {summary.agare}. Samverkansparter: {parter}."
            if summary.belopp_sokt:
                text += f" Sökt belopp {summary.belopp_sokt:,} kr.".replace(",", " ")
            added.append(agenda_add_item(
                sammantrade=sammantrade, user=user, typ=Paragraf.Typ.BESLUT, rubrik=summary.titel, text=text,
                arende=arende, **au.proposal_fields(sammantrade, arende, summary),
            ))
    return added


def agenda_move(*, paragraf: Paragraf, user, steg: int, version: int | None = None) -> None:
    """Move an item up (steg=-1) or down (steg=+1) the draft agenda."""
    with transaction.atomic():
        meeting = _editable_agenda(paragraf.sammantrade, user, version)
        items = list(Paragraf.objects.filter(sammantrade=meeting).order_by("ordning"))
        index = next(i for i, p in enumerate(items) if p.pk == paragraf.pk)
        other = index + steg
        _require(0 <= other < len(items), "Punkten kan inte flyttas längre.")
        locks.require_paragraph_open(items[index])
        locks.require_paragraph_open(items[other])
        items[index].ordning, items[other].ordning = items[other].ordning, items[index].ordning
        for item in (items[index], items[other]):
            item._history_user = user
            item.save(update_fields=["ordning"])
        _renumber(meeting.organ, meeting.datum.year, user)
        _touch(meeting, user)


def agenda_remove(*, paragraf: Paragraf, user, version: int | None = None) -> None:
    with transaction.atomic():
        meeting = _editable_agenda(paragraf.sammantrade, user, version)
        paragraph = Paragraf.objects.select_for_update().get(pk=paragraf.pk)
        locks.require_paragraph_open(paragraph)
        history.delete_rows([paragraph], user=user)
        _renumber(meeting.organ, meeting.datum.year, user)
        _touch(meeting, user)


# --- Notice, attendance and officers ------------------------------------------------------------------


def sammantrade_kalla(*, sammantrade, user) -> Sammantrade:
    """Send the notice: from now the body's members see the agenda and the decision list. Every ordinary member
    and substitute gets it in the app and by e-mail as they chose (rar.moten.kallelse)."""
    def mutate(meeting):
        meeting.kallad_tid = timezone.now()

    with transaction.atomic():  # the notices are part of the step: called and told, or neither
        meeting = _step(sammantrade, user=user, allowed_from=[Sammantrade.Status.PLANERAT], to=Sammantrade.Status.KALLAT,
                        wrong_state="Kallelsen är redan skickad.", mutate=mutate, kommentar="Kallelsen skickad")
        kallelse.notify_called(meeting)
    return meeting


def narvaro_save(*, sammantrade, user, rows: list[dict], ovriga_narvarande: str = "") -> None:
    """Record attendance. rows: person_id, narvarande, via_lank, tjanstgor_for_id (a substitute serving for an
    absent ordinary member)."""
    _require_staff(user)
    with transaction.atomic():
        meeting = _lock(sammantrade)
        locks.require_meeting_open(meeting, "närvaron")
        existing = {n.person_id: n for n in Narvaro.objects.select_for_update(of=("self",)).filter(sammantrade=meeting)
                    .select_related("person", "organisation").order_by()}
        by_person = {row["person_id"]: row for row in rows if row["person_id"] in existing}
        absent_ordinary = {pid for pid, n in existing.items()
                           if n.grupp == Narvaro.Grupp.LEDAMOT and not by_person.get(pid, {}).get("narvarande", n.narvarande)}
        served = set()
        for pid, row in by_person.items():
            entry = existing[pid]
            entry.narvarande = bool(row.get("narvarande"))
            entry.via_lank = bool(row.get("via_lank")) and entry.narvarande
            target = row.get("tjanstgor_for_id") if entry.grupp == Narvaro.Grupp.ERSATTARE and entry.narvarande else None
            if target:
                _require(target in absent_ordinary, "En ersättare kan bara tjänstgöra för en ordinarie ledamot som är frånvarande.")
                rules.require_same_organisation(entry, existing[target])
                _require(target not in served, "Två ersättare kan inte tjänstgöra för samma ledamot.")
                served.add(target)
            entry.tjanstgor_for_id = target
            entry._history_user = user
            entry.save()
        meeting.ovriga_narvarande = (ovriga_narvarande or "").strip()
        _touch(meeting, user)


def sammantrade_set_officers(*, sammantrade, user, sekreterare, ordforande, justerare) -> Sammantrade:
    _require_staff(user)
    _require(justerare, "Välj minst en justerare.")
    _require(ordforande not in justerare, "Ordföranden justerar redan protokollet; välj en annan justerare.")
    with transaction.atomic():
        meeting = _lock(sammantrade)
        locks.require_meeting_open(meeting, "funktionärerna")
        _require(meeting.status in (Sammantrade.Status.PLANERAT, Sammantrade.Status.KALLAT, Sammantrade.Status.GENOMFORT),
                 "Funktionärerna kan inte ändras när protokollet är skickat för justering.")
        meeting.sekreterare, meeting.ordforande = sekreterare, ordforande
        _touch(meeting, user)
        meeting.justerare.set(justerare)
    return meeting


def sammantrade_genomfor(*, sammantrade, user) -> Sammantrade:
    """The meeting has been held: the agenda and its numbers are frozen."""
    def check(meeting):
        rules.require_on_or_after_meeting_day(meeting, timezone.localdate(),
                                              "Sammanträdet kan inte markeras som genomfört före sitt datum")
        _require(meeting.sekreterare_id and meeting.ordforande_id and meeting.justerare.exists(),
                 "Ange sekreterare, ordförande och justerare innan sammanträdet markeras som genomfört.")

    return _step(sammantrade, user=user, allowed_from=[Sammantrade.Status.KALLAT], to=Sammantrade.Status.GENOMFORT,
                 wrong_state="Bara ett kallat sammanträde kan markeras som genomfört.", check=check,
                 kommentar="Sammanträdet genomfört")


# --- Decisions ----------------------------------------------------------------------------------------


def paragraf_besluta(*, paragraf: Paragraf, user, beslut: str, forslag: str = "", forslag_av: str = "",
                     proposition: str = "", yrkanden=(), votering: dict | None = None, reservationer=(), javiga=(),
                     utfall: str = "", belopp: int | None = None, expedieras_till: str | None = None) -> Paragraf:
    """Record a paragraph's decision as kommunallagen wants a protocol to show it.

    yrkanden and reservationer are (name, text) pairs; votering a dict(ja, nej, avstar, ja_betyder,
    nej_betyder, rostlista); javiga the users who took no part (jäv). A funding decision on a case is passed
    to the case's app through rar.case_handlers, once: from then on the § is locked. The body must be
    quorate for the decision and the votes no more than those taking part.
    """
    _require_staff(user)
    _require((beslut or "").strip(), "Skriv beslutet.")
    with transaction.atomic():
        meeting = _lock(paragraf.sammantrade)
        locked = Paragraf.objects.select_for_update().get(pk=paragraf.pk)
        _require(meeting.status in Sammantrade.DECISIONS_EDITABLE,
                 f"Beslut kan inte registreras: sammanträdet är {meeting.get_status_display().lower()}.")
        locks.require_paragraph_open(locked)
        rules.require_on_or_after_meeting_day(meeting, timezone.localdate(), "Beslut kan inte registreras före sammanträdets datum")
        attendees = set(Narvaro.objects.filter(sammantrade=meeting, narvarande=True).values_list("person_id", flat=True))
        _require(all(u.pk in attendees for u in javiga), "Jäv kan bara antecknas för närvarande ledamöter och ersättare.")
        taking_part = rules.require_quorum(meeting, locked, javiga)
        rules.require_votes(votering, taking_part, locked)
        # The motions, votes, reservations and jäv first: once the § carries an executed outcome it is locked.
        locked._history_user = user
        locked.javiga.set(javiga)
        # Motions and reservations by position, the vote as one row: only what changed gets a history row.
        parent = {"paragraf": locked}
        history.sync_rows(Yrkande, dict(enumerate(locked.yrkanden.all())),
                          {i: {"av": av, "text": text, "ordning": i} for i, (av, text) in enumerate(yrkanden)},
                          user=user, parent=parent)
        history.sync_rows(Reservation, dict(enumerate(locked.reservationer.order_by("pk"))),
                          {i: {"av": av, "motivering": text} for i, (av, text) in enumerate(reservationer)},
                          user=user, parent=parent)
        history.sync_rows(Votering, {0: vote for vote in Votering.objects.filter(paragraf=locked)},
                          {0: votering} if votering else {}, user=user, parent=parent)
        if utfall:
            _require(locked.arende_id is not None, "Ett finansieringsbeslut ska gälla ett ärende.")
            au.apply_case_outcome(meeting=meeting, paragraf=locked, utfall=utfall, belopp=belopp, beslut=beslut.strip(),
                                  user=user)
            locked.utfall, locked.belopp = utfall, belopp
            if utfall == case_handlers.Beslutsutfall.FULL and belopp is None:
                locked.belopp = case_handlers.handler_for(locked.arende.typ).summary(locked.arende).belopp_sokt
        locked.beslut, locked.forslag, locked.forslag_av, locked.proposition = beslut.strip(), forslag, forslag_av, proposition
        locked.beslut_registrerat = timezone.now()
        if expedieras_till is not None:
            locked.expedieras_till = expedieras_till.strip()
        locked.save()
        _touch(meeting, user)
    return locked


def paragraf_justera_omedelbart(*, paragraf: Paragraf, user, klient: Klient | None = None) -> Paragraf:
    """The chair or an adjuster signs one paragraph for immediate justering (omedelbar justering), in the app.

    The § is adjusted — immutable, and its extract certified — when the chair and at least one adjuster
    have signed it. From the first signature on it cannot change.
    """
    with transaction.atomic():
        meeting = _lock(paragraf.sammantrade)
        locked = Paragraf.objects.select_for_update().get(pk=paragraf.pk)
        adjusters = set(meeting.justerare.values_list("pk", flat=True))
        _require(user.pk == meeting.ordforande_id or user.pk in adjusters,
                 f"Bara sammanträdets ordförande och justerare kan justera § {locked.nummer}.")
        _require(meeting.status in Sammantrade.DECISIONS_EDITABLE, "Paragrafen kan inte justeras nu.")
        _require(locked.omedelbart_justerad_tid is None, f"§ {locked.nummer} är redan justerad.")
        _require(locked.beslut.strip(), "Registrera beslutet innan paragrafen justeras.")
        rules.require_on_or_after_meeting_day(meeting, timezone.localdate(), "Paragrafen kan inte justeras före sammanträdets datum")
        _require(not ParagrafSignatur.objects.filter(paragraf=locked, person=user).exists(),
                 f"Du har redan justerat § {locked.nummer}.")
        signature = ParagrafSignatur(paragraf=locked, person=user, roll="ordforande" if user.pk == meeting.ordforande_id else "justerare",
                                     **(klient or Klient()).fields())
        signature._history_user = user
        signature.save()
        signed = set(ParagrafSignatur.objects.filter(paragraf=locked).values_list("person_id", flat=True))
        if meeting.ordforande_id in signed and signed & adjusters:
            locked.omedelbart_justerad_tid = timezone.now()
            locked._history_user = user
            locked.save()
            beslutsbesked.send_for_adjusted(meeting, user=user)
            utdrag.register_adjusted(meeting, user, paragraphs=[locked])
    return locked


# --- Adjustment and notice ----------------------------------------------------------------------------


def protokoll_skicka_for_justering(*, sammantrade, user) -> Sammantrade:
    """The draft goes to the chair and the adjusters, who are notified (in the app, and by e-mail as they chose)."""
    with transaction.atomic():  # the signers' notices are part of the step
        meeting = _step(sammantrade, user=user, allowed_from=[Sammantrade.Status.GENOMFORT],
                        to=Sammantrade.Status.JUSTERING,
                        wrong_state="Bara protokollet från ett genomfört sammanträde skickas för justering.",
                        check=lambda meeting: rules.complete_for_justering(meeting, user),
                        kommentar="Protokollet skickat för justering")
        notify_signers(meeting)
    return meeting


def protokoll_justera(*, sammantrade, user, klient: Klient | None = None, forsening: str = "") -> Sammantrade:
    """The chair or an adjuster adjusts (signs) the protocol in the app. When all have, it is adjusted and immutable;
    from the first signature on nothing in it can change. After the 14 days a reason is required (forsening)."""
    with transaction.atomic():
        meeting = _lock(sammantrade)
        adjusters = set(meeting.justerare.values_list("pk", flat=True))
        _require(user.pk == meeting.ordforande_id or user.pk in adjusters,
                 "Bara sammanträdets ordförande och justerare kan justera protokollet.")
        _require(meeting.status == Sammantrade.Status.JUSTERING, "Protokollet är inte skickat för justering.")
        _require(not JusteringSignatur.objects.filter(sammantrade=meeting, person=user).exists(), "Du har redan justerat protokollet.")
        now = timezone.now()
        signed = set(JusteringSignatur.objects.filter(sammantrade=meeting).values_list("person_id", flat=True)) | {user.pk}
        completes = signed >= adjusters | {meeting.ordforande_id}
        forsening = (forsening or "").strip()
        rules.require_not_before_meeting(meeting, now)
        if completes:
            rules.require_justering_deadline(meeting, now, meeting.justering_forsening or forsening)
        signature = JusteringSignatur(sammantrade=meeting, person=user, tid=now,
                                      roll="ordforande" if user.pk == meeting.ordforande_id else "justerare",
                                      **(klient or Klient()).fields())
        signature._history_user = user
        signature.save()
        if forsening and not meeting.justering_forsening:
            meeting.justering_forsening = forsening
        if completes:
            meeting.status, meeting.justerat_tid = Sammantrade.Status.JUSTERAT, now
        _touch(meeting, user)
        if completes:
            lifecycle.record(meeting, fran=Sammantrade.Status.JUSTERING, till=Sammantrade.Status.JUSTERAT, user=user,
                             kommentar="Protokollet justerat")
            beslutsbesked.send_for_adjusted(meeting, user=user)
            utdrag.register_adjusted(meeting, user)
    return meeting


def protokoll_ansla(*, sammantrade, user, uppsatt: datetime.date, nedtas: datetime.date | None = None,
                    forsening: str = "") -> Sammantrade:
    """Post the notice that the protocol is adjusted, within 2 days after justering (later with a reason); it
    stays up at least three weeks (the appeal window)."""
    forsening = (forsening or "").strip()

    def mutate(meeting):
        meeting.anslag_nedtas = rules.anslag_period(meeting, uppsatt, nedtas, forsening, timezone.localdate())
        meeting.anslag_uppsatt = uppsatt
        meeting.anslag_forsening = forsening

    return _step(sammantrade, user=user, allowed_from=[Sammantrade.Status.JUSTERAT], to=Sammantrade.Status.ANSLAGET,
                 wrong_state="Protokollet ska vara justerat innan det anslås.", mutate=mutate,
                 kommentar=f"Anslaget {uppsatt:%Y-%m-%d}")


def anslag_late(meeting) -> bool:
    return bool(meeting.anslag_uppsatt and meeting.justerat_tid and
                meeting.anslag_uppsatt > timezone.localdate(meeting.justerat_tid) + datetime.timedelta(days=ANSLAG_DAYS))
