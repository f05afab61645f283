-- wrk script for the scoring benchmark: POSTs one fixed body and prints one parseable RESULT line.
--   WRK_BODY_FILE  the request body (required); headers come from wrk's -H options
--   WRK_DELAY_MS   optional think time per connection between a response and its next request, in ms:
--                  wrk paces no other way (no wrk2 in Debian), so half-load runs use it
-- Read at the top level, not in init(): wrk builds one static request from the main script state, and
-- asks that state (never init's) whether a delay() function exists.
local path = os.getenv("WRK_BODY_FILE")
if path == nil or path == "" then
  error("set WRK_BODY_FILE to the request body file")
end
local file = assert(io.open(path, "rb"), "cannot read WRK_BODY_FILE " .. path)
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()

local pause = tonumber(os.getenv("WRK_DELAY_MS") or "0") or 0
if pause > 0 then
  function delay()
    return pause
  end
end

-- No response() function on purpose: with one, wrk parses every body and slows down.

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d timeout=%d " ..
    "p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
