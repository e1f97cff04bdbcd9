"""三必清 on a phone (Chromium, 390 × 844, Chinese): a caring mother opens her child's page,
confirms she knows the child's studies with a short note, and sees it confirmed. The page
must fit a phone (no sideways scroll, text ≥ 16 px, targets ≥ 44 px, axe-core clean)."""

from django.urls import reverse

from pairs.models import PairKnowledge
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_child, make_mother, make_pair

pytestmark = BROWSER_TEST


def test_a_mother_confirms_she_knows_her_childs_studies(live_server, phone_page):
    page = phone_page
    lishi = county("lishi", "离石区")
    mother = make_mother(lishi, name="周秀英", email="zhou.xiuying@example.org")
    pair = make_pair(mother, make_child(county_obj=lishi, name="王小明"))
    url = live_server.url + reverse("pairs:pair_detail", args=[pair.pk])

    page.goto(url)
    page.fill("input[name=login]", mother.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.url == url, page.url
    problems = layout_problems(page, "pairs-knowledge")
    assert not problems, problems

    page.fill("#id_study_note", "数学跟不上，每周六辅导一次")
    page.locator("form:has(#id_study_note) button[type=submit]").click()
    page.wait_for_load_state()

    record = PairKnowledge.objects.get(pair=pair)
    assert (record.topic, record.note) == ("study", "数学跟不上，每周六辅导一次")
    assert "最近确认" in page.locator("main").inner_text()
    problems = layout_problems(page, "pairs-knowledge-confirmed")
    assert not problems, problems
