-- wrk script: POST /api/v1/check with a precomputed PDQ hash, cycling through a list of queries.
-- env: TAKEDOWN_KEY (API key with the check scope), TAKEDOWN_QUERIES (file with one 64-hex query per line)
-- The requests are formatted once at start-up so the load generator spends its CPU on sockets, not Lua.
local key = os.getenv("TAKEDOWN_KEY")
local requests = {}
for line in io.lines(os.getenv("TAKEDOWN_QUERIES")) do
  requests[#requests + 1] = wrk.format("POST", "/api/v1/check",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key },
    '{"pdq":"' .. line .. '"}')
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
