from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsatserConfig(AppConfig):
    name = "insatser"
    verbose_name = _("Insatser")

    def ready(self):
        from insatser.case_handler import handler
        from rar import case_handlers
        from rar.models import Arende

        case_handlers.register([Arende.Typ.ANSOKAN, Arende.Typ.FORLANGNING, Arende.Typ.KOMPETENS], handler)
