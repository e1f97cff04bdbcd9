"""Receivers of the courses side (connected in ``CoursesConfig.ready``).

A session is written when its course page is published: Wagtail restores the page from a
revision, whose sessions are copies made when the revision was saved (modelcluster), and
saves each of them whole. Their non-editable fields (``uid``, ``sequence``, ``updated_at``,
``seats_taken``) may therefore be stale, so they are computed here from the database row:

- ``seats_taken`` is the row's (only ``enrollment.services`` change it, with ``update()``
  under the session's lock: a revision saved before a booking must not give its seat back);
- ``uid`` is the row's (a copy of a page brings its sessions' uids along: a new session
  whose uid is taken gets a new one);
- ``sequence`` is the row's, plus one when the start, end or venue differ from the row's,
  and then ``courses.domain_signals.session_moved`` is sent once the transaction commits;
- ``updated_at`` is now (the session, or its course page, was saved).
"""

import uuid
from functools import partial

from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

from courses.domain_signals import session_moved
from courses.sessions import Session

MOVING_FIELDS = ("start", "end", "venue_id")


@receiver(pre_save, sender=Session, dispatch_uid="courses_session_calendar_fields")
def session_calendar_fields(sender, instance: Session, raw: bool = False, **kwargs) -> None:
    if raw:  # loading fixtures: the rows are as they were
        return
    instance.updated_at = timezone.now()
    row = None
    if instance.pk is not None:
        row = (
            Session.objects.filter(pk=instance.pk)
            .values("uid", "sequence", "seats_taken", *MOVING_FIELDS)
            .first()
        )
    if row is None:
        instance.sequence = 0
        if Session.objects.filter(uid=instance.uid).exists():
            instance.uid = uuid.uuid4()
        return
    instance.uid = row["uid"]
    instance.seats_taken = row["seats_taken"]
    previous = {field: row[field] for field in MOVING_FIELDS}
    if all(getattr(instance, field) == row[field] for field in MOVING_FIELDS):
        instance.sequence = row["sequence"]
        return
    instance.sequence = row["sequence"] + 1
    transaction.on_commit(
        partial(session_moved.send, sender=Session, session=instance, previous=previous)
    )
