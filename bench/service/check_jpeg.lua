-- wrk script: POST /api/v1/check with the bytes of a JPEG (hashed server-side: SHA-256, MD5, 8 dihedral PDQ).
-- env: TAKEDOWN_KEY, TAKEDOWN_JPEG (path of the image)
local f = assert(io.open(os.getenv("TAKEDOWN_JPEG"), "rb"))
wrk.method = "POST"
wrk.path = "/api/v1/check"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "image/jpeg"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TAKEDOWN_KEY")
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
