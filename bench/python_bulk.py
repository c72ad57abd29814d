#!/usr/bin/python3
"""Times the independent Python vantage6 reference (tests/interop/vantage6_reference.py) in-process on the
same key and plaintext files as bench/bulk_bench.cpp, so the bulk rows compare like with like.

    python_bulk.py DATA_DIR SIZE...     prints {"<operation>/<size>": seconds per call, ...} as JSON
"""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "interop"))
import vantage6_reference as reference  # noqa: E402  (the path above makes it importable)

MIN_SECONDS = 0.5
MIN_RUNS = 3


def best_time(operation) -> float:
    """The fastest of repeated calls: at least MIN_RUNS, and until MIN_SECONDS have passed."""
    best = float("inf")
    runs = 0
    started = time.perf_counter()
    while runs < MIN_RUNS or time.perf_counter() - started < MIN_SECONDS:
        begin = time.perf_counter()
        operation()
        best = min(best, time.perf_counter() - begin)
        runs += 1
    return best


def time_size(private_key, data_dir: Path, size: int) -> dict:
    public_key = private_key.public_key()
    plaintext = (data_dir / f"plain-{size}.json").read_bytes()
    wire = reference.encrypt_to_string(plaintext, public_key)
    blob = reference.encrypt_to_blob(plaintext, public_key)
    operations = {
        "decrypt_string": lambda: reference.decrypt_string(private_key, wire),
        "decrypt_string_vantage6": lambda: reference.decrypt_string(private_key, wire, heuristics=True),
        "decrypt_blob": lambda: reference.decrypt_blob(private_key, blob),
        "encrypt_string": lambda: reference.encrypt_to_string(plaintext, public_key),
        "encrypt_blob": lambda: reference.encrypt_to_blob(plaintext, public_key),
    }
    return {f"{name}/{size}": best_time(operation) for name, operation in operations.items()}


def main(argv) -> int:
    data_dir = Path(argv[1])
    private_key = reference.read_private_key(str(data_dir / "key.pem"))
    results = {}
    for size in argv[2:]:
        results.update(time_size(private_key, data_dir, int(size)))
    json.dump(results, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
