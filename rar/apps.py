from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RarConfig(AppConfig):
    name = "rar"
    verbose_name = _("Förbundet")
