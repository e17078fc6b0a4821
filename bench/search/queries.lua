-- wrk script: cycles through the search texts in $QUERIES_FILE (one per line), URL-encoded, as /api/v1/search?q=…
local queries = {}
local index = 0
for line in io.lines(os.getenv("QUERIES_FILE")) do
  queries[#queries + 1] = line:gsub("([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
end
local kind = os.getenv("SEARCH_TYPE") or ""

request = function()
  index = index % #queries + 1
  local path = "/api/v1/search?q=" .. queries[index] .. (kind ~= "" and ("&type=" .. kind) or "")
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d (status %d), p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
