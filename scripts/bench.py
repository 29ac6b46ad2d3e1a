#!/usr/bin/env python3
"""Benchmark of the demo site against its own static CSS file, with wrk (issue 14).

    .venv/bin/python scripts/bench.py [--short] [--duration S] [--connections N] [--workers N]
                                     [--endurance S] [--redis [--redis-db N]] [--url URL] [--json FILE]

Without ``--url`` it builds a throwaway production server of the demo site (scripts/_server.py: SQLite, migrations,
``seed_site --demo``, ``collectstatic``, gunicorn with gunicorn.conf.py and the production settings on a free port);
``--workers`` overrides gunicorn.conf.py's worker count (default: what gunicorn.conf.py computes), the other gunicorn
variables (GUNICORN_THREADS…) pass through. ``--redis`` starts it with REDIS_URL=redis://127.0.0.1:6379/<--redis-db>
(default 12, flushed first; database 0 is refused); without it REDIS_URL is removed, so the embedded default cache is
measured. With ``--url`` it measures a server already running, and counts the SQL queries against the database of the
current environment (DJANGO_SETTINGS_MODULE, DATABASE_URL: the same database as that server's, or the counts mean
nothing).

Pages: the home page, a thématique (the one with the most news), the news index filtered by that thématique, a
training, the search results (/recherche/?q=formation), and the hashed stylesheet that the home page links to. Each
page is measured by wrk (Debian's package ``wrk``: ``apt-get install wrk``) for ``--duration`` seconds at
``--connections`` connections, twice:

- "sans cache" (uncached): every request carries a query parameter ``_bench=<run>-<thread>-<n>`` that no request has
  carried before (scripts/bench_report.lua writes it, after the page's own parameters). A page cache that keys on the
  whole URL, as Django's and Wagtail's do, misses every time; no view reads the parameter, and the filtered lists
  keep only their own filters in their links, so the page is the one a visitor gets. A cookie or a header would only
  bypass a cache whose rules we guess today; an unseen URL bypasses any of them. Each miss may store one entry (a
  real miss stores one too).
- "en cache" (cached): the plain URL, as an anonymous visitor without cookies, after warm-up requests.

The stylesheet is measured at the start and at the end of the run; the mean of the two is the reference, and every
page's requests per second is shown as a ratio to it (absolute figures drift with the machine; ratios measured in the
same run much less). For each run: requests per second, p50 and p99 latency, errors (socket errors, timeouts after
10 s, answers other than 2xx/3xx).

SQL queries are counted in a separate process with Django's test client and CaptureQueriesContext, through the whole
middleware stack with the same settings and database as the server (no debug code in the site): after one untimed
request per page (per-process caches warm, as in a running worker), the uncached variant with a fresh ``_bench``
value, then the plain URL twice (the second is counted). Same count both ways means nothing is cached ("cache :
aucun détecté"); 0 on the plain URL means a cache hit; 0 on the uncached variant means the parameter did not bypass
the cache and the "sans cache" figures are not what they say (a warning is printed). A page answered with
``Cache-Control: no-store`` or ``private`` (the search, which counts every query) is never cached by design: the
cached targets do not apply to it.

The full mode (10 s per URL at 16 connections) ends with a 60-second run of the cached home page that should see no
error (``--endurance``). ``--short`` (1 s per URL, 4 connections, no endurance run) is what CI runs only to keep the
script working. The issue's targets are printed next to the figures, each "atteint", "manqué" or "n/a"; the exit code
does not depend on them (the figures that count come from a full run on a quiet machine): 0 once the run completed,
1 when it could not run. ``--json FILE`` writes every figure.
"""

import argparse
import inspect
import json
import os
import re
import runpy
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import PYTHON, ROOT, check_venv, demo_server, manage_json  # noqa: E402

LUA_REPORT = Path(__file__).resolve().with_name("bench_report.lua")
MARKER = "BENCH_JSON "
WRK_TIMEOUT_SECONDS = 10
CSS_PATTERN = re.compile(r"/static/css/site\.[0-9a-f]+\.css")
SEARCH_URL = "/recherche/?q=formation"
REDIS_DEFAULT_DB = 12
VARIANTS = ("uncached", "cached")
VARIANT_LABELS = {"uncached": "sans cache", "cached": "en cache"}

# The targets of issue 14, as ratios to the static file measured in the same run.
CACHED_RATIO = 0.75
CACHED_RATIO_REDIS = 0.5
UNCACHED_HOME_RATIO = 0.05
MAX_UNCACHED_QUERIES = 16
CACHED_P99_MS = 50
CACHED_P99_CONNECTIONS = 16

FULL = {"duration": 10, "connections": 16, "endurance": 60}
SHORT = {"duration": 1, "connections": 4, "endurance": 0}


# After an uncached measure (requests of a quarter to one second each), the server finishes what wrk left in
# progress before the next measure starts.
SETTLE_SECONDS = 2


def bust_url(url, token):
    """``url`` with ``_bench=<token>`` after its own query parameters (the same rule as bench_report.lua)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}_bench={token}"


def parse_wrk_output(text):
    """The figures of one wrk run, from the BENCH_JSON line that bench_report.lua prints last.

    Returns requests, seconds, requests per second, latencies in milliseconds and the errors by kind; raises
    ValueError when the line is missing or malformed (wrk failed, or another script ran).
    """
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith(MARKER)]
    if not lines:
        raise ValueError(f"wrk n'a pas imprimé de ligne {MARKER.strip()} :\n{text.strip()[-2000:]}")
    try:
        raw = json.loads(lines[-1][len(MARKER) :])
        requests, duration_us = int(raw["requests"]), int(raw["duration_us"])
        latency = {key: float(value) / 1000 for key, value in raw["latency_us"].items()}
        errors = {key: int(value) for key, value in raw["errors"].items()}
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"Ligne {MARKER.strip()} illisible ({error}) : {lines[-1]}") from error
    seconds = duration_us / 1_000_000
    if requests == 0:  # nothing completed: wrk's percentiles are zeros, not latencies
        latency = dict.fromkeys(latency)
    return {
        "requests": requests,
        "seconds": round(seconds, 3),
        "requests_per_second": round(requests / seconds, 1) if seconds > 0 else 0.0,
        "bytes": int(raw.get("bytes", 0)),
        "p50_ms": milliseconds(latency["p50"]),
        "p90_ms": milliseconds(latency.get("p90")),
        "p99_ms": milliseconds(latency["p99"]),
        "mean_ms": milliseconds(latency.get("mean")),
        "max_ms": milliseconds(latency.get("max")),
        "errors": errors,
        "error_count": sum(errors.values()),
    }


def milliseconds(value):
    return None if value is None else round(value, 2)


def format_ms(value):
    return "—" if value is None else f"{value:.1f}"


def static_reference(static_runs, strict=True):
    """The static file's requests per second: the mean of its runs (start and end of the run), or None."""
    rates = [run["requests_per_second"] for run in static_runs if run and run["requests_per_second"] > 0]
    return statistics.mean(rates) if rates else None


def ratio(rate, reference):
    """``rate`` as a fraction of ``reference``, or None when there is no reference."""
    if not reference:
        return None
    return rate / reference


def never_cached(cache_control):
    """True when the answer forbids a shared cache (``no-store`` or ``private``): the page is never cached."""
    directives = {part.strip().split("=")[0].lower() for part in (cache_control or "").split(",")}
    return bool(directives & {"no-store", "private"})


def cache_verdict(uncached_queries, cached_queries):
    """What the SQL counts say about the page cache, in words."""
    if uncached_queries is None or cached_queries is None:
        return "inconnu"
    if uncached_queries == 0:
        return "contournement inopérant"  # the _bench variant was served without a query: from a cache
    if cached_queries == 0:
        return "servie du cache"
    if cached_queries == uncached_queries:
        return "aucun détecté"
    return f"partiel ({uncached_queries} → {cached_queries})"


def evaluate_targets(pages, *, redis, connections, endurance=None):
    """The issue's targets, each as ``{"target", "value", "status"}`` with status "atteint", "manqué" or "n/a".

    ``pages``: dicts with ``name``, ``queries`` ({"uncached": n, "cached": n}), ``cache_control``, ``ratios``
    ({"uncached": r, "cached": r}) and ``runs`` (wrk figures by variant). ``endurance``: the long run's figures.
    """
    results = []

    def add(target, value, met):
        status = "n/a" if met is None else ("atteint" if met else "manqué")
        results.append({"target": target, "value": value, "status": status})

    floor = CACHED_RATIO_REDIS if redis else CACHED_RATIO
    for page in pages:
        name, queries = page["name"], page.get("queries") or {}
        cacheable = not never_cached(page.get("cache_control"))
        cached_ratio = page.get("ratios", {}).get("cached")
        cached_run = page.get("runs", {}).get("cached")
        uncached_queries = queries.get("uncached")
        if name == "accueil":
            uncached_ratio = page.get("ratios", {}).get("uncached")
            add(
                f"accueil sans cache ≥ {UNCACHED_HOME_RATIO}×",
                format_ratio(uncached_ratio),
                None if uncached_ratio is None else uncached_ratio >= UNCACHED_HOME_RATIO,
            )
        add(
            f"{name} : ≤ {MAX_UNCACHED_QUERIES} requêtes SQL sans cache",
            "?" if uncached_queries is None else str(uncached_queries),
            None if uncached_queries is None else uncached_queries <= MAX_UNCACHED_QUERIES,
        )
        if not cacheable:
            add(f"{name} en cache", f"jamais mise en cache ({page.get('cache_control')})", None)
            continue
        add(
            f"{name} en cache ≥ {floor}×" + (" (Redis)" if redis else ""),
            format_ratio(cached_ratio),
            None if cached_ratio is None else cached_ratio >= floor,
        )
        cached_queries = queries.get("cached")
        add(
            f"{name} en cache : 0 requête SQL",
            "?" if cached_queries is None else str(cached_queries),
            None if cached_queries is None else cached_queries == 0,
        )
        if cached_run is None:
            add(f"{name} en cache : p99 < {CACHED_P99_MS} ms", "?", None)
        elif connections != CACHED_P99_CONNECTIONS:
            add(
                f"{name} en cache : p99 < {CACHED_P99_MS} ms",
                f"{format_ms(cached_run['p99_ms'])} ms à {connections} connexions "
                f"(objectif à {CACHED_P99_CONNECTIONS})",
                None,
            )
        else:
            p99 = cached_run["p99_ms"]
            add(
                f"{name} en cache : p99 < {CACHED_P99_MS} ms à {CACHED_P99_CONNECTIONS} connexions",
                "aucune réponse" if p99 is None else f"{p99:.1f} ms",
                p99 is not None and p99 < CACHED_P99_MS,
            )
    if endurance is None:
        add("60 s sans erreur (page en cache)", "pas lancé", None)
    else:
        add(
            f"{endurance['seconds']:.0f} s sans erreur (page en cache)",
            f"{endurance['error_count']} erreur(s) sur {endurance['requests']} requêtes",
            endurance["error_count"] == 0,
        )
    return results


def format_ratio(value):
    return "?" if value is None else f"{value:.3f}×"


def css_url_in(html):
    """The hashed stylesheet's path that a page links to, or None."""
    match = CSS_PATTERN.search(html)
    return match.group(0) if match else None


def format_table(static_runs, pages, reference):
    """The figures as a plain-text table: the static file's runs, then each page's two variants."""
    header = ("page", "variante", "req/s", "× statique", "p50 ms", "p99 ms", "erreurs", "SQL", "cache")
    rows = []
    for label, run in zip(("statique (début)", "statique (fin)"), static_runs, strict=True):
        if run:
            rows.append((label, "", *run_cells(run, ratio(run["requests_per_second"], reference)), "", ""))
    for page in pages:
        verdict = cache_verdict(page["queries"].get("uncached"), page["queries"].get("cached"))
        if never_cached(page.get("cache_control")):
            verdict += " (no-store)"
        for variant in VARIANTS:
            run = page["runs"].get(variant)
            if run is None:
                continue
            queries = page["queries"].get(variant)
            rows.append(
                (
                    page["name"],
                    VARIANT_LABELS[variant],
                    *run_cells(run, page["ratios"].get(variant)),
                    "?" if queries is None else str(queries),
                    verdict if variant == "cached" else "",
                )
            )
    widths = [max(len(str(row[column])) for row in (header, *rows)) for column in range(len(header))]
    numeric = {2, 3, 4, 5, 6, 7}
    lines = []
    for row in (header, *rows):
        cells = [
            str(cell).rjust(width) if column in numeric else str(cell).ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def run_cells(run, run_ratio):
    return (
        f"{run['requests_per_second']:.1f}",
        format_ratio(run_ratio),
        format_ms(run["p50_ms"]),
        format_ms(run["p99_ms"]),
        str(run["error_count"]),
    )


def format_targets(targets):
    width = max(len(target["status"]) for target in targets)
    return "\n".join(f"  [{t['status'].ljust(width)}] {t['target']} : {t['value']}" for t in targets)


# --- Running things -------------------------------------------------------------------------------------------------

# Run in ``manage.py shell`` (the server's settings and database): picks the pages, then counts each one's SQL
# queries. bust_url's own source is pasted in, so that both processes build the same addresses.
PROBE = """
import json
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

SPEC = json.loads({spec!r})
{bust_url}

def url_of(page):
    return page.get_url_parts()[2] if page is not None else None

Thematique = apps.get_model("thematiques", "ThematiquePage")
News = apps.get_model("news", "NewsPage")
themes = list(Thematique.objects.live().public().order_by("path"))
theme = max(themes, key=lambda t: News.objects.live().public().filter(thematiques=t).count(), default=None)
news_index = apps.get_model("news", "NewsIndexPage").objects.live().public().first()
training = apps.get_model("trainings", "TrainingPage").objects.live().public().order_by("path").first()
pages = [
    ("accueil", "/"),
    ("thématique", url_of(theme)),
    ("actualités filtrées", f"{{url_of(news_index)}}?thematique={{theme.slug}}" if news_index and theme else None),
    ("formation", url_of(training)),
    ("recherche", SPEC["search"]),
]

def measure(url):
    client = Client(HTTP_HOST=SPEC["host"], raise_request_exception=False)  # a new visitor: no cookie
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return {{
        "status": response.status_code,
        "queries": len(queries),
        "bytes": len(response.content),
        "cache_control": response.get("Cache-Control", ""),
    }}

found = [(name, url) for name, url in pages if url]
for index, (name, url) in enumerate(found):
    measure(bust_url(url, f"{{SPEC['nonce']}}-warm-{{index}}"))
out = []
for index, (name, url) in enumerate(found):
    uncached = measure(bust_url(url, f"{{SPEC['nonce']}}-probe-{{index}}"))
    measure(url)
    cached = measure(url)
    out.append({{"name": name, "url": url, "uncached": uncached, "cached": cached}})
missing = [name for name, url in pages if not url]
print(json.dumps({{"pages": out, "missing": missing}}))
"""


def probe_pages(host, nonce, env):
    """Pick the pages and count their SQL queries, in a Django process with ``env`` (None: this environment)."""
    spec = json.dumps({"host": host, "nonce": nonce, "search": SEARCH_URL})
    code = PROBE.format(spec=spec, bust_url=inspect.getsource(bust_url))
    return manage_json(code, env=env)


def run_wrk(url, *, seconds, connections, threads, bust, nonce):
    command = [
        "wrk",
        "--threads",
        str(min(threads, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        f"{WRK_TIMEOUT_SECONDS}s",
        "--script",
        str(LUA_REPORT),
        url,
        "--",
        "bust" if bust else "plain",
        nonce,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 120)
    if result.returncode != 0:
        raise RuntimeError(f"wrk a échoué (code {result.returncode}) sur {url} :\n{result.stdout}{result.stderr}")
    return parse_wrk_output(result.stdout)


def fetch(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8", errors="replace")


def warm_up(base_url, paths, *, seconds, connections, threads, nonce, log):
    """Untimed requests before the measures: every worker imports its templates, the cache fills."""
    if seconds:
        log(f"Mise en route : {seconds} s par page…")
        for path in paths:
            run_wrk(base_url + path, seconds=seconds, connections=connections, threads=threads, bust=False, nonce=nonce)
    else:
        for path in paths:
            for _ in range(2):
                fetch(base_url + path)


def measure(base_url, env, args, log):
    """Run every measure against ``base_url`` and return the results as one dict."""
    nonce = secrets.token_hex(4)
    host = urlsplit(base_url).netloc
    log("Choix des pages et comptage des requêtes SQL (client de test de Django, mêmes réglages)…")
    probe = probe_pages(host, nonce, env)
    for name in probe["missing"]:
        log(f"Attention : pas de page « {name} » dans la base, elle n'est pas mesurée.")
    css = css_url_in(fetch(base_url + "/"))
    if css is None:
        raise RuntimeError(
            "La page d'accueil ne référence pas la feuille de style hachée (/static/css/site.<hash>.css)."
        )
    pages = []
    for found in probe["pages"]:
        for variant in VARIANTS:
            if found[variant]["status"] != 200:
                log(f"Attention : {found['name']} ({VARIANT_LABELS[variant]}) répond {found[variant]['status']}.")
        if found["uncached"]["queries"] == 0:
            log(f"Attention : {found['name']} avec _bench servie sans requête SQL : le cache n'est pas contourné.")
        pages.append(
            {
                "name": found["name"],
                "url": found["url"],
                "status": {variant: found[variant]["status"] for variant in VARIANTS},
                "queries": {variant: found[variant]["queries"] for variant in VARIANTS},
                "bytes": {variant: found[variant]["bytes"] for variant in VARIANTS},
                "cache_control": found["cached"]["cache_control"],
                "runs": {},
                "ratios": {},
            }
        )
    wrk_options = {"seconds": args.duration, "connections": args.connections, "threads": args.threads}
    warm_up(
        base_url,
        [page["url"] for page in pages] + [css],
        seconds=0 if args.short else 2,
        connections=args.connections,
        threads=args.threads,
        nonce=nonce,
        log=log,
    )
    log(f"wrk : {args.duration} s par mesure, {args.connections} connexions…")
    static_runs = [run_wrk(base_url + css, bust=False, nonce=nonce, **wrk_options)]
    for page in pages:
        for variant in VARIANTS:
            if variant == "cached":
                fetch(base_url + page["url"])  # the warm-up request of the plain URL
            page["runs"][variant] = run_wrk(
                base_url + page["url"], bust=variant == "uncached", nonce=nonce, **wrk_options
            )
            figures = page["runs"][variant]
            log(f"  {page['name']} ({VARIANT_LABELS[variant]}) : {figures['requests_per_second']} req/s")
            if variant == "uncached" and not args.short:
                time.sleep(SETTLE_SECONDS)  # the slow requests still in progress would weigh on the next measure
            if figures["requests"] == 0:
                log(f"  Attention : aucune réponse complète en {args.duration} s (latence plus longue que la mesure).")
    static_runs.append(run_wrk(base_url + css, bust=False, nonce=nonce, **wrk_options))
    reference = static_reference(static_runs)
    for page in pages:
        for variant, run in page["runs"].items():
            page["ratios"][variant] = ratio(run["requests_per_second"], reference)
    endurance = None
    if args.endurance:
        log(f"Endurance : {args.endurance} s sur la page d'accueil en cache…")
        options = {**wrk_options, "seconds": args.endurance}
        endurance = run_wrk(base_url + "/", bust=False, nonce=nonce, **options)
    return {
        "base_url": base_url,
        "static_url": css,
        "static_runs": static_runs,
        "static_requests_per_second": reference,
        "pages": pages,
        "endurance": endurance,
    }


def wrk_version():
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    words = (result.stdout + result.stderr).split()
    return " ".join(words[:2]) if words else "?"  # "wrk debian/4.1.0-3+b2"


def configured_workers():
    """The worker count gunicorn.conf.py computes in this environment (GUNICORN_WORKERS, or 2 × cores + 1)."""
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


def flush_redis(url):
    """Empty the benchmark's own Redis database (never database 0) with the venv's redis client."""
    code = "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=2).flushdb()"
    subprocess.run([str(PYTHON), "-c", code, url], check=True)


def redis_db(value):
    number = int(value)
    if not 1 <= number <= 15:
        raise argparse.ArgumentTypeError("une base Redis de 1 à 15 (la base 0 n'est jamais vidée)")
    return number


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="1 s par URL, 4 connexions, sans endurance (CI)")
    parser.add_argument("--duration", type=int, help="secondes par mesure (10 ; --short : 1)")
    parser.add_argument("--connections", type=int, help="connexions simultanées (16 ; --short : 4)")
    parser.add_argument("--threads", type=int, default=1, help="threads de wrk (1)")
    parser.add_argument("--endurance", type=int, help="secondes de la longue mesure en cache (60 ; --short : 0)")
    parser.add_argument("--workers", type=int, help="workers de gunicorn (défaut : gunicorn.conf.py)")
    parser.add_argument("--redis", action="store_true", help="cache partagé dans Redis (REDIS_URL)")
    parser.add_argument("--redis-db", type=redis_db, default=REDIS_DEFAULT_DB, help="base Redis, vidée avant (12)")
    parser.add_argument("--url", help="mesurer un serveur déjà lancé, ex. http://127.0.0.1:8000")
    parser.add_argument("--json", type=Path, help="écrire les chiffres dans ce fichier JSON")
    args = parser.parse_args(argv)
    mode = SHORT if args.short else FULL
    for name in ("duration", "connections", "endurance"):
        if getattr(args, name) is None:
            setattr(args, name, mode[name])
    if args.duration < 1 or args.connections < 1 or args.threads < 1 or args.endurance < 0:
        parser.error("durées, connexions et threads : des nombres positifs.")
    if args.url and (args.redis or args.workers):
        parser.error("--redis et --workers s'appliquent au serveur que le script démarre, pas à --url.")
    return args


def main(argv=None):
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        sys.exit("wrk est introuvable : installez le paquet Debian « wrk » (apt-get install wrk).")

    started = time.monotonic()

    def log(message):
        print(f"[{time.monotonic() - started:4.0f} s] {message}", file=sys.stderr, flush=True)

    settings = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "court" if args.short else "complet",
        "duration_s": args.duration,
        "connections": args.connections,
        "wrk_threads": args.threads,
        "endurance_s": args.endurance,
        "wrk": wrk_version(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }
    if args.url:
        settings.update(server=args.url, cache="celui du serveur donné", redis=bool(os.environ.get("REDIS_URL")))
        results = measure(args.url.rstrip("/"), None, args, log)
    else:
        check_venv()
        workers = args.workers or configured_workers()
        if args.redis:
            os.environ["REDIS_URL"] = f"redis://127.0.0.1:6379/{args.redis_db}"
            flush_redis(os.environ["REDIS_URL"])
        else:
            os.environ.pop("REDIS_URL", None)  # the embedded default, whatever this shell says
        settings.update(
            server="gunicorn (gunicorn.conf.py), réglages de production, SQLite",
            workers=workers,
            gunicorn_threads=os.environ.get("GUNICORN_THREADS", "gunicorn.conf.py"),
            cache=os.environ.get("REDIS_URL", "défaut embarqué (sans REDIS_URL)"),
            redis=args.redis,
        )
        with demo_server(workers=workers, log=log) as (base_url, env):
            results = measure(base_url, env, args, log)
    targets = evaluate_targets(
        results["pages"], redis=settings["redis"], connections=args.connections, endurance=results["endurance"]
    )
    settings["elapsed_s"] = round(time.monotonic() - started, 1)
    print_report(settings, results, targets)
    if args.json:
        args.json.write_text(
            json.dumps({"settings": settings, **results, "targets": targets}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        print(f"\nChiffres écrits dans {args.json}")
    return 0


def print_report(settings, results, targets):
    print(f"\nBanc d'essai du {settings['date']} ({settings['elapsed_s']:.0f} s en tout)")
    for key, value in settings.items():
        if key not in ("date", "elapsed_s"):
            print(f"  {key} : {value}")
    print(f"Statique : {results['static_url']} ; référence {results['static_requests_per_second']:.1f} req/s\n")
    print(format_table(results["static_runs"], results["pages"], results["static_requests_per_second"]))
    if results["endurance"]:
        run = results["endurance"]
        print(
            f"\nEndurance (accueil en cache) : {run['requests_per_second']:.1f} req/s, "
            f"p99 {format_ms(run['p99_ms'])} ms, "
            f"{run['error_count']} erreur(s) sur {run['requests']} requêtes"
        )
    print("\nObjectifs de l'issue 14 (ratios au fichier statique du même passage) :")
    print(format_targets(targets))
    if settings["mode"] == "court":
        print("\nMode court : chiffres indicatifs seulement (1 s par URL) ; les vrais viennent d'un passage complet.")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, ValueError, subprocess.CalledProcessError) as error:
        sys.exit(f"Banc d'essai interrompu : {error}")
