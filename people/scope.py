"""County scope: the one place that decides whose personal records a user may see.

Every query of children, volunteers and pairs (``pairs.models.PairQuerySet``, with
``staff_scope`` from here) made for a person goes through ``visible_to(user)``; views never
filter by county themselves. City staff see every county,
a coordinator her own county, a guardian her own children, a mother the children she is
actively paired with; everyone else sees nothing.
"""

from django.db import models

from people.roles import coordinator_county_id, is_city_staff


def staff_scope(queryset: models.QuerySet, user) -> models.QuerySet | None:
    """City staff: everything; a coordinator: her county; anyone else: None (not staff)."""
    if is_city_staff(user):
        return queryset
    county_id = coordinator_county_id(user)
    return queryset.filter(county_id=county_id) if county_id is not None else None


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ChildQuerySet":
        if not user.is_authenticated:
            return self.none()
        if (scoped := staff_scope(self, user)) is not None:
            return scoped
        return self.filter(
            models.Q(guardian=user) | models.Q(pairs__mother__user=user, pairs__status="active")
        ).distinct()

    def for_staff(self, user) -> "ChildQuerySet":
        """Children a member of staff may manage (not a guardian's or mother's view)."""
        scoped = staff_scope(self, user) if user.is_authenticated else None
        return scoped if scoped is not None else self.none()

    def active(self) -> "ChildQuerySet":
        return self.filter(anonymised_at__isnull=True)


class VolunteerQuerySet(models.QuerySet):
    def visible_to(self, user) -> "VolunteerQuerySet":
        if not user.is_authenticated:
            return self.none()
        if (scoped := staff_scope(self, user)) is not None:
            return scoped
        return self.filter(user=user)

    def approved(self) -> "VolunteerQuerySet":
        return self.filter(status="approved")
