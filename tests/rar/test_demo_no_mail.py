"""Loading the demo data sends and queues no e-mail: its workflow steps (kallelse, decisions, justering) would
otherwise leave mail to invented addresses for the task worker."""

from io import StringIO

import pytest
from django.core import mail

from rar import demo
from rar.models import Notis


@pytest.mark.django_db(transaction=True)
def test_the_demo_data_queues_no_e_mail(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    demo.load(StringIO())
    assert Notis.objects.filter(handelse="kallelse").exists()  # the demo's meetings were called in the app
    assert DBTaskResult.objects.count() == 0 and mail.outbox == []
