#!/usr/bin/python3
"""Runs every v6hsm benchmark against its references on this machine and writes one table.

    compare.py --build DIR [--results FILE] [--quick | --report-only]

It prepares a throwaway SoftHSM2 token (SOFTHSM2_CONF in a temporary directory, never the user's tokens)
holding a 4096-bit key that the Python reference also has as a PEM, JSON plaintexts of 1 KiB, 1 MiB and
64 MiB, then measures:
  bulk     the library (bench/bulk_bench.cpp), the Python reference in-process (bench/python_bulk.py),
           and the OpenSSL limit (base64 + AES-256-CTR with no format work);
  process  whole `v6hsm decrypt`/`encrypt` processes on 64 MiB against the Python reference's processes;
  token    decryptions per second through TokenKey and through a raw C_Decrypt loop (bench/token_bench.cpp);
  memory   peak RSS of in-memory and streaming decryption (1 GiB, file to file and pipe to pipe);
  batch    `decrypt --batch` over 1000 payloads against 1000 separate processes;
  python   the Python module's TokenCryptor from 1 thread and from 4 threads (bench/python_threads.py).
The table goes to stdout and, with the date, the machine and bench/NOTES.md, to the results file. The raw
measurements are kept in DIR/bench-measurements.json, so --report-only can redo the table without
measuring again.
"""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "interop" / "vantage6_reference.py"
PYTHON = "/usr/bin/python3"
KIB, MIB, GIB = 1024, 1024 * 1024, 1024 * 1024 * 1024
SIZES = (KIB, MIB, 64 * MIB)
TOKEN = "bench"
BATCH_SIZE = 1000


# --- measuring processes ------------------------------------------------------------------------------

class Run:
    """One finished process: wall seconds, CPU seconds (user + system) and peak RSS in MiB."""

    def __init__(self, wall, cpu, rss_mib):
        self.wall, self.cpu, self.rss_mib = wall, cpu, rss_mib


# The peak RSS that wait4 reports for a child of this Python process would include this process's own
# (Linux carries the pre-exec high-water mark over an exec), so every measured command runs under GNU time,
# a small process whose child starts clean; time writes user, system and peak RSS to a file (its wall
# clock has only 10 ms steps, so wall time is taken here).
TIME_FORMAT = "%U %S %M"


def timed(command, report: Path) -> list:
    return ["/usr/bin/time", "-f", TIME_FORMAT, "-o", str(report), *map(str, command)]


def finish(process, report: Path, command, started: float) -> Run:
    process.wait()
    wall = time.perf_counter() - started
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({process.returncode}): {errors.strip()}")
    user, system, rss_kib = report.read_text().split()[-3:]
    return Run(wall, float(user) + float(system), int(rss_kib) / 1024)


def run_once(command, env) -> Run:
    with tempfile.NamedTemporaryFile(prefix="v6hsm-bench-time.") as report:
        started = time.perf_counter()
        process = subprocess.Popen(timed(command, Path(report.name)), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        return finish(process, Path(report.name), command, started)


def best_of(count, command, env) -> Run:
    """The fastest of `count` runs (the least disturbed by other work on the machine)."""
    return min((run_once(command, env) for _ in range(count)), key=lambda run: run.wall)


def run_piped(command, env, source: Path) -> Run:
    """`cat source | command | cat > /dev/null`, measuring only `command`."""
    with tempfile.NamedTemporaryFile(prefix="v6hsm-bench-time.") as report:
        feeder = subprocess.Popen(["cat", str(source)], stdout=subprocess.PIPE)
        started = time.perf_counter()
        process = subprocess.Popen(timed(command, Path(report.name)), env=env, stdin=feeder.stdout,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        feeder.stdout.close()
        drain = subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
        process.stdout.close()
        run = finish(process, Path(report.name), command, started)
        feeder.wait()
        drain.wait()
        return run


# --- inputs ------------------------------------------------------------------------------------------

def json_plaintext(size: int) -> bytes:
    """A vantage6-style task input of exactly `size` bytes: records with numbers and strings, padded with
    trailing whitespace (which json.loads accepts)."""
    rng = random.Random(size)
    head, tail = '{"method": "partial_average", "kwargs": {"rows": [', "]}}"
    rows, length = [], len(head) + len(tail)
    while True:
        row = '{"id": %d, "age": %.3f, "name": "patient-%06d", "notes": "%s"}' % (
            rng.randrange(10**6), rng.random() * 100, rng.randrange(10**6), "lorem ipsum " * rng.randrange(1, 16))
        if length + len(row) + 2 > size:
            break
        rows.append(row)
        length += len(row) + 2
    text = (head + ", ".join(rows) + tail).encode()
    return text + b" " * (size - len(text))


class Workspace:
    """The temporary directory with the sandbox token, key, payloads and the commands that use them."""

    def __init__(self, build: Path, directory: Path):
        self.dir = directory
        self.v6hsm = str(build / "tools" / "v6hsm" / "v6hsm")
        self.bulk_bench = str(build / "bench" / "v6hsm_bulk_bench")
        self.token_bench = str(build / "bench" / "v6hsm_token_bench")
        self.python_module_dir = str(build / "python")
        (directory / "tokens").mkdir()
        (directory / "softhsm2.conf").write_text(
            f"directories.tokendir = {directory / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
        self.env = dict(os.environ, SOFTHSM2_CONF=str(directory / "softhsm2.conf"), V6HSM_BENCH_DATA=str(directory))
        for name in ("so-pin", "user-pin"):
            (directory / name).write_text(os.urandom(12).hex())
            os.chmod(directory / name, 0o600)

    def path(self, name) -> Path:
        return self.dir / name

    def cli(self, *arguments) -> list:
        return [self.v6hsm, "-q", "--token", TOKEN, "--pin-source", f"file:{self.path('user-pin')}", *arguments]

    def encrypt(self, *arguments) -> list:
        return [self.v6hsm, "-q", "encrypt", "--to-key", str(self.path("pub.pem")), *arguments]

    def reference(self, *arguments) -> list:
        return [PYTHON, str(REFERENCE), *arguments]

    def check(self, command):
        subprocess.run(command, env=self.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def prepare(self):
        self.check([self.v6hsm, "-q", "--pin-source", f"file:{self.path('user-pin')}", "token", "init",
                    "--label", TOKEN, "--so-pin-source", f"file:{self.path('so-pin')}"])
        self.check(self.reference("genkey", "--bits", "4096", "--out", str(self.path("key.pem"))))
        self.check(self.reference("pubkey", "--key", str(self.path("key.pem")), "--pem-out", str(self.path("pub.pem"))))
        self.check(self.cli("key", "import", "--pem", str(self.path("key.pem"))))
        for size in SIZES:
            self.path(f"plain-{size}.json").write_bytes(json_plaintext(size))
        self.check(self.encrypt("--in", str(self.path(f"plain-{64 * MIB}.json")), "--out", str(self.path("payload-64m.txt"))))


# --- the measurements --------------------------------------------------------------------------------

def google_benchmark(workspace: Workspace, binary: str, quick: bool) -> dict:
    """Runs a Google Benchmark program with repetitions and returns {name without "/real_time": the fastest
    repetition's entry}: on a shared machine the fastest run is the one least disturbed by other work."""
    output = workspace.path(Path(binary).name + ".json")
    command = [binary, f"--benchmark_out={output}", "--benchmark_out_format=json",
               f"--benchmark_min_time={0.1 if quick else 0.3}", f"--benchmark_repetitions={2 if quick else 5}"]
    subprocess.run(command, env=workspace.env, check=True, stdout=subprocess.DEVNULL)
    fastest = {}
    for entry in json.loads(output.read_text())["benchmarks"]:
        if entry.get("run_type") != "iteration":
            continue
        name = entry["run_name"].replace("/real_time", "")
        if name not in fastest or entry["real_time"] < fastest[name]["real_time"]:
            fastest[name] = entry
    return fastest


def seconds_per_call(entry) -> float:
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[entry["time_unit"]]
    return entry["real_time"] * scale


def measure_bulk(workspace: Workspace, quick: bool) -> dict:
    ours = google_benchmark(workspace, workspace.bulk_bench, quick)
    python = json.loads(subprocess.run([PYTHON, str(ROOT / "bench" / "python_bulk.py"), str(workspace.dir),
                                        *map(str, SIZES)], env=workspace.env, check=True, capture_output=True).stdout)
    rows = {name: seconds_per_call(entry) for name, entry in ours.items()}
    rows.update({"python/" + name: seconds for name, seconds in python.items()})
    return rows


def measure_processes(workspace: Workspace, count: int) -> dict:
    payload, plain = str(workspace.path("payload-64m.txt")), str(workspace.path(f"plain-{64 * MIB}.json"))
    key, pub, out = str(workspace.path("key.pem")), str(workspace.path("pub.pem")), str(workspace.path("out.bin"))
    commands = {
        "decrypt_raw": (workspace.cli("decrypt", "--output", "raw", "--in", payload, "--out", out),
                        workspace.reference("decrypt", "--key", key, "--in", payload, "--out", out)),
        "decrypt_vantage6": (workspace.cli("decrypt", "--output", "vantage6", "--in", payload, "--out", out),
                             workspace.reference("decrypt", "--vantage6", "--key", key, "--in", payload, "--out", out)),
        "encrypt_string": (workspace.encrypt("--in", plain, "--out", out),
                           workspace.reference("encrypt", "--pub", pub, "--in", plain, "--out", out)),
    }
    results = {}
    for name, (ours, python) in commands.items():
        results[name] = [best_of(count, ours, workspace.env), best_of(count, python, workspace.env)]
        if name.startswith("decrypt") and Path(out).read_bytes() != Path(plain).read_bytes():
            raise RuntimeError(f"{name}: the plaintext differs from the original")
    return results


def measure_streaming(workspace: Workspace) -> dict:
    """Peak RSS of streaming 1 GiB through both forms, file to file and pipe to pipe."""
    big_plain, out = workspace.path("plain-1g.json"), workspace.path("out-1g")
    chunk = workspace.path(f"plain-{64 * MIB}.json").read_bytes()
    with big_plain.open("wb") as file:
        for _ in range(GIB // len(chunk)):
            file.write(chunk)
    results = {}
    for form, flags in (("string", []), ("blob", ["--raw"])):
        payload = workspace.path(f"payload-1g-{form}")
        results[f"encrypt {form}, file to file"] = run_once(
            workspace.encrypt(*flags, "--in", str(big_plain), "--out", str(payload)), workspace.env)
        results[f"decrypt {form}, file to file"] = run_once(
            workspace.cli("decrypt", "--in", str(payload), "--out", str(out)), workspace.env)
        if os.path.getsize(out) != GIB:
            raise RuntimeError(f"streaming decrypt of the 1 GiB {form} payload gave the wrong size")
        results[f"decrypt {form}, pipe to pipe"] = run_piped(workspace.cli("decrypt"), workspace.env, payload)
        results[f"encrypt {form}, pipe to pipe"] = run_piped(workspace.encrypt(*flags), workspace.env, big_plain)
        payload.unlink()
    big_plain.unlink()
    out.unlink()
    return results


def measure_batch(workspace: Workspace) -> dict:
    """`decrypt --batch` over BATCH_SIZE 1 KiB payloads (all cores and one thread) against as many processes."""
    plain = workspace.path(f"plain-{KIB}.json")
    files = [workspace.path(f"batch-{index}.txt") for index in range(BATCH_SIZE)]
    jobs = [{"op": "encrypt", "pub": str(workspace.path("pub.pem")), "in": str(plain), "out": str(file)} for file in files]
    subprocess.run(workspace.reference("batch", "--jobs", "-"), input=json.dumps(jobs).encode(), env=workspace.env,
                   check=True, capture_output=True)
    lines = workspace.path("batch.txt")
    lines.write_text("".join(file.read_text().strip() + "\n" for file in files))
    out = str(workspace.path("batch-out.txt"))
    results = {
        "batch, all cores": best_of(3, workspace.cli("decrypt", "--batch", "--in", str(lines), "--out", out), workspace.env),
        "batch, 1 thread": best_of(3, workspace.cli("decrypt", "--batch", "--threads", "1", "--in", str(lines), "--out", out),
                                   workspace.env),
    }
    runs = [run_once(workspace.cli("decrypt", "--in", str(file), "--out", str(workspace.path("one.bin"))), workspace.env)
            for file in files]
    results[f"{BATCH_SIZE} processes"] = Run(sum(run.wall for run in runs), sum(run.cpu for run in runs),
                                             max(run.rss_mib for run in runs))
    return results


def measure_python_threads(workspace: Workspace, quick: bool) -> dict:
    """The Python module decrypting 1 KiB and 1 MiB payloads from one thread and from four."""
    env = dict(workspace.env, PYTHONPATH=workspace.python_module_dir)
    command = [PYTHON, str(ROOT / "bench" / "python_threads.py"), str(workspace.dir), TOKEN, "80" if quick else "400"]
    return json.loads(subprocess.run(command, env=env, check=True, capture_output=True).stdout)


def machine_description() -> list:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    version = lambda command: subprocess.run(command, capture_output=True, text=True).stdout.strip()  # noqa: E731
    return [f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- machine: {cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.system()} {platform.release()}",
            f"- OpenSSL: {version(['openssl', 'version'])}; Python: {version([PYTHON, '--version'])}"]


def measure_everything(build: Path, quick: bool) -> dict:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="v6hsm-bench.") as directory:
        workspace = Workspace(build.resolve(), Path(directory))
        stages = [("preparing the sandbox token, key and payloads", lambda: workspace.prepare()),
                  ("bulk (library, Python reference, OpenSSL limit)", lambda: measure_bulk(workspace, quick)),
                  ("64 MiB processes", lambda: measure_processes(workspace, 1 if quick else 3)),
                  ("token", lambda: google_benchmark(workspace, workspace.token_bench, quick)),
                  ("streaming 1 GiB", lambda: measure_streaming(workspace)),
                  (f"batch of {BATCH_SIZE}", lambda: measure_batch(workspace)),
                  ("Python module threads", lambda: measure_python_threads(workspace, quick))]
        results = []
        for title, stage in stages:
            print(title + "...", file=sys.stderr, flush=True)
            results.append(stage())
        wire_bytes = os.path.getsize(workspace.path("payload-64m.txt"))
    load_after = os.getloadavg()
    load = (f"- load average (1 min) before/after the run: {load_before[0]:.2f} / {load_after[0]:.2f} "
            f"on {os.cpu_count()} cores (above ~0.5 other work was running and the figures are pessimistic)")
    _, bulk, processes, token, streaming, batch, python_threads = results
    return {"machine": machine_description() + [load], "bulk": bulk, "processes": processes, "wire_bytes": wire_bytes,
            "token": token, "streaming": streaming, "batch": batch, "python_threads": python_threads}


def save_measurements(measurements: dict, path: Path):
    def encode(value):
        if isinstance(value, Run):
            return {"run": [value.wall, value.cpu, value.rss_mib]}
        if isinstance(value, dict):
            return {key: encode(item) for key, item in value.items()}
        if isinstance(value, list):
            return [encode(item) for item in value]
        return value
    path.write_text(json.dumps(encode(measurements), indent=1))


def load_measurements(path: Path) -> dict:
    def decode(value):
        if isinstance(value, dict):
            return Run(*value["run"]) if set(value) == {"run"} else {key: decode(item) for key, item in value.items()}
        if isinstance(value, list):
            return [decode(item) for item in value]
        return value
    return decode(json.loads(path.read_text()))


# --- the table ---------------------------------------------------------------------------------------

def size_name(size: int) -> str:
    return f"{size // MIB} MiB" if size >= MIB else f"{size // KIB} KiB"


def mb_per_s(size: int, seconds: float) -> str:
    return f"{size / seconds / 1e6:,.0f} MB/s"


def describe_run(run: Run) -> str:
    return f"{run.wall:.3f} s (CPU {run.cpu:.3f} s, {run.rss_mib:.0f} MiB)"


class Table:
    def __init__(self):
        self.lines = []
        self.targets = []

    def section(self, title, header):
        self.lines += ["", f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def row(self, *cells):
        self.lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")

    def target(self, description, value, goal, higher_is_better=True):
        met = value >= goal if higher_is_better else value <= goal
        self.targets.append(f"| {description} | {value:.2f} | {'≥' if higher_is_better else '≤'} {goal} | "
                            f"{'met' if met else '**MISSED**'} |")


def bulk_section(table: Table, bulk: dict):
    table.section("Bulk, in-process (time per call; ours and Python include one RSA-4096 private-key operation)",
                  ["operation", "size", "ours", "Python reference", "OpenSSL limit (no RSA, no format)",
                   "ours vs Python", "ours vs limit"])
    for operation in ("decrypt_string", "decrypt_string_vantage6", "decrypt_blob", "encrypt_string", "encrypt_blob"):
        limit_operation = operation.replace("_vantage6", "")
        for size in SIZES:
            ours, python = bulk[f"ours/{operation}/{size}"], bulk[f"python/{operation}/{size}"]
            limit = bulk[f"limit/{limit_operation}/{size}"]
            table.row(operation, size_name(size), f"{ours * 1e3:.3f} ms ({mb_per_s(size, ours)})", f"{python * 1e3:.3f} ms",
                      f"{limit * 1e3:.3f} ms ({mb_per_s(size, limit)})", f"{python / ours:.1f}×", f"{limit / ours:.2f}×")
    table.section("Where a 64 MiB decrypt goes (components, in-process)", ["component", "time", "throughput"])
    for name, seconds in bulk.items():
        if name.startswith("component/"):
            table.row(name.split("/")[1], f"{seconds * 1e3:.2f} ms", mb_per_s(64 * MIB, seconds))


def process_section(table: Table, processes: dict, bulk: dict):
    table.section("64 MiB, whole processes (best of 3: wall, CPU, peak RSS)",
                  ["work", "v6hsm", "Python reference", "speed-up", "OpenSSL limit (in-process)", "v6hsm vs limit"])
    limits = {"decrypt_raw": "limit/decrypt_string", "decrypt_vantage6": "limit/decrypt_string",
              "encrypt_string": "limit/encrypt_string"}
    for name, (ours, python) in processes.items():
        limit = bulk[f"{limits[name]}/{64 * MIB}"]
        table.row(name, describe_run(ours), describe_run(python), f"{python.wall / ours.wall:.1f}×", f"{limit:.3f} s",
                  f"{limit / ours.wall:.2f}×")
        table.target(f"64 MiB {name}: speed-up over Python", python.wall / ours.wall, 5 if name.startswith("encrypt") else 8)
        if name.startswith("decrypt"):
            table.target(f"64 MiB {name}: fraction of the OpenSSL limit", limit / ours.wall, 0.6)


def token_section(table: Table, token: dict):
    table.section("Token decryptions of 1 KiB payloads per second (SoftHSM2)",
                  ["key", "threads", "v6hsm TokenKey", "raw C_DecryptInit+C_Decrypt", "v6hsm vs raw"])
    for bits in (2048, 4096):
        rates = {}
        for threads in (1, 2):
            ours = token[f"token/decrypt_string_1KiB/rsa{bits}/threads:{threads}"]["items_per_second"]
            raw = token[f"raw/C_Decrypt/rsa{bits}/threads:{threads}"]["items_per_second"]
            rates[threads] = ours
            table.row(f"RSA-{bits}", threads, f"{ours:,.0f}/s", f"{raw:,.0f}/s", f"{ours / raw:.2f}×")
            if threads == 1:
                table.target(f"token RSA-{bits}: 1 thread vs raw C_Decrypt", ours / raw, 0.95)
        table.row(f"RSA-{bits}", "2 vs 1", f"{rates[2] / rates[1]:.2f}×", "", "")
        table.target(f"token RSA-{bits}: 2 threads vs 1", rates[2] / rates[1], 1.8)


def memory_section(table: Table, processes: dict, streaming: dict, wire_bytes: int):
    table.section("Memory (peak RSS)", ["run", "peak RSS", "wall", "note"])
    wire_mib = wire_bytes / MIB
    for name in ("decrypt_vantage6", "decrypt_raw"):
        ours = processes[name][0]
        table.row(f"v6hsm {name}, 64 MiB plaintext", f"{ours.rss_mib:.0f} MiB", f"{ours.wall:.3f} s",
                  f"{ours.rss_mib / wire_mib:.2f}× the {wire_mib:.0f} MiB wire size")
    table.target("64 MiB in-memory decrypt (vantage6 output): peak RSS / wire size",
                 processes["decrypt_vantage6"][0].rss_mib / wire_mib, 1.5, higher_is_better=False)
    for name, run in streaming.items():
        table.row(f"1 GiB {name}", f"{run.rss_mib:.0f} MiB", f"{run.wall:.2f} s", "")
        table.target(f"1 GiB streaming {name}: peak RSS in MiB", run.rss_mib, 64, higher_is_better=False)


def batch_section(table: Table, batch: dict):
    table.section(f"CLI: {BATCH_SIZE} payloads of 1 KiB (RSA-4096 token key)", ["run", "wall", "CPU", "speed-up"])
    separate = batch[f"{BATCH_SIZE} processes"]
    for name, run in batch.items():
        table.row(name, f"{run.wall:.2f} s", f"{run.cpu:.2f} s", f"{separate.wall / run.wall:.1f}×")
    table.target(f"decrypt --batch vs {BATCH_SIZE} processes", separate.wall / batch["batch, all cores"].wall, 10)
    table.target("decrypt --batch: all cores vs 1 thread",
                 batch["batch, 1 thread"].wall / batch["batch, all cores"].wall, 1.8)


def python_threads_section(table: Table, python_threads: dict):
    table.section("Python module: one TokenCryptor shared by threads (RSA-4096 token key)",
                  ["payload", "messages", "1 thread", "4 threads", "4 vs 1"])
    for size in (KIB, MIB):
        one, four = python_threads[f"{size}/1"], python_threads[f"{size}/4"]
        table.row(size_name(size), python_threads[f"{size}/messages"], f"{one:.3f} s", f"{four:.3f} s",
                  f"{one / four:.2f}×")
        table.target(f"Python module, {size_name(size)} payloads: 4 threads vs 1", one / four,
                     min(1.6, 0.8 * os.cpu_count()))


def make_report(measurements: dict) -> str:
    table = Table()
    bulk_section(table, measurements["bulk"])
    process_section(table, measurements["processes"], measurements["bulk"])
    token_section(table, measurements["token"])
    memory_section(table, measurements["processes"], measurements["streaming"], measurements["wire_bytes"])
    batch_section(table, measurements["batch"])
    if "python_threads" in measurements:  # absent from measurements saved before this stage existed
        python_threads_section(table, measurements["python_threads"])
    targets = ["", "### Targets", "", "| target | measured | goal | |", "|---|---|---|---|", *table.targets]
    return "\n".join(table.lines + targets)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", required=True, type=Path, help="a Release build with -DV6HSM_BUILD_BENCH=ON")
    parser.add_argument("--results", type=Path, help="write the table to this Markdown file too")
    parser.add_argument("--quick", action="store_true", help="shorter runs, for checking the script itself")
    parser.add_argument("--report-only", action="store_true",
                        help="redo the table from the measurements the last run saved in the build directory")
    args = parser.parse_args()
    saved = args.build / "bench-measurements.json"
    if args.report_only:
        measurements = load_measurements(saved)
    else:
        measurements = measure_everything(args.build, args.quick)
        save_measurements(measurements, saved)
    report = make_report(measurements)
    print(report)
    if args.results:
        notes_file = ROOT / "bench" / "NOTES.md"
        notes = notes_file.read_text() if notes_file.exists() else ""
        args.results.write_text("# v6hsm benchmark results\n\nWritten by `scripts/bench` (bench/compare.py).\n\n" +
                                "\n".join(measurements["machine"]) + "\n" + report + "\n\n" + notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
