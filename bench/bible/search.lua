-- Rotates through Bible searches (words, phrases, a reference) for wrk; prints the RESULT line of bench/http/report.lua.
local queries = {
  "love", "God%20so%20loved%20the%20world", "shepherd", "faith%20hope%20charity", "light%20darkness", "kingdom%20of%20heaven",
  "forgive", "peace", "john%203%3A16", "mercy%20truth", "bread%20of%20life", "resurrection", "grace", "river", "wisdom",
  "lamb%20of%20god", "holy%20spirit", "covenant", "psalm%2023", "jerusalem",
}
local i = 0
request = function()
  i = i + 1
  local translation = (i % 3 == 0) and "web" or "kjv"
  return wrk.format("GET", "/api/v1/bible/" .. translation .. "/search?q=" .. queries[(i % #queries) + 1] .. "&limit=20")
end
dofile(os.getenv("BENCH_DIR") .. "/../http/report.lua")
