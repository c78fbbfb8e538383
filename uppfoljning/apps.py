from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Uppföljning")

    def ready(self):
        from insatser import report_checks
        from rar import demo as rar_demo
        from uppfoljning import demo, report_check

        rar_demo.register_step(70, demo.load)
        report_checks.register(report_check.report_notes)
