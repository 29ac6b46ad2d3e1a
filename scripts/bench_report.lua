-- wrk script of scripts/bench.py: prints one line of JSON with the figures when the run is done.
--
--   wrk -t1 -c16 -d10s -s scripts/bench_report.lua http://127.0.0.1:8000/page/ -- plain|bust <nonce>
--
-- "plain" sends the URL as given. "bust" adds _bench=<nonce>-<thread>-<n> to every request's query string (after
-- the page's own parameters), so that every request has an address no cache has seen: a cache that keys on the whole
-- URL misses every time. Every request goes through request() in both modes, so both cost wrk the same.
-- The line starts with BENCH_JSON; latencies are in microseconds, as wrk counts them.

local next_thread = 0
local bust = false
local nonce = "0"
local counter = 0
local plain_request = nil

function setup(thread)
   next_thread = next_thread + 1
   thread:set("bench_thread", next_thread)
end

function init(args)
   bust = args[1] == "bust"
   nonce = args[2] or "0"
   plain_request = wrk.format()
end

function request()
   if not bust then
      return plain_request
   end
   counter = counter + 1
   local separator = "?"
   if string.find(wrk.path, "?", 1, true) then
      separator = "&"
   end
   local token = nonce .. "-" .. tostring(bench_thread or 0) .. "-" .. counter
   return wrk.format(nil, wrk.path .. separator .. "_bench=" .. token)
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"max":%d}}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max
   ))
end
