"""Predict under load: a Release DevHost with a trained champion, driven by wrk on 127.0.0.1 for a fixed time against
predict (one row, and a batch of 32) and against /api/health, a constant JSON answer from the same process in the same
run, the host's own ceiling. Prints requests/s, p50 and p99 and each route's ratio to the ceiling."""
import json, os, re, subprocess, sys, tempfile

sys.argv = [a for a in sys.argv if a != "--short"]
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drill  # noqa: E402  (Azurite, DevHost and the sample's CSV reading are shared with the fault drills)

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
MODEL = "bench"


def wrk(url, body=None):
    script = None
    args = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency"]
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
    finally:
        host.stop()
        azurite.stop()


if __name__ == "__main__":
    main()
