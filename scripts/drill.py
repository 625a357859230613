"""Fault drills against a real DevHost and Azurite, each loop bounded in count and time; traffic only to 127.0.0.1."""
import base64, datetime, gzip, hashlib, hmac, json, os, random, shutil, signal, socket, subprocess, sys, tempfile, threading, time
import urllib.error, urllib.parse, urllib.request, xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHORT = "--short" in sys.argv  # --only=name,name runs some drills (names without drill_)
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
ROWS = []  # (drill, fault, invariant, result, figures)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Azurite:
    def __init__(self, in_memory=False):
        """in_memory: no disk persistence (a restart loses the data), so a benchmark measures the app, not the
        emulator saving its whole database to disk every few seconds."""
        self.in_memory = in_memory
        self.dir = tempfile.mkdtemp(prefix="drill-azurite-")
        self.ports = [free_port(), free_port(), free_port()]
        self.start()

    def start(self):
        self.proc = subprocess.Popen(
            [os.path.join(ROOT, "node_modules/.bin/azurite"), "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
             "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
             "--blobPort", str(self.ports[0]), "--queuePort", str(self.ports[1]), "--tablePort", str(self.ports[2])]
            + (["--inMemoryPersistence"] if self.in_memory else ["--location", self.dir]),
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
        """List Blobs with Shared Key auth (stdlib only), following continuation markers."""
        names, marker = [], ""
        while True:
            date = datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
            version = "2021-08-06"
            resource = f"/{ACCOUNT}/{ACCOUNT}/{container}\ncomp:list" + (f"\nmarker:{marker}" if marker else "") + f"\nprefix:{prefix}\nrestype:container"
            to_sign = "GET\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{version}\n" + resource
            sig = base64.b64encode(hmac.new(base64.b64decode(KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
            query = urllib.parse.urlencode({"restype": "container", "comp": "list", "prefix": prefix, **({"marker": marker} if marker else {})})
            url = f"http://127.0.0.1:{self.ports[0]}/{ACCOUNT}/{container}?{query}"
            req = urllib.request.Request(url, headers={"x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey {ACCOUNT}:{sig}"})
            with urllib.request.urlopen(req, timeout=30) as r:
                root = ET.fromstring(r.read())
            names += [e.text for e in root.iter("Name")]
            marker = root.findtext("NextMarker") or ""
            if not marker:
                return names

    def download_blob(self, container, name):
        """Read one blob's bytes with Shared Key auth (stdlib only)."""
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
        version = "2021-08-06"
        to_sign = "GET\n" + "\n" * 11 + f"x-ms-date:{date}\nx-ms-version:{version}\n/{ACCOUNT}/{ACCOUNT}/{container}/{name}"
        sig = base64.b64encode(hmac.new(base64.b64decode(KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
        url = f"http://127.0.0.1:{self.ports[0]}/{ACCOUNT}/{container}/{name}"
        req = urllib.request.Request(url, headers={"x-ms-date": date, "x-ms-version": version, "Authorization": f"SharedKey {ACCOUNT}:{sig}"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.read()

    def put_blob(self, container, name, data):
        """Put Blob (a block blob) with Shared Key auth (stdlib only)."""
        date = datetime.datetime.now(datetime.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S GMT")
        version = "2021-08-06"
        to_sign = (f"PUT\n\n\n{len(data)}\n\ntext/csv\n\n\n\n\n\n\n"
                   f"x-ms-blob-type:BlockBlob\nx-ms-date:{date}\nx-ms-version:{version}\n/{ACCOUNT}/{ACCOUNT}/{container}/{name}")
        sig = base64.b64encode(hmac.new(base64.b64decode(KEY), to_sign.encode(), hashlib.sha256).digest()).decode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.ports[0]}/{ACCOUNT}/{container}/{name}", data=data, method="PUT",
                                     headers={"x-ms-blob-type": "BlockBlob", "x-ms-date": date, "x-ms-version": version,
                                              "Content-Type": "text/csv", "Authorization": f"SharedKey {ACCOUNT}:{sig}"})
        with urllib.request.urlopen(req, timeout=600) as r:
            assert r.status == 201, r.status

    def count_logged_predictions(self, model):
        """Predictions in the log's segments of a model (gzipped JSON lines, one per prediction)."""
        return sum(gzip.decompress(self.download_blob("predictions", name)).count(b"\n") for name in self.list_blobs("predictions", model + "/"))

    def pause(self):
        """Storage goes away: Azurite stops (gracefully, so its data is on disk) and its ports refuse connections."""
        self.proc.terminate()
        self.proc.wait(30)

    def stop(self):
        self.pause()
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
        status, _, parsed = self.exchange(method, path, body, content_type, timeout)
        return status, parsed

    def exchange(self, method, path, body=None, content_type="application/json", timeout=60):
        """(status, headers, body parsed as JSON when it is) for any answer, 2xx or not."""
        data = body.encode() if isinstance(body, str) else body
        url = self.base + urllib.parse.quote(path, safe="/?=,%&:")
        req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type} if content_type and data is not None else {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), parse(r.read())
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), parse(e.read())

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, grace=30):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.kill()


def parse(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text.decode(errors="replace")


def csv(rows, features, seed, noise=0.5):
    rnd = random.Random(seed)
    lines = [",".join([f"f{i}" for i in range(features)] + ["label"])]
    for _ in range(rows):
        x = [rnd.gauss(0, 1) for _ in range(features)]
        y = "yes" if sum(x[:3]) + rnd.gauss(0, noise) > 0 else "no"
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


def drill_kill_scoring(azurite):
    """A batch scoring job killed with chunks done and chunks running: the restarted host finishes it, each row once."""
    settings = {"Scoring__ChunkRows": "5000", "Scoring__MaxConcurrentChunks": "2"}
    host = DevHost(azurite.connection_string, "killscore", settings)
    model, rows = "kill-score", 100000
    _, start = host.call("POST", f"datasets/{model}", csv(3000, 10, 7), "text/csv")
    assert wait_run(host, start["runId"], 420)["status"] == "Completed"
    data = csv(rows, 10, 8).splitlines()
    body = "id," + data[0].rsplit(",", 1)[0] + "\n" + "".join(f"{i},{line.rsplit(',', 1)[0]}\n" for i, line in enumerate(data[1:], 1))
    azurite.put_blob("scoring", f"{model}/batch.csv", body.encode())
    _, job = host.call("POST", f"models/{model}/score", json.dumps({"file": "batch.csv"}))
    job_id, done, deadline = job["jobId"], 0, time.time() + 300
    while time.time() < deadline:
        _, view = host.call("GET", f"jobs/{job_id}")
        done = view.get("rowsDone") or 0
        if 0 < done < rows or view["status"] in ("Completed", "Failed"):
            break
        time.sleep(0.05)
    host.kill()
    started = time.time()
    host = DevHost(azurite.connection_string, "killscore", settings)
    deadline = time.time() + 420
    while time.time() < deadline:
        _, view = host.call("GET", f"jobs/{job_id}")
        if view["status"] in ("Completed", "Failed"):
            break
        time.sleep(1)
    ids = [int(line.split(b",", 1)[0]) for line in azurite.download_blob("scored", f"{model}/batch.csv").split(b"\n")[1:] if line] \
        if view["status"] == "Completed" else []
    ok = view["status"] == "Completed" and ids == list(range(1, rows + 1)) and 0 < done < rows
    ROWS.append(("SIGKILL mid scoring job", f"kill -9 with {done:,} of {rows:,} rows done",
                 "job completes; every row in the output exactly once, in input order",
                 "PASS" if ok else "FAIL",
                 f"resumed in {time.time() - started:.0f} s; {len(ids):,} rows out, {len(set(ids)):,} distinct; status {view['status']}"))
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


def drill_storage_outage(azurite):
    host = DevHost(azurite.connection_string, "outage")
    _, first = host.call("POST", "datasets/outage", csv(3000, 8, 21), "text/csv")
    wait_run(host, first["runId"], 420)
    _, second = host.call("POST", "datasets/outage", csv(6000, 8, 22), "text/csv")
    answers, stop = [], threading.Event()
    row = json.dumps({"features": {f"f{i}": 0.1 * i for i in range(8)}})

    def load():
        while not stop.is_set():
            try:
                status, headers, body = host.exchange("POST", "models/outage/predict", row, timeout=30)
            except OSError as e:
                status, headers, body = -1, {}, str(e)
            answers.append((time.time(), status, headers.get("Content-Type", ""), headers.get("Retry-After"), body))
            time.sleep(0.1)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(10)
    down_at = time.time()
    azurite.pause()
    time.sleep(30)
    azurite.start()
    up_at = time.time()
    time.sleep(30)
    stop.set()
    for t in threads:
        t.join(60)
    run = wait_run(host, second["runId"], 600)
    during = [a for a in answers if down_at + 2 < a[0] < up_at]
    after = [a for a in answers if a[0] > up_at + 20]
    server_errors = [a for a in answers if a[1] >= 500 and a[1] != 503 or a[1] == -1]
    bad_503 = [a for a in answers if a[1] == 503 and ("problem+json" not in a[2] or not a[3])]
    served = [a[4]["predictionId"] for a in answers if a[1] == 200]
    with ThreadPoolExecutor(8) as pool:
        missing = [r for r in pool.map(lambda pid: host.call("POST", "models/outage/feedback", json.dumps({"predictionId": pid, "label": "yes"}))[0], served) if r != 200]
    codes = {}
    for a in during:
        codes[a[1]] = codes.get(a[1], 0) + 1
    ROWS.append(("storage away 30 s", "Azurite stopped mid-run and under predict load, then started",
                 "run completes; 503 problem+json with Retry-After while away, never 500; recovers; every 2xx prediction logged",
                 "PASS" if run["status"] == "Completed" and not server_errors and not bad_503 and after and all(a[1] == 200 for a in after) and not missing else "FAIL",
                 f"run {run['status']} (attempt {run.get('attempt')}); while away {codes}; 5xx other than 503: {len(server_errors)}; "
                 f"after: {len(after)} answers, all 200: {all(a[1] == 200 for a in after)}; {len(served)} answered 2xx, {len(missing)} missing from the log"))
    host.stop()


def drill_alias_race(azurite):
    host = DevHost(azurite.connection_string, "aliases")
    # Two weak versions (noisy labels), then a clean dataset whose version beats them and so tries to promote.
    for seed in (31, 32):
        _, start = host.call("POST", "datasets/raced", csv(2000, 8, seed, noise=4.0), "text/csv")
        wait_run(host, start["runId"], 420)
    _, start = host.call("POST", "datasets/raced", csv(2000, 8, 33, noise=0.1), "text/csv")
    rnd = random.Random(5)
    with ThreadPoolExecutor(10) as pool:
        moves = list(pool.map(lambda i: (time.sleep(rnd.random() * 8), host.call("PUT", "models/raced/aliases/champion", json.dumps({"version": 1 + i % 2}))[0])[1], range(50)))
    run = wait_run(host, start["runId"], 420)
    _, model = host.call("GET", "models/raced")
    versions = sorted(v["version"] for v in model["versions"])
    champion = (model.get("aliases") or {}).get("champion")
    codes = sorted(set(moves))
    _, log = host.call("GET", "models/raced/events")
    hops = [e["data"] for e in log if e["type"] == "alias.moved"]
    chained = all(hops[i]["from"] == hops[i - 1]["to"] for i in range(1, len(hops))) and hops and hops[-1]["to"] == champion
    ok = run["status"] == "Completed" and champion in versions and versions == [1, 2, 3] and all(c in (200, 409) for c in moves) and chained
    ROWS.append(("50 alias moves racing a promotion", "50 concurrent PUT champion while run 3 evaluates and promotes",
                 "every move 200 or 409; one champion, a registered version; the run's version registered; the alias.moved events chain from one move to the next and end at the champion",
                 "PASS" if ok else "FAIL", f"answers {codes}; versions {versions}; champion {champion}; {len(hops)} alias.moved events chained: {bool(chained)}; run promoted {run.get('promoted')}: {run.get('reason')}"))
    host.stop()


def malformed_requests(count, rnd):
    deep = "[" * 20000 + "]" * 20000
    big = "{\"features\":{\"x\":\"" + "a" * (10 * 1024 * 1024) + "\"}}"
    bodies = [None, "", "null", "[]", "{", "{\"features\":", deep, big, "\"text\"", "1e400", "{\"features\":{\"f0\":1e400}}",
              "{\"features\":[1,2,3]}", "{\"instances\":{}}", "{\"instances\":[1,\"a\",null]}", "{\"features\":{}, \"unknown\":1}",
              "{\"predictionId\":123,\"label\":[]}", "{\"version\":\"one\"}", "{\"version\":-1}", "{\"version\":99999999999}",
              "{\"dataset\":\"../../etc/passwd\"}", "{\"dataset\":\"x/..%2F..%2Fy.csv\"}", "{\"label\":{\"a\":{\"b\":{}}}}",
              b"\xff\xfe\x00\x00{\"features\":{}}", b"{\"features\":{\"f0\":\"\xc3\x28\"}}", "{\"reason\":" + "\"r\"" * 3 + "}"]
    names = ["raced", "UPPER", "a" * 80, "..", "..%2F..%2Fmodels", "%2e%2e", "x y", "-dash", "9lives", "ok-name", "%00", "a/b"]
    routes = [("POST", "datasets/{m}"), ("GET", "runs/{r}"), ("GET", "runs/{r}/trials"), ("POST", "runs/{r}/restart"),
              ("POST", "models/{m}/runs"), ("GET", "models"), ("GET", "models/{m}"), ("GET", "models/{m}/versions/{v}"),
              ("GET", "models/{m}/compare?versions={v},{v}"), ("PUT", "models/{m}/spec"), ("GET", "models/{m}/spec"),
              ("PUT", "models/{m}/aliases/{a}"), ("POST", "models/{m}/predict"), ("POST", "models/{m}/feedback"), ("DELETE", "models/{m}"),
              ("GET", "models/{m}/predict")]
    types = ["application/json", "text/csv", "text/plain", "application/xml", "", "multipart/form-data; boundary=x"]
    versions = ["1", "0", "-1", "abc", "99999999999", "1.5", "%20"]
    aliases = ["champion", "latest", "..", "UP", "x" * 300]
    runs = ["raced-0000000000000000", "..", "nope", "raced-" + "f" * 16 + "%2F..", "x" * 300]
    for _ in range(count):
        method, route = rnd.choice(routes)
        path = route.replace("{m}", rnd.choice(names)).replace("{r}", rnd.choice(runs)).replace("{v}", rnd.choice(versions)).replace("{a}", rnd.choice(aliases))
        yield method, path, rnd.choice(bodies) if method in ("POST", "PUT") else None, rnd.choice(types)


def malformed_csvs(count, rnd):
    makers = [
        lambda: "",
        lambda: "a,b,label\n",
        lambda: "a,b,label\n1,2,yes\n3,no\n" * 30,
        lambda: "a,b,label\n\"unterminated,1,yes\n" + "1,2,no\n" * 30,
        lambda: bytes(rnd.randrange(256) for _ in range(4000)),
        lambda: "a,b,label\n" + "".join(f"{rnd.random()},{rnd.random()},only\n" for _ in range(50)),
        lambda: "a,b,label\n" + "".join(f"{rnd.random()},,\n" for _ in range(50)),
        lambda: ",".join(f"c{i}" for i in range(3000)) + ",label\n" + ",".join("1" for _ in range(3001)) + "\n",
        lambda: "\ufeffa;b;label\n1;2;yes\n",
        lambda: "a,b,label\n" + "\n".join(f"{i},{i}" for i in range(40)),
        lambda: b"a,b,label\n" + "\u00e9,1,yes\n".encode() + b"\xe9,2,no\n" * 40,
        lambda: "label\n" + "yes\n" * 5,
    ]
    for i in range(count):
        yield f"bad-{i % 7}", makers[i % len(makers)]()


def drill_bad_input(azurite):
    host = DevHost(azurite.connection_string, "badinput")
    _, start = host.call("POST", "datasets/raced", csv(400, 4, 3), "text/csv")
    wait_run(host, start["runId"], 300)
    rss_before = host.rss_mib()
    rnd = random.Random(2026)
    requests = list(malformed_requests(300 if SHORT else 2000, rnd))

    def send(request):
        method, path, body, content_type = request
        try:
            status, headers, _ = host.exchange(method, path, body, content_type, timeout=60)
            return status, headers.get("Content-Type", ""), f"{method} {path[:60]}"
        except OSError as e:
            return -1, str(e), f"{method} {path[:60]}"

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(send, requests))
    crashes = host.proc.poll() is not None
    # A NUL in the path is refused by the HTTP server itself (Kestrel, as in the Functions host), before any
    # middleware: a bare 400, or a closed connection while a large body is still being sent. Counted apart.
    protocol = [a for a in answers if "%00" in a[2] and (a[0] < 0 or (a[0] == 400 and "problem+json" not in a[1]))]
    answers = [a for a in answers if a not in protocol]
    server = [a for a in answers if a[0] >= 500 or a[0] < 0]
    no_problem = [a for a in answers if 400 <= a[0] < 500 and "problem+json" not in a[1]]
    ROWS.append((f"{len(requests)} malformed requests", "wrong types, huge numbers, deep nesting, 10 MB bodies, bad UTF-8, traversal, unknown fields, empty bodies, wrong content types",
                 "every answer 4xx problem+json (or 2xx), zero 5xx, no crash",
                 "PASS" if not server and not no_problem and not crashes else "FAIL",
                 f"statuses {sorted(set(a[0] for a in answers))}; refused by the HTTP server (NUL in path) {len(protocol)}; 5xx or dropped {len(server)} {server[:2]}; 4xx without problem+json {len(no_problem)} {no_problem[:2]}"))

    csvs = list(malformed_csvs(30 if SHORT else 200, rnd))
    with ThreadPoolExecutor(8) as pool:
        uploads = list(pool.map(lambda c: host.exchange("POST", f"datasets/{c[0]}", c[1], "text/csv", timeout=120), csvs))
    refused = [u for u in uploads if 400 <= u[0] < 500]
    run_ids = sorted({u[2]["runId"] for u in uploads if u[0] in (200, 202)})
    runs = [wait_run(host, r, 600) for r in run_ids]
    unexplained = [r for r in runs if r["status"] != "Quarantined" or not r.get("reason")]
    server = [u for u in uploads if u[0] >= 500]
    time.sleep(5)
    rss_after = host.rss_mib()
    crashes = host.proc.poll() is not None
    ROWS.append((f"{len(csvs)} malformed CSVs", "empty, header only, ragged, unterminated quote, random bytes, single class, 3,000 columns, UTF-8 mixed with Windows-1252, wrong delimiter",
                 "each refused 4xx problem+json or quarantined with a reason; zero 5xx; memory back near its start",
                 "PASS" if not unexplained and not server and not crashes and all("problem+json" in u[1].get("Content-Type", "") for u in refused) else "FAIL",
                 f"{len(refused)} refused at upload, {len(runs)} runs all quarantined with a reason: {not unexplained} {[(r['runId'], r['status']) for r in unexplained][:2]}; "
                 f"RSS {rss_before:.0f} MiB before, {rss_after:.0f} MiB after"))
    host.stop()


def main():
    azurite = Azurite()
    began = time.time()
    try:
        drills = (drill_kill_each_stage, drill_kill_scoring, drill_concurrent_uploads, drill_manual_restart, drill_storage_outage, drill_alias_race, drill_bad_input)
        only = next((a.split("=", 1)[1].split(",") for a in sys.argv if a.startswith("--only=")), None)
        for drill in drills:
            if only and drill.__name__.removeprefix("drill_") not in only:
                continue
            if SHORT and drill is drill_alias_race:
                continue  # three trainings in a row: the full run covers it, CI's time budget does not
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
