"""pytest plugin for CI's PostgreSQL + Redis pass: a test marked ``postgres`` or ``redis``
that skips is reported as an error, since both services are running in that pass.

Loaded by .ci/run with ``PYTHONPATH=.ci`` and ``-p require_services``.
"""

import pytest

SERVICE_MARKERS = ("postgres", "redis")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    markers = [name for name in SERVICE_MARKERS if item.get_closest_marker(name)]
    if report.skipped and markers:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"CI requires this {'/'.join(markers)} test to run, but it skipped: {reason}"
        )
