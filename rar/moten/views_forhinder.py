"""A member reports förhinder (or withdraws it) with the button on the meeting page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from rar.errors import DomainError
from rar.moten import forhinder, permissions


@login_required
@require_POST
def forhinder_anmal(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    try:
        report = forhinder.forhinder_anmal(sammantrade=meeting, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        called = f" Din ersättare {report.ersattare.get_full_name() or report.ersattare} är kallad." if report.ersattare else \
            " Det finns ingen ersättare att kalla; kansliet har fått besked."
        messages.success(request, "Ditt förhinder är anmält." + called)
    return redirect(meeting)


@login_required
@require_POST
def forhinder_aterkalla(request, pk):
    meeting = permissions.get_sammantrade_for(request.user, pk)
    try:
        forhinder.forhinder_aterkalla(sammantrade=meeting, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Förhindret är återkallat; du är kallad som vanligt.")
    return redirect(meeting)
