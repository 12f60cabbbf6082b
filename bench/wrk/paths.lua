-- wrk script of bench/scale.sh: requests the paths listed (one per line) in the file named by
-- WRK_PATHS, in turn; with WRK_FRESH=1 each request gets a query parameter of its own
-- (fresh=<run>-<thread>-<n>, the run being the second it started), so that no two are the
-- same page and none comes from a page cache, not even one filled by an earlier run.
-- At the end it prints one line, "WRK {json}", with the counts and latency percentiles.

local paths = {}
local fresh = os.getenv("WRK_FRESH") == "1"
local run = tostring(os.time())
local file = os.getenv("WRK_PATHS")
if file then
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end

local threads = {}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", #threads + 1)
  threads[#threads + 1] = thread
end

function request()
  counter = counter + 1
  local path = wrk.path
  if #paths > 0 then
    path = paths[((counter * 7919 + thread_id * 104729) % #paths) + 1]
  end
  if fresh then
    local sep = "?"
    if string.find(path, "?", 1, true) then sep = "&" end
    path = path .. sep .. "fresh=" .. run .. "-" .. thread_id .. "-" .. counter
  end
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"errors":%d,"status_errors":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
