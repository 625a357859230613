"""Predict under load: a Release DevHost with a trained champion, driven by wrk on 127.0.0.1 for a fixed time against
predict (one row, and a batch of 32) and against /api/health, a constant JSON answer from the same process in the same
run, the host's own ceiling. Prints requests/s, p50 and p99 and each route's ratio to the ceiling. Then, in the same run:
the champion alias moved to another version in the middle of a load (every response must be 2xx and name the version
that served it); a shadow experiment scoring every row against the same route without one (one connection, so the
latency is the request's own); and after a graceful stop, the predictions in the log against the 2xx rows answered."""
import json, os, re, subprocess, sys, tempfile, threading, time

sys.argv = [a for a in sys.argv if a != "--short"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drill  # noqa: E402  (Azurite, DevHost and the sample's CSV reading are shared with the fault drills)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
MODEL = "bench"

COUNTING = """
counts = {}
response = function(status, headers, body)
  local key = tostring(status) .. ":" .. tostring(string.match(body, '"version":(%d+)'))
  counts[key] = (counts[key] or 0) + 1
end
threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for key, count in pairs(thread:get("counts")) do io.write("COUNT " .. key .. " " .. count .. "\\n") end
  end
end
"""


class Load:
    """One wrk run's figures."""

    def __init__(self, out):
        self.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        self.p50, self.p99 = (to_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99"))
        self.requests = int(re.search(r"(\d+) requests in", out).group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        self.errors = int(non2xx.group(1)) if non2xx else 0
        sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        self.socket_errors = sum(map(int, sockets.groups())) if sockets else 0
        self.counts = {k: int(v) for k, v in re.findall(r"COUNT (\S+) (\d+)", out)}


def wrk(url, body=None, connections=None, counting=False):
    script = None
    args = ["wrk", "-t1", f"-c{connections or CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
    if body is not None:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                     f"wrk.body = {json.dumps(json.dumps(body))}\n" + (COUNTING if counting else ""))
        script.close()
        args += ["-s", script.name]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=SECONDS + 60).stdout
    if script:
        os.unlink(script.name)
    return Load(out)


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def train(host, body):
    status, accepted = host.call("POST", f"datasets/{MODEL}", body, "text/csv")
    run = drill.wait_run(host, accepted["runId"], 600)
    assert run["status"] == "Completed", run
    return run


def champion(host):
    return host.call("GET", f"models/{MODEL}")[1]["aliases"]["champion"]


def main():
    azurite = drill.Azurite(in_memory=True)
    # BENCH_HOST_<setting>=value passes a setting to the DevHost (e.g. BENCH_HOST_Serving__LogWhenFull=drop).
    settings = {"Serving__AliasRefreshSeconds": "1", "Training__MaxTrials": "4"}
    settings.update({k[len("BENCH_HOST_"):]: v for k, v in os.environ.items() if k.startswith("BENCH_HOST_")})
    host = drill.DevHost(azurite.connection_string, "bench", settings)
    answered = 0  # rows predict answered with 2xx: each must be in the log after the graceful stop
    try:
        with open(os.path.join(drill.ROOT, "samples", "breast_cancer.csv")) as f:
            lines = f.read().splitlines()
        assert train(host, "\n".join(lines) + "\n")["promoted"]
        # The same rows in reverse order: a second version (promoted or not) for the alias move and the shadow.
        second = train(host, "\n".join([lines[0]] + lines[:0:-1]) + "\n")["version"]
        header = lines[0].split(",")
        rows = [dict(zip(header[:-1], map(float, line.split(",")[:-1]))) for line in lines[1:33]]
        single = {"features": rows[0], "entityId": "user-1"}
        batch = {"instances": [{"features": r} for r in rows]}
        status, _ = host.call("POST", f"models/{MODEL}/predict", json.dumps(single))
        assert status == 200, status
        answered += 1
        url = host.base + f"models/{MODEL}/predict"

        results = [("GET /api/health (constant JSON)", wrk(host.base + "health"), 0),
                   ("POST predict, 1 row", wrk(url, single), 1),
                   ("POST predict, 32 rows", wrk(url, batch), 32)]
        ceiling = results[0][1].rps
        print(f"\nwrk -t1 -c{CONNECTIONS} -d{SECONDS}s on 127.0.0.1, Release DevHost, breast_cancer champion\n")
        print("| route | requests/s | p50 ms | p99 ms | non-2xx | socket errors | requests/s vs health | rows/s |")
        print("|---|---|---|---|---|---|---|---|")
        for name, load, width in results:
            answered += (load.requests - load.errors) * width
            print(f"| {name} | {load.rps:,.0f} | {load.p50:.2f} | {load.p99:.2f} | {load.errors} | {load.socket_errors} | {load.rps / ceiling:.3f} | {load.rps * max(width, 1):,.0f} |")

        if os.environ.get("BENCH_ROUTES_ONLY") != "1":
            answered += alias_move(host, url, single, second)
            answered += shadow_check(host, url, single)
    finally:
        host.stop(grace=300)
    try:
        logged = azurite.count_logged_predictions(MODEL)
        print(f"\nAfter a graceful stop: {logged:,} predictions in the log, {answered:,} rows answered 2xx"
              f" ({'equal' if logged == answered else f'{logged - answered:+,}'}).")
    finally:
        azurite.stop()


def alias_move(host, url, single, second):
    """Moves the champion alias a third of the way through a load: no request may fail, each names its version."""
    before = champion(host)
    target = second if before != second else 1
    mover = threading.Timer(SECONDS / 3, lambda: host.call("PUT", f"models/{MODEL}/aliases/champion", json.dumps({"version": target})))
    mover.start()
    load = wrk(url, single, counting=True)
    mover.join()
    served = {k: v for k, v in load.counts.items()}
    print(f"\nAlias move: champion v{before} -> v{target} after {SECONDS / 3:.1f} s of {SECONDS} s, wrk -t1 -c{CONNECTIONS}\n")
    print(f"{load.requests:,} requests, {load.errors} non-2xx, {load.socket_errors} socket errors, p99 {load.p99:.2f} ms;"
          f" answers by status:version {served}")
    assert champion(host) == target
    return load.requests - load.errors


def shadow_check(host, url, single):
    """The other version as a shadow challenger of every row: the champion's answer must not wait for it."""
    current = champion(host)
    versions = [v["version"] for v in host.call("GET", f"models/{MODEL}")[1]["versions"]]
    challenger = next(v for v in versions if v != current)
    status, started = host.call("POST", f"models/{MODEL}/experiments", json.dumps({"challenger": challenger, "traffic": 1, "strategy": "shadow"}))
    assert status == 201, (status, started)
    experiment = started["id"]
    time.sleep(2)  # the routing cache (AliasRefreshSeconds 1) sees the experiment
    with_shadow = wrk(url, single, connections=1)
    status, _ = host.call("POST", f"models/{MODEL}/experiments/{experiment}/stop", "{}")
    assert status == 200, status
    time.sleep(2)
    without = wrk(url, single, connections=1)
    print(f"\nShadow check: wrk -t1 -c1 -d{SECONDS}s, one-row predict, experiment {experiment} (shadow, traffic 1, challenger v{challenger})\n")
    print("| predict, 1 row, 1 connection | requests/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|")
    for name, load in (("no experiment", without), ("shadow scoring every row", with_shadow)):
        print(f"| {name} | {load.rps:,.0f} | {load.p50:.3f} | {load.p99:.3f} | {load.errors} |")
    print(f"\nShadow adds {with_shadow.p50 - without.p50:+.3f} ms to the champion's p50 ({with_shadow.p50 / without.p50:.2f}x).")
    return with_shadow.requests - with_shadow.errors + without.requests - without.errors


if __name__ == "__main__":
    main()
