"""The event log every object with a life cycle shares: applications, invoices, status and final reports,
ESF projects and meetings. Rows are written only by `rar.lifecycle`."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def status_label(model, value: str) -> str:
    """The label of one of `model`'s status values, as its `status` field's choices name it."""
    return str(dict(model._meta.get_field("status").flatchoices).get(value, value)) if value else ""


class Statushandelse(models.Model):
    """One step in an object's life cycle: who moved it from which status to which, when and why."""

    objekt_typ = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    objekt_id = models.PositiveBigIntegerField()
    objekt = GenericForeignKey("objekt_typ", "objekt_id")
    fran_status = models.CharField(_("från status"), max_length=24, blank=True)
    till_status = models.CharField(_("till status"), max_length=24)
    anvandare = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
                                  verbose_name=_("av"))
    tid = models.DateTimeField(_("tid"), default=timezone.now)
    kommentar = models.TextField(_("kommentar"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        ordering = ["tid", "pk"]
        indexes = [models.Index(fields=["objekt_typ", "objekt_id", "tid"], name="statushandelse_objekt")]

    @property
    def fran_label(self) -> str:
        return status_label(ContentType.objects.get_for_id(self.objekt_typ_id).model_class(), self.fran_status)

    @property
    def till_label(self) -> str:
        return status_label(ContentType.objects.get_for_id(self.objekt_typ_id).model_class(), self.till_status)

    def __str__(self):
        return f"{self.tid:%Y-%m-%d %H:%M} {self.till_label}"
