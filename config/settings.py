"""Settings, all from the environment (12-factor); every variable is documented in README.md.

Two running modes share this one module:
- embedded default (nothing set): SQLite, Celery tasks run in-process, e-mail to the console;
- production (ENVIRONMENT=production): SECRET_KEY required, secure cookies, HSTS, no debug.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ENVIRONMENT = env.str("ENVIRONMENT", default="development")
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured(
        f"ENVIRONMENT must be 'development' or 'production', not {ENVIRONMENT!r}"
    )
PRODUCTION = ENVIRONMENT == "production"

if PRODUCTION and not env.str("SECRET_KEY", default=""):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when ENVIRONMENT=production "
        "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))')"
    )
# The development key is public on purpose: it only ever signs local demo sessions.
SECRET_KEY = env.str("SECRET_KEY", default="netralitas-development-only-key-not-for-production")
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public base URL used in links inside notices (e-mails, webhooks).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "core.admin.WorkspaceAdminConfig",  # django.contrib.admin with the workspace as its site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "strawberry_django",
    "core",
    "agencies",
    "agencies.signin",
    "cases",
    "graphql_api",
    "benchmarks",
]

MIDDLEWARE = [
    # Outermost, so that every response carries the id and is logged, redirects included.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common: the language comes from the request (cookie, browser), and
    # LANGUAGE_CODE (Indonesian) when the request names none.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # After OTPMiddleware: ends idle staff sessions, and holds back a session that still owes
    # its second factor (agencies/signin/middleware.py).
    "agencies.signin.middleware.StaffSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, workers and tests may write at once: wait for locks, take the write lock up front,
    # and let readers proceed during writes (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # A file, not memory, so that worker processes started by the tests share the test database.
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    DATABASES["default"]["TEST"] = {
        "NAME": str(_sqlite_file.with_name(f"test-{_sqlite_file.name}"))
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT: it compiles plans the planner estimates expensive, such as the statistics'
    # aggregates over every visible case, and compiling costs more than it saves on queries that
    # run in tens of milliseconds. (`?options=` overrides.)
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Auth -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No guardian anonymous user: anonymous requests get no data at all.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Staff sign-in (agencies/signin/) ------------------------------------------------------------
# Failed password logins per username and address before that pair is locked out, and for how
# long; every failure during the lock-out starts the cool-off again.
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "agencies.signin.views.locked_out"
# Attempts are logged by axes' models; its own admin pages would edit them without an audit event.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False  # no start-up banner on every command
# A staff session unused for this long ends; the next request asks for the password again.
STAFF_IDLE_TIMEOUT_MINUTES = env.int("STAFF_IDLE_TIMEOUT_MINUTES", default=30)
# Not read from the environment: no deployment can switch the second factor off. Only the test
# suite does, for the tests that are not about signing in (tests/conftest.py).
SIGNIN_REQUIRE_SECOND_FACTOR = True
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Netralitas")

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="id")
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
# Our own catalogue (msgids in English, Indonesian first); the compiled .mo files are committed.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Uploaded evidence is never public: MEDIA_URL is the view that checks the access policy
# (graphql_api/evidence_files.py), and MEDIA_ROOT is served by nothing else.
MEDIA_URL = "/files/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Set when a proxy (nginx) serves MEDIA_ROOT from an `internal` location with this prefix: the
# view then answers with X-Accel-Redirect instead of streaming the file through Python.
MEDIA_ACCEL_REDIRECT_PREFIX = env.str("MEDIA_ACCEL_REDIRECT_PREFIX", default="")

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Netralitas <noreply@netralitas.go.id>")

# --- Celery (the app itself is config/celery.py) ------------------------------------------------
# No broker configured: tasks run in-process, so the embedded default needs nothing installed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
# The longest countdown any task may be given; the Redis visibility timeout is derived from it.
CELERY_MAX_COUNTDOWN = env.int("CELERY_MAX_COUNTDOWN", default=3600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_EVENTS = env.bool("CELERY_TASK_EVENTS", default=False)

# Retention of captured posts after a contest's voting day (cases/services/retention.py): a
# year covers the examination, recommendation and sanction periods of the cases a contest
# brings. Off only by saying so.
RETENTION_ENABLED = env.bool("RETENTION_ENABLED", default=True)
RETENTION_DAYS_AFTER_VOTING = env.int("RETENTION_DAYS_AFTER_VOTING", default=365)

# --- Case workflow --------------------------------------------------------------------------
# Empty: the regime marked active in admin (UU_20_2023 as shipped). Or SKB_2022 / UU_20_2023.
ROUTING_REGIME = env.str("ROUTING_REGIME", default="")

# --- Audit trail ------------------------------------------------------------------------------
# The key that signs the audit chain's head (HMAC-SHA256), kept outside the database so that one
# who can rewrite the database cannot re-sign a rewritten chain: the key itself, or a file holding
# it (a mounted secret). Unset: derived from SECRET_KEY, which `check --deploy` warns about.
AUDIT_SIGNING_KEY = env.str("AUDIT_SIGNING_KEY", default="")
if not AUDIT_SIGNING_KEY and env.str("AUDIT_SIGNING_KEY_FILE", default=""):
    AUDIT_SIGNING_KEY = Path(env.str("AUDIT_SIGNING_KEY_FILE")).read_text().strip()
# Seconds between the signed checkpoints beat writes (core.tasks.audit_checkpoint).
AUDIT_CHECKPOINT_INTERVAL = env.float("AUDIT_CHECKPOINT_INTERVAL", default=3600.0)

# --- Security (production mode) ---------------------------------------------------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json_line": {"format": "%(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # One JSON object per request on standard output, for the log shipper to parse as is.
        "requests": {
            "class": "logging.StreamHandler",
            "formatter": "json_line",
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "netralitas.requests": {
            "handlers": ["requests"],
            "level": "INFO" if env.bool("REQUEST_LOG", default=True) else "WARNING",
            "propagate": False,
        },
    },
}

# --- Notices ----------------------------------------------------------------------------------
# Seconds to wait before each retry of a failed webhook or e-mail (after the first attempt);
# about two days in all, then the notice is dead-lettered and the agency's admins are told.
NOTICE_RETRY_SCHEDULE = [
    float(s)
    for s in env.list(
        "NOTICE_RETRY_SCHEDULE",
        default=["5", "60", "300", "1800", "7200", "18000", "36000", "36000", "36000", "36000"],
    )
]
# Each delay is spread by up to this fraction, so retries after an outage do not arrive in step.
NOTICE_RETRY_JITTER = env.float("NOTICE_RETRY_JITTER", default=0.2)
NOTICE_WEBHOOK_TIMEOUT = env.float("NOTICE_WEBHOOK_TIMEOUT", default=15.0)
# Pending notices older than this are re-dispatched by the sweep (broker outage, crashed worker).
NOTICE_SWEEP_GRACE = env.float("NOTICE_SWEEP_GRACE", default=30.0)
# Remind the holder of an escalation this many working days before it is due.
NOTICE_REMIND_WORKING_DAYS = env.int("NOTICE_REMIND_WORKING_DAYS", default=2)
# Agency members of these roles receive notices by e-mail.
NOTICE_EMAIL_ROLES = env.list("NOTICE_EMAIL_ROLES", default=["supervisor", "agency_admin"])
# E-mails carry these languages, in this order (templates in agencies/templates/notices/).
NOTICE_EMAIL_LANGUAGES = env.list("NOTICE_EMAIL_LANGUAGES", default=["id", "en"])
# Where django.core.mail.backends.filebased.EmailBackend writes (tests read the e-mails there).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=None)
# Webhook endpoints must resolve to public addresses, except in these networks (CIDR), e.g.
# "127.0.0.0/8,::1/128" for a receiver on this machine. Plain http is refused in production.
NOTICE_ALLOWED_NETWORKS = env.list("NOTICE_ALLOWED_NETWORKS", default=[])
# How long a rotated-out webhook secret still signs (both signatures are sent meanwhile).
NOTICE_SECRET_OVERLAP_HOURS = env.float("NOTICE_SECRET_OVERLAP_HOURS", default=24.0)
# Every webhook attempt is recorded (DeliveryAttempt); httpx's line per request is noise.
LOGGING["loggers"] = {**LOGGING.get("loggers", {}), "httpx": {"level": "WARNING"}}

# --- GraphQL API ----------------------------------------------------------------------------
# Django takes a management command from the first app that has it: `export_schema` must be ours
# (graphql_api/schema.graphql), not strawberry-django's command of the same name.
INSTALLED_APPS.remove("graphql_api")
INSTALLED_APPS.insert(INSTALLED_APPS.index("strawberry_django"), "graphql_api")
# Every limit is read per request, so an operator can tighten one without touching code.
# The GraphiQL IDE (for staff with a session), introspection and "Did you mean ...?" suggestions
# help in development and help an attacker map the schema in production.
GRAPHQL_IDE = env.bool("GRAPHQL_IDE", default=not PRODUCTION)
GRAPHQL_INTROSPECTION = env.bool("GRAPHQL_INTROSPECTION", default=not PRODUCTION)
GRAPHQL_FIELD_SUGGESTIONS = env.bool("GRAPHQL_FIELD_SUGGESTIONS", default=not PRODUCTION)
GRAPHQL_ALLOW_GET = env.bool("GRAPHQL_ALLOW_GET", default=True)  # queries only, never mutations
GRAPHQL_MAX_PAGE_SIZE = env.int("GRAPHQL_MAX_PAGE_SIZE", default=100)
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=10)
GRAPHQL_MAX_ALIASES = env.int("GRAPHQL_MAX_ALIASES", default=15)
GRAPHQL_MAX_TOKENS = env.int("GRAPHQL_MAX_TOKENS", default=2000)
# Cost as in Saleor: one per field, a connection multiplies what it contains by its page size.
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=50000)
GRAPHQL_MAX_REQUEST_BYTES = env.int("GRAPHQL_MAX_REQUEST_BYTES", default=1_000_000)
GRAPHQL_MAX_UPLOAD_BYTES = env.int("GRAPHQL_MAX_UPLOAD_BYTES", default=50_000_000)
# Requests per client (or staff user) per window, counted in the cache (Redis when REDIS_URL).
GRAPHQL_RATE_LIMIT = env.int("GRAPHQL_RATE_LIMIT", default=600)
GRAPHQL_RATE_WINDOW = env.int("GRAPHQL_RATE_WINDOW", default=60)
# Failed token checks per client address and window; then 429 until the window ends.
GRAPHQL_AUTH_FAILURE_LIMIT = env.int("GRAPHQL_AUTH_FAILURE_LIMIT", default=20)
