-- Random 64 KiB byte ranges inside a file of BENCH_SIZE bytes (a player seeking and buffering), then wrk's summary.
local size = tonumber(os.getenv("BENCH_SIZE"))
local chunk = 65536
math.randomseed(os.time())
request = function()
  local start = math.random(0, size - chunk - 1)
  return wrk.format("GET", nil, { ["Range"] = string.format("bytes=%d-%d", start, start + chunk - 1) })
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT req/s=%.0f MiB/s=%.1f p50=%.2fms p99=%.2fms errors=%d\n",
    summary.requests / (summary.duration / 1e6), summary.bytes / (summary.duration / 1e6) / 1048576,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
