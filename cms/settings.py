"""One settings module for development, tests and production, read from the environment.

Every variable is listed in README.md ("Configuration"). Defaults are safe: DEBUG is off,
no DATABASE_URL means SQLite under var/, no CELERY_BROKER_URL means tasks run in-process.
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

import environ

# Not configuration, kept apart: the Content-Security-Policies and the periodic jobs.
from cms import csp_policies, jobs
from cms.cache_backends import shared_cache
from cms.database_settings import database
from cms.files import secret_from_env_or_file

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# Local state of a checkout: SQLite database, media, development keys (never in production).
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
# Under pytest: fast password hashing, in-memory email, a throwaway secret key.
TESTING = env.bool("TESTING", default="pytest" in sys.modules)

# Secrets: from the environment, else the development file `make run` writes to var/, else
# (under pytest only) a throwaway value; otherwise the site refuses to start.
SECRET_KEY = secret_from_env_or_file(
    "SECRET_KEY", VAR_DIR / "secret_key", test_value="insecure-test-only-key" if TESTING else ""
)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "cms",
    "courses",
    "stories",
    "people",
    "pairs",
    "enrollment",
    "figures",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
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
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.weixin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "phonenumber_field",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' pages from the cache: a hit skips everything below.
    "cms.page_cache.PageCacheMiddleware",
    "cms.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.security.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.security.SiteCSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.mfa.StaffMfaMiddleware",
    "people.audit.AuditRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL, or SQLite under var/ (cms/database_settings.py). var/ holds the
# database, the development keys and media: its owner's only (cms/files.py keeps the
# database file 0600 too).
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
DATABASES = {"default": database(env, VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth (sign-in by email or mobile number, two-step verification for staff): the
# settings that read no variable are in cms/account_settings.py.
from cms.account_settings import *  # noqa: E402, F403

# Sign in with WeChat (allauth's weixin provider, the Open Platform's QR-code login), offered
# when both WECHAT_ variables are set; always installed, so tables and URLs do not depend on
# the environment. The first time, her mobile number joins it to one account (people.wechat).
WECHAT_APP_ID = env.str("WECHAT_APP_ID", default="")
WECHAT_APP_SECRET = env.str("WECHAT_APP_SECRET", default="")
if bool(WECHAT_APP_ID) != bool(WECHAT_APP_SECRET):
    missing = "WECHAT_APP_SECRET" if WECHAT_APP_ID else "WECHAT_APP_ID"
    raise ImproperlyConfigured(f"{missing} is not set: sign-in with WeChat needs both variables.")
SOCIALACCOUNT_PROVIDERS = {
    "weixin": {
        "APPS": (
            [{"client_id": WECHAT_APP_ID, "secret": WECHAT_APP_SECRET}] if WECHAT_APP_ID else []
        ),
    }
}
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="爱心妈妈")
# Every sign-in is allauth's (rate limits, the second factor), the admins' and private pages' too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
PHONENUMBER_DEFAULT_REGION = "CN"
PHONENUMBER_DB_FORMAT = "E164"
# Where one-time codes and notices to phones go: a class with send(phone, message).
SMS_BACKEND = env.str("SMS_BACKEND", default="people.sms.ConsoleSmsBackend")
# At most this many texts a clock hour, all kinds together (a cost and harassment limit).
SMS_HOURLY_CAP = env.int("SMS_HOURLY_CAP", default=500)


# Children's personal fields are encrypted with FIELD_ENCRYPTION_KEYS (Fernet keys, comma
# separated; the first encrypts, all decrypt, so keys can be rotated) and looked up by a keyed
# hash with FIELD_HASH_KEY. Development keys are written to var/ by `make run`.
FIELD_ENCRYPTION_KEYS = secret_from_env_or_file(
    "FIELD_ENCRYPTION_KEYS",
    VAR_DIR / "field_encryption_keys",
    test_value="ZmFrZS10ZXN0LWtleS1mb3ItdGVzdHMtb25seS0wMDA=" if TESTING else "",
).split(",")
FIELD_HASH_KEY = secret_from_env_or_file(
    "FIELD_HASH_KEY", VAR_DIR / "field_hash_key", test_value="test-hash-key" if TESTING else ""
)
# The oldest a child in the programme may be, and the privacy notice version a guardian
# agrees to before her children's data is stored (bump it when the notice changes).
PROGRAM_MAX_CHILD_AGE = 18
# How often a guardian may submit the add-a-child and edit-a-child forms (allauth's rate
# format: per signed-in person, per address), so that nobody fills the register in bulk.
CHILD_FORM_RATE_LIMIT = env.str("CHILD_FORM_RATE_LIMIT", default="10/h/user,30/h/ip")
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "child_form": CHILD_FORM_RATE_LIMIT}  # noqa: F405
# Bookings: how long an offered seat is held for a waiting person, how long before a session
# its booker may still cancel (after that only staff), and how long to wait for the
# session's lock before answering "busy, please try again".
BOOKING_OFFER_HOLD_HOURS = env.int("BOOKING_OFFER_HOLD_HOURS", default=24)
BOOKING_CANCEL_DEADLINE_HOURS = env.int("BOOKING_CANCEL_DEADLINE_HOURS", default=24)
BOOKING_REMINDER_HOURS = env.int("BOOKING_REMINDER_HOURS", default=24)
BOOKING_LOCK_TIMEOUT_SECONDS = 3
PRIVACY_NOTICE_VERSION = "2026-11"
# Calendar feeds (enrollment.calendar): cancelled sessions and bookings stay in feeds this
# many days (as STATUS:CANCELLED, so subscribed calendars remove them), the alarm comes this
# many minutes before a session, events' UIDs end in this domain (never change it once feeds
# are subscribed), the public feed may be cached this many seconds, and an event's text is
# cached this long.
CALENDAR_KEEP_CANCELLED_DAYS = env.int("CALENDAR_KEEP_CANCELLED_DAYS", default=30)
CALENDAR_ALARM_MINUTES = env.int("CALENDAR_ALARM_MINUTES", default=1440)
CALENDAR_UID_DOMAIN = env.str("CALENDAR_UID_DOMAIN", default="aixin-mama.calendar")
CALENDAR_PUBLIC_MAX_AGE = env.int("CALENDAR_PUBLIC_MAX_AGE", default=300)
CALENDAR_EVENT_CACHE_SECONDS = 7 * 24 * 3600
# Pairs: visits and adjustment. A caring mother visits her paired child at least every this
# many weeks, and within this many days of a 家庭变故 or 生活困难 raised on the pair; the
# daily check (beat entry "check-pair-adjustments") flags pairs for 动态管理.
PAIRS_VISIT_EVERY_WEEKS = env.int("PAIRS_VISIT_EVERY_WEEKS", default=4)
PAIRS_CONCERN_VISIT_DAYS = env.int("PAIRS_CONCERN_VISIT_DAYS", default=7)

# Internationalisation: Chinese first, English second.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files. WhiteNoise serves static files, so gunicorn alone is enough.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Files that no URL serves, outside MEDIA_ROOT (pairs.storage): scans of safety agreements
# and, in its imports/ folder, uploaded ledgers.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# The folders of MEDIA_ROOT anyone may fetch straight from /media/: Wagtail's images (originals
# and renditions). Documents are always served by Wagtail's view, which checks the view
# restrictions of their collection; the proxy in production must not serve media/documents/.
PUBLIC_MEDIA_FOLDERS = ("images", "original_images")
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Pairs: the largest scan of a safety agreement (安全责任书) accepted.
PAIRS_AGREEMENT_MAX_BYTES = env.int("PAIRS_AGREEMENT_MAX_BYTES", default=5 * 1024 * 1024)

# Email: console in development; set EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
if TESTING:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="爱心妈妈 <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: local memory unless CACHE_URL (e.g. redis://127.0.0.1:6379/1) is given.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "cms.cache_backends.RedisCache"  # reuses its Redis client
# Calendar feeds cache each event's text and each feed's: thousands of entries, more than
# local memory's default of 300 keeps.
CACHES["calendar"] = shared_cache(CACHES["default"], "calendar", max_entries=50_000)
# Public pages for anonymous visitors (cms.page_cache), kept this many seconds at most
# (0: off; off under pytest but in the tests of the cache itself). Publishing and bookings
# purge what they change at once, and no page is kept past the moment a session's booking
# opens or closes; this bounds what nothing purges (a venue renamed, the live figures).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if TESTING else 60)
# Each process also keeps the pages it served, and what it read of the "pages" and "kept"
# caches, this long (0: off): a page costs no round trip to Redis for them; a purge or an
# edit made by another process reaches it this late.
PAGE_CACHE_LOCAL_SECONDS = env.float("PAGE_CACHE_LOCAL_SECONDS", default=1.0)
# The parts of pages the same for everyone, and routes, kept for everyone (cms.fragments,
# cms.routes), purged with the page cache; kept this many seconds at most (0: off).
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=0 if TESTING else 60)
keep_locally = {"local_seconds": PAGE_CACHE_LOCAL_SECONDS}
CACHES["pages"] = shared_cache(CACHES["default"], "pages", max_entries=5_000, **keep_locally)
# What every page reads and editors rarely change: the site, its sections and settings,
# the private paths, the filters' choices (cms.sites, navigation, restrictions, vocabulary).
CACHES["kept"] = shared_cache(CACHES["default"], "kept", max_entries=1_000, **keep_locally)

# Celery: no broker means tasks run in-process, so the quick start needs no service.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs (celery beat; `manage.py run_jobs` without a broker): cms/jobs.py.
CELERY_BEAT_SCHEDULE = jobs.BEAT_SCHEDULE

# Notifications (people.services.notifications): the outbox's retries and its sweep.
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_RETRY_BASE_SECONDS = env.int("NOTIFICATION_RETRY_BASE_SECONDS", default=60)
# Longer than CELERY_TASK_TIME_LIMIT: a row "sending" for longer has no live worker.
NOTIFICATION_SENDING_TIMEOUT_SECONDS = env.int("NOTIFICATION_SENDING_TIMEOUT_SECONDS", default=600)
# A pending row never attempted after this long lost its dispatch (broker down at commit).
NOTIFICATION_DISPATCH_GRACE_SECONDS = env.int("NOTIFICATION_DISPATCH_GRACE_SECONDS", default=120)
# Tencent Cloud SMS (people.sms_tencent, SMS_BACKEND=people.sms_tencent.TencentSmsBackend).
TENCENT_SMS_SECRET_ID = env.str("TENCENT_SMS_SECRET_ID", default="")
TENCENT_SMS_SECRET_KEY = env.str("TENCENT_SMS_SECRET_KEY", default="")
TENCENT_SMS_APP_ID = env.str("TENCENT_SMS_APP_ID", default="")
TENCENT_SMS_SIGN_NAME = env.str("TENCENT_SMS_SIGN_NAME", default="爱心妈妈")
TENCENT_SMS_TEMPLATE_ID = env.str("TENCENT_SMS_TEMPLATE_ID", default="")
TENCENT_SMS_CODE_TEMPLATE_ID = env.str("TENCENT_SMS_CODE_TEMPLATE_ID", default="")
TENCENT_SMS_REGION = env.str("TENCENT_SMS_REGION", default="ap-guangzhou")
TENCENT_SMS_ENDPOINT = env.str("TENCENT_SMS_ENDPOINT", default="sms.tencentcloudapi.com")
# The tests that start a real worker (tests/worker) give it an email backend of theirs.
if env.str("NOTIFICATION_TEST_EMAIL_BACKEND", default=""):
    EMAIL_BACKEND = env.str("NOTIFICATION_TEST_EMAIL_BACKEND")
# Where the links in notices point (accept / decline an offer, her bookings).
NOTIFICATION_SITE_URL = env.str("NOTIFICATION_SITE_URL", default="http://127.0.0.1:8000")

# Wagtail.
WAGTAIL_SITE_NAME = "爱心妈妈"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "cms.CmsImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.ImageForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of each staff member's email address to a foreign
# service (unreachable from the mainland anyway), and the admin's policy allows no such image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt"]
TAGGIT_CASE_INSENSITIVE = True

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; a proxy that
# terminates TLS must set X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies of ours append to X-Forwarded-For in front of the app (0: none, the header is
# ignored). The audit log (cms.client_ip) and allauth's rate limits read the client's address
# the same way, from this one number.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not (DEBUG or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
# W019: the Wagtail admin previews pages in a same-origin frame, so SAMEORIGIN it is.
# W021: HSTS preloading is hard to undo; opt in with SECURE_HSTS_PRELOAD.
# account.W001: sign-up asks for an email address or a phone number (see ACCOUNT_SIGNUP_FIELDS).
SILENCED_SYSTEM_CHECKS = env.list(
    "SILENCED_SYSTEM_CHECKS", default=["security.W019", "security.W021", "account.W001"]
)

# Content-Security-Policy (django-csp): the site's, one path's additions and the admins'
# (cms/csp_policies.py, applied by cms.security).
CONTENT_SECURITY_POLICY = csp_policies.CONTENT_SECURITY_POLICY
CONTENT_SECURITY_POLICY_UPDATES = csp_policies.CONTENT_SECURITY_POLICY_UPDATES
ADMIN_PATH_PREFIXES = csp_policies.ADMIN_PATH_PREFIXES
ADMIN_CONTENT_SECURITY_POLICY = csp_policies.ADMIN_CONTENT_SECURITY_POLICY

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

PROGRAM_NAME = _("Caring Mothers")  # a programme-wide constant editors cannot change

# Figures: the home page's headline figures are computed at most once in this many seconds.
FIGURES_HOME_CACHE_SECONDS = env.int("FIGURES_HOME_CACHE_SECONDS", default=300)
# The city's figures (every county) come from a snapshot at most this many seconds old, counted
# in the background (figures.snapshots); 0 counts them on every view.
FIGURES_CITY_MAX_AGE = env.int("FIGURES_CITY_MAX_AGE", default=300)
