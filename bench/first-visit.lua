-- wrk script for the first-visit mix (bench/first-visit.ts): cycles through the requests a real
-- first visit makes, as recorded with Chromium — their method, path and the request headers that
-- change the answer (Accept, Accept-Encoding, RSC / Next-Router-* for the `?_rsc=` prefetches).
-- One "visit" is one pass over the list. The list is a Lua file written by first-visit.ts
-- (FIRST_VISIT_LIST: `return { { method = …, path = …, headers = { … } }, … }`). Counts responses
-- by status and prints one BENCH_JSON line in the same shape as sign-load.lua (distinct is 0).
statuses = {}
local threads = {}
local requests = {}
local nextIndex = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local list = dofile(os.getenv("FIRST_VISIT_LIST"))
  for i, r in ipairs(list) do
    requests[i] = wrk.format(r.method, r.path, r.headers, nil)
  end
  -- Each thread starts at a different point of the list (with -t1: at the first request).
  nextIndex = 0
end

request = function()
  nextIndex = nextIndex % #requests + 1
  return requests[nextIndex]
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%d":%d', k, v)) end
  io.write(string.format('BENCH_JSON {"distinct":0,"generated":%d,"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    summary.requests, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    table.concat(parts, ","), summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
