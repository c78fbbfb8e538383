"""Loading the demo data sends and queues no e-mail, though its workflow steps notify staff and owners: its
kallelser, decisions and justering would otherwise leave mail to invented addresses for the task worker."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from rar.models import Notis


@pytest.mark.django_db(transaction=True)  # real commits: the services notify after commit
def test_demodata_leaves_the_task_queue_and_the_mail_outbox_empty(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("demodata", stdout=StringIO())
    assert Notis.objects.filter(handelse="kallelse").exists()  # the demo's meetings were called, in the app
    assert DBTaskResult.objects.count() == 0
    assert mail.outbox == []


def test_after_demodata_a_real_event_is_mailed_again(demo_data, owner_a, django_capture_on_commit_callbacks):
    from rar.notiser import notify

    call_command("demodata", stdout=StringIO())  # on the loaded demo: the command's no-e-mail switch, on and off
    owner_a.email = "agare@example.se"
    owner_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[owner_a], handelse="beslut_fattat", rubrik="Beslut")
    assert [m.to for m in mail.outbox] == [["agare@example.se"]]
