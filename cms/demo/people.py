"""Demo people for every role, so a newcomer can try every screen.

Staff (an editor, the coordinators of 离石区 and 文水县, city staff) come with two-step
verification set up: an authenticator (TOTP) secret and recovery codes. Caring mothers live in
several counties and work in several sectors; one applicant waits for review and one was asked
for more information. Guardians have children of every category, coordinators have added
children from the civil-affairs ledgers, and mothers are paired with children (one pair ended).

Every name is invented. Children are written with a family name and a given name in the 小X
style. Children are made through ``people.services``, pairs and their records by
``cms.demo.pairs``.

A person is created only if no account has her email address or mobile number yet; her
children (or, for a coordinator, her ledger children) and their pairs only with her, so a
second run changes nothing.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from cms.demo.pairs import PairsLoader
from cms.models import County
from people import services
from people.models import Child, CountyAssignment, Skill, User, Volunteer
from people.roles import CITY_STAFF_GROUP, COORDINATOR_GROUP, EDITOR_GROUP, MOTHER_GROUP

C = Child.Category
S = Child.SchoolStage
R = Child.Relationship
V = Volunteer.Status


@dataclass(frozen=True)
class StaffSpec:
    key: str
    role: str
    name: str
    email: str
    group: str
    county: str | None = None


@dataclass(frozen=True)
class MotherSpec:
    key: str
    name: str
    login: str  # an email address or a mobile number (+86…)
    county: str
    township: str
    sector: str
    workplace: str
    skills: tuple[str, ...]
    max_children: int
    availability: str
    status: str = V.APPROVED
    status_message: str = ""
    phone: str = ""  # the application's contact number, if she signs in by email

    @property
    def contact_phone(self) -> str:
        return self.phone or self.login


@dataclass(frozen=True)
class ChildSpec:
    key: str
    name: str
    gender: str
    born: tuple[int, int, int]  # (age in whole years on load day, month, day)
    school_stage: str
    category: str
    township: str = ""
    needs: str = ""
    special_needs: str = ""
    guardian_name: str = ""
    guardian_phone: str = ""


@dataclass(frozen=True)
class GuardianSpec:
    key: str
    name: str
    login: str
    county: str
    township: str
    relationship: str
    children: tuple[ChildSpec, ...]


STAFF: list[StaffSpec] = [
    StaffSpec("editor", "editor", "周敏", "editor@example.com", EDITOR_GROUP),
    StaffSpec(
        "coordinator-lishi",
        "coordinator (离石区)",
        "郭丽娟",
        "coordinator.lishi@example.com",
        COORDINATOR_GROUP,
        "lishi",
    ),
    StaffSpec(
        "coordinator-wenshui",
        "coordinator (文水县)",
        "任晓红",
        "coordinator.wenshui@example.com",
        COORDINATOR_GROUP,
        "wenshui",
    ),
    StaffSpec("city-staff", "city staff", "高文静", "city@example.com", CITY_STAFF_GROUP),
]

MOTHERS: list[MotherSpec] = [
    MotherSpec(
        "lixiulan", "李秀兰", "mother.lishi@example.com", "lishi", "凤山街道", "education",
        "离石区第二小学", ("homework", "family-education"), 2, "周末下午，寒暑假全天",
        phone="+8613800138111",
    ),
    MotherSpec(
        "duxiaoyan", "杜晓燕", "+8613800138101", "lishi", "滨河街道", "court",
        "离石区人民法院", ("law", "counselling"), 2, "周六上午",
    ),
    MotherSpec(
        "fenghaixia", "冯海霞", "+8613800138102", "lishi", "城北街道", "health",
        "离石区人民医院", ("health-care", "safety"), 1, "每月两次，周日",
    ),
    MotherSpec(
        "hanliping", "韩丽萍", "mother.wenshui@example.com", "wenshui", "凤城镇",
        "womens_federation", "文水县妇联", ("intangible-heritage", "family-education"), 3,
        "工作日晚上，周末全天", phone="+8613800138112",
    ),
    MotherSpec(
        "houxuemei", "侯雪梅", "+8613800138103", "wenshui", "开栅镇", "enterprise",
        "文水县一家食品公司", ("reading",), 1, "周日下午",
    ),
    MotherSpec(
        "jiachunyan", "贾春燕", "+8613800138104", "xiaoyi", "新义街道", "community", "",
        ("arts-sports", "reading"), 2, "寒暑假",
    ),
    MotherSpec(
        "kangyumei", "康玉梅", "applicant@example.com", "lishi", "西属巴街道", "police",
        "离石区公安分局", ("safety",), 1, "周末", status=V.SUBMITTED,
        phone="+8613800138113",
    ),
    MotherSpec(
        "liangshufen", "梁淑芬", "+8613800138105", "wenshui", "南庄镇", "procuratorate",
        "文水县人民检察院", ("law",), 2, "", status=V.NEEDS_INFO,
        status_message="请补充您可以上门探访的时间，以及是否方便到南庄镇以外的村子。",
    ),
]  # fmt: skip

GUARDIANS: list[GuardianSpec] = [
    GuardianSpec(
        "zhangguihua", "张桂花", "guardian@example.com", "lishi", "凤山街道", R.GRANDPARENT,
        (
            ChildSpec("zhangxiaoyu-girl", "张小雨", Child.Gender.GIRL, (9, 4, 12), S.PRIMARY,
                      C.LEFT_BEHIND, needs="父母在太原打工，希望有人辅导作业、多陪她说说话。"),
            ChildSpec("zhangxiaoyu-boy", "张小宇", Child.Gender.BOY, (6, 10, 3), S.PRESCHOOL,
                      C.DISABLED, special_needs="听力障碍，佩戴助听器；说话时请面对他。"),
        ),
    ),
    GuardianSpec(
        "wangjianguo", "王建国", "+8613800138201", "wenshui", "凤城镇", R.GRANDPARENT,
        (
            ChildSpec("wangxiaoxue", "王小雪", Child.Gender.GIRL, (12, 7, 21), S.JUNIOR,
                      C.IN_DIFFICULTY, needs="家里经济困难，想参加暑期剪纸班。"),
        ),
    ),
    GuardianSpec(
        "liuguiying", "刘桂英", "+8613800138202", "lishi", "滨河街道", R.RELATIVE,
        (
            ChildSpec("liuxiaojun", "刘小军", Child.Gender.BOY, (10, 1, 30), S.PRIMARY,
                      C.DE_FACTO_UNSUPPORTED, needs="父亲服刑、母亲离家，由姑姑照看。"),
        ),
    ),
    GuardianSpec(
        "chenshuzhen", "陈淑珍", "guardian.wenshui@example.com", "wenshui", "开栅镇",
        R.GRANDPARENT,
        (
            ChildSpec("chenxiaohua", "陈小花", Child.Gender.GIRL, (14, 3, 8), S.JUNIOR,
                      C.SCATTERED_ORPHAN, needs="父母双亡，随奶奶生活；喜欢画画。"),
        ),
    ),
]  # fmt: skip

# Children the coordinators added from the civil-affairs ledgers (台账), by county.
LEDGER_CHILDREN: dict[str, list[ChildSpec]] = {
    "lishi": [
        ChildSpec("zhaoxiaojie", "赵小杰", Child.Gender.BOY, (11, 5, 17), S.PRIMARY,
                  C.LEFT_BEHIND, township="城北街道", needs="作业辅导",
                  guardian_name="赵奶奶", guardian_phone="+8613800138301"),
        ChildSpec("sunxiaoqing", "孙小晴", Child.Gender.GIRL, (15, 9, 2), S.JUNIOR,
                  C.IN_DIFFICULTY, township="凤山街道", needs="心理疏导，升学指导",
                  guardian_name="孙爷爷", guardian_phone="+8613800138302"),
    ],
    "wenshui": [
        ChildSpec("zhouxiaole", "周小乐", Child.Gender.BOY, (8, 11, 11), S.PRIMARY,
                  C.DE_FACTO_UNSUPPORTED, township="凤城镇", needs="阅读陪伴",
                  guardian_name="周叔叔", guardian_phone="+8613800138303"),
        ChildSpec("wuxiaoyue", "吴小月", Child.Gender.GIRL, (13, 6, 25), S.JUNIOR,
                  C.SCATTERED_ORPHAN, township="南庄镇", needs="生活照料，学习用品",
                  guardian_name="吴大伯", guardian_phone="+8613800138304"),
        ChildSpec("zhengxiaorui", "郑小睿", Child.Gender.BOY, (7, 2, 14), S.PRIMARY,
                  C.DISABLED, township="开栅镇", special_needs="肢体残疾，使用轮椅",
                  guardian_name="郑妈妈", guardian_phone="+8613800138305"),
    ],
}  # fmt: skip


@dataclass(frozen=True)
class DemoLogin:
    """One demo account's way in, as printed and written to the logins file."""

    role: str
    name: str
    login: str
    totp_secret: str = ""
    totp_url: str = ""
    recovery_codes: tuple[str, ...] = ()


@dataclass
class PeopleResult:
    password: str = ""
    logins: list[DemoLogin] = field(default_factory=list)


def logins_text(result: PeopleResult, today: date) -> str:
    """The people section of var/demo-logins.txt: one tab-separated line per account."""
    lines = [
        f"# Demo people created by `manage.py load_demo` on {today:%Y-%m-%d}: sign in at "
        "/accounts/login/ with the email address or mobile number and the password.",
        "# Staff use two-step verification: add the TOTP secret (or otpauth URL) to an "
        "authenticator app, or use a recovery code.",
        "# login\tpassword\trole\tname\tTOTP secret\totpauth URL\trecovery codes",
    ]
    for entry in result.logins:
        columns = [entry.login, result.password, entry.role, entry.name]
        if entry.totp_secret:
            columns += [entry.totp_secret, entry.totp_url, " ".join(entry.recovery_codes)]
        lines.append("\t".join(columns))
    return "\n".join(lines) + "\n"


class PeopleLoader:
    def __init__(self, *, today: date, counties: dict[str, County], created: Counter):
        self.today = today
        self.counties = counties
        self.created = created
        self.result = PeopleResult()
        self.users: dict[str, User] = {}
        self.children: dict[str, Child] = {}
        self._password_hash = ""

    def run(self) -> PeopleResult:
        for spec in STAFF:
            self.staff(spec)
        skills = {skill.slug: skill for skill in Skill.objects.all()}
        for spec in MOTHERS:
            self.mother(spec, skills)
        for spec in GUARDIANS:
            self.guardian(spec)
        for county_slug, specs in LEDGER_CHILDREN.items():
            coordinator = self.users.get(f"coordinator-{county_slug}")
            if coordinator is not None:
                for spec in specs:
                    self.children[spec.key] = self.child(spec, county_slug, actor=coordinator)
        PairsLoader(
            today=self.today, users=self.users, children=self.children, created=self.created
        ).run()
        return self.result

    # Accounts ------------------------------------------------------------------------

    def role(self, role: str, county_slug: str) -> str:
        return f"{role} ({self.counties[county_slug].name})"

    def _new_user(self, key: str, name: str, login: str, role: str) -> User | None:
        """A new account signing in with ``login``, or None if one already has it."""
        is_phone = login.startswith("+")
        if User.objects.filter(Q(phone=login) if is_phone else Q(email__iexact=login)).exists():
            return None
        if not self._password_hash:
            self.result.password = secrets.token_urlsafe(9)
            self._password_hash = make_password(self.result.password)
        user = User.objects.create(
            username=f"demo-{key}",
            name=name,
            email="" if is_phone else login,
            phone=login if is_phone else None,
            phone_verified=is_phone,
            password=self._password_hash,
        )
        if not is_phone:
            EmailAddress.objects.create(user=user, email=login, verified=True, primary=True)
        self.users[key] = user
        self.created["demo people"] += 1
        self.result.logins.append(DemoLogin(role=role, name=name, login=login))
        return user

    def staff(self, spec: StaffSpec) -> None:
        user = self._new_user(spec.key, spec.name, spec.email, spec.role)
        if user is None:
            return
        user.groups.add(Group.objects.get(name=spec.group))
        if spec.county:
            CountyAssignment.objects.create(user=user, county=self.counties[spec.county])
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        codes = RecoveryCodes.activate(user).generate_codes()
        self.result.logins[-1] = DemoLogin(
            role=spec.role,
            name=spec.name,
            login=spec.email,
            totp_secret=secret,
            totp_url=get_mfa_adapter().build_totp_url(user, secret),
            recovery_codes=tuple(codes),
        )

    def mother(self, spec: MotherSpec, skills: dict[str, Skill]) -> None:
        role = {V.APPROVED: "mother", V.SUBMITTED: "applicant"}.get(
            spec.status, "applicant (needs info)"
        )
        user = self._new_user(spec.key, spec.name, spec.login, self.role(role, spec.county))
        if user is None:
            return
        volunteer = services.volunteer_apply(
            user=user,
            name=spec.name,
            phone=spec.contact_phone,
            county=self.counties[spec.county],
            township=spec.township,
            sector=spec.sector,
            workplace=spec.workplace,
            skills=[skills[slug] for slug in spec.skills],
            max_children=spec.max_children,
            availability=spec.availability,
        )
        if spec.status == V.SUBMITTED:
            return
        # Reviewed before the demo begins: the record as the county coordinator left it, set
        # here rather than through the review services so loading sends no notices.
        Volunteer.objects.filter(pk=volunteer.pk).update(
            status=spec.status,
            status_message=spec.status_message,
            reviewed_by=self.users.get(f"coordinator-{spec.county}"),
            reviewed_at=timezone.now() - timedelta(days=30),
        )
        if spec.status == V.APPROVED:
            user.groups.add(Group.objects.get(name=MOTHER_GROUP))

    def guardian(self, spec: GuardianSpec) -> None:
        user = self._new_user(spec.key, spec.name, spec.login, self.role("guardian", spec.county))
        if user is None:
            return
        services.privacy_consent_give(user=user)
        for child_spec in spec.children:
            self.children[child_spec.key] = self.child(
                child_spec,
                spec.county,
                actor=user,
                guardian=user,
                relationship=spec.relationship,
                township=child_spec.township or spec.township,
            )

    # Children and pairs --------------------------------------------------------------

    def child(self, spec: ChildSpec, county_slug: str, *, actor: User, **extra) -> Child:
        age, month, day = spec.born
        not_yet_this_year = (month, day) > (self.today.month, self.today.day)
        born = date(self.today.year - age - not_yet_this_year, month, day)
        fields = {
            "name": spec.name,
            "date_of_birth": born,
            "gender": spec.gender,
            "school_stage": spec.school_stage,
            "category": spec.category,
            "needs": spec.needs,
            "special_needs": spec.special_needs,
            "township": spec.township,
        }
        if "guardian" in extra:
            fields |= extra
        else:
            fields |= {
                "guardian_name": spec.guardian_name,
                "guardian_phone": spec.guardian_phone,
                "source": Child.Source.LEDGER,
            }
        self.created["demo children"] += 1
        return services.child_create(actor=actor, county=self.counties[county_slug], **fields)
