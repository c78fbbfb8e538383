"""Login throttling with django-axes: the real client address, and a limit per pair and per address.

`client_ip` is axes' AXES_CLIENT_IP_CALLABLE. Without a proxy (TRUSTED_PROXY_COUNT = 0, the default) it is
REMOTE_ADDR and any X-Forwarded-For is ignored: a client could write anything there. Behind N trusted reverse
proxies, each of which appends the address it received the request from, the client is the N-th address from
the right of TRUSTED_PROXY_HEADER; whatever the client wrote itself stands further left and is never read.

`ThrottleHandler` is axes' database handler with two limits instead of one: AXES_FAILURE_LIMIT failures for one
user name from one address lock that pair; AXES_ADDRESS_FAILURE_LIMIT failures from one address, across user
names, lock the address. A successful login clears its own pair's failures and leaves the address's count,
so an attacker with an account of their own cannot reset their spraying by logging in.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get(settings.TRUSTED_PROXY_HEADER, "").split(",") if hop.strip()]
    if not hops:
        return remote
    candidate = hops[-count] if len(hops) >= count else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ThrottleHandler(AxesDatabaseHandler):
    def _attempts(self, request):
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts

    @staticmethod
    def _failures(attempts) -> int:
        return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0

    def get_failures(self, request, credentials=None) -> int:
        """The pair's failures, or the pair limit itself once the address has reached its own limit."""
        attempts = self._attempts(request)
        pair = self._failures(attempts.filter(username=get_client_username(request, credentials)))
        if self._failures(attempts) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair

    def reset_user_attempts(self, request, credentials=None) -> int:
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address).delete()
        return count
