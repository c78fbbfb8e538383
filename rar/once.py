"""Double-submit protection: each create form carries a one-time key (`{% engangsnyckel %}`).

The first POST with a key stores a receipt in the same transaction as the object it creates; a second
POST with the same key (a double click, a reload, a second tab) finds the receipt and is sent to the
object the first one created. Two POSTs at once wait on the receipt's unique index, so only one creates.
A refused submission (a domain error) rolls its receipt back, so the corrected form can be sent again.
"""

import uuid

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect

from rar.models import Formularkvitto

FIELD = "engangsnyckel"


def posted_key(request):
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def previous_result(request):
    """A redirect to what an earlier submission of this form created, or None."""
    key = posted_key(request)
    if key is None:
        return None
    receipt = Formularkvitto.objects.filter(nyckel=key, anvandare=request.user).exclude(url="").first()
    if receipt is None:
        return None
    messages.info(request, "Formuläret var redan skickat. Här är det som skapades då; inget skapades två gånger.")
    return redirect(receipt.url)


def create_once(request, create):
    """Run `create()` (a service call returning an object with a URL) at most once per form key.

    Returns (object, None) the first time, or (None, redirect) when the key was already used.
    """
    key = posted_key(request)
    if key is None:
        return create(), None
    with transaction.atomic():
        # A concurrent first submission holds the unique index until it commits; get_or_create then finds it.
        receipt, created = Formularkvitto.objects.get_or_create(nyckel=key, defaults={"anvandare": request.user})
        if not created:
            return None, previous_result(request) or redirect(request.path)
        obj = create()
        receipt.url = obj.get_absolute_url()
        receipt.save(update_fields=["url"])
    return obj, None
