"""The UI is Chinese first: every message is translated, and Chinese pages show no English."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

import polib
import pytest

from tests import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def test_every_message_has_a_chinese_translation():
    po = polib.pofile(str(LOCALE_DIR / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"messages without a Chinese translation: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy}"


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django reads; it must hold exactly the .po's translations."""
    po = polib.pofile(str(LOCALE_DIR / "django.po"))
    mo = polib.mofile(str(LOCALE_DIR / "django.mo"))
    from_po = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in po.translated_entries()}
    from_mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo if e.msgid}
    stale = {key for key in from_po.keys() | from_mo.keys() if from_po.get(key) != from_mo.get(key)}
    assert not stale, (
        f"django.mo is out of date for {sorted(k[1] for k in stale)[:10]}: "
        "run `python manage.py compilemessages` (or polib's save_as_mofile)"
    )


class _VisibleText(HTMLParser):
    """Collects what a person sees or hears: text, alt, placeholder, aria-label, title,
    button values; skips scripts and styles."""

    ATTRIBUTES = ("alt", "placeholder", "aria-label", "title")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        attrs = dict(attrs)
        self.parts.extend(attrs[a] for a in self.ATTRIBUTES if attrs.get(a))
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


EMAIL_ADDRESS = re.compile(r"\S+@\S+")


def english_words(html: str) -> list[str]:
    """English words a person sees; email addresses (people's data, not UI text) excepted."""
    parser = _VisibleText()
    parser.feed(html)
    return ENGLISH_WORD.findall(EMAIL_ADDRESS.sub(" ", " ".join(parser.parts)))


@pytest.fixture
def site_content(db):
    series = factories.StorySeriesFactory(slug="buru")
    training = factories.TrainingCoursePageFactory(
        sessions=[factories.session_in(3), factories.session_in(10, is_cancelled=True)],
        lecturers=[factories.LecturerFactory()],
    )
    summer_class = factories.SummerClassPageFactory(
        title="暑期陶艺研学",
        sessions=[factories.session_in(5, capacity=2)],
        partner=factories.PartnerFactory(),
    )
    story = factories.StoryPageFactory(series=series, episode=1)
    factories.StoryPageFactory(series=series, episode=2)
    return {"training": training, "class": summer_class, "story": story}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/trainings/",
        "/trainings/?age=x&month=1999-99",
        "/summer/",
        "/summer/?age=99",
        "/summer/?county=nowhere",
        "training",
        "class",
        "/stories/",
        "story",
        "/stories/series/buru/",
        "/search/?q=陶艺",
        "/search/?q=找不到的词",
        "/no-such-page/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ],
)
def test_chinese_pages_show_no_english(client, site_content, path):
    url = site_content[path].url if path in site_content else path
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert response.status_code in (200, 404)
    words = english_words(response.content.decode())
    assert not words, f"{url} shows English words to a Chinese reader: {words}"


def test_english_is_the_second_language(client, site_content):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Upcoming" in english_words(html), "the English page (and so the detector) shows English"


@pytest.fixture
def people_pages(db, client):
    """A guardian with a child, a mother paired with a ledger child; returns URLs per person."""
    from tests import makers as people

    county = people.county()
    guardian = people.make_guardian()
    child = people.make_child(guardian=guardian, county_obj=county)
    mother = people.make_mother(county)
    pair = people.make_pair(mother, people.make_child(name="李小红", county_obj=county))
    applicant = people.make_applicant(county, status="needs_info")
    newcomer = people.make_user()
    return {
        guardian: [
            "/me/",
            "/me/children/add/",
            f"/me/children/{child.pk}/edit/",
            f"/me/children/{child.pk}/delete/",
            "/me/delete/",
            "/accounts/email/",
        ],
        mother: ["/me/", f"/me/pairs/{pair.pk}/", "/volunteer/apply/"],
        applicant: ["/me/", "/volunteer/apply/"],
        newcomer: ["/me/", "/volunteer/", "/volunteer/apply/", "/me/children/consent/"],
    }


def test_people_pages_show_no_english(client, people_pages):
    found = {}
    for user, urls in people_pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
            assert response.status_code == 200, f"{url} as {user}: {response.status_code}"
            if words := english_words(response.content.decode()):
                found[url] = words
    assert not found, f"pages show English words to a Chinese reader: {found}"


def test_forms_shown_again_with_their_errors_show_no_english(client, db, home):
    """The error states too: every message a person can see is in Chinese."""
    from people.services import privacy_consent_give
    from tests import makers as people

    zh = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    short = {"password1": "1234", "password2": "1234"}
    posts = [
        ("/accounts/signup/", {"name": "王丽", "phone": "138 0013 8000", "email": "", **short}),
        ("/accounts/signup/", {"name": "", "phone": "12345", "email": "not-an-address"}),
        ("/accounts/signup/", {"phone": "13800138001", "password1": "Aa1!aaaa", "password2": "x"}),
        ("/accounts/login/", {"login": "13800138009", "password": "wrong-password"}),
        ("/accounts/login/code/", {"login": "not a number"}),
        ("/accounts/password/reset/", {"email": "nobody"}),
    ]
    found = {}
    for url, data in posts:
        response = client.post(url, data, **zh)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert "error-summary" in response.text, url
        if words := english_words(response.content.decode()):
            found[f"POST {url} {sorted(data)}"] = words

    guardian = people.make_guardian()
    privacy_consent_give(user=guardian)
    client.force_login(guardian)
    signed_in_posts = [
        ("/accounts/password/change/", {"oldpassword": "wrong", **short}),
        ("/me/children/add/", {"name": "", "date_of_birth": "2099-13-01"}),
        ("/volunteer/apply/", {"name": "", "phone": "123"}),
    ]
    for url, data in signed_in_posts:
        response = client.post(url, data, **zh)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        if words := english_words(response.content.decode()):
            found[f"POST {url}"] = words
    assert not found, f"error states show English words to a Chinese reader: {found}"


def test_the_sign_in_page_s_chinese_has_no_stray_spaces_or_english_stops(client, db, home):
    """allauth's own Chinese put spaces around the sign-up link and before the full stop."""
    import re as regex

    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").text
    parser = _VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)

    assert "还没有账号？请先" in text
    assert not regex.search(r"[\u4e00-\u9fff]\.(\s|$)", text), "an English full stop after Chinese"
