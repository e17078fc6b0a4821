-- POST /api/v1/auth/login with the bootstrap admin's credentials (set by auth.sh through the environment).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s"}', os.getenv("BENCH_EMAIL"), os.getenv("BENCH_PASSWORD"))
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
