"""The rooms depend one way (DESIGN.md): ``cms`` ← ``courses``, ``stories`` ← ``people`` ←
``pairs`` ← ``enrollment`` ← ``figures``.
A module may import from its own app and from the apps below it, never from one above; the
base content reaches up only from the home page's listing (one function) and the demo
loader. Imports inside functions count too: a circle hidden in a function is still a circle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BELOW = {
    "cms": set(),
    "courses": {"cms"},
    "stories": {"cms"},
    "people": {"cms", "courses", "stories"},
    "pairs": {"cms", "courses", "stories", "people"},
    "enrollment": {"cms", "courses", "stories", "people", "pairs"},
    "figures": {"cms", "courses", "stories", "people", "pairs", "enrollment"},
}
# Where a lower room may reach up, and to what.
ALLOWED_UPWARD = {
    ("cms/selectors.py", "courses.selectors"),  # home_page_context: the home page's listing
    ("cms/selectors.py", "stories.selectors"),
}
DEMO_LOADER = "cms/demo/"  # builds a whole world of every app's records, on purpose


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_app_imports_one_above_it():
    wrong = []
    for app, allowed in BELOW.items():
        for path in (ROOT / app).rglob("*.py"):
            where = str(path.relative_to(ROOT))
            if "migrations" in path.parts or where.startswith(DEMO_LOADER):
                continue
            for module in _imports(path):
                top = module.split(".")[0]
                upward = top in BELOW and top != app and top not in allowed
                if upward and (where, module) not in ALLOWED_UPWARD:
                    wrong.append(f"{where} imports {module}")
    assert not wrong, "Imports against the rooms' direction:\n" + "\n".join(sorted(wrong))


def test_no_module_imports_a_private_name_of_another():
    """A ``_name`` is its module's own: one another module needs is made public or moved."""
    first_party = set(BELOW) | {"tests"}
    wrong = []
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] not in first_party:
                    continue
                wrong += [
                    f"{path.relative_to(ROOT)}: from {node.module} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert not wrong, "Private names imported across modules:\n" + "\n".join(sorted(wrong))
