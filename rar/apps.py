from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RarConfig(AppConfig):
    name = "rar"
    verbose_name = _("Förbundet")

    def ready(self):
        from rar import dashboard, demo, due  # noqa: F401 (due registers its source)
        from rar.moten import dashboard as dashboard_moten, demo as demo_moten

        demo.register_step(50, demo_moten.load)  # after the apps have prepared their cases (order 10)
        dashboard.register_panel(dashboard_moten.panel, order=5)

        from django.contrib import admin

        from rar.forms_base import protect_admin_forms

        # The admin (listed first in INSTALLED_APPS) has registered every app's ModelAdmins by now.
        protect_admin_forms(admin.site, ("rar", "insatser", "esf", "uppfoljning"))
