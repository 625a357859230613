"""Fault drills against a real DevHost and Azurite, each loop bounded in count and time; traffic only to 127.0.0.1."""
import base64, datetime, hashlib, hmac, json, os, random, shutil, signal, socket, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.request, xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHORT = "--short" in sys.argv
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
ROWS = []  # (drill, fault, invariant, result, figures)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Azurite:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="drill-azurite-")
        self.ports = [free_port(), free_port(), free_port()]
        self.proc = subprocess.Popen(
            [os.path.join(ROOT, "node_modules/.bin/azurite"), "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
             "--location", self.dir, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
             "--blobPort", str(self.ports[0]), "--queuePort", str(self.ports[1]), "--tablePort", str(self.ports[2])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.ports[2]), 1).close()
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("Azurite did not start")

    @property
    def connection_string(self):
        b, q, t = self.ports
        return (f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};"
                f"BlobEndpoint=http://127.0.0.1:{b}/{ACCOUNT};QueueEndpoint=http://127.0.0.1:{q}/{ACCOUNT};TableEndpoint=http://127.0.0.1:{t}/{ACCOUNT};")

    def list_blobs(self, container, prefix):
        """List Blobs with Shared Key auth (stdlib only)."""
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
        version = "2021-08-06"
        resource = f"/{ACCOUNT}/{ACCOUNT}/{container}\ncomp:list\nprefix:{prefix}\nrestype:container"
        to_sign = "GET\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{version}\n" + resource
        sig = base64.b64encode(hmac.new(base64.b64decode(KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
        url = f"http://127.0.0.1:{self.ports[0]}/{ACCOUNT}/{container}?restype=container&comp=list&prefix={prefix}"
        req = urllib.request.Request(url, headers={"x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey {ACCOUNT}:{sig}"})
        with urllib.request.urlopen(req, timeout=30) as r:
            return [e.text for e in ET.fromstring(r.read()).iter("Name")]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


class DevHost:
    def __init__(self, storage, hub, extra=None):
        self.port = free_port()
        env = dict(os.environ, AzureWebJobsStorage=storage, DevHost__Urls=f"http://127.0.0.1:{self.port}", DevHost__TaskHub=hub,
                   DevHost__StartAzurite="false", DevHost__WatchIntervalMilliseconds="300", DevHost__WorkItemVisibilitySeconds="15",
                   DevHost__LeaseSeconds="6", Serving__AliasRefreshSeconds="0", Training__MaxTrials="4", Training__Folds="3",
                   ASPNETCORE_ENVIRONMENT="Production", Logging__LogLevel__Default="Warning")
        env.update(extra or {})
        self.log = tempfile.NamedTemporaryFile(prefix="drill-devhost-", suffix=".log", delete=False)
        dll = os.path.join(ROOT, "src/Mlops.DevHost/bin/Release/net10.0/Mlops.DevHost.dll")
        self.proc = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}/api/"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if self.call("GET", "health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("DevHost did not start; log: " + self.log.name)

    def call(self, method, path, body=None, content_type="application/json", timeout=60):
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": content_type} if data is not None else {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                text = r.read()
                return r.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                return e.code, json.loads(text) if text else None
            except ValueError:
                return e.code, text.decode(errors="replace")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()


def csv(rows, features, seed):
    rnd = random.Random(seed)
    lines = [",".join([f"f{i}" for i in range(features)] + ["label"])]
    for _ in range(rows):
        x = [rnd.gauss(0, 1) for _ in range(features)]
        y = "yes" if sum(x[:3]) + rnd.gauss(0, 0.5) > 0 else "no"
        lines.append(",".join(f"{v:.5f}" for v in x) + "," + y)
    return "\n".join(lines) + "\n"


def wait_run(host, run_id, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, run = host.call("GET", f"runs/{run_id}")
        if status == 200 and run["status"] not in ("Pending", "Running"):
            return run
        time.sleep(1)
    return host.call("GET", f"runs/{run_id}")[1]


def running_stage(run):
    stages = [s["name"] for s in run.get("stages", []) if s["status"] == "Running"]
    return stages[0] if stages else None


def registry_consistent(azurite, host, model):
    """Every version row has its artifacts, and every version folder in blob storage has its row."""
    status, details = host.call("GET", f"models/{model}")
    versions = {v["version"] for v in details.get("versions", [])} if status == 200 else set()
    folders = {int(n.split("/")[1]) for n in azurite.list_blobs("models", model + "/") if n.split("/")[1].isdigit()}
    rows_without_artifact = [v for v in versions if host.call("GET", f"models/{model}/versions/{v}")[0] != 200]
    return versions, folders - versions, rows_without_artifact, (details.get("aliases") or {}).get("champion") if status == 200 else None


KILL_POINTS = [
    ("validate", lambda r: running_stage(r) == "validate"),
    ("a trial", lambda r: running_stage(r) == "train" and (r.get("search") or {}).get("trialsDone", 0) >= 1),
    ("refit", lambda r: running_stage(r) == "train" and (r.get("search") or {}).get("trialsDone", -1) == (r.get("search") or {}).get("trialsPlanned")),
    ("evaluate", lambda r: running_stage(r) in ("evaluate", "register", "promote")),
    ("register", lambda r: running_stage(r) in ("register", "promote")),
    ("promote", lambda r: running_stage(r) == "promote"),
]


def drill_kill_each_stage(azurite):
    points = KILL_POINTS[1:3] if SHORT else KILL_POINTS
    for index, (stage, reached) in enumerate(points):
        model = f"kill-{index}"
        host = DevHost(azurite.connection_string, f"kill{index}")
        status, start = host.call("POST", f"datasets/{model}", csv(30000 if stage == "validate" else 4000, 10, index), "text/csv")
        run_id = start["runId"]
        landed, deadline = None, time.time() + 300
        while time.time() < deadline:
            _, run = host.call("GET", f"runs/{run_id}")
            if reached(run):
                landed = running_stage(run)
                break
            if run["status"] not in ("Pending", "Running"):
                break
            time.sleep(0.02)
        host.kill()
        started = time.time()
        host = DevHost(azurite.connection_string, f"kill{index}")
        run = wait_run(host, run_id, 420)
        versions, orphans, missing, champion = registry_consistent(azurite, host, model)
        ok = run["status"] == "Completed" and len(versions) == 1 and not orphans and not missing and champion in versions
        ROWS.append((f"SIGKILL at {stage}", f"kill -9 with {landed or 'the run past that point'} running",
                     "run completes; one version; champion is it; no orphan artifact or row",
                     "PASS" if ok else "FAIL",
                     f"resumed in {time.time() - started:.0f} s; versions {sorted(versions)}; orphans {sorted(orphans)}; attempt {run.get('attempt')}"))
        host.stop()


def drill_concurrent_uploads(azurite):
    host = DevHost(azurite.connection_string, "uploads")
    same = csv(300, 6, 99)
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: host.call("POST", "datasets/same-data", same, "text/csv"), range(20)))
    ids = {a[1]["runId"] for a in answers if a[0] in (200, 202)}
    codes = sorted({a[0] for a in answers})
    distinct = 5 if SHORT else 20
    with ThreadPoolExecutor(20) as pool:
        started = list(pool.map(lambda i: host.call("POST", f"datasets/many-{i % 5}", csv(300, 6, 1000 + i), "text/csv"), range(distinct)))
    run_ids = [s[1]["runId"] for s in started if s[0] in (200, 202)]
    t0 = time.time()
    runs = [wait_run(host, r, 900) for r in run_ids + list(ids)]
    done = sum(1 for r in runs if r["status"] in ("Completed", "Quarantined"))
    ROWS.append(("20 identical uploads at once", "same CSV, same model, 20 concurrent POSTs",
                 "one run id, no 409", "PASS" if len(ids) == 1 and 409 not in codes else "FAIL", f"run ids {len(ids)}; status codes {codes}"))
    ROWS.append((f"{distinct} distinct uploads at once", f"{distinct} CSVs across 5 models, concurrent",
                 "every run completes, one run per content", "PASS" if done == len(runs) and len(set(run_ids)) == distinct else "FAIL",
                 f"{done}/{len(runs)} finished in {time.time() - t0:.0f} s"))
    host.stop()


def drill_manual_restart(azurite):
    host = DevHost(azurite.connection_string, "restart")
    _, start = host.call("POST", "datasets/restarted", csv(4000, 10, 7), "text/csv")
    run_id, deadline = start["runId"], time.time() + 300
    while time.time() < deadline and (host.call("GET", f"runs/{run_id}")[1].get("search") or {}).get("trialsDone", 0) < 2:
        time.sleep(0.1)
    code, answer = host.call("POST", f"runs/{run_id}/restart", '{"reason":"drill"}')
    run = wait_run(host, run_id, 420)
    versions, orphans, missing, _ = registry_consistent(azurite, host, "restarted")
    again = host.call("POST", f"runs/{run_id}/restart")[0]
    ok = code == 202 and run["status"] == "Completed" and len(versions) == 1 and not orphans and again == 409
    ROWS.append(("restart mid-search", "POST /api/runs/{id}/restart after 2 trials", "resumes from checkpoints; one version; 409 once completed",
                 "PASS" if ok else "FAIL", f"answer {code}, attempt {run.get('attempt')}, versions {sorted(versions)}, second restart {again}"))
    host.stop()


def main():
    azurite = Azurite()
    began = time.time()
    try:
        for drill in (drill_kill_each_stage, drill_concurrent_uploads, drill_manual_restart):
            try:
                drill(azurite)
            except Exception as e:  # a drill that breaks is a failed row, never a silent pass
                ROWS.append((drill.__name__, "-", "-", "FAIL", f"{type(e).__name__}: {e}"))
    finally:
        azurite.stop()
    print("\n| drill | fault | invariant | result | figures |\n|---|---|---|---|---|")
    for row in ROWS:
        print("| " + " | ".join(row) + " |")
    failed = sum(1 for r in ROWS if r[3] != "PASS")
    print(f"\n{len(ROWS) - failed} passed, {failed} failed ({time.time() - began:.0f} s{', short' if SHORT else ''})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
