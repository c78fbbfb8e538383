from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def update_last_login(sender, user, **kwargs):
    """Django's own receiver, without a history row: the last login is not part of the user's audit trail."""
    from django.utils import timezone

    user.last_login = timezone.now()
    user.save_without_historical_record(update_fields=["last_login"])


class RarConfig(AppConfig):
    name = "rar"
    verbose_name = _("Förbundet")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from rar import dashboard, demo, due  # noqa: F401 (due registers its source)
        from rar.moten import dashboard as dashboard_moten, demo as demo_moten

        demo.register_step(50, demo_moten.load)  # after the apps have prepared their cases (order 10)
        dashboard.register_panel(dashboard_moten.panel, order=5)
        from django.db.models.signals import post_migrate

        from rar.dataversion import attach_triggers

        # Tables created by later migrations (of any app) get the data-version trigger too.
        post_migrate.connect(lambda sender, using="default", **kw: attach_triggers(using=using), sender=self,
                             dispatch_uid="rar_dataversion", weak=False)
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")

        from django.contrib import admin

        from rar.forms_base import protect_admin_forms

        # The admin (listed first in INSTALLED_APPS) has registered every app's ModelAdmins by now.
        protect_admin_forms(admin.site, ("rar", "insatser", "esf", "uppfoljning"))
