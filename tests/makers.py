"""People for tests: one function per role, built through the services where a service
exists, so tests see records as the platform makes them.

    guardian = make_guardian(county)            # with consent given
    child = make_child(guardian=guardian)       # via people_services.child_create
    mother = make_mother(county)                # approved Volunteer
    coordinator = make_coordinator(county)      # group + CountyAssignment
    pair = make_pair(mother, child, actor=coordinator)
    sign_in_with_second_factor(client, staff)   # signed in as allauth's sign-in would
"""

import datetime as dt
import itertools

from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.utils import timezone

from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from cms.models import County
from pairs import services as pair_services
from pairs.models import Pair
from people import services as people_services
from people.models import Child, CountyAssignment, User, Volunteer
from people.roles import CITY_STAFF_GROUP, COORDINATOR_GROUP, EDITOR_GROUP, MOTHER_GROUP
from tests.factories import CountyFactory

_n = itertools.count(1)
PASSWORD = "ai-xin-ma-ma-2026"


def make_user(
    *, name: str = "", email: str | None = None, phone: str | None = None, **extra
) -> User:
    n = next(_n)
    email = f"user{n}@example.com" if email is None else email
    extra.setdefault("phone_verified", bool(phone))  # sign-up by phone confirms it by code
    user = User.objects.create_user(
        username=f"user{n}",
        email=email,
        password=PASSWORD,
        name=name or f"用户{n}",
        phone=phone,
        **extra,
    )
    if email:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def county(slug: str = "lishi", name: str = "离石区") -> County:
    return CountyFactory(slug=slug, name=name)


def make_guardian(county_obj: County | None = None, **kwargs) -> User:
    user = make_user(**kwargs)
    people_services.privacy_consent_give(user=user)
    return user


def make_child(
    *,
    guardian: User | None = None,
    county_obj: County | None = None,
    name: str = "王小明",
    age: int = 10,
    actor: User | None = None,
    **fields,
) -> Child:
    county_obj = county_obj or county()
    today = timezone.localdate()
    fields.setdefault("date_of_birth", today.replace(year=today.year - age) - dt.timedelta(days=30))
    fields.setdefault("gender", Child.Gender.BOY)
    fields.setdefault("township", "城北街道")
    fields.setdefault("school_stage", Child.SchoolStage.PRIMARY)
    if guardian is not None:
        fields.setdefault("relationship", Child.Relationship.GRANDPARENT)
        return people_services.child_create(
            actor=guardian, guardian=guardian, county=county_obj, name=name, **fields
        )
    fields.setdefault("category", Child.Category.LEFT_BEHIND)
    return people_services.child_create(
        actor=actor, county=county_obj, source=Child.Source.LEDGER, name=name, **fields
    )


def make_applicant(
    county_obj: County | None = None, *, status: str = Volunteer.Status.SUBMITTED, **kwargs
) -> User:
    user = make_user(**kwargs)
    Volunteer.objects.create(
        user=user,
        name=user.name,
        phone="+8613800138000",
        county=county_obj or county(),
        township="城北街道",
        sector="education",
        max_children=2,
        status=status,
    )
    return user


def make_mother(county_obj: County | None = None, **kwargs) -> User:
    user = make_applicant(county_obj, status=Volunteer.Status.APPROVED, **kwargs)
    user.groups.add(Group.objects.get(name=MOTHER_GROUP))
    return user


def make_coordinator(county_obj: County | None = None, **kwargs) -> User:
    user = make_user(**kwargs)
    user.groups.add(Group.objects.get(name=COORDINATOR_GROUP))
    CountyAssignment.objects.create(user=user, county=county_obj or county())
    return user


def make_city_staff(**kwargs) -> User:
    user = make_user(**kwargs)
    user.groups.add(Group.objects.get(name=CITY_STAFF_GROUP))
    return user


def make_editor(**kwargs) -> User:
    user = make_user(**kwargs)
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


def make_pair(mother: User, child: Child, *, actor: User | None = None) -> Pair:
    actor = actor or make_city_staff()
    return pair_services.pair_create(actor=actor, mother=mother.volunteer, child=child)


def sign_in_with_second_factor(client, user: User):
    """Sign ``user`` in as allauth's sign-in does after her authenticator code: the session
    carries the "mfa" authentication record every staff page asks for (people.mfa), which
    ``client.force_login`` alone does not. She must have a TOTP authenticator."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    request.session.save()
    return client


def with_totp(user: User) -> User:
    """Staff must have an active TOTP authenticator before any admin page
    (people.mfa.StaffMfaMiddleware); give them one the way allauth stores it."""
    TOTP.activate(user, generate_totp_secret())
    return user


def signed_in(client, user: User):
    return sign_in_with_second_factor(client, user)
