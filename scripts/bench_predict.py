"""Predict under load: a Release DevHost with a trained champion, driven by wrk on 127.0.0.1 for a fixed time against
predict (one row, and a batch of 32) and against /api/health, a constant JSON answer from the same process in the same
run, the host's own ceiling. Prints requests/s, p50 and p99 and each route's ratio to the ceiling. Then the shadow
check: one connection (unsaturated, so latency is the request's own) against one-row predict without an experiment
and with a shadow experiment scoring every row, in the same run; prints the p50 each way and the difference."""
import json, os, re, subprocess, sys, tempfile, time

sys.argv = [a for a in sys.argv if a != "--short"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drill  # noqa: E402  (Azurite, DevHost and the sample's CSV reading are shared with the fault drills)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
MODEL = "bench"


def wrk(url, body=None, connections=None):
    script = None
    args = ["wrk", "-t1", f"-c{connections or CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
    if body is not None:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
                     f"wrk.body = {json.dumps(json.dumps(body))}\n")
        script.close()
        args += ["-s", script.name]
    out = subprocess.run(args + [url], capture_output=True, text=True, timeout=SECONDS + 60).stdout
    if script:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p99 = (to_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in ("50", "99"))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def to_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    azurite = drill.Azurite()
    host = drill.DevHost(azurite.connection_string, "bench", {"Serving__AliasRefreshSeconds": "5", "Training__MaxTrials": "4"})
    try:
        with open(os.path.join(drill.ROOT, "samples", "breast_cancer.csv")) as f:
            lines = f.read().splitlines()
        status, accepted = host.call("POST", f"datasets/{MODEL}", "\n".join(lines) + "\n", "text/csv")
        run = drill.wait_run(host, accepted["runId"], 600)
        assert run["status"] == "Completed" and run["promoted"], run
        header = lines[0].split(",")
        rows = [dict(zip(header[:-1], map(float, line.split(",")[:-1]))) for line in lines[1:33]]
        single = {"features": rows[0], "entityId": "user-1"}
        batch = {"instances": [{"features": r} for r in rows]}
        status, _ = host.call("POST", f"models/{MODEL}/predict", json.dumps(single))
        assert status == 200, status

        results = [("GET /api/health (constant JSON)", wrk(host.base + "health")),
                   ("POST predict, 1 row", wrk(host.base + f"models/{MODEL}/predict", single)),
                   ("POST predict, 32 rows", wrk(host.base + f"models/{MODEL}/predict", batch))]
        ceiling = results[0][1][0]
        print(f"\nwrk -t1 -c{CONNECTIONS} -d{SECONDS}s on 127.0.0.1, Release DevHost, breast_cancer champion\n")
        print("| route | requests/s | p50 ms | p99 ms | non-2xx | requests/s vs health | rows/s |")
        print("|---|---|---|---|---|---|---|")
        for name, (rps, p50, p99, errors) in results:
            rows_per = rps * (32 if "32" in name else 1)
            print(f"| {name} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} | {rps / ceiling:.3f} | {rows_per:,.0f} |")
        shadow_check(host, lines, single)
    finally:
        host.stop()
        azurite.stop()


def shadow_check(host, lines, single):
    """A second version as a shadow challenger of every row: the champion's answer must not wait for it."""
    status, _ = host.call("PUT", f"models/{MODEL}/spec", json.dumps({"promotion": {"strategy": "shadow", "challengerTraffic": 1}}))
    assert status == 200, status
    # Different content (rows reversed) is a new run and a new version; under the shadow strategy it starts the
    # experiment itself when it passes its gates, and is started by hand when it does not.
    body = "\n".join([lines[0]] + lines[:0:-1]) + "\n"
    status, accepted = host.call("POST", f"datasets/{MODEL}", body, "text/csv")
    run = drill.wait_run(host, accepted["runId"], 600)
    assert run["status"] == "Completed", run
    experiment = run.get("experimentId")
    if not experiment:
        status, started = host.call("POST", f"models/{MODEL}/experiments", json.dumps({"challenger": run["version"], "traffic": 1, "strategy": "shadow"}))
        assert status == 201, (status, started)
        experiment = started["id"]
    url = host.base + f"models/{MODEL}/predict"
    time.sleep(6)  # the routing cache (AliasRefreshSeconds 5) sees the experiment
    with_shadow = wrk(url, single, connections=1)
    status, view = host.call("GET", f"models/{MODEL}/experiments/{experiment}")
    status, _ = host.call("POST", f"models/{MODEL}/experiments/{experiment}/stop", "{}")
    assert status == 200, status
    time.sleep(6)
    without = wrk(url, single, connections=1)
    print(f"\nShadow check: wrk -t1 -c1 -d{SECONDS}s, one-row predict, experiment {experiment} ({view['strategy']}, traffic {view['traffic']})\n")
    print("| predict, 1 row, 1 connection | requests/s | p50 ms | p99 ms | non-2xx |")
    print("|---|---|---|---|---|")
    for name, (rps, p50, p99, errors) in (("no experiment", without), ("shadow scoring every row", with_shadow)):
        print(f"| {name} | {rps:,.0f} | {p50:.3f} | {p99:.3f} | {errors} |")
    print(f"\nShadow adds {with_shadow[1] - without[1]:+.3f} ms to the champion's p50 ({with_shadow[1] / without[1]:.2f}x).")


if __name__ == "__main__":
    main()
