#!/usr/bin/python3
"""Times the v6hsm Python module's TokenCryptor decrypting the same messages from one thread and from
several threads sharing one cryptor, on the bench token. Speed-up shows that the GIL is released around the
token and bulk work (tests/python/test_threads.py checks that calls overlap; this measures by how much).

    python_threads.py DATA_DIR TOKEN MESSAGES     prints {"<size>/<threads>": seconds for all messages, ...}

DATA_DIR is bench/compare.py's workspace (plain-<size>.json, user-pin); the module comes from PYTHONPATH.
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import v6hsm

THREAD_COUNTS = (1, 4)
ROUNDS = 3


def decrypt_with_threads(cryptor, wires, thread_count):
    """All messages through a pool of thread_count threads sharing the one cryptor."""
    with ThreadPoolExecutor(max_workers=thread_count) as pool:
        for _ in pool.map(cryptor.decrypt, wires):
            pass


def fastest(operation) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        begin = time.perf_counter()
        operation()
        best = min(best, time.perf_counter() - begin)
    return best


def main(argv) -> int:
    data_dir, token, messages = Path(argv[1]), argv[2], int(argv[3])
    cryptor = v6hsm.TokenCryptor(token=token, pin_source=f"file:{data_dir / 'user-pin'}")
    results = {}
    for size, count in ((1024, messages), (1024 * 1024, max(8, messages // 20))):
        plaintext = (data_dir / f"plain-{size}.json").read_bytes()
        wires = [cryptor.encrypt_bytes_to_str(plaintext, cryptor.public_key_str) for _ in range(count)]
        if cryptor.decrypt(wires[0]) != plaintext:
            raise RuntimeError("the Python module decrypted the bench payload wrongly")
        for threads in THREAD_COUNTS:
            results[f"{size}/{threads}"] = fastest(lambda: decrypt_with_threads(cryptor, wires, threads))
        results[f"{size}/messages"] = count
    json.dump(results, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
