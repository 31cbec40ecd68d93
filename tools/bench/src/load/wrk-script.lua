-- The wrk script of tools/bench (see load/wrk.ts). It prints the run's figures as one JSON line.
-- With BENCH_WRK_BODY=user every request POSTs a new user whose dni no other request used: the
-- run's tag (BENCH_WRK_RUN, new for every wrk run, since a warm-up, its measured run and a profiled
-- run write to the same database), the thread number and a per-thread counter; so every create
-- succeeds.

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

-- Defined only for creates: a `request` function makes wrk build every request in Lua, which GET
-- rows do not need.
if os.getenv("BENCH_WRK_BODY") == "user" then
  local run = os.getenv("BENCH_WRK_RUN") or ""
  local sent = 0
  function request()
    sent = sent + 1
    local body = string.format('{"dni":"%s%d-%x","name":"Load Test"}', run, thread_number, sent)
    return wrk.format("POST", nil, nil, body)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nBENCH_RESULT {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,' ..
      '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
