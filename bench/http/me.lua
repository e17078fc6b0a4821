-- GET /api/v1/me with a bearer token (set by auth.sh through the environment).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
