"""A county coordinator imports the children's ledger on her phone: three broken rows are
shown, exactly those, by row and column; she fixes the file, uploads it again, imports."""

import time

from django.urls import reverse

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from people.models import Child
from tests.e2e.browser_support import BROWSER_TEST, layout_problems
from tests.makers import PASSWORD, county, make_coordinator
from tests.pairs.ledger_support import child_row, xlsx

pytestmark = BROWSER_TEST


def test_a_coordinator_sees_the_broken_rows_fixes_them_and_imports(
    live_server, phone_page, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    lishi = county()
    coordinator = make_coordinator(lishi, name="李协调")
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    good = [child_row(f"王{n}号") for n in range(1, 8)]
    broken = list(good)
    broken[1] = child_row("王2号", 出生日期="2015-02-30")  # sheet row 3
    broken[3] = child_row("王4号", 性别="男孩")  # sheet row 5
    broken[5] = child_row("王6号", 学段="")  # sheet row 7
    (tmp_path / "broken.xlsx").write_bytes(xlsx("children", broken))
    (tmp_path / "fixed.xlsx").write_bytes(xlsx("children", good))

    page = phone_page
    new = reverse("people_ledgers:add")
    page.goto(f"{live_server.url}{reverse('account_login')}?next={new}")
    page.fill("#id_login", coordinator.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.fill("#id_code", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{new}")

    page.select_option("#id_kind", "children")
    page.set_input_files("#id_file", str(tmp_path / "broken.xlsx"))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/confirm/")
    cells = page.locator("table.people-ledger-errors tbody tr").all()
    shown = [tuple(row.locator("td").all_inner_texts()[:2]) for row in cells]
    assert shown == [("3", "出生日期"), ("5", "性别"), ("7", "学段")]
    assert "请填写以下之一：男、女" in page.inner_text("main")
    problems = layout_problems(page, "ledger-preview-errors")
    assert page.locator("main form button[type=submit]").count() == 0
    assert not Child.objects.exists()

    page.click("text=上传改正后的文件")
    page.select_option("#id_kind", "children")
    page.set_input_files("#id_file", str(tmp_path / "fixed.xlsx"))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/confirm/")
    assert page.locator("table.people-ledger-errors").count() == 0
    problems += layout_problems(page, "ledger-preview-ready")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ledgers/*/")
    assert "已导入" in page.inner_text("main")
    problems += layout_problems(page, "ledger-imported")
    assert Child.objects.filter(county=lishi, source="ledger").count() == 7
    assert not problems, "\n".join(problems)
