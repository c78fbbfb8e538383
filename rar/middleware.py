"""Request middleware of the federation's own."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

from rar import roles


LAST_SEEN_KEY = "senast_aktiv"
RENEW_AFTER_SECONDS = 60


def staff_session_timeout(get_response):
    """Staff sessions end after STAFF_SESSION_IDLE_SECONDS without a request. The time of the last request is a
    timestamp in the session, renewed at most once a minute, so an ordinary staff request does not write the
    session (a write per GET was a BEGIN/UPDATE/COMMIT on every page); the stored session's own expiry follows
    the timestamp, so the database drops an idle session too."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and roles.is_kansli(user):
            now = time.time()
            last = request.session.get(LAST_SEEN_KEY)
            if last is not None and now - last > settings.STAFF_SESSION_IDLE_SECONDS:
                logout(request)
            elif last is None or now - last >= RENEW_AFTER_SECONDS:
                request.session[LAST_SEEN_KEY] = now
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
