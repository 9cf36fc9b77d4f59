-- wrk script: POST /api/v1/check with a precomputed PDQ hash, cycling through a list of queries.
-- env: TAKEDOWN_KEY (API key with the check scope), TAKEDOWN_QUERIES (file with one 64-hex query per line)
-- Each request is formatted once (on first use, when wrk has set the Host header) and reused, so the load
-- generator spends its CPU on sockets, not Lua.
local key = os.getenv("TAKEDOWN_KEY")
local queries = {}
for line in io.lines(os.getenv("TAKEDOWN_QUERIES")) do queries[#queries + 1] = line end
local formatted = {}
local i = 0
request = function()
  i = i % #queries + 1
  local r = formatted[i]
  if r == nil then
    r = wrk.format("POST", "/api/v1/check",
      { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key },
      '{"pdq":"' .. queries[i] .. '"}')
    formatted[i] = r
  end
  return r
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
