"""What the browser tests share: axe with a readable report, and moving through a page with the Tab key."""

from axe_playwright_python.sync_playwright import Axe

MAX_TABS = 150

axe = Axe()


def describe(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    results = axe.run(page)
    assert not results.violations_count, describe(results.response["violations"])


def active(page, expression="el => el.id"):
    """``expression`` applied to the focused element (its id by default)."""
    return page.evaluate(f"({expression})(document.activeElement)")


def active_matches(page, selector):
    return page.evaluate("selector => document.activeElement.matches(selector)", selector)


def tab_to(page, selector):
    """Press Tab until the element matching ``selector`` has focus; return the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if active_matches(page, selector):
            return presses
    raise AssertionError(f"{selector} never received focus within {MAX_TABS} Tab presses")
