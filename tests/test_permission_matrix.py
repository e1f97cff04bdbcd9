"""The permission matrix: every URL of the site × every role → the expected answer to a GET.

One table (``MATRIX``) says it all. Each of our URL patterns (a view from our apps, or any
view under ``/admin/people/``) must have a row, or ``test_every_url_pattern_has_an_entry``
fails and names it; third-party URL patterns are either listed in ``COVERED_ELSEWHERE`` (with
where they are tested) or fail the same way. A representative set of Wagtail pages and of
allauth, Wagtail admin and Django admin pages has rows too.

Staff in the matrix have two-step verification (a TOTP authenticator) set up and passed it
when they signed in (the session carries allauth's "mfa" record, ``sign_in``). The tests at
the end walk the same rows for staff whose session has not passed it, or who have no
authenticator: every admin page and the check-in send them to the code or to the setup.
"""

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLResolver, path, reverse
from django.urls.resolvers import RegexPattern

import pytest

from enrollment import services as booking_services
from enrollment.calendar.tokens import calendar_token_reset
from enrollment.models import Booking
from enrollment.selectors.certificates import certificate_code
from figures.models import ReportJob
from figures.reports.service import report_build
from pairs import services as pair_services
from pairs.models import AdjustmentFlag, Donation, Festival, ImportJob, Pair, Visit, VisitKind
from people.models import AuditEntry, Notification
from tests import factories
from tests.enrollment import attendance_support
from tests.makers import (
    county,
    make_applicant,
    make_child,
    make_city_staff,
    make_coordinator,
    make_editor,
    make_guardian,
    make_mother,
    make_pair,
    sign_in_with_second_factor,
    with_totp,
)
from tests.support import rows_for_the_module, url_patterns

ROLES = (
    "anonymous",
    "applicant",
    "mother",
    "guardian",
    "editor",
    "coordinator_a",
    "coordinator_b",
    "city_staff",
)

# What a GET answers.
OK = "200"
NOT_FOUND = "404"
FORBIDDEN = "403"
LOGIN = "302 → sign in"  # the site's sign-in page (also the Wagtail admin's)
# Wagtail sends a signed-in person without admin access to the sign-in page too, with a
# message that she may not use the admin.
NO_ADMIN_ACCESS = LOGIN
NO_PERMISSION = "302 → admin home"  # Wagtail: admin access, but not this permission
DJANGO_ADMIN_LOGIN = "302 → Django admin sign in"
MFA = "302 → two-step verification setup"
SECOND_FACTOR = "302 → two-step verification code"  # has an authenticator, session did not use it
HOME = "302 → /"  # allauth's pages for anonymous visitors, visited signed in


def to(url_name: str) -> str:
    """A redirect to ``url_name``."""
    return f"302 → {url_name}"


# Where a redirect goes, for each kind of 302 above.
REDIRECT_TARGETS: dict[str, Callable[[], str]] = {
    LOGIN: lambda: reverse("account_login"),
    DJANGO_ADMIN_LOGIN: lambda: reverse("admin:login"),
    MFA: lambda: reverse("mfa_activate_totp"),
    SECOND_FACTOR: lambda: reverse("mfa_reauthenticate"),
    NO_PERMISSION: lambda: reverse("wagtailadmin_home"),
    HOME: lambda: "/",
}


@dataclass
class World:
    """The records the URLs point at: county A (离石区) and county B (文水县)."""

    users: dict
    child_a: object  # the guardian's child, in county A, actively paired with the mother
    ledger_child_b: object
    pair_a: object
    ended_pair_a: object  # the same mother's earlier pair with another child of county A
    applicant_volunteer: object
    assignment_a: object
    pages: dict
    booking: object  # the mother's booking of a session of the "training" page
    county_a_booking: object  # the mother's booking of a session at a venue in county A
    completed_training: object  # a training the mother has completed (certificate)
    agreement_a: object  # pair_a's safety agreement, with a scan


# ``path`` builds the URL from the world. Columns, in the order of ROLES:
#   anonymous  applicant  mother  guardian  editor  coordinator_a  coordinator_b  city_staff
@dataclass(frozen=True)
class Row:
    path: Callable[[World], str]
    expected: tuple[str, ...]
    note: str = ""

    def __post_init__(self):
        assert len(self.expected) == len(ROLES), f"{self.note}: one answer per role"


def url(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda w: reverse(name, args=[arg(w) for arg in args])


def page(key: str) -> Callable[[World], str]:
    return lambda w: w.pages[key].url


def child_a(w: World) -> int:
    return w.child_a.pk


def pair_a(w: World) -> int:
    return w.pair_a.pk


def ended_pair_a(w: World) -> int:
    return w.ended_pair_a.pk


def agreement_a(w: World) -> int:
    return w.agreement_a.pk


def mother_volunteer(w: World) -> int:
    return w.users["mother"].volunteer.pk


def child_b(w: World) -> int:
    return w.ledger_child_b.pk


def visit_a(w: World) -> int:
    return Visit.objects.get(pair=w.pair_a).pk


def flag_a(w: World) -> int:
    return AdjustmentFlag.objects.get(pair=w.pair_a).pk


def donation_a(w: World) -> int:
    return Donation.objects.get(county_id=w.pair_a.county_id).pk


def festival(w: World) -> int:
    return Festival.objects.order_by("pk").first().pk


def applicant(w: World) -> int:
    return w.applicant_volunteer.pk


def assignment_a(w: World) -> int:
    return w.assignment_a.pk


def booking(w: World) -> int:
    return w.booking.pk


def booked_session(w: World) -> int:
    return w.booking.session_id


def training_page(w: World) -> int:
    return w.pages["training"].pk


def check_in_token(w: World) -> str:
    return str(w.county_a_booking.check_in_token)


def county_a_session(w: World) -> int:
    return w.county_a_booking.session_id


def completed_training(w: World) -> int:
    return w.completed_training.pk


def import_job_a(w: World) -> int:
    """A ledger import of county A, checked and waiting for confirmation (made on demand)."""
    job = ImportJob.objects.filter(county=w.child_a.county).first()
    job = job or ImportJob.objects.create(
        county=w.child_a.county, kind="children", file="imports/matrix.xlsx", total_rows=1
    )
    return job.pk


def report_a(w: World) -> int:
    """A finished report of county A, its workbook built (made on demand)."""
    job = ReportJob.objects.filter(county=w.child_a.county).first()
    if job is None:
        job = ReportJob.objects.create(
            user=w.users["coordinator_a"],
            county=w.child_a.county,
            kind="month",
            start=date(2026, 1, 1),
            end=date(2026, 1, 31),
        )
        report_build(job_id=job.pk)
    return job.pk


def notice_a(w: World) -> int:
    """The confirmation of the mother's booking in county A (the notification log)."""
    return Notification.objects.get(
        kind=Notification.Kind.BOOKING_CONFIRMED, subject_key=f"booking:{w.county_a_booking.pk}"
    ).pk


def mothers_calendar_token(w: World) -> str:
    """A new key of the mother's private feed (made when the URL is built)."""
    return calendar_token_reset(user=w.users["mother"])


def certificate_code_of_mother(w: World) -> str:
    return certificate_code(w.users["mother"].volunteer.pk, w.completed_training.pk)


A, N, L = OK, NOT_FOUND, LOGIN  # short forms, for rows that are mostly one thing
CONSENT = to("people:privacy_consent")
ALL_OK = (A,) * 8
# Asking for the authenticator's code again: for those who have one (staff); the others are
# offered their password instead.
REAUTHENTICATE = to("account_reauthenticate")
MFA_REAUTHENTICATE = (L, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, A, A, A, A)
SIGNED_IN = (L, A, A, A, A, A, A, A)
ONLY_GUARDIAN = (L, N, N, A, N, N, N, N)
ONLY_MOTHER = (L, N, A, N, N, N, N, N)
NA, NP = NO_ADMIN_ACCESS, NO_PERMISSION
# Admin lists and forms: no admin access for the public, no permission for editors.
PEOPLE_ADMIN = (L, NA, NA, NA, NP, A, A, A)
CITY_ONLY_ADMIN = (L, NA, NA, NA, NP, NP, NP, A)
# A record of county A: it is looked up in the county scope first, so another county's
# coordinator (and an editor) gets a 404, and the attempt is audited.
COUNTY_A_RECORD = (L, NA, NA, NA, N, A, N, A)

MATRIX: dict[str, Row] = {
    # Site -------------------------------------------------------------------------------
    "healthz": Row(url("healthz"), ALL_OK),
    # A permanent redirect to the static icon, for everyone.
    "favicon": Row(url("favicon"), ("301",) * 8),
    "search": Row(lambda w: reverse("search") + "?q=爱心妈妈", ALL_OK),
    "admin_chooser_bad_id": Row(
        lambda w: "/admin/images/chooser/chosen/abc/",
        (NOT_FOUND,) * 8,
        "an id that is not a number, in any Wagtail chooser (tests/test_url_fuzz.py)",
    ),
    # Wagtail pages (wagtail_serve): a representative set.
    "page: home": Row(page("home"), ALL_OK),
    "page: trainings index": Row(page("trainings"), ALL_OK),
    "page: a training course": Row(page("training"), ALL_OK),
    "page: summer classes index": Row(page("summer"), ALL_OK),
    "page: a summer class": Row(page("summer_class"), ALL_OK),
    "page: stories index": Row(page("stories"), ALL_OK),
    "page: a story": Row(page("story"), ALL_OK),
    "page: a story series": Row(lambda w: w.pages["stories"].url + "series/xilie/", ALL_OK),
    "page: no such page": Row(lambda w: "/no-such-page/", (N,) * 8),
    # Recruitment and /me/ ----------------------------------------------------------------
    "people:volunteer": Row(url("people:volunteer"), ALL_OK),
    "people:volunteer_apply": Row(url("people:volunteer_apply"), SIGNED_IN),
    "people:me": Row(url("people:me"), SIGNED_IN),
    "people:notify_by": Row(url("people:notify_by"), (L,) + ("405",) * 7, "POST only"),
    "pairs:pair_detail": Row(
        url("pairs:pair_detail", pair_a), ONLY_MOTHER, "the mother's active pair"
    ),
    "pairs:pair_detail · her ended pair": Row(
        url("pairs:pair_detail", ended_pair_a), (L, N, N, N, N, N, N, N)
    ),
    "pairs:visit_new": Row(url("pairs:visit_new", pair_a), ONLY_MOTHER, "her active pair"),
    "pairs:visit_new · her ended pair": Row(
        url("pairs:visit_new", ended_pair_a), (L, N, N, N, N, N, N, N)
    ),
    "pairs:concern_new": Row(url("pairs:concern_new", pair_a), ONLY_MOTHER, "her active pair"),
    "people:privacy_consent": Row(url("people:privacy_consent"), SIGNED_IN),
    "people:child_add": Row(
        url("people:child_add"),
        (L, CONSENT, CONSENT, A, CONSENT, CONSENT, CONSENT, CONSENT),
        "consent first: only the guardian has given it",
    ),
    "people:child_edit": Row(
        url("people:child_edit", child_a), ONLY_GUARDIAN, "the guardian's own child"
    ),
    "people:child_delete": Row(
        url("people:child_delete", child_a), ONLY_GUARDIAN, "the guardian's own child"
    ),
    # Bookings ---------------------------------------------------------------------------
    "enrollment:session_book": Row(
        url("enrollment:session_book", booked_session),
        SIGNED_IN,
        "the confirmation page; it says who may not book and why",
    ),
    "enrollment:training_book_all": Row(
        url("enrollment:training_book_all", training_page), SIGNED_IN
    ),
    "enrollment:booking_detail": Row(
        url("enrollment:booking_detail", booking), ONLY_MOTHER, "the mother's own booking"
    ),
    "enrollment:booking_cancel": Row(
        url("enrollment:booking_cancel", booking), ONLY_MOTHER, "the mother's own booking"
    ),
    "enrollment:offer_accept": Row(
        url("enrollment:offer_accept", booking), (L,) + ("405",) * 7, "POST only"
    ),
    "enrollment:check_in": Row(
        url("enrollment:check_in", check_in_token),
        (L, N, N, N, N, A, N, A),
        "a booking of a county A session: that county's coordinator and city staff",
    ),
    "enrollment:training_record": Row(url("enrollment:training_record"), SIGNED_IN),
    "enrollment:certificate": Row(
        url("enrollment:certificate", completed_training), ONLY_MOTHER, "her completed training"
    ),
    "enrollment:certificate_lookup": Row(url("enrollment:certificate_lookup"), ALL_OK),
    "enrollment:certificate_verify": Row(
        url("enrollment:certificate_verify", certificate_code_of_mother), ALL_OK, "a valid code"
    ),
    # Calendar feeds ---------------------------------------------------------------------
    "calendar:sessions_feed": Row(url("calendar:sessions_feed"), ALL_OK, "public"),
    "calendar:session_event": Row(
        url("calendar:session_event", booked_session), ALL_OK, "a session of a public course"
    ),
    "calendar:personal_feed": Row(
        url("calendar:personal_feed", mothers_calendar_token),
        ALL_OK,
        "the mother's valid token: the token is the key, calendar apps do not sign in",
    ),
    "calendar:personal_feed · an invalid token": Row(
        url("calendar:personal_feed", lambda w: "not-a-token-" + "x" * 40), (N,) * 8
    ),
    "calendar:link": Row(url("calendar:link"), SIGNED_IN, "GET explains; POST makes the link"),
    "account_data_export": Row(url("account_data_export"), SIGNED_IN),
    "account_delete": Row(url("account_delete"), SIGNED_IN),
    # People admin (/admin/people/) -------------------------------------------------------
    "people_children:index": Row(url("people_children:index"), PEOPLE_ADMIN),
    "people_children:index_results": Row(url("people_children:index_results"), PEOPLE_ADMIN),
    "people_children:add": Row(url("people_children:add"), PEOPLE_ADMIN),
    "people_children:edit": Row(
        url("people_children:edit", child_a),
        (L, NA, NA, NA, NP, A, N, A),
        "Wagtail's edit view checks the permission before looking the record up",
    ),
    "people_children:inspect": Row(url("people_children:inspect", child_a), COUNTY_A_RECORD),
    "people_children:inspect · a ledger child of county B": Row(
        url("people_children:inspect", child_b), (L, NA, NA, NA, N, N, A, A)
    ),
    "people_volunteers:index": Row(url("people_volunteers:index"), PEOPLE_ADMIN),
    "people_volunteers:index_results": Row(url("people_volunteers:index_results"), PEOPLE_ADMIN),
    "people_volunteers:inspect": Row(url("people_volunteers:inspect", applicant), COUNTY_A_RECORD),
    "people_volunteers:approve": Row(url("people_volunteers:approve", applicant), COUNTY_A_RECORD),
    "people_volunteers:request_info": Row(
        url("people_volunteers:request_info", applicant), COUNTY_A_RECORD
    ),
    "people_volunteers:decline": Row(url("people_volunteers:decline", applicant), COUNTY_A_RECORD),
    "people_pairs:index": Row(url("people_pairs:index"), PEOPLE_ADMIN),
    "people_pairs:index_results": Row(url("people_pairs:index_results"), PEOPLE_ADMIN),
    "people_pairs:add": Row(url("people_pairs:add"), PEOPLE_ADMIN),
    "people_pairs:inspect": Row(url("people_pairs:inspect", pair_a), COUNTY_A_RECORD),
    "people_pairs:end": Row(url("people_pairs:end", pair_a), COUNTY_A_RECORD),
    "people_pairs:agreement": Row(url("people_pairs:agreement", pair_a), COUNTY_A_RECORD),
    "people_pairs:agreement_scan": Row(
        url("people_pairs:agreement_scan", agreement_a), COUNTY_A_RECORD, "a private scan"
    ),
    "people_pairs:card": Row(url("people_pairs:card", pair_a), COUNTY_A_RECORD),
    "people_waiting:index": Row(url("people_waiting:index"), PEOPLE_ADMIN),
    "people_waiting:index_results": Row(url("people_waiting:index_results"), PEOPLE_ADMIN),
    "people_waiting:suggest": Row(url("people_waiting:suggest", child_a), COUNTY_A_RECORD),
    "people_waiting:suggest · a ledger child of county B": Row(
        url("people_waiting:suggest", child_b), (L, NA, NA, NA, N, N, A, A)
    ),
    "people_waiting:for_mother": Row(
        url("people_waiting:for_mother", mother_volunteer), COUNTY_A_RECORD
    ),
    "people_ledgers:index": Row(url("people_ledgers:index"), PEOPLE_ADMIN),
    "people_ledgers:index_results": Row(url("people_ledgers:index_results"), PEOPLE_ADMIN),
    "people_ledgers:add": Row(url("people_ledgers:add"), PEOPLE_ADMIN),
    "people_ledgers:downloads": Row(url("people_ledgers:downloads"), PEOPLE_ADMIN),
    "people_ledgers:template": Row(
        url("people_ledgers:template", lambda w: "children"), PEOPLE_ADMIN
    ),
    "people_ledgers:export": Row(
        url("people_ledgers:export", lambda w: "children"),
        PEOPLE_ADMIN,
        "her county's children (every county's for city staff), audited",
    ),
    "people_ledgers:inspect": Row(url("people_ledgers:inspect", import_job_a), COUNTY_A_RECORD),
    "people_ledgers:confirm": Row(url("people_ledgers:confirm", import_job_a), COUNTY_A_RECORD),
    "people_ledgers:export · donations": Row(
        url("people_ledgers:export", lambda w: "donations"),
        PEOPLE_ADMIN,
        "her county's donations (every county's for city staff), audited",
    ),
    "people_donations:index": Row(url("people_donations:index"), PEOPLE_ADMIN),
    "people_donations:index_results": Row(url("people_donations:index_results"), PEOPLE_ADMIN),
    "people_donations:add": Row(url("people_donations:add"), PEOPLE_ADMIN),
    "people_donations:edit": Row(
        url("people_donations:edit", donation_a),
        (L, NA, NA, NA, NP, A, N, A),
        "the permission is checked before the county scope",
    ),
    "people_donations:delete": Row(url("people_donations:delete", donation_a), COUNTY_A_RECORD),
    "people_donations:gifts": Row(url("people_donations:gifts", donation_a), COUNTY_A_RECORD),
    "people_donations:inspect": Row(url("people_donations:inspect", donation_a), COUNTY_A_RECORD),
    "people_visits:index": Row(url("people_visits:index"), PEOPLE_ADMIN),
    "people_visits:index_results": Row(url("people_visits:index_results"), PEOPLE_ADMIN),
    "people_visits:inspect": Row(url("people_visits:inspect", visit_a), COUNTY_A_RECORD),
    "people_overdue:index": Row(url("people_overdue:index"), PEOPLE_ADMIN),
    "people_figures:index": Row(url("people_figures:index"), PEOPLE_ADMIN),
    "people_reports:index": Row(url("people_reports:index"), PEOPLE_ADMIN),
    "people_reports:index_results": Row(url("people_reports:index_results"), PEOPLE_ADMIN),
    "people_reports:add": Row(url("people_reports:add"), PEOPLE_ADMIN),
    "people_reports:inspect": Row(url("people_reports:inspect", report_a), COUNTY_A_RECORD),
    "people_reports:download": Row(url("people_reports:download", report_a), COUNTY_A_RECORD),
    "people_reports:print": Row(url("people_reports:print", report_a), COUNTY_A_RECORD),
    "people_concerns:index": Row(url("people_concerns:index"), PEOPLE_ADMIN),
    "people_concerns:index_results": Row(url("people_concerns:index_results"), PEOPLE_ADMIN),
    "people_concerns:add": Row(url("people_concerns:add"), PEOPLE_ADMIN),
    "people_followups:index": Row(url("people_followups:index"), PEOPLE_ADMIN),
    "people_followups:index_results": Row(url("people_followups:index_results"), PEOPLE_ADMIN),
    "people_followups:add": Row(url("people_followups:add"), PEOPLE_ADMIN),
    "people_adjustments:index": Row(url("people_adjustments:index"), PEOPLE_ADMIN),
    "people_adjustments:index_results": Row(url("people_adjustments:index_results"), PEOPLE_ADMIN),
    "people_adjustments:keep": Row(url("people_adjustments:keep", flag_a), COUNTY_A_RECORD),
    "people_adjustments:end": Row(url("people_adjustments:end", flag_a), COUNTY_A_RECORD),
    "people_adjustments:move-child": Row(
        url("people_adjustments:move-child", child_a), COUNTY_A_RECORD
    ),
    "people_festivals:index": Row(url("people_festivals:index"), CITY_ONLY_ADMIN),
    "people_festivals:index_results": Row(url("people_festivals:index_results"), CITY_ONLY_ADMIN),
    "people_festivals:add": Row(url("people_festivals:add"), CITY_ONLY_ADMIN),
    "people_festivals:edit": Row(url("people_festivals:edit", festival), CITY_ONLY_ADMIN),
    "people_festivals:delete": Row(url("people_festivals:delete", festival), CITY_ONLY_ADMIN),
    "people_counties:index": Row(url("people_counties:index"), CITY_ONLY_ADMIN),
    "people_counties:index_results": Row(url("people_counties:index_results"), CITY_ONLY_ADMIN),
    "people_counties:add": Row(url("people_counties:add"), CITY_ONLY_ADMIN),
    "people_counties:edit": Row(url("people_counties:edit", assignment_a), CITY_ONLY_ADMIN),
    "people_counties:delete": Row(url("people_counties:delete", assignment_a), CITY_ONLY_ADMIN),
    "people_sessions:index": Row(url("people_sessions:index"), PEOPLE_ADMIN),
    "people_sessions:attendance": Row(
        url("people_sessions:attendance", county_a_session), (L, NA, NA, NA, NP, A, N, A)
    ),
    "people_sessions:export": Row(
        url("people_sessions:export", county_a_session), (L, NA, NA, NA, NP, A, N, A)
    ),
    "people_notifications:index": Row(url("people_notifications:index"), PEOPLE_ADMIN),
    "people_notifications:index_results": Row(
        url("people_notifications:index_results"), PEOPLE_ADMIN
    ),
    "people_notifications:resend": Row(
        url("people_notifications:resend", notice_a), COUNTY_A_RECORD, "a notice of county A"
    ),
    "people_audit:index": Row(url("people_audit:index"), CITY_ONLY_ADMIN),
    "people_audit:index_results": Row(url("people_audit:index_results"), CITY_ONLY_ADMIN),
    # Third-party pages, a representative few (the rest: COVERED_ELSEWHERE) ---------------
    "wagtailadmin_home": Row(url("wagtailadmin_home"), (L, NA, NA, NA, A, A, A, A)),
    "wagtailadmin_explore_root": Row(
        url("wagtailadmin_explore_root"),
        (L, NA, NA, NA, A, NP, NP, NP),
        "pages are the editors' only",
    ),
    "admin:index": Row(url("admin:index"), (DJANGO_ADMIN_LOGIN,) * 8),
    # Every sign-in is allauth's (tests/enrollment/test_accounts_login_views.py).
    "account_login": Row(url("account_login"), (A,) + (HOME,) * 7),
    "wagtailcore_login": Row(url("wagtailcore_login"), (L,) * 8, "private pages' sign-in"),
    "wagtailadmin_login": Row(url("wagtailadmin_login"), (L,) * 8),
    "admin:login": Row(url("admin:login"), (L,) * 8),
    "account_request_login_code": Row(url("account_request_login_code"), (A,) + (HOME,) * 7),
    "account_confirm_login_code": Row(
        url("account_confirm_login_code"),
        (to("account_request_login_code"),) + (HOME,) * 7,
        "only after asking for a code",
    ),
    "mfa_authenticate": Row(url("mfa_authenticate"), (L,) + (HOME,) * 7, "only during a sign-in"),
    "mfa_reauthenticate": Row(url("mfa_reauthenticate"), MFA_REAUTHENTICATE),
    "account_signup": Row(url("account_signup"), (A,) + (HOME,) * 7),
    "mfa_index": Row(url("mfa_index"), SIGNED_IN),
    # Sign-in with WeChat (tests/people/test_accounts_wechat.py): the tests' settings have no
    # WeChat app, so its pages are not found.
    "weixin_login": Row(url("weixin_login"), (N,) * 8, "no WeChat app configured"),
    "weixin_callback": Row(url("weixin_callback"), (N,) * 8, "no WeChat app configured"),
    "socialaccount_signup": Row(
        url("socialaccount_signup"), (L,) * 8, "only on the way back from WeChat"
    ),
    "socialaccount_connections": Row(url("socialaccount_connections"), SIGNED_IN),
}

# Third-party URL patterns, by where they are mounted, and where they are tested. Any of our
# own views (OUR_APPS), and anything under /admin/people/, needs a row in MATRIX instead.
COVERED_ELSEWHERE: dict[str, str] = {
    "accounts/": "django-allauth (sign-in, codes, email, phone, two-step verification, WeChat); "
    "our use of it: tests/cms/test_accounts.py, tests/people/test_accounts_*.py",
    "admin/": "the Wagtail admin (content: tests/courses, tests/stories); /admin/people/ is ours",
    "django-admin/": "Django's admin, for superusers only",
    "documents/": "Wagtail documents",
    "_util/": "Wagtail's password form of password-protected pages (not a sign-in; "
    "/_util/login/ has a row)",
    "^media/": "uploaded media, served by Django in development only",
}
PAGES = "wagtail_serve"  # every Wagtail page: the "page: …" rows are a representative set
OUR_APPS = ("cms.", "courses.", "enrollment.", "stories.")
PEOPLE_ADMIN_ROUTE = "admin/people/"


def url_name(key: str) -> str:
    """A table key is a URL name, optionally followed by " · " and which record it shows."""
    return key.split(" · ")[0]


def missing_entries(resolver: URLResolver | None = None) -> list[str]:
    problems = []
    names = {url_name(key) for key in MATRIX}
    for name, route, view in url_patterns(resolver):
        module = view.__module__
        if name in names:
            continue
        ours = module.startswith(OUR_APPS) or route.startswith(PEOPLE_ADMIN_ROUTE)
        elsewhere = route.startswith(tuple(COVERED_ELSEWHERE)) or name == PAGES
        if ours or not elsewhere:
            label = name or f"(unnamed, view in {module})"
            problems.append(f"URL pattern {label} ({route}) has no entry in the permission table")
    return problems


def test_every_url_pattern_has_an_entry_in_the_permission_table():
    problems = missing_entries()
    assert not problems, "\n".join(problems)
    assert any(key.startswith("page: ") for key in MATRIX)


def test_a_new_url_without_an_entry_is_caught():
    from cms.urls import urlpatterns
    from people.views.me import me

    site_with_new_pages = URLResolver(
        RegexPattern(r"^/"),
        [
            path("me/bookings/", me, name="my_bookings"),
            path("admin/people/visits/", lambda request: None, name="people_visits"),
            *urlpatterns,
        ],
    )

    assert missing_entries(site_with_new_pages) == [
        "URL pattern my_bookings (me/bookings/) has no entry in the permission table",
        "URL pattern people_visits (admin/people/visits/) has no entry in the permission table",
    ]


def test_every_entry_of_the_permission_table_names_an_existing_url_pattern():
    names = {name for name, _route, _view in url_patterns() if name}
    stale = [key for key in MATRIX if not key.startswith("page: ") and url_name(key) not in names]
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"


def sign_in(client, user) -> None:
    """As allauth's sign-in does: staff (who have an authenticator) pass its code."""
    if user.authenticator_set.exists():
        sign_in_with_second_factor(client, user)
    else:
        client.force_login(user)


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The world is built once for the module: the tests only read it, and what a test writes
    (an audit entry, a sign-in, a deleted authenticator) is rolled back after it."""
    with rows_for_the_module(django_db_blocker, tmp_path_factory):
        yield build_world()


@pytest.fixture
def world(db, built_world) -> World:
    """The module's world, for a test in a transaction of its own (``db``)."""
    return built_world


def build_world() -> World:
    lishi, wenshui = county("lishi", "离石区"), county("wenshui", "文水县")
    coordinator_a = with_totp(make_coordinator(lishi, name="郭丽娟"))
    guardian = make_guardian(name="张桂花")
    mother = make_mother(lishi, name="李秀兰")
    child = make_child(guardian=guardian, county_obj=lishi, name="张小雨")
    users = {
        "anonymous": None,
        "applicant": make_applicant(lishi, name="康玉梅"),
        "mother": mother,
        "guardian": guardian,
        "editor": with_totp(make_editor(name="周敏")),
        "coordinator_a": coordinator_a,
        "coordinator_b": with_totp(make_coordinator(wenshui, name="任晓红")),
        "city_staff": with_totp(make_city_staff(name="高文静")),
    }
    series = factories.StorySeriesFactory(slug="xilie")
    ended = make_pair(mother, make_child(county_obj=lishi, name="赵小杰"), actor=coordinator_a)
    pair_services.pair_end(actor=coordinator_a, pair=ended, reason=Pair.EndReason.MOVED)
    pages = {
        "home": factories.home_page(),
        "trainings": factories.TrainingIndexPageFactory(),
        "training": factories.TrainingCoursePageFactory(
            sessions=[factories.session_in(7, capacity=5)]
        ),
        "summer": factories.SummerClassIndexPageFactory(),
        "summer_class": factories.SummerClassPageFactory(),
        "stories": factories.StoryIndexPageFactory(),
        "story": factories.StoryPageFactory(series=series, episode=1),
    }
    pair = make_pair(mother, child, actor=coordinator_a)
    agreement = pair_services.agreement_record(
        actor=coordinator_a,
        pair=pair,
        signed_on=pair.started_on,
        signed_by="张桂花",
        scan=SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    world = World(
        users=users,
        child_a=child,
        ledger_child_b=make_child(county_obj=wenshui, name="周小乐"),
        pair_a=pair,
        ended_pair_a=ended,
        applicant_volunteer=users["applicant"].volunteer,
        assignment_a=coordinator_a.county_assignment,
        pages=pages,
        booking=booking_services.booking_create(
            session=pages["training"].sessions.get(), booker=mother
        ),
        county_a_booking=booking_services.booking_create(
            session=attendance_support.training([attendance_support.at(3)], lishi).sessions.get(),
            booker=mother,
        ),
        completed_training=_completed_training(mother, lishi),
        agreement_a=agreement,
    )
    _visit_and_flag(world)
    return world


def _visit_and_flag(world):
    """A visit the mother logged on her pair, and an open adjustment flag on it."""
    pair = world.pair_a
    pair_services.visit_log(
        actor=world.users["mother"],
        pair=pair,
        visited_on=pair.started_on,
        kind=VisitKind.HOME,
        client_token=uuid.uuid4(),
    )
    AdjustmentFlag.objects.create(
        pair=pair, county_id=pair.county_id, reason="over_age", detected_on=pair.started_on
    )
    pair_services.donation_record(
        actor=world.users["coordinator_a"],
        donor="离石区贝亲好家政",
        donor_kind=Donation.DonorKind.COMPANY,
        date=pair.started_on,
        kind=Donation.Kind.GOODS,
        value=Decimal("800"),
        county=pair.county,
        gifts=[pair_services.GiftLine(pair, "书包", Decimal("80"))],
    )


def _completed_training(mother, lishi):
    attendance_support.joined(mother, attendance_support.at(-60))
    course = attendance_support.training([attendance_support.at(-5)], lishi, required=1, hours=2)
    booking = attendance_support.book(course.sessions.get(), mother)
    Booking.objects.filter(pk=booking.pk).update(attendance=Booking.Attendance.PRESENT)
    return course


def answer(response) -> str:
    """The response in the table's terms."""
    if response.status_code != 302:
        return str(response.status_code)
    location = urlsplit(response["Location"]).path
    for kind, target in REDIRECT_TARGETS.items():
        if location == target():
            return kind
    for name in (
        "people:privacy_consent",
        "people:me",
        "account_reauthenticate",
        "account_request_login_code",
    ):
        if location == reverse(name):
            return to(name)
    return f"302 → {location}"


@pytest.mark.parametrize("entry", list(MATRIX), ids=list(MATRIX))
def test_permission_matrix(entry, world, client):
    row = MATRIX[entry]
    address = row.path(world)
    wrong = []
    for role, expected in zip(ROLES, row.expected, strict=True):
        client.logout()
        user = world.users[role]
        if user is not None:
            sign_in(client, user)
        got = answer(client.get(address))
        if got != expected:
            wrong.append(f"  {role}: expected {expected}, got {got}")
    assert not wrong, (
        f"GET {address} ({entry}{': ' + row.note if row.note else ''}):\n" + "\n".join(wrong)
    )


def test_opening_another_countys_child_by_url_is_audited(world, client):
    sign_in(client, world.users["coordinator_b"])

    response = client.get(reverse("people_children:inspect", args=[world.child_a.pk]))

    assert response.status_code == 404
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DENIED)
    assert entry.actor == world.users["coordinator_b"]
    assert entry.object_id == str(world.child_a.pk) and entry.county == world.child_a.county


def test_staff_without_an_authenticator_are_sent_to_set_one_up_from_every_people_page(
    world, client
):
    """The same table's /admin/people/ rows, for a coordinator of county A and city staff who
    have not set up two-step verification: every one sends them to the setup page."""
    for role in ("coordinator_a", "city_staff"):
        user = world.users[role]
        user.authenticator_set.all().delete()
        client.force_login(user)
        for entry, row in MATRIX.items():
            address = row.path(world)
            if address.startswith(reverse("wagtailadmin_home") + "people/"):
                assert answer(client.get(address)) == MFA, f"{role}: GET {address} ({entry})"


def staff_pages(world, role: str) -> list[tuple[str, str]]:
    """(entry, address) of the table's rows under either admin (not their login forms), and
    the check-in if ``role`` may use it."""
    prefixes = (reverse("wagtailadmin_home"), reverse("admin:index"))
    check_in = MATRIX["enrollment:check_in"].expected[ROLES.index(role)] == OK
    return [
        (entry, row.path(world))
        for entry, row in MATRIX.items()
        if (row.path(world).startswith(prefixes) and not entry.endswith("login"))
        or (entry == "enrollment:check_in" and check_in)
    ]


@pytest.mark.parametrize("role", ["editor", "coordinator_a", "city_staff"])
def test_staff_signed_in_without_the_second_factor_are_asked_for_it_on_every_staff_page(
    world, client, role
):
    """Having an authenticator is not enough: a session signed in without its code (here
    ``force_login``, as any login form that is not allauth's would) reaches no admin page and
    not the check-in; every one asks for the code."""
    client.force_login(world.users[role])
    wrong = [
        f"  GET {address} ({entry}): {got}"
        for entry, address in staff_pages(world, role)
        if (got := answer(client.get(address))) != SECOND_FACTOR
    ]
    assert not wrong, f"{role} reached staff pages without the second factor:\n" + "\n".join(wrong)
