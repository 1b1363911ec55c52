-- wrk script for POST /detect: every request a new transaction (its own id), for one of 20,000 accounts, event
-- times moving forward. WRK_DELAY_MS (milliseconds between a connection's requests) paces the load.
-- thread_id is set by setup() in each thread's own Lua state; WRK_RUN keeps ids of separate runs apart.
local counter = 0
local run = os.getenv("WRK_RUN") or "r"
local threads = {}
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(thread_id * 7919 + #run)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = os.getenv("TXMON_BENCH_KEY")
end

function request()
  counter = counter + 1
  local seconds = 1767225600 + counter * 3 + thread_id
  local body = string.format(
    '{"transaction_id":"%s%d_%d","user_id":"acct_%d","amount":%d.%02d,"timestamp":"%s","merchant_id":"m_%d","location":"City%d"}',
    run, thread_id, counter, math.random(1, 20000), math.random(1, 400), math.random(0, 99),
    os.date("!%Y-%m-%dT%H:%M:%SZ", seconds), math.random(1, 2000), math.random(1, 50))
  return wrk.format(nil, "/detect", nil, body)
end

function delay()
  return delay_ms
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000))
end
