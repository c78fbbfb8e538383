"""Roles are Django groups. The names are the Swedish ones users see in the admin."""

from django.utils.translation import gettext_lazy as _

KANSLI = "Kansli"
STYRELSE = "Styrelse"
INSATSAGARE = "Insatsägare"
UTVARDERARE = "Utvärderare"
LASARE = "Läsare"

ALL = (KANSLI, STYRELSE, INSATSAGARE, UTVARDERARE, LASARE)

DESCRIPTIONS = {
    KANSLI: _("Förbundets kansli: registrerar, bereder och administrerar allt."),
    STYRELSE: _("Styrelseledamot eller ersättare: läser beslutsunderlag och protokoll."),
    INSATSAGARE: _("Kontaktperson hos en insatsägare: ansöker och rapporterar för sin organisation."),
    UTVARDERARE: _("Utvärderare (FoUiS): läser ärenden och uppföljning."),
    LASARE: _("Läsbehörighet, t.ex. revisorer."),
}

# Roles that may read the whole case register (diarium). Owners see their own organisation's cases.
READ_ALL = frozenset({KANSLI, STYRELSE, UTVARDERARE, LASARE})


# The apps whose models Kansli may administer in the admin. What the admin then lets anyone change is
# decided per model in rar.admin_locks (final records read-only, decisions never, users only by superusers).
ADMIN_APPS = ("rar", "insatser", "esf", "uppfoljning")


def grant_kansli_admin_permissions():
    """Give the Kansli group the model permissions of the product's apps (run by the demo and the tests)."""
    from django.contrib.auth.models import Group, Permission

    kansli = Group.objects.get_or_create(name=KANSLI)[0]
    kansli.permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    return kansli


def roles_of(user) -> frozenset:
    """The user's role names, fetched once per request and cached on the user object."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_rar_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(KANSLI)
        cached = user._rar_roles = frozenset(names & set(ALL))
    return cached


def is_kansli(user) -> bool:
    return KANSLI in roles_of(user)


def primary_role(user):
    """The role whose start page the user sees, the most powerful first."""
    roles = roles_of(user)
    for role in ALL:
        if role in roles:
            return role
    return None


def owner_organisation_id(user):
    """The organisation an owner contact (Insatsägare) acts for, or None."""
    if INSATSAGARE in roles_of(user) and getattr(user, "organisation_id", None):
        return user.organisation_id
    return None
