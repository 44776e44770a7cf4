-- wrk script: every request carries the next of the tokens in $BENCH_TOKENS_FILE (one a line), so the
-- server looks up a different token each time, as many clients would make it. Each wrk thread has its own
-- Lua state and starts at a different offset. done() prints one JSON line the bench parses.
local tokens = {}
local file = assert(io.open(os.getenv("BENCH_TOKENS_FILE"), "r"))
for line in file:lines() do
  if #line > 0 then tokens[#tokens + 1] = "Bearer " .. line end
end
file:close()
assert(#tokens > 0, "no tokens in BENCH_TOKENS_FILE")

local path = os.getenv("BENCH_PATH") or "/api/v1/token"
local index = 0
local counter = 0

function setup(thread)
  thread:set("index", counter * 7919)
  counter = counter + 1
end

function request()
  index = index + 1
  return wrk.format("GET", path, { ["Authorization"] = tokens[(index % #tokens) + 1] })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
