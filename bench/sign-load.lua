-- wrk script for the sign-path benchmark: POSTs OSDI signature bodies with distinct emails plus
-- ~20% repeats (an earlier email of the same thread, in another case). Prints, per thread, the
-- distinct emails sent and the responses by status, so the script can check rows == accepted.
counter = 0
generated = 0
thread_id = 0
statuses = {}
local threads = {}
local repeat_share = tonumber(os.getenv("REPEAT_SHARE") or "0.2")
local run_tag = os.getenv("RUN_TAG") or "run"
local form = os.getenv("FORM") == "1"

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(thread_id * 7919 + os.time())
end

local function email_for(n)
  return string.format("s%d.t%d.%s@bench.example", n, thread_id, run_tag)
end

request = function()
  generated = generated + 1
  local email
  if counter > 10 and math.random() < repeat_share then
    email = string.upper(email_for(math.random(1, counter)))
  else
    counter = counter + 1
    email = email_for(counter)
  end
  if form then
    local body = "given_name=Ana&family_name=Garc%C3%ADa&email=" .. email .. "&postal_code=95112"
    return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
  end
  local body = '{"person":{"given_name":"Ana","family_name":"García","email_addresses":[{"address":"' ..
    email .. '"}],"postal_addresses":[{"postal_code":"95112"}]}}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local distinct = 0
  local sent = 0
  local merged = {}
  for _, t in ipairs(threads) do
    distinct = distinct + t:get("counter")
    sent = sent + t:get("generated")
    local s = t:get("statuses")
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%d":%d', k, v)) end
  io.write(string.format('BENCH_JSON {"distinct":%d,"generated":%d,"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"statuses":{%s},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    distinct, sent, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    table.concat(parts, ","), summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
