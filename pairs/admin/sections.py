"""The pairs side's sections of the people back office's record pages (hooks
``child_admin_sections`` and ``volunteer_admin_sections``, see ``people.admin.base``): a
child's whole pair history, a mother's pairs and the children who need her."""

from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse

from pairs.models import Pair, SafetyAgreement
from people.audit import audit_record
from people.models import AuditEntry, Child, Volunteer
from people.scope import staff_scope


def _with_agreement(pairs):
    return pairs.annotate(has_agreement=Exists(SafetyAgreement.objects.filter(pair=OuterRef("pk"))))


def child_pair_history(request, child: Child) -> str:
    """Every pair the child has had, in whichever county each was (a child who moved keeps
    her history): dates, mother, end reason. Shown on her record, already scoped and audited."""
    pairs = list(
        Pair.objects.filter(child=child)
        .select_related("mother", "county")
        .order_by("-started_on", "-pk")
    )
    return render_to_string(
        "pairs/admin/child_pairs.html",
        {"pairs": pairs, "suggest_url": _suggest_url(child, pairs)},
        request=request,
    )


def _suggest_url(child: Child, pairs: list[Pair]) -> str:
    if child.anonymised_at or any(pair.status == Pair.Status.ACTIVE for pair in pairs):
        return ""
    return reverse("people_waiting:suggest", args=[child.pk])


def volunteer_pairs(request, volunteer: Volunteer) -> str:
    """Her pairs (those of the viewer's scope), each saying when it has no safety agreement,
    and, once approved, the way to the children who need a mother."""
    scoped = staff_scope(Pair.objects.filter(mother=volunteer), request.user)
    pairs = list(
        _with_agreement(scoped if scoped is not None else Pair.objects.none()).select_related(
            "child", "county"
        )
    )
    children_url = (
        reverse("people_waiting:for_mother", args=[volunteer.pk]) if volunteer.is_approved else ""
    )
    if not pairs and not children_url:
        return ""
    if pairs:
        # Her pairs name their children: a read of children's records, audited.
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.VIEW,
            obj=volunteer,
            request=request,
            detail="her pairs",
            children=len(pairs),
        )
    return render_to_string(
        "pairs/admin/volunteer_pairs.html",
        {"pairs": pairs, "children_url": children_url},
        request=request,
    )
