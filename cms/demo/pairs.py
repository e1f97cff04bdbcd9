"""Demo pairs and what coordinators keep about them, so the pairs back office has something
in every list: pairs (one ended), safety agreements (one pair still without), 三必清 notes,
visits of every kind (one mother's regular visit overdue, a birthday coming), a concern, a
coordinator's follow-up call, the dynamic-adjustment check's flags, and the partners'
donations (社会捐赠), goods given to pairs among them.

Made through ``pairs.services`` like everything else; made only for pairs created in this
run, so a second run changes nothing."""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pairs import services
from pairs.models import Donation, Pair, PairConcern, PairKnowledge, VisitKind
from people.models import Child, User, Volunteer


@dataclass(frozen=True)
class PairSpec:
    mother: str
    child: str
    days_ago: int
    ended_days_ago: int | None = None
    end_reason: str = ""
    end_note: str = ""
    agreement: bool = True
    # (days ago, kind, what was done, needs noticed); the newest decides what is due.
    visits: tuple[tuple[int, str, str, str], ...] = ()


K = VisitKind
PAIRS: list[PairSpec] = [
    PairSpec("lixiulan", "zhangxiaoyu-girl", days_ago=420, visits=(
        (60, K.HOME, "陪小雨读绘本，和奶奶聊了开学准备。", "冬天的棉衣偏小。"),
        (12, K.CALL, "视频通话，问了期中考试。", ""),
    )),
    PairSpec("lixiulan", "zhaoxiaojie", days_ago=200, visits=(
        (45, K.HOME, "一起做手工，检查作业。", "数学跟不上，想找人辅导。"),
    )),
    PairSpec("duxiaoyan", "liuxiaojun", days_ago=300, agreement=False, visits=(
        (70, K.HOME, "入户了解家庭情况。", "爷爷腿脚不便，家里取暖需要帮助。"),
    )),
    PairSpec("hanliping", "wangxiaoxue", days_ago=380, visits=(
        (20, K.SCHOOL, "到学校和班主任沟通。", ""),
    )),
    PairSpec("hanliping", "chenxiaohua", days_ago=150, visits=(
        (9, K.HOME, "陪伴写作业，约好下周打电话。", ""),
    )),
    PairSpec("houxuemei", "zhouxiaole", days_ago=90),
    PairSpec(
        "fenghaixia", "sunxiaoqing", days_ago=500, ended_days_ago=40,
        end_reason=Pair.EndReason.MOVED, end_note="随父母迁往太原市，已转介当地妇联。",
    ),
]  # fmt: skip

KNOWLEDGE = {
    PairKnowledge.Topic.FAMILY: "父母在外务工，跟奶奶生活。",
    PairKnowledge.Topic.STUDY: "四年级，语文好，数学偏弱。",
    PairKnowledge.Topic.LIFE: "冬季取暖有困难。",
}


class PairsLoader:
    def __init__(
        self,
        *,
        today: date,
        users: dict[str, User],
        children: dict[str, Child],
        created: Counter,
    ):
        self.today = today
        self.users = users
        self.children = children
        self.created = created

    def run(self) -> None:
        made = [(spec, pair) for spec in PAIRS if (pair := self.pair(spec)) is not None]
        for spec, pair in made:
            if pair.status == Pair.Status.ACTIVE:
                self.records(spec, pair)
        if made:
            services.adjustments_check(today=self.today)
            self.donations([pair for _spec, pair in made if pair.status == Pair.Status.ACTIVE])

    def donations(self, active: list[Pair]) -> None:
        """The article's partners: money for school, winter clothes given to pairs, and
        zongzi for the Dragon Boat festival in another county."""
        if not active:
            return
        first = active[0]
        here = [pair for pair in active if pair.county_id == first.county_id]
        other = next((p for p in active if p.county_id != first.county_id), first)
        D, G = Donation.DonorKind, Donation.Kind
        for donor, donor_kind, kind, value, days_ago, pair, description, gifts in (
            ("吕梁市久久爱心公益协会", D.ORGANISATION, G.MONEY, "20000", 150, first,
             "助学金，资助困境儿童秋季开学。", []),
            ("离石区贝亲好家政", D.COMPANY, G.GOODS, "3600", 60, first, "冬季棉衣和取暖用品。",
             [services.GiftLine(p, "冬季棉衣一件", Decimal("300")) for p in here]),
            ("临县青塘粽子食品有限公司", D.COMPANY, G.GOODS, "1800", 200, other,
             "端午节粽子，结对家庭每户一箱。", []),
        ):  # fmt: skip
            actor = self.coordinator(pair.county.slug)
            if actor is None:
                continue
            services.donation_record(
                actor=actor,
                donor=donor,
                donor_kind=donor_kind,
                date=self.today - timedelta(days=days_ago),
                kind=kind,
                value=Decimal(value),
                county=pair.county,
                description=description,
                gifts=gifts,
            )
            self.created["demo donations"] += 1

    def coordinator(self, county_slug: str) -> User | None:
        return self.users.get(f"coordinator-{county_slug}") or self.users.get("city-staff")

    def pair(self, spec: PairSpec) -> Pair | None:
        mother, child = self.users.get(spec.mother), self.children.get(spec.child)
        coordinator = child and self.coordinator(child.county.slug)
        if mother is None or child is None or coordinator is None:
            return None
        pair = services.pair_create(
            actor=coordinator,
            mother=Volunteer.objects.get(user=mother),
            child=child,
            started_on=self.today - timedelta(days=spec.days_ago),
        )
        self.created["demo pairs"] += 1
        if spec.ended_days_ago is not None:
            services.pair_end(
                actor=coordinator,
                pair=pair,
                reason=spec.end_reason,
                note=spec.end_note,
                ended_on=self.today - timedelta(days=spec.ended_days_ago),
            )
        return pair

    def records(self, spec: PairSpec, pair: Pair) -> None:
        coordinator = self.coordinator(pair.county.slug)
        mother = self.users[spec.mother]
        if spec.agreement:
            services.agreement_record(
                actor=coordinator,
                pair=pair,
                signed_on=pair.started_on + timedelta(days=3),
                signed_by=pair.child.guardian_name or "监护人",
            )
        for days_ago, kind, done, needs in spec.visits:
            services.visit_log(
                actor=mother,
                pair=pair,
                visited_on=self.today - timedelta(days=days_ago),
                kind=kind,
                client_token=uuid.uuid4(),
                what_was_done=done,
                needs_noticed=needs,
            )
            self.created["demo visits"] += 1
        if spec.visits and spec.visits[0][3]:
            for topic, note in KNOWLEDGE.items():
                services.knowledge_confirm(actor=mother, pair=pair, topic=topic, note=note)
        if spec.child == "liuxiaojun":
            services.concern_raise(
                actor=mother,
                pair=pair,
                kind=PairConcern.Kind.HARDSHIP,
                note="家里的炉子坏了，祖孙俩取暖困难。",
            )
            services.follow_up_call_record(
                actor=coordinator,
                mother=pair.mother,
                called_on=self.today - timedelta(days=5),
                note="杜晓燕说这周末去看孩子，顺便联系村里修炉子。",
            )
