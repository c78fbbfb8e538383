-- wrk script for `make bench`: every connection logs in with a session of its own, and every answer that is not
-- 2xx (a 3xx to the login page included) is counted. Run with as many threads as connections (wrk -t N -c N),
-- so that each thread holds one connection; WRK_SESSIONS names a file with one session key per line.
local keys = {}
for line in io.lines(os.getenv("WRK_SESSIONS")) do
  if #line > 0 then table.insert(keys, line) end
end
local threads = {}
local used = 0

function setup(thread)
  used = used + 1
  if used > #keys then error("fewer sessions than threads: " .. #keys) end
  thread:set("session", keys[used])
  table.insert(threads, thread)
end

-- wrk.init calls this before it formats the thread's request, so the header goes into every request it sends.
function init(args)
  wrk.headers["Cookie"] = "sessionid=" .. session
  responses, not_2xx = 0, 0
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then not_2xx = not_2xx + 1 end
end

done = function(summary, latency, requests)
  -- errors: requests that got no answer (connect, read, write, timeout); answers that are not 2xx are non_2xx
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local n, bad = 0, 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("responses")
    bad = bad + thread:get("not_2xx")
  end
  io.write(string.format('{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, '
    .. '"errors": %d, "timeouts": %d, "responses": %d, "non_2xx": %d, "sessions": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors,
    summary.errors.timeout, n, bad, used))
end
