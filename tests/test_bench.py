"""scripts/bench.py: reading wrk's figures, ratios to the static file, the issue's targets and the table.

Pure functions only: no server, no wrk, no database.
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_script", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    35.20ms   10.01ms 120.50ms   80.00%
    Req/Sec   450.00     50.00   500.00     70.00%
  4500 requests in 10.00s, 100.00MB read
  Non-2xx or 3xx responses: 3
Requests/sec:    450.00
Transfer/sec:     10.00MB
BENCH_JSON {"requests":4500,"duration_us":10000000,"bytes":104857600,"errors":{"connect":0,"read":1,"write":0,\
"status":3,"timeout":2},"latency_us":{"p50":32500,"p90":48000,"p99":97250,"mean":35200.5,"max":120500}}
"""


def run(rate, p99=10.0, errors=0, requests=1000):
    return {
        "requests_per_second": rate,
        "p50_ms": 5.0,
        "p99_ms": p99,
        "error_count": errors,
        "requests": requests,
        "seconds": 60.0,
    }


def page(name="accueil", *, uncached=0.06, cached=0.8, queries=(12, 0), p99=20.0, cache_control=""):
    return {
        "name": name,
        "url": "/",
        "queries": {"uncached": queries[0], "cached": queries[1]},
        "cache_control": cache_control,
        "ratios": {"uncached": uncached, "cached": cached},
        "runs": {"uncached": run(uncached * 1000), "cached": run(cached * 1000, p99=p99)},
    }


def status_of(targets, starts_with):
    matching = [target["status"] for target in targets if target["target"].startswith(starts_with)]
    assert len(matching) == 1, (starts_with, targets)
    return matching[0]


# Reading wrk


def test_parse_wrk_output_reads_the_report_line_in_milliseconds():
    figures = bench.parse_wrk_output(WRK_OUTPUT)
    assert figures["requests"] == 4500
    assert figures["seconds"] == 10.0
    assert figures["requests_per_second"] == 450.0
    assert figures["p50_ms"] == 32.5
    assert figures["p99_ms"] == 97.25
    assert figures["max_ms"] == 120.5
    assert figures["errors"] == {"connect": 0, "read": 1, "write": 0, "status": 3, "timeout": 2}
    assert figures["error_count"] == 6


def test_parse_wrk_output_takes_the_last_report_line():
    earlier = WRK_OUTPUT.replace('"requests":4500', '"requests":1')
    figures = bench.parse_wrk_output(earlier + WRK_OUTPUT)
    assert figures["requests"] == 4500


def test_parse_wrk_output_without_report_line_says_so():
    with pytest.raises(ValueError, match="BENCH_JSON"):
        bench.parse_wrk_output("unable to connect to 127.0.0.1:8000 Connection refused\n")


@pytest.mark.parametrize(
    "line",
    [
        "BENCH_JSON {not json",
        'BENCH_JSON {"requests":10,"duration_us":1000000}',
        'BENCH_JSON {"requests":"many","duration_us":1,"errors":{},"latency_us":{"p50":1,"p99":2}}',
    ],
)
def test_parse_wrk_output_refuses_a_malformed_report_line(line):
    with pytest.raises(ValueError, match="illisible"):
        bench.parse_wrk_output(line)


def test_parse_wrk_output_of_an_empty_run_has_no_rate():
    line = WRK_OUTPUT.splitlines()[-1].replace('"requests":4500', '"requests":0').replace("10000000", "0")
    assert bench.parse_wrk_output(line)["requests_per_second"] == 0.0


# Addresses


def test_bust_url_adds_its_parameter_after_the_page_s_own_filters():
    assert bench.bust_url("/", "ab-1-2") == "/?_bench=ab-1-2"
    assert bench.bust_url("/actus/?thematique=sante", "x") == "/actus/?thematique=sante&_bench=x"
    assert bench.bust_url(bench.SEARCH_URL, "x") == "/recherche/?q=formation&_bench=x"


def test_lua_script_busts_with_the_same_parameter_and_reports_the_same_marker():
    lua = (ROOT / "scripts" / "bench_report.lua").read_text(encoding="utf-8")
    assert '"_bench="' in lua
    assert "BENCH_JSON " in lua and bench.MARKER == "BENCH_JSON "
    for field in ("requests", "duration_us", "errors", "latency_us", "p50", "p99", "status", "timeout"):
        assert f'"{field}"' in lua


def test_css_url_in_finds_the_hashed_stylesheet():
    html = '<link rel="stylesheet" href="/static/css/site.fe81627ad601.css"><link href="/static/css/print.css">'
    assert bench.css_url_in(html) == "/static/css/site.fe81627ad601.css"
    assert bench.css_url_in('<link href="/static/css/site.css">') is None


# Ratios and cache


def test_static_reference_is_the_mean_of_the_runs_that_served():
    assert bench.static_reference([run(1000), run(500)]) == 750
    assert bench.static_reference([run(1000), None, run(0)]) == 1000
    assert bench.static_reference([]) is None


def test_ratio_to_the_static_file():
    assert bench.ratio(45, 2700) == pytest.approx(0.01667, abs=1e-4)
    assert bench.ratio(45, None) is None
    assert bench.ratio(45, 0) is None


@pytest.mark.parametrize(
    "header, expected",
    [
        ("max-age=0, no-cache, no-store, must-revalidate, private", True),
        ("private", True),
        ("public, max-age=60, s-maxage=300, stale-while-revalidate=30", False),
        ("no-cache", False),
        ("", False),
        (None, False),
    ],
)
def test_never_cached_reads_cache_control(header, expected):
    assert bench.never_cached(header) is expected


@pytest.mark.parametrize(
    "uncached, cached, verdict",
    [
        (19, 19, "aucun détecté"),
        (19, 0, "servie du cache"),
        (0, 0, "contournement inopérant"),
        (19, 4, "partiel (19 → 4)"),
        (None, 3, "inconnu"),
    ],
)
def test_cache_verdict(uncached, cached, verdict):
    assert bench.cache_verdict(uncached, cached) == verdict


# Targets


def test_targets_met_by_a_fast_cached_site():
    targets = bench.evaluate_targets([page()], redis=False, connections=16, endurance=run(900, errors=0))
    assert {target["status"] for target in targets} == {"atteint"}
    assert status_of(targets, "accueil en cache ≥ 0.75×") == "atteint"
    assert status_of(targets, "accueil en cache : p99 < 50 ms à 16 connexions") == "atteint"


def test_targets_missed_by_today_s_uncached_site():
    slow = page(uncached=0.017, cached=0.017, queries=(19, 19), p99=180.0)
    targets = bench.evaluate_targets([slow], redis=False, connections=16, endurance=run(40, errors=2))
    assert status_of(targets, "accueil sans cache ≥ 0.05×") == "manqué"
    assert status_of(targets, "accueil : ≤ 16 requêtes SQL") == "manqué"
    assert status_of(targets, "accueil en cache ≥ 0.75×") == "manqué"
    assert status_of(targets, "accueil en cache : 0 requête SQL") == "manqué"
    assert status_of(targets, "accueil en cache : p99") == "manqué"
    assert status_of(targets, "60 s sans erreur") == "manqué"


def test_redis_lowers_the_cached_ratio_target():
    middling = page(cached=0.6)
    assert status_of(bench.evaluate_targets([middling], redis=False, connections=16), "accueil en cache ≥") == "manqué"
    assert status_of(bench.evaluate_targets([middling], redis=True, connections=16), "accueil en cache ≥") == "atteint"


def test_query_limit_is_sixteen_inclusive():
    at_limit = bench.evaluate_targets([page("thématique", queries=(16, 0))], redis=False, connections=16)
    over = bench.evaluate_targets([page("thématique", queries=(17, 0))], redis=False, connections=16)
    assert status_of(at_limit, "thématique : ≤ 16 requêtes SQL") == "atteint"
    assert status_of(over, "thématique : ≤ 16 requêtes SQL") == "manqué"


def test_home_ratio_target_applies_to_the_home_page_only():
    targets = bench.evaluate_targets([page("formation", uncached=0.01)], redis=False, connections=16)
    assert not [target for target in targets if "sans cache ≥" in target["target"]]


def test_p99_target_is_not_judged_at_another_connection_count():
    targets = bench.evaluate_targets([page(p99=500.0)], redis=False, connections=4)
    assert status_of(targets, "accueil en cache : p99") == "n/a"
    assert "à 4 connexions" in [t["value"] for t in targets if t["target"].startswith("accueil en cache : p99")][0]


def test_cached_targets_do_not_apply_to_a_page_never_cached_by_design():
    search = page("recherche", cached=0.01, queries=(10, 10), cache_control="max-age=0, no-cache, no-store, private")
    targets = bench.evaluate_targets([search], redis=False, connections=16)
    assert status_of(targets, "recherche en cache") == "n/a"
    assert status_of(targets, "recherche : ≤ 16 requêtes SQL") == "atteint"
    assert len([t for t in targets if t["target"].startswith("recherche en cache")]) == 1


def test_endurance_not_run_is_not_a_miss():
    targets = bench.evaluate_targets([page()], redis=False, connections=16, endurance=None)
    assert status_of(targets, "60 s sans erreur") == "n/a"


# Output


def test_table_shows_each_variant_its_ratio_queries_and_cache_verdict():
    today = page("actualités filtrées", uncached=0.014, cached=0.015, queries=(17, 17))
    table = bench.format_table([run(3000), run(2800)], [today], 2900)
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["page", "variante", "req/s"]
    static_start = next(line for line in lines if line.startswith("statique (début)"))
    assert "3000.0" in static_start and "1.034×" in static_start
    uncached = next(line for line in lines if "sans cache" in line)
    assert "0.014×" in uncached and uncached.split()[-1] == "17"
    cached = next(line for line in lines if "en cache" in line)
    assert "0.015×" in cached and cached.endswith("17  aucun détecté")


def test_targets_are_listed_with_their_status():
    text = bench.format_targets(
        [
            {"target": "accueil sans cache ≥ 0.05×", "value": "0.017×", "status": "manqué"},
            {"target": "60 s sans erreur", "value": "pas lancé", "status": "n/a"},
        ]
    )
    assert text.splitlines() == [
        "  [manqué] accueil sans cache ≥ 0.05× : 0.017×",
        "  [n/a   ] 60 s sans erreur : pas lancé",
    ]


# Options


def test_short_mode_defaults_and_overrides():
    short = bench.parse_args(["--short"])
    assert (short.duration, short.connections, short.endurance) == (1, 4, 0)
    full = bench.parse_args([])
    assert (full.duration, full.connections, full.endurance) == (10, 16, 60)
    assert bench.parse_args(["--short", "--connections", "16"]).connections == 16


@pytest.mark.parametrize(
    "argv",
    [
        ["--url", "http://127.0.0.1:8000", "--redis"],
        ["--url", "http://127.0.0.1:8000", "--workers", "2"],
        ["--redis", "--redis-db", "0"],
        ["--connections", "0"],
    ],
)
def test_options_that_make_no_sense_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        bench.parse_args(argv)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err


def test_report_prints_settings_table_endurance_and_targets(capsys):
    settings = {"date": "2026-01-01T00:00:00+00:00", "elapsed_s": 90.0, "mode": "court", "connections": 4}
    results = {
        "static_url": "/static/css/site.0123456789ab.css",
        "static_runs": [run(3000), run(2800)],
        "static_requests_per_second": 2900.0,
        "pages": [page()],
        "endurance": run(900),
    }
    targets = bench.evaluate_targets(results["pages"], redis=False, connections=4, endurance=results["endurance"])
    bench.print_report(settings, results, targets)
    out = capsys.readouterr().out
    assert "(90 s en tout)" in out and "  connections : 4" in out
    assert "/static/css/site.0123456789ab.css ; référence 2900.0 req/s" in out
    assert "Endurance (accueil en cache) : 900.0 req/s" in out
    assert "[atteint] accueil en cache ≥ 0.75× : 0.800×" in out
    assert "Mode court" in out


def test_a_run_that_completed_nothing_has_no_latency_and_misses_the_p99_target():
    line = WRK_OUTPUT.splitlines()[-1].replace('"requests":4500', '"requests":0')
    figures = bench.parse_wrk_output(line)
    assert figures["requests_per_second"] == 0.0
    assert figures["p50_ms"] is None and figures["p99_ms"] is None
    assert bench.run_cells(figures, 0.0)[2:4] == ("—", "—")
    stalled = page()
    stalled["runs"]["cached"] = figures
    targets = bench.evaluate_targets([stalled], redis=False, connections=16)
    assert status_of(targets, "accueil en cache : p99") == "manqué"
