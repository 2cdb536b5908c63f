"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "portal",
    "kennisbank",
    "visual",
    "samenwerking",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "guardian",
    "graphene_django",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside every view and its transactions: refusals kept during a rolled-back block are written.
    "samenwerking.refusals.RefusalLogMiddleware",
    "portal.versies.VersionsPerRequestMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.GraphQLCsrfMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "portal.pagecache.AnonymousPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A deferred transaction that reads and then writes cannot wait for the write lock: SQLite
    # fails it at once with "database is locked". IMMEDIATE takes the lock at BEGIN, where the
    # timeout lets it wait its turn; WAL lets readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("DATABASE_SQLITE_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# The anonymous user guardian creates needs an e-mail address on our user model.
GUARDIAN_GET_INIT_ANONYMOUS_USER = "portal.models.get_anonymous_user_instance"
ANONYMOUS_USER_NAME = "anonymous@toezichtportaal.invalid"
GUARDIAN_RAISE_403 = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # NL Design System packages installed by `npm ci`, never copied into the repository.
    ("nlds", BASE_DIR / "node_modules" / "@rijkshuisstijl-community"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Documents of samenwerkingsruimtes live in a storage that no URL serves, never under
# MEDIA_ROOT; only the download view reads them. Production may point "samenwerking" at
# S3-compatible object storage through django-storages (docs/operations.md).
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "samenwerking": {
        "BACKEND": "samenwerking.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT)},
    },
}
# Largest document a space accepts, checked while the upload streams in.
SAMENWERKING_MAX_UPLOAD_BYTES = int(os.environ.get("SAMENWERKING_MAX_UPLOAD_BYTES", str(25 * 1024 * 1024)))

WAGTAIL_SITE_NAME = "Toezichtportaal Sociaal Domein"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The address the portal is reached at, for absolute links in the API (portal/links.py);
# the default is where `make run` serves.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
# No hash of an editor's e-mail address goes to an outside service for a picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

GRAPHENE = {
    "SCHEMA": "portal.schema.schema",
    "ATOMIC_MUTATIONS": True,
    "MIDDLEWARE": ["portal.graphql.ArgumentsMiddleware"],
}
GRAPHQL_MAX_DEPTH = int(os.environ.get("GRAPHQL_MAX_DEPTH", "8"))
GRAPHQL_MAX_PAGE_SIZE = 100
# Limits checked before execution (portal/graphql_limits.py, docs/api.md). The cost of a
# query is its number of fields and values, each multiplied by the estimated sizes of the
# lists it sits in: GRAPHQL_LIST_SIZES per field (about twice the real sizes, so that the
# content may grow), GRAPHQL_LIST_SIZE for any other list.
GRAPHQL_MAX_COST = int(os.environ.get("GRAPHQL_MAX_COST", "25000"))
GRAPHQL_MAX_ALIASES = int(os.environ.get("GRAPHQL_MAX_ALIASES", "15"))
GRAPHQL_MAX_TOKENS = int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000"))
GRAPHQL_MAX_QUERY_LENGTH = int(os.environ.get("GRAPHQL_MAX_QUERY_LENGTH", "10000"))
GRAPHQL_MAX_REQUEST_BYTES = int(os.environ.get("GRAPHQL_MAX_REQUEST_BYTES", "100000"))
GRAPHQL_LIST_SIZE = int(os.environ.get("GRAPHQL_LIST_SIZE", str(GRAPHQL_MAX_PAGE_SIZE)))
GRAPHQL_LIST_SIZES = {
    "Query.toezichtkaders": 5,
    "Toezichtkader.normen": 100,
    "Norm.toetspunten": 10,
    "Norm.wettelijkeGrondslag": 3,
    "Query.begrippen": 50,
    "Query.toezichtsvormen": 10,
    "Query.handreikingen": 20,
    "Query.publicaties": 50,
    "Publicatie.gemeenten": 10,
    "Query.wetten": 30,
    "Query.gemeenten": 400,
    "Gemeente.roepnamen": 3,
    "Query.toezichthouders": 30,
    "Query.toezichtsgebieden": 50,
    "Toezichtsgebied.gemeenten": 20,
    "Toezichtsgebied.situaties": 10,
    "Toezichtsgebied.wettelijkeGrondslag": 5,
    "Toezichtadvies.toezichthouders": 10,
    "Toezichtadvies.meldenBij": 10,
    "Toezichtadvies.kaders": 10,
    "Toezichtadvies.onbekend": 10,
    "Toezichtadvies.beeindigd": 10,
    # The register of designations: at most a few per municipality (342), the coverage one
    # row per municipality, a handful of values in each list of a row.
    "Query.aanwijzingen": 700,
    "Aanwijzingsregister.aanwijzingen": 700,
    "AanwijzingOpenData.voorzieningsoorten": 14,
    "Aanwijzingsregister.categorieen": 3,
    "Aanwijzingsregister.dekking": 700,
    "DekkingGemeente.toezichthouder": 2,
    "DekkingGemeente.toezichthouderNaam": 2,
    "DekkingGemeente.voorzieningen": 2,
    "DekkingGemeente.besluitDatum": 2,
    "DekkingGemeente.besluitUrl": 2,
    "DekkingGemeente.bron": 2,
    "DekkingGemeente.bronUrl": 2,
    "Zoekresultaten.facetten": 10,
    "Facet.waarden": 30,
    "Zoekresultaten.resultaten": GRAPHQL_MAX_PAGE_SIZE,
    "Zoekresultaten.verwijzingen": 5,
    "Query.samenwerkingsruimtes": 20,
    "Samenwerkingsruimte.leden": 20,
    "Samenwerkingsruimte.documenten": 50,
    "Samenwerkingsruimte.berichten": 50,
    "Samenwerkingsruimte.taken": 30,
    # The supervisors' objects (issue 11): a findings matrix is up to 29 norms x 10 providers.
    "Query.aanbieders": 200,
    "Aanbieder.locaties": 10,
    "Aanbieder.gemeenten": 20,
    "Aanbieder.voorzieningsoorten": 10,
    "Aanbieder.onderzoeken": 20,
    "Aanbieder.bevindingen": 100,
    "Aanbieder.meldingen": 20,
    "Aanbieder.leerpunten": 20,
    "Query.onderzoeken": 50,
    "Onderzoek.normen": 60,
    "Onderzoek.aanbieders": 20,
    "Onderzoek.bevindingen": 600,
    "Onderzoek.leerpunten": 10,
    "Bevinding.versies": 10,
    "Query.bevindingen": 600,
    "Query.meldingen": 50,
    "Melding.gemeenten": 10,
    "Melding.uitstellen": 5,
    "Melding.leerpunten": 5,
    "Query.leerpunten": 100,
    "Leerpunt.themas": 5,
    "Leerpunt.normen": 10,
    "Leerpunt.aanbieders": 5,
    "Leerpunt.aanbevelingen": 10,
    "Leerpunt.verruimingen": 2,
    "Query.aanbevelingen": 200,
    "Aanbeveling.opvolgingen": 5,
}

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

# Public pages as anonymous visitors see them (portal/pagecache.py). File-based by default
# so that every process on one machine shares it; set CACHE_URL-style Redis in production
# with several machines (docs/operations.md).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

# Demo accounts exist only where this flag is set; production settings force it off.
PORTAL_DEMO = env_bool("PORTAL_DEMO", False)
# The demo investigation, report and learning (samenwerking/seed.py) come with the demo.
PORTAL_DEMO_TOEZICHT = PORTAL_DEMO

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@toezichtportaal.example")

# --- Background tasks (django-tasks; see docs/operations.md) ---------------------------
# Wagtail's own jobs (reference index, search index of its admin) keep running inside the
# request, as they did. The portal's mail and reminders go to "achtergrond": the database
# backend of django-tasks-db, run by `manage.py db_worker --backend achtergrond`, so a slow or
# failing mail server never holds up a request.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "achtergrond": {
        "BACKEND": os.environ.get("ACHTERGROND_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    },
}
# A notification mail that fails is tried again after these many seconds, then given up (logged).
NOTIFICATIE_MAIL_HERKANSINGEN = [60, 300, 1800, 7200]
# The worker runs these commands once a day at this local time (samenwerking.tasks.daily_round);
# `make run` plans the first round, each round plans the next.
DAGELIJKSE_RONDE_TIJD = os.environ.get("DAGELIJKSE_RONDE_TIJD", "07:00")
DAGELIJKSE_RONDE_COMMANDOS = [
    "notify_tasks_due_tomorrow",
    "notify_terms_due",
    "send_notification_digest",
    "opschonen_oefensessies",
]

# Group sessions of the practice case (docs/oefencasus.md): deleted after this many days
# (`manage.py opschonen_oefensessies`) unless held in a space; a join code is accepted this
# many hours; one client IP gets this many wrong codes per 10 minutes; the number of proxies
# in front of the portal that set X-Forwarded-For (0: use the connection's address).
OEFENSESSIE_BEWAARTERMIJN_DAGEN = int(os.environ.get("OEFENSESSIE_BEWAARTERMIJN_DAGEN", "30"))
OEFENSESSIE_CODE_GELDIG_UREN = int(os.environ.get("OEFENSESSIE_CODE_GELDIG_UREN", "12"))
OEFENSESSIE_POGINGEN_PER_IP = int(os.environ.get("OEFENSESSIE_POGINGEN_PER_IP", "10"))
OEFENSESSIE_VERTROUWDE_PROXIES = int(os.environ.get("OEFENSESSIE_VERTROUWDE_PROXIES", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Search (search app; see docs/search.md) -------------------------------------------
# The database backend is the default; ELASTICSEARCH_URL switches searching to Elasticsearch,
# with the database index kept current beside it as the fallback.
PORTAL_SEARCH = {
    "BACKEND": "elasticsearch" if ELASTICSEARCH_URL else "database",
    "ELASTICSEARCH_URL": ELASTICSEARCH_URL,
    "ELASTICSEARCH_INDEX": os.environ.get("ELASTICSEARCH_INDEX", "toezichtportaal"),
    # Saving and publishing never wait longer than this on the engine (seconds).
    "TIMEOUT": float(os.environ.get("SEARCH_TIMEOUT", "1.0")),
    # After a failure the engine is left alone this long before it is tried again (seconds).
    "RETRY_AFTER": float(os.environ.get("SEARCH_RETRY_AFTER", "30")),
    "PAGE_SIZE": 10,
}
# --- end of search settings --------------------------------------------------------------
