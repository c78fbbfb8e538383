from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = _("Insatser")

    def ready(self):
        from insatser import search as insats_search
        from rar import search

        search.register(insats_search.ansokningar, order=20)
        search.register(insats_search.insatser, order=30)
        from insatser.case_handler import handler
        from rar import case_handlers
        from rar.models import Arende

        case_handlers.register([Arende.Typ.ANSOKAN, Arende.Typ.FORLANGNING, Arende.Typ.KOMPETENS], handler)

        from insatser import permissions
        from rar.permissions import register_party_cases

        register_party_cases(permissions.cases_of_applications_with_party)
        register_party_cases(permissions.cases_of_insatser_with_party)

        from insatser import dashboard, demo
        from rar import dashboard as rar_dashboard
        from rar import demo as rar_demo

        rar_dashboard.register_panel(dashboard.panel, order=10)

        from insatser.selectors import granted_per_year, paid_per_year
        from rar.budget import register_granted_source, register_paid_source

        register_granted_source(granted_per_year)
        from insatser import due
        from rar.due import register_source

        register_source(due.items)
        register_paid_source(paid_per_year)
        rar_demo.register_step(10, demo.load_before_meetings)  # cases up to "klar för styrelsen"
        rar_demo.register_step(60, demo.load_after_meetings)  # after the board meeting decided them
