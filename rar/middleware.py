"""Request middleware of the federation's own."""

from django.conf import settings

from rar import roles


def staff_session_timeout(get_response):
    """Staff sessions expire after STAFF_SESSION_IDLE_SECONDS without a request (sliding: each request renews)."""

    def middleware(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and roles.is_kansli(user):
            request.session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return get_response(request)

    return middleware
