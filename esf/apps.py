from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsfConfig(AppConfig):
    name = "esf"
    verbose_name = _("ESF-projekt")

    def ready(self):
        from esf import search as esf_search
        from rar import search

        search.register(esf_search.projekt, order=40)
        from esf import dashboard, demo
        from esf.selectors import esf_budget_lines
        from rar import budget
        from rar import dashboard as rar_dashboard
        from rar import demo as rar_demo

        budget.register_line_source(esf_budget_lines)
        from esf.permissions import cases_of_projects_with_party
        from rar.permissions import register_party_cases

        register_party_cases(cases_of_projects_with_party)
        rar_dashboard.register_panel(dashboard.panel, order=20)
        rar_demo.register_step(20, demo.load)
