#!/usr/bin/env python3
"""Lighthouse (mobile) on four pages of the demo site, with the project's budgets.

    .venv/bin/python scripts/lighthouse.py [--out screenshots/lighthouse/] [--url http://127.0.0.1:8000]

Without ``--url`` it starts a throwaway production server of the demo site (scripts/_server.py); with ``--url``
the news item is read from the database of the current environment. It runs ``npx --yes lighthouse@12.2.3``
(Node and npm needed) with Chromium at CHROME_PATH (default /usr/bin/chromium) on the home page, a content page, a
list and a news item, prints the four category scores, the bytes transferred by kind and the failing audits with
their details, and writes each JSON report into the output folder. Exits 1 when a budget is missed:
performance < 0.95, accessibility or best practices < 1, a request to another origin, or a home page over
250 KiB in all, 30 KiB of JavaScript or 80 KiB of fonts (transferred).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import ROOT, check_venv, demo_server, http_status, manage_json  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM_SCORES = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
KIB = 1024
HOME_BUDGETS = {"total": 250 * KIB, "script": 30 * KIB, "font": 80 * KIB}  # transferred bytes, by resource type
RESOURCE_TYPES = ("total", "document", "script", "stylesheet", "font", "image", "other")
CONTENT_PAGE = "/presentation/qui-sommes-nous/histoire-du-centre/"
LIST_PAGE = "/ressources/actus-du-secteur/"
FIND_ITEM = """
import json
from django.apps import apps
page = None
for app, model in (("news", "NewsPage"), ("publications", "PublicationPage")):
    page = apps.get_model(app, model).objects.live().public().order_by("path").first()
    if page is not None:
        break
print(json.dumps(page.get_url_parts()[2] if page else None))
"""
DETAIL_ITEMS = 8  # failing elements shown per audit


def run_lighthouse(url, report_path):
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--output=json",
        f"--output-path={report_path}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
        # The report's screenshots are not needed; nothing here may reach another origin anyway.
        "--disable-full-page-screenshot",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not report_path.exists():
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"Lighthouse a échoué sur {url} (code {result.returncode}).")
    return json.loads(report_path.read_text(encoding="utf-8"))


def resource_bytes(report):
    items = report["audits"]["resource-summary"]["details"]["items"]
    return {item["resourceType"]: item.get("transferSize", 0) for item in items}


def describe_item(item):
    """One line for one failing element or resource of an audit's details."""
    node = item.get("node") if isinstance(item.get("node"), dict) else None
    if node:
        parts = [node.get("selector") or node.get("nodeLabel") or "", node.get("snippet", "")]
        explanation = (node.get("explanation") or "").replace("\n", " ")
        text = " ".join(part for part in parts if part)
        return f"{text} — {explanation}" if explanation else text
    for key in ("url", "source", "label", "description"):
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("url") or value.get("text") or json.dumps(value, ensure_ascii=False)
        if value:
            extra = {k: v for k, v in item.items() if k in ("wastedBytes", "wastedMs", "transferSize", "totalBytes")}
            return f"{value} {extra}" if extra else str(value)
    return json.dumps(item, ensure_ascii=False)[:300]


def failing_audits(report):
    """Audits that count in a category and did not reach a full score, worst first."""
    failing = {}
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit.get("scoreDisplayMode") not in ("binary", "numeric", "metricSavings"):
                continue
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            if ref.get("group") == "metrics" or (category == "performance" and audit["score"] >= 0.9):
                continue  # metrics are shown as the score; performance hints count only once Lighthouse flags them
            failing.setdefault(ref["id"], (category, audit))
    return sorted(failing.items(), key=lambda entry: (CATEGORIES.index(entry[1][0]), entry[1][1]["score"]))


def summarize(name, url, report):
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    sizes = resource_bytes(report)
    audits = report["audits"]
    print(f"\n== {name} : {url}")
    print("   " + " · ".join(f"{category} {scores[category] * 100:.0f}" for category in CATEGORIES))
    metrics = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
    print("   " + " · ".join(f"{metric} {audits[metric].get('displayValue', '?')}" for metric in metrics))
    print("   transféré : " + " · ".join(f"{kind} {sizes.get(kind, 0) / KIB:.1f} KiB" for kind in RESOURCE_TYPES))
    for audit_id, (category, audit) in failing_audits(report):
        value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
        print(f"   ✗ [{category}] {audit_id} — {audit['title']}{value}")
        items = (audit.get("details") or {}).get("items") or []
        for item in items[:DETAIL_ITEMS]:
            for sub in [item, *((item.get("subItems") or {}).get("items") or [])][:3]:
                print(f"       · {describe_item(sub)[:400]}")
        if len(items) > DETAIL_ITEMS:
            print(f"       … et {len(items) - DETAIL_ITEMS} autre(s)")
    return scores, sizes


def other_origin_requests(report, url):
    """Requests the page made to any origin but its own (the site must load nothing from elsewhere)."""
    own = urlsplit(url).netloc
    items = report["audits"]["network-requests"]["details"]["items"]
    return sorted(
        {
            item["url"]
            for item in items
            if urlsplit(item["url"]).scheme in ("http", "https") and urlsplit(item["url"]).netloc != own
        }
    )


def budget_failures(name, scores, sizes, is_home):
    failures = [
        f"{name} : {category} {scores[category]:.2f} < {minimum:.2f}"
        for category, minimum in MINIMUM_SCORES.items()
        if scores[category] is None or scores[category] < minimum
    ]
    if is_home:
        failures += [
            f"{name} : {kind} {sizes.get(kind, 0) / KIB:.1f} KiB > {limit / KIB:.0f} KiB"
            for kind, limit in HOME_BUDGETS.items()
            if sizes.get(kind, 0) > limit
        ]
    return failures


def run(base_url, env, out):
    item = manage_json(FIND_ITEM, env=env)
    targets = [("accueil", "/"), ("page-de-contenu", CONTENT_PAGE), ("liste", LIST_PAGE)]
    if item:
        targets.append(("element", item))
    out.mkdir(parents=True, exist_ok=True)
    failures = []
    for name, path in targets:
        url = base_url + path
        status = http_status(url)
        if status != 200:
            failures.append(f"{name} : {url} répond {status}")
            print(f"\n== {name} : {url} répond {status}, pas d'audit")
            continue
        report = run_lighthouse(url, out / f"{name}.json")
        scores, sizes = summarize(name, url, report)
        failures += budget_failures(name, scores, sizes, is_home=path == "/")
        failures += [f"{name} : requête vers une autre origine {other}" for other in other_origin_requests(report, url)]
    print(f"\nRapports JSON dans {out}/")
    if failures:
        print(f"\n{len(failures)} budget(s) dépassé(s) :")
        for failure in failures:
            print(f"  ✗ {failure}")
        return 1
    print("Tous les budgets sont tenus.")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "lighthouse", help="dossier des rapports")
    parser.add_argument("--url", help="adresse d'un serveur déjà lancé sur la base de l'environnement courant")
    args = parser.parse_args(argv)
    check_venv()
    if not shutil.which("npx"):
        sys.exit("npx absent : installez Node.js et npm (apt-get install nodejs npm).")
    if not Path(CHROME).exists():
        sys.exit(f"Chromium absent ({CHROME}) : apt-get install chromium, ou CHROME_PATH=…")
    out = args.out.resolve()
    try:
        if args.url:  # the pages are read from the current environment's database, which that server must use
            return run(args.url.rstrip("/"), None, out)
        with demo_server() as (base_url, env):
            return run(base_url, env, out)
    except subprocess.CalledProcessError as error:  # its own output, a traceback included, is already shown
        sys.exit(f"Échec de « {' '.join(map(str, error.cmd[1:4]))} » (code {error.returncode}).")


if __name__ == "__main__":
    sys.exit(main())
