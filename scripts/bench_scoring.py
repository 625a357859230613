"""Batch scoring against single predicts on the same machine and model (issue 16's yardstick): a Release DevHost on its
own in-memory Azurite, a champion trained on breast_cancer (the alias re-read every second, as bench-predict has it), a generated scoring file of BENCH_ROWS (1,000,000) rows
dropped into scoring/bench/, the job followed to its end. Prints the job's rows/s (drop to published output), the
host's peak memory (VmHWM), checks that every row is in the output once and in input order, then drives one-row
predict with wrk (BENCH_SECONDS, BENCH_CONNECTIONS) against the same champion in the same process for the ratio."""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drill  # noqa: E402
import bench_predict  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))
MODEL = "bench"


def peak_mib(host):
    with open(f"/proc/{host.proc.pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def main():
    azurite = drill.Azurite(in_memory=True)
    host = drill.DevHost(azurite.connection_string, "benchscoring", {"Training__MaxTrials": "4", "Serving__AliasRefreshSeconds": "1"})
    try:
        with open(os.path.join(drill.ROOT, "samples", "breast_cancer.csv")) as f:
            lines = f.read().splitlines()
        assert bench_predict.train(host, "\n".join(lines) + "\n")["promoted"]
        rows = [line.rsplit(",", 1)[0] for line in lines[1:]]
        body = ("id," + lines[0].rsplit(",", 1)[0] + "\n" + "".join(f"{i},{rows[(i - 1) % len(rows)]}\n" for i in range(1, ROWS + 1))).encode()
        print(f"scoring file: {ROWS:,} rows, {len(body) / 2**20:,.0f} MiB")
        before = peak_mib(host)
        started = time.time()
        azurite.put_blob("scoring", f"{MODEL}/big.csv", body)
        uploaded = time.time()
        job = None
        while time.time() - started < 1800:
            status, answer = host.call("POST", f"models/{MODEL}/score", '{"file":"big.csv"}')
            if status in (200, 202):
                job = answer["jobId"]
                break
            time.sleep(0.5)
        while True:
            status, view = host.call("GET", f"jobs/{job}")
            if view["status"] in ("Completed", "Failed"):
                break
            time.sleep(0.5)
        elapsed = time.time() - uploaded
        print(f"upload of the file to Azurite: {uploaded - started:.1f} s (not counted below)")
        assert view["status"] == "Completed", view
        peak = peak_mib(host)
        out = azurite.download_blob("scored", f"{MODEL}/big.csv").split(b"\n")
        ids = [int(line.split(b",", 1)[0]) for line in out[1:] if line]
        in_order = ids == list(range(1, ROWS + 1))
        print(f"job {job}: {view['rowsDone']:,} rows done of {view['rowsTotal']:,}, {view['rowsRejected']} rejected, "
              f"{elapsed:.1f} s from the file stored to the output published: {ROWS / elapsed:,.0f} rows/s; "
              f"every row once in input order: {in_order}; host peak memory {peak:,.0f} MiB (before the job {before:,.0f} MiB)")
        single = {"features": dict(zip(lines[0].split(",")[:-1], map(float, lines[1].split(",")[:-1]))), "entityId": "user-1"}
        load = bench_predict.wrk(host.base + f"models/{MODEL}/predict", single)
        print(f"one-row predict, wrk -t1 -c{bench_predict.CONNECTIONS} -d{bench_predict.SECONDS}s: {load.rps:,.0f} req/s "
              f"(p50 {load.p50:.2f} ms, p99 {load.p99:.2f} ms, {load.errors} non-2xx)")
        print(f"batch scoring rows/s / single predict req/s: {ROWS / elapsed / load.rps:.1f}; load average {os.getloadavg()[0]:.2f}")
        assert in_order
    finally:
        host.stop(grace=60)
        azurite.stop()


if __name__ == "__main__":
    main()
