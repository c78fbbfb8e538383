import functools

from django.conf import settings

from rar import roles


def forbund(request):
    user = getattr(request, "user", None)
    logged_in = user is not None and user.is_authenticated

    @functools.cache
    def unread():
        from rar.models import Notis

        return Notis.objects.filter(mottagare=user, last__isnull=True).count() if logged_in else 0

    return {
        "forbund": settings.FORBUND,
        "user_roles": roles.roles_of(user) if logged_in else frozenset(),
        "olasta_notiser": unread,  # counted only when the menu shows it, once however often the page asks
    }
