"""Request middleware of the federation's own."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from rar import roles


def staff_session_timeout(get_response):
    """Staff sessions expire after STAFF_SESSION_IDLE_SECONDS without a request (sliding: each request renews)."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and roles.is_kansli(user):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return get_response(request)

    return middleware


def private_no_store(get_response):
    """Every answer to a logged-in user carries `Cache-Control: private, no-store`: neither the browser (back
    button, a shared computer) nor a proxy keeps a copy. Anonymous public pages (the catalogue) are left as
    they are."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware
