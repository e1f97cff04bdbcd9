"""Safety agreements (安全责任书) in the back office: recording one on a pair's page, and the
scan, served only here, to those who may see the pair (another county's answers 404)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies import ModelPermissionPolicy

from pairs import services
from pairs.models import Pair, SafetyAgreement
from people.admin.base import ObjectActionView
from people.audit import audit_record
from people.models import AuditEntry
from people.scope import staff_scope


class AgreementForm(forms.Form):
    signed_on = forms.DateField(label=gettext_lazy("Signed on"), widget=AdminDateInput)
    signed_by = forms.CharField(
        label=gettext_lazy("Signed by (the guardian's name)"), max_length=50
    )
    scan = forms.FileField(
        label=gettext_lazy("Scan (optional)"),
        required=False,
        help_text=gettext_lazy("A photo (JPEG or PNG) or a PDF of the signed agreement."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )


class AgreementRecordView(ObjectActionView):
    model = Pair
    form_class = AgreementForm
    template_name = "pairs/admin/agreement_form.html"
    page_title = gettext_lazy("Record the safety agreement")
    intro = gettext_lazy(
        "The safety responsibility agreement signed with the child's guardian. The scan is "
        "kept privately and shown only to the staff of the pair's county."
    )
    submit_label = gettext_lazy("Record the agreement")
    success_message = gettext_lazy("Safety agreement recorded for %(object)s.")

    def scoped_queryset(self):
        scoped = staff_scope(Pair.objects.select_related("mother", "child"), self.request.user)
        return scoped if scoped is not None else Pair.objects.none()

    def perform(self, form) -> None:
        data = form.cleaned_data
        services.agreement_record(
            actor=self.request.user,
            pair=self.object,
            signed_on=data["signed_on"],
            signed_by=data["signed_by"],
            scan=data["scan"] or None,
        )


class AgreementScanView(PermissionCheckedMixin, View):
    """The scan of an agreement: attachment for a PDF, inline for a photo, never sniffed."""

    permission_policy = ModelPermissionPolicy(Pair)

    def get(self, request, pk: int):
        visible = staff_scope(Pair.objects.all(), request.user)
        if visible is None:
            visible = Pair.objects.none()
        agreement = SafetyAgreement.objects.filter(pk=pk, pair__in=visible).first()
        if agreement is None:
            outside = SafetyAgreement.objects.filter(pk=pk).values("pk", "pair__county_id").first()
            if outside is not None:
                audit_record(
                    actor=request.user,
                    action=AuditEntry.Action.DENIED,
                    object_type=SafetyAgreement._meta.label_lower,
                    object_id=str(outside["pk"]),
                    county_id=outside["pair__county_id"],
                    request=request,
                )
            raise Http404
        if not self.user_has_permission("view"):
            raise PermissionDenied
        if not agreement.scan:
            raise Http404
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.VIEW,
            obj=agreement,
            county_id=agreement.pair.county_id,
            request=request,
            detail="safety agreement scan",
            children=1,
        )
        content_type = agreement.scan_content_type or "application/octet-stream"
        inline = content_type.startswith("image/")
        extension = agreement.scan.name.rsplit(".", 1)[-1]
        response = FileResponse(
            agreement.scan.open("rb"),
            content_type=content_type,
            as_attachment=not inline,
            filename=f"agreement-{agreement.pair_id}-{agreement.pk}.{extension}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
