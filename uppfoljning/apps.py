from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = _("Uppföljning")

    def ready(self):
        from rar import demo as rar_demo
        from uppfoljning import demo

        rar_demo.register_step(70, demo.load)
