#!/usr/bin/env python3
"""Full-page screenshots of one live page of every page type, at 375 and 1280 px, light and dark.

    .venv/bin/python scripts/screenshots.py [--out screenshots/] [--url http://127.0.0.1:8000]

Without ``--url`` it starts a throwaway production server of the demo site (scripts/_server.py). With ``--url``
the pages are read from the database of the current environment (``python3 scripts/dev.py run``'s one by
default), so the URL must serve that database. Besides the page types, it takes the 404 page, a filtered list, a
filtered directory and the trainings' archive. It writes ``<page-type>-<width>-<light|dark>.png`` files and an
``index.html`` that shows them side by side. Requests to any other origin are blocked and listed in the summary.
Needs the development requirements (Playwright) and Chromium (``apt-get install chromium``).
"""

import argparse
import html
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import ROOT, check_venv, demo_server, http_status, manage_json  # noqa: E402

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")

# Run inside ``manage.py shell``: one page of each live public page type (the first in tree order), then the
# special routes. Prints one JSON list of {"name", "label", "url", "status"} (expected status).
DISCOVER = r"""
import json, re
from wagtail.models import Page

def kebab(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()

def path_of(page):
    return page.get_url_parts()[2]

targets, seen = [], set()
pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").select_related("content_type")
for page in pages:
    if page.content_type_id in seen:
        continue
    seen.add(page.content_type_id)
    model = page.content_type.model_class()
    targets.append({"name": kebab(model.__name__), "label": str(model._meta.verbose_name), "url": path_of(page),
                    "status": 200})

def first(app, model):
    from django.apps import apps
    try:
        return apps.get_model(app, model).objects.live().public().order_by("path").first()
    except LookupError:
        return None

news = first("news", "NewsPage")
thematique = news.thematiques.order_by("path").first() if news else None
if thematique is not None:
    targets.append({"name": "news-list-filtered", "label": "Liste filtrée (actualités par thématique)",
                    "url": path_of(news.get_parent()) + "?thematique=" + thematique.slug, "status": 200})
directory = first("directory", "DirectoryPage")
if directory is not None:
    from directory.models import DirectoryEntry
    entry = DirectoryEntry.objects.exclude(commune="").filter(thematiques__isnull=False).order_by("pk").first()
    from urllib.parse import urlencode
    filters = {"thematique": entry.thematiques.order_by("path").first().slug, "commune": entry.commune} if entry else {}
    query = "?" + urlencode(filters) if filters else ""
    targets.append({"name": "directory-filtered", "label": "Répertoire filtré", "url": path_of(directory) + query,
                    "status": 200})
trainings = first("trainings", "TrainingIndexPage")
if trainings is not None:
    targets.append({"name": "training-archives", "label": "Formations passées (archives)",
                    "url": path_of(trainings) + "archives/", "status": 200})
targets.append({"name": "not-found-404", "label": "Page introuvable (404)", "url": "/page-inexistante-capture/",
                "status": 404})
print(json.dumps(targets))
"""

# Scroll down the whole page so that lazy images load, then back to the top.
SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
    window.scrollTo(0, y);
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  window.scrollTo(0, 0);
  await Promise.all(Array.from(document.images, (img) => img.complete ? null : img.decode().catch(() => null)));
  await document.fonts.ready;
}"""


def discover(env=None):
    return manage_json(DISCOVER, env=env)


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def shoot(base_url, targets, out):
    from playwright.sync_api import sync_playwright

    own_origin = origin(base_url)
    blocked, errors, shots = {}, [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width in WIDTHS:
                for scheme in SCHEMES:
                    context = browser.new_context(
                        viewport={"width": width, "height": 800},
                        color_scheme=scheme,
                        is_mobile=width < 600,
                        has_touch=width < 600,
                        device_scale_factor=1,
                        locale="fr-BE",
                        service_workers="block",
                    )

                    def guard(route, request):
                        if origin(request.url) == own_origin or request.url.startswith(("data:", "blob:")):
                            return route.continue_()
                        blocked.setdefault(request.url, set()).add(request.frame.url)
                        return route.abort("blockedbyclient")

                    context.route("**/*", guard)
                    page = context.new_page()
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    for target in targets:
                        url = base_url + target["url"]
                        response = page.goto(url, wait_until="load")
                        status = response.status if response else None
                        if status != target["status"]:
                            errors.append(f"{url} : statut {status}, attendu {target['status']}")
                        page.evaluate(SCROLL_THROUGH)
                        page.wait_for_load_state("networkidle")
                        path = out / f"{target['name']}-{width}-{scheme}.png"
                        page.screenshot(path=str(path), full_page=True, animations="disabled", caret="hide")
                        shots.append(path)
                    context.close()
        finally:
            browser.close()
    return shots, blocked, errors


def write_index(out, targets, base_url):
    rows = []
    for target in targets:
        figures = []
        for width in WIDTHS:
            for scheme in SCHEMES:
                name = f"{target['name']}-{width}-{scheme}.png"
                theme = "clair" if scheme == "light" else "sombre"
                figures.append(
                    f'<figure class="w{width}"><a href="{name}"><img src="{name}" loading="lazy" '
                    f'alt="{html.escape(target["label"])}, {width} px, thème {theme}"></a>'
                    f"<figcaption>{width} px · {theme}</figcaption></figure>"
                )
        url = html.escape(base_url + target["url"])
        rows.append(
            f'<section id="{target["name"]}"><h2>{html.escape(target["label"])} '
            f"<small>({html.escape(target['name'])})</small></h2>"
            f'<p><a href="{url}">{html.escape(target["url"])}</a></p>'
            f'<div class="row">{"".join(figures)}</div></section>'
        )
    toc = "".join(f'<li><a href="#{t["name"]}">{html.escape(t["label"])}</a></li>' for t in targets)
    generated = time.strftime("%Y-%m-%d %H:%M")
    document = f"""<!doctype html>
<html lang="fr-BE">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Captures du site — {len(targets)} types de page</title>
<style>
  body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1rem; background: #eee; color: #111; }}
  nav ul {{ columns: 3 16rem; padding-left: 1.2rem; }}
  section {{ background: #fff; margin: 1.5rem 0; padding: .5rem 1rem 1rem; border-radius: 6px; }}
  h2 {{ margin: .3rem 0; font-size: 1.1rem; }} h2 small {{ font-weight: normal; color: #555; }}
  .row {{ display: grid; grid-template-columns: 1fr 1fr 2fr 2fr; gap: .75rem; align-items: start; }}
  figure {{ margin: 0; max-height: 85vh; overflow: auto; border: 1px solid #ccc; }}
  figcaption {{ position: sticky; bottom: 0; background: #fffe; padding: .15rem .4rem; font-size: .85rem; }}
  img {{ display: block; width: 100%; height: auto; }}
</style>
</head>
<body>
<h1>Captures du site — {len(targets)} types de page</h1>
<p>Serveur : {html.escape(base_url)} · générées le {generated} ·
pleine page, 375 et 1280 px, thèmes clair et sombre.</p>
<nav><ul>{toc}</ul></nav>
{"".join(rows)}
</body>
</html>
"""
    (out / "index.html").write_text(document, encoding="utf-8")


def run(base_url, env, out):
    targets = discover(env)
    for target in targets:  # a page the database lists but the server does not serve is a finding, not a stop
        target["served"] = http_status(base_url + target["url"])
    print(f"{len(targets)} pages à capturer :")
    for target in targets:
        print(f"  {target['served']}  {target['name']:<28} {target['url']}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    shots, blocked, errors = shoot(base_url, targets, out)
    write_index(out, targets, base_url)
    print(f"\n{len(shots)} captures dans {out}/ ; vue d'ensemble : {out / 'index.html'}")
    if blocked:
        print(f"\n{len(blocked)} requête(s) vers une autre origine bloquée(s) :")
        for url, pages in sorted(blocked.items()):
            print(f"  {url}  (depuis {', '.join(sorted(pages))})")
    else:
        print("Aucune requête vers une autre origine.")
    if errors:
        print(f"\n{len(errors)} problème(s) :")
        for error in dict.fromkeys(errors):
            print(f"  {error}")
    return 1 if errors or blocked else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="dossier de sortie (screenshots/)")
    parser.add_argument("--url", help="adresse d'un serveur déjà lancé sur la base de l'environnement courant")
    args = parser.parse_args(argv)
    check_venv()
    if not CHROMIUM.exists():
        sys.exit(f"Chromium absent ({CHROMIUM}) : apt-get install chromium, ou CHROMIUM_PATH=…")
    try:
        import playwright  # noqa: F401
    except ImportError:
        sys.exit("Playwright manque : lancez « python3 scripts/dev.py test » pour installer les outils de dév.")
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
