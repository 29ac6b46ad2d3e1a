"""The apps form layers that import one way: the base app at the ground, what gathers everything on top.

Every import of every project module is read with ``ast``, at module level and inside functions.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each app may import the apps of the layers below it, never those of its own layer or above.
LAYERS = [
    {"pages"},  # the base: base page, shared blocks, navigation, listing helpers, settings, sponsors
    {"thematiques", "offices", "outbox", "guard", "ops", "pagecache"},
    {"contact", "news", "publications", "about", "directory"},
    {"trainings", "figures"},  # trainings read the centre's contact details (contact) for registrations
    {"home", "sitesearch", "editorial"},  # what gathers everything: the home page, the site search, the editors' admin…
    {"seed"},  # …and the seed, which builds the whole site, home page included
    {"cai_site"},  # settings and URLs
]
LAYER_OF = {app: number for number, apps in enumerate(LAYERS) for app in apps}
APPS = set(LAYER_OF)


def project_modules():
    """Every Python module of the project's apps, leaving out tests and migrations."""
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if "tests" in parts or "migrations" in parts:
                continue
            yield app, path


def imported_apps(path):
    """(line, app, inside a function?, function name) for each import of a project app in ``path``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []

    def visit(node, function=None):
        for child in ast.iter_child_nodes(node):
            names = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [child.module]
            for name in names:
                app = name.split(".")[0]
                if app in APPS:
                    found.append((child.lineno, app, function))
            inner = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            visit(child, inner)

    visit(tree)
    return found


def app_graph():
    graph = {app: set() for app in APPS}
    for app, path in project_modules():
        for _line, target, _function in imported_apps(path):
            if target != app:
                graph[app].add(target)
    return graph


def find_cycle(graph):
    """One cycle of the graph as a list of apps, or None."""
    state = {}

    def walk(node, trail):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state:
                cycle = walk(target, [*trail, target])
                if cycle:
                    return cycle
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = walk(node, [node])
            if cycle:
                return cycle
    return None


def test_find_cycle_reports_a_cycle_and_accepts_layers():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imports_between_apps_form_no_cycle():
    assert find_cycle(app_graph()) is None


def test_the_base_app_imports_no_domain_app():
    imports = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for app, path in project_modules()
        if app == "pages"
        for line, target, _function in imported_apps(path)
        if target != "pages"
    ]
    assert not imports


def test_every_import_goes_down_the_layers():
    upward = [
        f"{path.relative_to(ROOT)}:{line} ({app}, layer {LAYER_OF[app]}) imports {target} (layer {LAYER_OF[target]})"
        for app, path in project_modules()
        for line, target, _function in imported_apps(path)
        if target != app and LAYER_OF[target] >= LAYER_OF[app]
    ]
    assert not upward


def test_no_import_of_a_project_app_hides_inside_a_function():
    """Imports inside functions are the sign of a cycle dodged; only ``AppConfig.ready()`` may import models."""
    hidden = [
        f"{path.relative_to(ROOT)}:{line} imports {target} inside {function}()"
        for app, path in project_modules()
        for line, target, function in imported_apps(path)
        if function is not None and not (path.name == "apps.py" and function == "ready")
    ]
    assert not hidden


@pytest.mark.parametrize("app", sorted(APPS - {"cai_site"}))
def test_every_app_is_installed_and_placed_in_a_layer(app, settings):
    assert app in settings.INSTALLED_APPS
