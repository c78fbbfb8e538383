"""Every workflow transition × every persona: allowed for the right role, refused (NotAllowed, a 403) for the others."""

import datetime

import pytest

from insatser import services
from insatser.models import Ansokan
from rar.errors import DomainError, NotAllowed
from tests.factories import complete_application

S = Ansokan.Status
PERSONAS = ["staff", "owner_a", "owner_b", "board_member", "evaluator", "reader", "outsider"]


def to_status(ansokan, status, owner, staff):
    """Bring an application to `status` by the legitimate path."""
    path = {
        S.UTKAST: [],
        S.INSKICKAD: [lambda a: services.ansokan_submit(ansokan=a, user=owner)],
        S.UNDER_BEREDNING: ["INSKICKAD", lambda a: services.ansokan_start_review(ansokan=a, user=staff)],
        S.KOMPLETTERING: ["UNDER_BEREDNING", lambda a: services.ansokan_request_completion(ansokan=a, user=staff, kommentar="x")],
        S.HOS_AU: ["UNDER_BEREDNING", lambda a: services.ansokan_send_to_au(ansokan=a, user=staff)],
        S.KLAR_FOR_STYRELSEN: ["HOS_AU", lambda a: services.ansokan_au_recommend(ansokan=a, user=staff, rekommendation="tillstyrks", motivering="x")],
        S.ATERREMITTERAD: ["KLAR_FOR_STYRELSEN", lambda a: services.ansokan_decide(
            ansokan=a, utfall="aterremiss", belopp=None, beslutstext="", user=staff, beslutsdatum=datetime.date(2026, 11, 1))],
    }
    for step in path[status]:
        ansokan = to_status(ansokan, S[step], owner, staff) if isinstance(step, str) else step(ansokan)
    return ansokan


TRANSITIONS = {
    # name: (from status, call, personas allowed)
    "submit": (S.UTKAST, lambda a, u: services.ansokan_submit(ansokan=a, user=u), {"owner_a", "staff"}),
    "start_review": (S.INSKICKAD, lambda a, u: services.ansokan_start_review(ansokan=a, user=u), {"staff"}),
    "request_completion": (S.UNDER_BEREDNING, lambda a, u: services.ansokan_request_completion(ansokan=a, user=u, kommentar="Mer"), {"staff"}),
    "submit_completion": (S.KOMPLETTERING, lambda a, u: services.ansokan_submit_completion(ansokan=a, user=u), {"owner_a"}),
    "send_to_au": (S.UNDER_BEREDNING, lambda a, u: services.ansokan_send_to_au(ansokan=a, user=u), {"staff"}),
    "au_recommend": (S.HOS_AU, lambda a, u: services.ansokan_au_recommend(ansokan=a, user=u, rekommendation="avstyrks", motivering="Oklart"), {"staff"}),
    "decide": (S.KLAR_FOR_STYRELSEN, lambda a, u: services.ansokan_decide(
        ansokan=a, utfall="avslag", belopp=None, beslutstext="Avslag", user=u, beslutsdatum=datetime.date(2026, 11, 1)), {"staff"}),
    "resume_review": (S.ATERREMITTERAD, lambda a, u: services.ansokan_resume_review(ansokan=a, user=u), {"staff"}),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
def test_transition_is_allowed_only_for_its_roles(request, transition, persona, owner_a, staff, af):
    from_status, call, allowed = TRANSITIONS[transition]
    ansokan = to_status(complete_application(owner_a, af), from_status, owner_a, staff)
    user = request.getfixturevalue(persona)
    if persona in allowed:
        moved = call(ansokan, user)
        assert moved.status != from_status
    else:
        with pytest.raises(NotAllowed):
            call(ansokan, user)
        ansokan.refresh_from_db()
        assert ansokan.status == from_status
