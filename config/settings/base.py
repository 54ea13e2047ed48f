"""Settings shared by every environment. Everything that differs between machines comes from
the environment; see docs/configuration.md for the full list."""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("COCREATE_VAR_DIR", BASE_DIR / "var"))
DATA_DIR = BASE_DIR / "data"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """The key from SECRET_KEY, or one generated once and kept in var/ for a local machine."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = local_secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from local static files, not a CDN
    "django_tasks_db",
    "cocreate.core",
    "cocreate.accounts",
    "cocreate.orgs",
    "cocreate.catalog",
    "cocreate.contributions",
    "cocreate.textintel",
    "cocreate.ideas",
    "cocreate.moderation",
    "cocreate.ledger",
    "cocreate.feeds",
    "cocreate.insights",
    "cocreate.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cocreate.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "cocreate.web.context_processors.site",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
# DATABASE_URL picks the database: a SQLite file by default, PostgreSQL (psycopg 3) when set,
# e.g. postgres://postgres@127.0.0.1:5432/cocreate. DB_POOL=1 uses psycopg's connection pool
# instead of persistent connections.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cocreate.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
            " PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
elif env_bool("DB_POOL", False):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 2, "max_size": 8}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# --- language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "cocreate_language"

# --- static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "cocreate.web.views.csrf_failure"
# How many reverse proxies in front of the site append to X-Forwarded-For; 0 trusts only the
# connection's address. Used to count attempts per client (accounts.throttle).
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# --- mail -----------------------------------------------------------------------------------
# EMAIL_BACKEND picks the backend: the console by default; SMTP with EMAIL_HOST etc.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
        ),
        "OPTIONS": {
            key.lower(): os.environ[f"EMAIL_{key}"]
            for key in ("HOST", "PORT", "HOST_USER", "HOST_PASSWORD")
            if os.environ.get(f"EMAIL_{key}")
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cocreate <no-reply@cocreate.local>")

# --- cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL", "").startswith("redis://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

# --- background tasks -----------------------------------------------------------------------
# TASKS_BACKEND=db (default): the database queue, worked by `cocreate worker`.
# TASKS_BACKEND=rq: Redis queues at REDIS_URL, worked by `cocreate worker` (an RQ worker pool).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
TASK_QUEUES = ["default", "textintel", "feeds", "ledger"]
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600} for name in TASK_QUEUES}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

# Tasks enqueued (after commit) whenever a contribution is created, edited or changes state.
# Each takes the contribution id and is idempotent. Apps below in the import order list their
# task here instead of importing upward.
CONTRIBUTION_CHANGE_TASKS: list[str] = [
    # textintel
    "cocreate.textintel.tasks.enrich_contribution",
    # moderation
    "cocreate.moderation.tasks.label_related_contribution",
    # feeds
    "cocreate.feeds.tasks.feed_refresh_contribution",
    # insights
    "cocreate.insights.tasks.counts_refill_contribution",
]

# For a kind with data of its own in an app above contributions: a function called in the
# transaction that creates such a contribution, as handler(contribution, extra: dict).
CONTRIBUTION_KIND_HANDLERS: dict[str, str] = {
    # ideas
    "idea": "cocreate.ideas.services.idea_attach",
}

# Periodic tasks that `cocreate worker` enqueues: name -> dotted task path and interval (s).
PERIODIC_TASKS: dict[str, dict[str, object]] = {
    # ideas
    "ideas_tick": {"task": "cocreate.ideas.tasks.ideas_tick_task", "every": 300},
    # ledger
    "ledger-settle-idea-rewards": {
        "task": "cocreate.ledger.tasks.settle_idea_rewards",
        "every": 300,
    },
    # feeds
    "feeds.refresh_pending": {"task": "cocreate.feeds.tasks.feed_refresh_pending", "every": 60},
    "feeds.webhooks_retry": {"task": "cocreate.feeds.tasks.webhooks_retry_due", "every": 30},
    "feeds.invoices": {"task": "cocreate.feeds.tasks.invoices_issue_due", "every": 3600},
    # insights
    "insights.catch_up": {"task": "cocreate.insights.tasks.insights_catch_up", "every": 600},
    "insights.refill": {"task": "cocreate.insights.tasks.insights_refill", "every": 86400},
    "insights.sessions_close_due": {
        "task": "cocreate.insights.session_tasks.sessions_close_due_task",
        "every": 300,
    },
}

# Long-running services that `cocreate worker` runs in threads beside the task runner: dotted
# paths of functions taking a threading.Event that is set when the worker stops.
WORKER_SERVICES: list[str] = [
    # textintel
    "cocreate.textintel.service.run",
]

# --- API ------------------------------------------------------------------------------------
API_MAX_PAGE_SIZE = 100
API_KEY_PREFIX = "cck"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"cocreate": {"level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True}},
}

# --- apps -----------------------------------------------------------------------------------
# Each app keeps its own settings in config/settings/apps/<app>.py.
from config.settings.apps.feeds import *  # noqa: E402
from config.settings.apps.ideas import *  # noqa: E402
from config.settings.apps.insights import *  # noqa: E402
from config.settings.apps.ledger import *  # noqa: E402
from config.settings.apps.moderation import *  # noqa: E402
from config.settings.apps.textintel import *  # noqa: E402
