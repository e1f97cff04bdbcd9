"""``/me/``: a person's own page.

The people side gives her application, her children and her account; the rooms above add
their sections through the ``me_page_sections`` Wagtail hook (her bookings from
``enrollment``, the children she cares for from ``pairs``), so this view imports neither.
A hook is called as ``fn(request, my)`` with ``my`` a ``people.selectors.me.MyPage`` and
returns a ``MeSection`` or None (nothing to show her)."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wagtail import hooks

from people.selectors.me import my_page

# Where the people side's own sections go; a hook's section sorts among them by ``order``.
ORDER_APPLICATION = 20
ORDER_CHILDREN = 40
ORDER_APPLY = 50
ORDER_ACCOUNT = 60


@dataclass(frozen=True)
class MeSection:
    order: int
    template: str
    context: dict = field(default_factory=dict)
    stylesheet: str = ""  # a static path the section needs, linked once in the page's head
    account_link: tuple[str, str] | None = None  # (url, label) listed under "My account"


def _own_sections(my) -> list[MeSection]:
    sections = [
        MeSection(ORDER_CHILDREN, "people/me/children.html"),
        MeSection(ORDER_ACCOUNT, "people/me/account.html"),
    ]
    if my.application:
        sections.append(MeSection(ORDER_APPLICATION, "people/me/application.html"))
    else:
        sections.append(MeSection(ORDER_APPLY, "people/me/apply.html"))
    return sections


@login_required
def me(request: HttpRequest) -> HttpResponse:
    my = my_page(request.user, children_page=request.GET.get("page"))
    sections = _own_sections(my)
    for section_for in hooks.get_hooks("me_page_sections"):
        section = section_for(request, my)
        if section is not None:
            sections.append(section)
    sections.sort(key=lambda section: section.order)
    stylesheets = list(dict.fromkeys(s.stylesheet for s in sections if s.stylesheet))
    return render(
        request,
        "people/me.html",
        {"my": my, "sections": sections, "stylesheets": stylesheets},
    )
