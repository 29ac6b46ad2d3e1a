#!/usr/bin/env python3
"""The screenshots of the editors' guide (docs/guide-redaction.md), taken again in the real admin of the demo site.

    .venv/bin/python scripts/guide_screenshots.py

Runs the browser test tests/browser/test_editor_guide.py with GUIDE_SCREENSHOTS_DIR=docs/guide/: it signs in to
the admin as a superuser, opens each screen the guide shows, checks that it shows what the guide says, and saves
it as a 1280×800 PNG reduced to 64 colours. Old screenshots are removed first, so a screen the test no longer takes
disappears (editorial/tests/test_guide.py then fails until the guide stops showing it). Prints the files written and
their total size. Needs the development requirements (Playwright) and Chromium (``apt-get install chromium``).
"""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import PYTHON, ROOT, check_venv  # noqa: E402

OUT = ROOT / "docs" / "guide"
TEST = "tests/browser/test_editor_guide.py"


def main():
    check_venv()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    env = {**os.environ, "GUIDE_SCREENSHOTS_DIR": str(OUT)}
    result = subprocess.run(
        [str(PYTHON), "-m", "pytest", TEST, "-q", "-p", "no:randomly", "-m", "browser", "-p", "no:cacheprovider"],
        cwd=ROOT,
        env=env,
    )
    shots = sorted(OUT.glob("*.png"))
    total = sum(path.stat().st_size for path in shots)
    print(f"\n{len(shots)} capture(s) dans {OUT.relative_to(ROOT)}/ ({total / 1024:.0f} Ko en tout) :")
    for path in shots:
        print(f"  {path.name:<28} {path.stat().st_size / 1024:6.1f} Ko")
    if result.returncode != 0:
        print(f"\nLe test des écrans du guide a échoué (code {result.returncode}) : captures incomplètes.")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
