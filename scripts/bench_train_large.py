"""A large dataset through the whole run on a Release DevHost (issue 22's yardstick): the file is uploaded straight into
datasets/{model}/ as users bring big files, the blob trigger starts the run, and the script reports each stage's
wall time, the search's trials (seconds each), the registered version and the host's peak resident memory (VmHWM).
Usage (through scripts/bench-train-large): FILE [--model M] [--trials 12] [--timeout 3600]"""
import argparse, datetime, json, os, re, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import drill  # noqa: E402  (Azurite and the DevHost are shared with the fault drills)
from azure.storage.blob import BlobServiceClient  # noqa: E402  (Debian's python3-azure)


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def seconds_between(start, end):
    if not start or not end:
        return "?"
    def parse(text):
        # .NET writes seven fraction digits and "Z" or an offset; Python reads six.
        text = re.sub(r"(\.\d{6})\d+", r"\1", text.replace("Z", "+00:00"))
        return datetime.datetime.fromisoformat(text if re.search(r"[+-]\d\d:\d\d$", text) else text + "+00:00")

    return f"{(parse(end) - parse(start)).total_seconds():.1f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--model", default="large")
    parser.add_argument("--trials", default="12")
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args()
    azurite = drill.Azurite(in_memory=True)
    # BENCH_HOST_<setting>=value passes a setting to the DevHost (e.g. BENCH_HOST_Training__MemoryBudgetMegabytes=512).
    settings = {"Training__MaxTrials": args.trials, "Training__Folds": "5", "Training__MaxSearchSeconds": str(args.timeout)}
    settings.update({k[len("BENCH_HOST_"):]: v for k, v in os.environ.items() if k.startswith("BENCH_HOST_")})
    host = drill.DevHost(azurite.connection_string, "large", settings)
    try:
        started = time.time()
        service = BlobServiceClient.from_connection_string(azurite.connection_string)
        name = f"{args.model}/{os.path.basename(args.file)}"
        with open(args.file, "rb") as data:
            service.get_blob_client("datasets", name).upload_blob(data, overwrite=True, max_concurrency=2)
        uploaded = time.time() - started
        run_id = None
        while run_id is None and time.time() - started < 300:
            status, runs = host.call("GET", f"models/{args.model}/runs")
            run_id = runs[0]["runId"] if status == 200 and runs else None
            time.sleep(1)
        assert run_id, "no run started"
        run = drill.wait_run(host, run_id, args.timeout)
        total = time.time() - started
        status, search = host.call("GET", f"runs/{run_id}/trials")
        trials = search["trials"] if status == 200 else []
        seconds = [t["durationSeconds"] for t in trials]
        print(f"file {os.path.getsize(args.file) / 1e6:,.0f} MB, upload {uploaded:.1f} s, run {run['status']} in {total:.1f} s,"
              f" version {run.get('version')}, host peak RSS {peak_mib(host.proc.pid):,.0f} MiB")
        for stage in run.get("stages", []):
            took = seconds_between(stage.get("startedAt"), stage.get("endedAt"))
            print(f"  stage {stage['name']:<10} {stage['status']:<10} {took}")
            if stage['name'] == 'train' and stage.get('detail'):
                print(f"    {stage['detail']}")
        if seconds:
            print(f"  trials {len(seconds)} on {search['trainingRows']:,} rows: mean {sum(seconds) / len(seconds):.2f} s,"
                  f" max {max(seconds):.2f} s, sum {sum(seconds):.1f} s, search wall {seconds_between(search['startedAt'], search['endedAt'])}")
            for t in trials:
                metric = search.get("settings", {}).get("metric")
                score = t.get("metrics", {}).get(metric)
                shown = f"{metric} {score:.4f} on {t['budget']:.0%} of the rows" if score is not None else ""
                print(f"    #{t['index']:<3} {t['configuration']['trainer']:<28} {t['status']:<12} {t['durationSeconds']:8.2f} s  {shown}")
        if os.environ.get("BENCH_JSON"):
            with open(os.environ["BENCH_JSON"], "w") as out:
                json.dump({"run": run, "search": search}, out)
    finally:
        host.stop(grace=60)
        azurite.stop()


main()
