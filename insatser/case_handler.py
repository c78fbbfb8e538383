"""How the board's decisions reach applications: the handler insatser registers with rar's registry."""

from insatser import notifications, selectors, services
from insatser.models import Ansokan
from rar.case_handlers import CaseSummary


class AnsokanCaseHandler:
    def ready_for_board(self, arende_ids=None):
        qs = Ansokan.objects.filter(status=Ansokan.Status.KLAR_FOR_STYRELSEN)
        if arende_ids is not None:
            qs = qs.filter(arende_id__in=arende_ids)
        return list(qs.values_list("arende_id", flat=True))

    def ready_for_committee(self, arende_ids=None):
        qs = Ansokan.objects.filter(status=Ansokan.Status.HOS_AU)
        if arende_ids is not None:
            qs = qs.filter(arende_id__in=arende_ids)
        return list(qs.values_list("arende_id", flat=True))

    def _ansokan(self, arende):
        return Ansokan.objects.select_related("agare").prefetch_related("parter", "budget").get(arende=arende)

    def summary(self, arende) -> CaseSummary:
        ansokan = self._ansokan(arende)
        return CaseSummary(
            titel=ansokan.titel,
            agare=str(ansokan.agare),
            parter=[str(org) for org in ansokan.parter.all()],
            belopp_sokt=ansokan.sokt_belopp,
            rekommendation=(
                f"{ansokan.get_au_rekommendation_display()}: {ansokan.au_motivering}" if ansokan.au_rekommendation else ""
            ),
            regelkontroller=[(c.rubrik, c.ok, c.text) for c in selectors.rule_checks(ansokan)],
            url=ansokan.get_absolute_url(),
        )

    def decide(self, *, arende, utfall, belopp, beslutstext, user, beslutsdatum):
        return services.ansokan_decide(
            ansokan=self._ansokan(arende), utfall=utfall, belopp=belopp, beslutstext=beslutstext, user=user,
            beslutsdatum=beslutsdatum,
        )

    def recommend(self, *, arende, rekommendation, motivering, user):
        return services.ansokan_au_recommend(ansokan=self._ansokan(arende), user=user, rekommendation=rekommendation,
                                             motivering=motivering)

    def decision_adjusted(self, *, arende, utfall, utdrag_url):
        notifications.decision_taken(self._ansokan(arende), utdrag_url=utdrag_url)


handler = AnsokanCaseHandler()
