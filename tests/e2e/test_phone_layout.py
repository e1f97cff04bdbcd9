"""The public pages fit a phone screen: a real Chromium at 390 × 844 opens them and checks that
nothing scrolls sideways, that the page's main heading is visible, that nothing a person reads
is under 16 px and that every link and button is at least 44 × 44 px.

Full-page screenshots are written to tests/output/e2e/ for a person to look at.
"""

from django.core.management import call_command

import pytest

from courses.models import SummerClassPage, TrainingCoursePage
from stories.models import StoryPage
from tests.e2e.browser_support import BROWSER_TEST, layout_problems

# A title with no place to break (a pasted link) must wrap, not push the page sideways.
UNBREAKABLE = "https://example.org/?utm_source=wechat&utm_campaign=aixinmamajieduiguanailiushouertonghekunjingertong"

pytestmark = BROWSER_TEST


@pytest.fixture
def demo_pages(settings, tmp_path) -> dict[str, str]:
    """The demo content, with a long Chinese title on the training and story pages; returns
    the paths of the pages to open, by name."""
    settings.VAR_DIR = tmp_path  # load_demo writes its logins file there
    settings.ROOT_URLCONF = "tests.e2e.urls"
    call_command("load_demo", verbosity=0)

    training = TrainingCoursePage.objects.live().order_by("path").first()
    story = StoryPage.objects.live().filter(series__isnull=False).order_by("path").first()
    summer_class = SummerClassPage.objects.live().order_by("path").first()
    for page in (training, story):
        page.title = f"{page.title}：爱心妈妈结对关爱留守儿童和困境儿童（{UNBREAKABLE}）"
        page.save_revision().publish()
    return {
        "home": "/",
        "training-index": training.get_parent().url,
        "training": training.url,
        "summer-class": summer_class.url,
        "story-index": story.get_parent().url,
        "story": story.url,
        "search": "/search/?q=%E5%89%AA%E7%BA%B8",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
    }


def test_public_pages_fit_a_phone_screen(live_server, demo_pages, phone):
    page = phone()
    problems = []
    for name, path in demo_pages.items():
        response = page.goto(live_server.url + path)
        if response is None or response.status != 200:
            problems.append(f"{name} ({path}): HTTP {response and response.status}")
            continue
        # Load lazy pictures so the check and the screenshot see the whole page.
        page.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(img => img.loading = 'eager')"
        )
        page.wait_for_load_state("networkidle")
        problems += layout_problems(page, f"phone-{name}")
        broken = page.evaluate(
            "[...document.images].filter(img => !img.complete || !img.naturalWidth)"
            ".map(img => img.currentSrc || img.src)"
        )
        if broken:
            problems.append(f"{name} ({path}): pictures did not load: {broken}")

    assert not problems, "Pages that do not fit a phone:\n" + "\n".join(problems)
