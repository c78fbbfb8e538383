from django.conf import settings

from rar import roles


def forbund(request):
    user = getattr(request, "user", None)
    return {
        "forbund": settings.FORBUND,
        "user_roles": roles.roles_of(user) if user is not None and user.is_authenticated else frozenset(),
    }
