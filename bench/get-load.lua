-- wrk script for GET benchmarks (campaign page, static page, count endpoint): plain GETs of the
-- URL given to wrk, counting responses by status. Prints one BENCH_JSON line in the same shape as
-- sign-load.lua (distinct is 0: nothing is written).
statuses = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
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
  io.write(string.format('BENCH_JSON {"distinct":0,"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    table.concat(parts, ","), summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
