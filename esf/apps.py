from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsfConfig(AppConfig):
    name = "esf"
    verbose_name = _("ESF-projekt")
