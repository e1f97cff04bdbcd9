"""Recruitment (招募): applying, and the county coordinator's review."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import County
from people.errors import DomainError
from people.models import Notification, Skill, User, Volunteer
from people.roles import MOTHER_GROUP, may_manage_county
from people.services.notifications import notification_record


def _check_reviewer(reviewer: User, volunteer: Volunteer) -> None:
    if may_manage_county(reviewer, volunteer.county_id):
        return
    raise DomainError(
        _("Only the coordinators of the applicant's county can review this application.")
    )


@transaction.atomic
def volunteer_apply(
    *,
    user: User,
    name: str,
    phone: str,
    county: County,
    township: str,
    sector: str,
    skills: list[Skill],
    max_children: int,
    availability: str = "",
    workplace: str = "",
) -> Volunteer:
    """Submit (or, after a request for more information, resubmit) an application."""
    if not 1 <= max_children <= 5:
        raise DomainError(
            _("A caring mother can care for one to five children."), field="max_children"
        )
    volunteer = Volunteer.objects.select_for_update().filter(user=user).first()
    if volunteer and volunteer.status in (Volunteer.Status.APPROVED, Volunteer.Status.SUBMITTED):
        raise DomainError(
            _("You have already applied; you can follow your application on your page.")
        )
    volunteer = volunteer or Volunteer(user=user)
    volunteer.name = name
    volunteer.phone = phone
    volunteer.county = county
    volunteer.township = township
    volunteer.sector = sector
    volunteer.workplace = workplace
    volunteer.max_children = max_children
    volunteer.availability = availability
    volunteer.status = Volunteer.Status.SUBMITTED
    volunteer.status_message = ""
    volunteer.submitted_at = timezone.now()
    volunteer.save()
    volunteer.skills.set(skills)
    if not user.name:
        user.name = name
        user.save(update_fields=["name"])
    return volunteer


def _review(volunteer: Volunteer, reviewer: User, status: str, message: str) -> Volunteer:
    _check_reviewer(reviewer, volunteer)
    if volunteer.status == Volunteer.Status.WITHDRAWN or volunteer.user_id is None:
        # Her account is gone (account_delete): nothing to review, no one to tell.
        raise DomainError(_("This application has been withdrawn."))
    volunteer.status = status
    volunteer.status_message = message
    volunteer.reviewed_by = reviewer
    volunteer.reviewed_at = timezone.now()
    volunteer.save(update_fields=["status", "status_message", "reviewed_by", "reviewed_at"])
    return volunteer


def _notice(volunteer: Volunteer, kind: str, context: dict) -> None:
    """Record the decision's notice; a later decision (after more information) is another."""
    notification_record(
        user=volunteer.user,
        kind=kind,
        subject_key=f"volunteer:{volunteer.pk}",
        version=volunteer.reviewed_at.isoformat(),
        context=context | {"name_on_application": volunteer.name},
        county_id=volunteer.county_id,
    )


@transaction.atomic
def volunteer_approve(*, volunteer: Volunteer, reviewer: User) -> Volunteer:
    if volunteer.status == Volunteer.Status.APPROVED:
        raise DomainError(_("This application has already been approved."))
    _review(volunteer, reviewer, Volunteer.Status.APPROVED, "")
    volunteer.user.groups.add(Group.objects.get(name=MOTHER_GROUP))
    _notice(volunteer, Notification.Kind.APPLICATION_APPROVED, {})
    return volunteer


@transaction.atomic
def volunteer_request_info(*, volunteer: Volunteer, reviewer: User, message: str) -> Volunteer:
    if not message.strip():
        raise DomainError(_("Say what information is missing."), field="message")
    if volunteer.status not in (Volunteer.Status.SUBMITTED, Volunteer.Status.NEEDS_INFO):
        raise DomainError(
            _("Only an application under review can be sent back for more information.")
        )
    _review(volunteer, reviewer, Volunteer.Status.NEEDS_INFO, message.strip())
    _notice(volunteer, Notification.Kind.APPLICATION_NEEDS_INFO, {"message": message.strip()})
    return volunteer


@transaction.atomic
def volunteer_decline(*, volunteer: Volunteer, reviewer: User, reason: str) -> Volunteer:
    if not reason.strip():
        raise DomainError(_("Give the applicant a reason."), field="reason")
    if (
        volunteer.status == Volunteer.Status.APPROVED
        and volunteer.pairs.filter(status="active").exists()
    ):
        raise DomainError(_("End this mother's active pairs before declining her."))
    _review(volunteer, reviewer, Volunteer.Status.DECLINED, reason.strip())
    volunteer.user.groups.remove(*Group.objects.filter(name=MOTHER_GROUP))
    _notice(volunteer, Notification.Kind.APPLICATION_DECLINED, {"reason": reason.strip()})
    return volunteer
