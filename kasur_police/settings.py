"""Settings for the annual policing plan portal.

Deployment values come from the environment. DEBUG is off unless set (`make run` and the tests set it);
with DEBUG on everything has a safe local default, with DEBUG off SECRET_KEY and ALLOWED_HOSTS must be given
or start-up fails.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "plans",
    "strength",
    "logistics",
    "crime_stats",
    "initiatives",
    "publication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kasur_police.middleware.RefuseNulCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kasur_police.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "kasur_police.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for several users at once: readers never wait for a writer (WAL), a writer waits its turn for up
    # to 20 s rather than failing with "database is locked", and a transaction takes the write lock when it
    # begins (IMMEDIATE), so two writers never both read and then deadlock on upgrading to a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# The plan's admin page carries every section's rows in one form: Kasur's alone sends ~1,500 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", "20000"))

# The cache holds the rendered PDFs, their data versions and the render locks. With more than one server
# process, or a Celery worker, it must be shared: REDIS_URL (e.g. redis://127.0.0.1:6379/1) gives Django's
# Redis cache; CACHE_BACKEND/CACHE_LOCATION name any other. Local memory is the default for one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": os.environ.get(
            "CACHE_BACKEND",
            "django.core.cache.backends.redis.RedisCache"
            if REDIS_URL
            else "django.core.cache.backends.locmem.LocMemCache",
        ),
        "LOCATION": os.environ.get("CACHE_LOCATION", REDIS_URL or "plan-portal"),
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }
}

# Celery (kasur_police/celery.py): PDFs and compendiums are rendered by workers (`celery -A kasur_police worker`)
# when a broker is configured (redis://... or amqp://...). Without one, tasks run in the process that asks
# (eager): `make run` and the tests need no broker, and a PDF is rendered in the request as before.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # a render cut off by a dying worker is done again by another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # renders are long: a worker takes one at a time
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TIMEZONE = "Asia/Karachi"
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# After a change to a plan's data, its PDF is rendered again once no further change came for this many seconds,
# so the next download is ready. Only with a broker (a worker does it), unless PDF_RENDER_ON_CHANGE says otherwise.
PDF_RENDER_DELAY_SECONDS = int(os.environ.get("PDF_RENDER_DELAY_SECONDS", "5"))
PDF_RENDER_ON_CHANGE = env_bool("PDF_RENDER_ON_CHANGE", not CELERY_TASK_ALWAYS_EAGER)
# How long one render may hold a plan's render lock (seconds); others wait for it rather than render the same.
PDF_RENDER_LOCK_SECONDS = int(os.environ.get("PDF_RENDER_LOCK_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's backend behind django-axes, which counts failed logins and refuses them once locked out.
AUTHENTICATION_BACKENDS = [
    "kasur_police.login_throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (portal and admin): after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that username is refused from that address for AXES_COOLOFF_MINUTES; a right password resets.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kasur_police.login_throttle.lockout_response"
AXES_VERBOSE = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ur", _("Urdu"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads (maps, approved PDFs) are never served as plain files: /files/ is a view that checks the login and
# the user's scope (`kasur_police.files`). A web server in front must not serve MEDIA_ROOT either.
MEDIA_URL = "files/"
# The largest district map accepted, in bytes.
MAX_UPLOAD_IMAGE_BYTES = int(os.environ.get("MAX_UPLOAD_IMAGE_BYTES", str(5 * 1024 * 1024)))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous request gets 401 with a WWW-Authenticate header, not 403.
        # Tokens are stored as digests (knox): the key is shown once, when it is made.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kasur_police.api.permissions.ModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "kasur_police.api.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "kasur_police.api.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kasur_police.api.exceptions.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "kasur_police.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Requests per client: by address when anonymous, by user when logged in (429 with Retry-After).
    "DEFAULT_THROTTLE_CLASSES": [
        "kasur_police.api.throttles.AnonRateThrottle",
        "kasur_police.api.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("API_THROTTLE_USER", "600/min"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# What approval archives: a callable (plan, approver) -> PDF bytes. The publication app's is the signed
# PDF/A-3b record with the plan's data inside.
APPROVED_DOCUMENT = "publication.archive.approved_document"

# The public API (publication.api): requests per client address.
# API tokens (`Authorization: Token <key>`) expire after this many days; revoking one deletes it.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("API_TOKEN_TTL_DAYS", "90"))),
    "AUTH_HEADER_PREFIX": "Token",
}
REST_FRAMEWORK.setdefault("DEFAULT_THROTTLE_RATES", {})["public"] = os.environ.get("PUBLIC_API_RATE", "120/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Annual Policing Plan API",
    "DESCRIPTION": "District annual policing plans (Police Order 2002, Article 32) as data.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from our own static files: the portal loads nothing from external CDNs.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name ("status", "kind") get names of their own in the schema.
    # Every error response has one shape, `Error`, which also carries messages by field name.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kasur_police.api.schema.document_field_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "plans.models.PlanStatus",
        "UnitKindEnum": "plans.models.UnitKind",
        "SectionKindEnum": "initiatives.models.SectionKind",
        "ProgressStatusEnum": "initiatives.models.ProgressStatus",
    },
}

# E-mail about workflow steps (plans.notifications): the console by default, SMTP with EMAIL_HOST etc.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "plans@localhost")
# The portal's address as the e-mails link to it.
EMAIL_LINK_BASE_URL = os.environ.get("EMAIL_LINK_BASE_URL", "http://127.0.0.1:8000")

# JSON request bodies nested deeper than this are refused with 400 (`kasur_police.api.parsers`).
API_JSON_MAX_DEPTH = int(os.environ.get("API_JSON_MAX_DEPTH", "64"))

# How figures are grouped in print: "lakh" (18,29,728) or "international" (1,829,728).
DIGIT_GROUPING = os.environ.get("DIGIT_GROUPING", "lakh")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
