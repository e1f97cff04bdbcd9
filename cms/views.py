import posixpath

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static as static_url
from django.views import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.selectors import search_pages


@require_GET
def favicon(request):
    """Browsers and WeChat ask for /favicon.ico whatever the page links: the icon is a static
    file, served (and cached) like the others."""
    return redirect(static_url("img/favicon.ico"), permanent=True)


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 when the database (and the broker, if one is configured) answers."""
    checks = {"database": _check_database()}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _check_broker()
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "error"
    return "ok"


def _check_broker() -> str:
    from cms.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return "error"
    return "ok"


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = search_pages(query) if query else []
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "page_obj": page})


def not_found(request, **kwargs):
    raise Http404


@require_GET
def public_media(request, path: str):
    """Development only (``SERVE_MEDIA``): serve the media folders anyone may see, Wagtail's
    images. Documents are not among them: a document in a private collection must go through
    Wagtail's serve view (``/documents/<id>/<name>``), which checks the collection's view
    restriction; the path is normalised first so that ``images/../documents/`` is refused
    too."""
    folder = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
    if folder not in settings.PUBLIC_MEDIA_FOLDERS:
        raise Http404
    return static.serve(request, path, document_root=settings.MEDIA_ROOT)
