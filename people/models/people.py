"""Volunteers (爱心妈妈), coordinators' county assignments, guardians' consent, children."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phonenumber_field.modelfields import PhoneNumberField

from people.fields import EncryptedCharField, EncryptedDateField, EncryptedTextField
from people.scope import ChildQuerySet, VolunteerQuerySet


class Sector(models.TextChoices):
    """Where a volunteer works; the article pairs children by sector (教育系统 mothers take
    high-school pupils, 政法系统 mothers children of family-court cases …)."""

    EDUCATION = "education", _("Education")
    COURT = "court", _("Court")
    PROCURATORATE = "procuratorate", _("Procuratorate")
    POLICE = "police", _("Public security")
    HEALTH = "health", _("Health")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
    WOMENS_FEDERATION = "womens_federation", _("Women's federation")
    DISABILITY = "disability", _("Disabled persons' federation")
    ENTERPRISE = "enterprise", _("Enterprise")
    COMMUNITY = "community", _("Caring member of the public")
    OTHER = "other", _("Other")


class Skill(models.Model):
    """A strength a volunteer brings (心理咨询, 家庭教育, 非遗手工, 法律, 作业辅导 …)."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    """A woman's application to become a caring mother, and, once approved, her profile."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_INFO = "needs_info", _("More information needed")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # Empty once she deletes her account: her pairs stay as history, stripped of her data.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    name = models.CharField(_("name"), max_length=50)
    phone = PhoneNumberField(_("mobile number"))
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    township = models.CharField(_("township or street"), max_length=50)
    sector = models.CharField(_("work sector"), max_length=20, choices=Sector.choices)
    workplace = models.CharField(_("workplace"), max_length=100, blank=True)
    skills = models.ManyToManyField(
        Skill, verbose_name=_("skills and strengths"), blank=True, related_name="+"
    )
    max_children = models.PositiveSmallIntegerField(
        _("children she can care for"), default=1, help_text=_("Between 1 and 5.")
    )
    availability = models.TextField(_("availability"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    status_message = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_("What is missing, or why the application was declined."),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [
            models.Index(fields=["county", "status"], name="volunteer_county_status"),
            models.Index(fields=["status", "submitted_at"], name="volunteer_status_submitted"),
            models.Index(fields=["sector"], name="volunteer_sector"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_children__gte=1, max_children__lte=5),
                name="volunteer_max_children_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.county}）"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class CountyAssignment(models.Model):
    """The county a coordinator (县妇联) works for; her scope for every personal record."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        on_delete=models.CASCADE,
        related_name="county_assignment",
    )
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="coordinators",
    )

    class Meta:
        verbose_name = _("county assignment")
        verbose_name_plural = _("county assignments")

    def __str__(self) -> str:
        return f"{self.user} → {self.county}"


class PrivacyConsent(models.Model):
    """A guardian's agreement to the privacy notice for children's information."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian"),
        on_delete=models.CASCADE,
        related_name="privacy_consents",
    )
    notice_version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("privacy consent")
        verbose_name_plural = _("privacy consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "notice_version"], name="consent_once_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.notice_version}"


class Child(models.Model):
    """A child in the programme. Personal fields are encrypted at rest (people.fields);
    ``identity_hash`` finds duplicates without decrypting. Every staff read is audited."""

    class Category(models.TextChoices):
        LEFT_BEHIND = "left_behind", _("Left-behind child")
        IN_DIFFICULTY = "in_difficulty", _("Child in difficulty")
        DE_FACTO_UNSUPPORTED = "de_facto_unsupported", _("De facto unsupported child")
        SCATTERED_ORPHAN = "scattered_orphan", _("Orphan in family care")
        DISABLED = "disabled", _("Child with a disability")

    class Gender(models.TextChoices):
        GIRL = "girl", _("Girl")
        BOY = "boy", _("Boy")

    class SchoolStage(models.TextChoices):
        PRESCHOOL = "preschool", _("Pre-school")
        PRIMARY = "primary", _("Primary school")
        JUNIOR = "junior", _("Junior secondary")
        SENIOR = "senior", _("Senior secondary")
        VOCATIONAL = "vocational", _("Vocational school")
        NOT_IN_SCHOOL = "none", _("Not in school")

    class Relationship(models.TextChoices):
        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        GRANDPARENT = "grandparent", _("Grandparent")
        RELATIVE = "relative", _("Other relative")
        OTHER = "other", _("Other guardian")

    class Source(models.TextChoices):
        GUARDIAN = "guardian", _("Added by the guardian")
        LEDGER = "ledger", _("From the civil-affairs ledger")

    # Encrypted personal fields. Empty after anonymisation.
    name = EncryptedCharField(_("name"), max_length=50, null=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True)
    id_number = EncryptedCharField(_("ID number"), max_length=18, blank=True, null=True)
    address = EncryptedCharField(_("address"), max_length=200, blank=True, null=True)
    guardian_name = EncryptedCharField(_("guardian's name"), max_length=50, blank=True, null=True)
    guardian_phone = EncryptedCharField(_("guardian's phone"), max_length=20, blank=True, null=True)
    needs = EncryptedTextField(
        _("needs"), blank=True, null=True, help_text=_("What the child needs help with.")
    )
    special_needs = EncryptedTextField(
        _("special needs"),
        blank=True,
        null=True,
        help_text=_("Health, disability, anything carers must know."),
    )
    # Keyed hashes for equality lookups on encrypted values.
    identity_hash = models.CharField(max_length=64, editable=False, db_index=True)
    id_number_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The full name alone, for the privacy guard on published pages (people.privacy_guard):
    # a page's text is checked against the register without decrypting it.
    name_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # Plain fields: what counts and scopes are made of.
    gender = models.CharField(_("gender"), max_length=4, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), editable=False)
    county = models.ForeignKey(
        "cms.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="children",
    )
    township = models.CharField(_("township or street"), max_length=50)
    school_stage = models.CharField(_("school stage"), max_length=12, choices=SchoolStage.choices)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices, blank=True)
    # The article pairs these children with mothers of the legal sector (政法系统).
    family_court_case = models.BooleanField(
        _("child of a marriage or family court case"), default=False
    )
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    relationship = models.CharField(
        _("relationship to the child"), max_length=12, choices=Relationship.choices, blank=True
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    consent = models.ForeignKey(
        PrivacyConsent,
        verbose_name=_("consent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # Set when a guardian adds (or renames) a child whose name and date of birth match a record
    # of the same county: she is not told (that would reveal who is registered), the
    # coordinator reviews it.
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ChildQuerySet.as_manager()

    class Meta:
        ordering = ["county", "-created_at"]
        verbose_name = _("child")
        verbose_name_plural = _("children")
        indexes = [
            models.Index(fields=["county", "category"], name="child_county_category"),
            models.Index(fields=["guardian"], name="child_guardian"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~Q(id_number_hash=""),
                name="child_unique_id_number",
            ),
            models.CheckConstraint(
                condition=Q(source="ledger")
                | Q(guardian__isnull=False)
                | Q(anonymised_at__isnull=False),
                name="child_guardian_added_has_guardian",
            ),
        ]

    def __str__(self) -> str:
        return self.first_name if not self.anonymised_at else str(_("(anonymised)"))

    @property
    def first_name(self) -> str:
        """The given name only (the name without its first character, the family name), which
        is what a paired mother sees."""
        name = (self.name or "").strip()
        return name[1:] if len(name) >= 2 else name

    def age_on(self, day: date) -> int | None:
        dob = self.date_of_birth
        if not dob:
            return None
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
