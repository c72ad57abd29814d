"""Four Python threads decrypt with one TokenCryptor at once: every result is right, and the GIL is released
around the token and AES work, so calls from different threads run at the same time. The speed-up itself is
measured by scripts/bench (bench/python_threads.py), not asserted here."""

import json
import os
import sys
import threading
import time
import unittest

from v6hsm_test_support import PIN_SOURCE, sandbox_with_test_key, v6hsm

THREADS = 4
MESSAGES = 240

sandbox = None


def setUpModule():
    global sandbox
    sandbox = sandbox_with_test_key()


def tearDownModule():
    sandbox.close()


def map_in_threads(function, items, thread_count):
    """function(item) for every item, the items split into thread_count interleaved slices that run at once;
    returns the results in item order. An exception in a thread is raised here after all have joined."""
    results = [None] * len(items)
    failures = []
    start = threading.Barrier(thread_count)

    def work(first):
        try:
            start.wait()
            for index in range(first, len(items), thread_count):
                results[index] = function(items[index])
        except Exception as error:  # collected and reported by the test, not lost in the thread
            failures.append(error)

    threads = [threading.Thread(target=work, args=(first,)) for first in range(thread_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return results


def steps_of_background_work_during(step, call):
    """Runs step() over and over in a second thread and, once it has completed one, call() in this thread.
    Returns (how many steps completed during call(), call's result). The switch interval is made huge, so the
    interpreter never takes the GIL away from a thread: steps can only complete during call() if call()
    itself released the GIL."""
    completed = [0]
    stop = threading.Event()

    def repeat():
        while not stop.is_set():
            step()
            completed[0] += 1

    previous_interval = sys.getswitchinterval()
    sys.setswitchinterval(60)
    background = threading.Thread(target=repeat)
    background.start()
    try:
        while completed[0] == 0:
            time.sleep(0.001)
        before = completed[0]
        result = call()
        return completed[0] - before, result
    finally:
        stop.set()
        background.join()
        sys.setswitchinterval(previous_interval)


class ConcurrentDecryption(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.cryptor = v6hsm.TokenCryptor(token="org", pin_source=PIN_SOURCE)
        cls.plaintexts = [json.dumps({"run": index, "data": "v" * (index * 37 % 2000)}).encode()
                          for index in range(MESSAGES)]
        cls.wires = [cls.cryptor.encrypt_bytes_to_str(plaintext, cls.cryptor.public_key_str)
                     for plaintext in cls.plaintexts]

    @classmethod
    def tearDownClass(cls):
        cls.cryptor = None

    def test_four_threads_get_every_plaintext_right(self):
        self.assertEqual(map_in_threads(self.cryptor.decrypt, self.wires, THREADS), self.plaintexts)

    def test_corrupt_messages_fail_alone_while_other_threads_succeed(self):
        wires = list(self.wires[:40])
        for index in range(0, len(wires), 5):
            wires[index] = wires[index][:10] + ("A" if wires[index][10] != "A" else "B") + wires[index][11:]

        def decrypt_or_error(wire):
            try:
                return self.cryptor.decrypt(wire)
            except v6hsm.DecryptionError as error:
                return error

        outcomes = map_in_threads(decrypt_or_error, wires, THREADS)
        for index, outcome in enumerate(outcomes):
            if index % 5 == 0:
                self.assertIsInstance(outcome, v6hsm.DecryptionError)
            else:
                self.assertEqual(outcome, self.plaintexts[index])

    def long_blob(self):
        """A 32 MiB blob and its plaintext: long enough that a short step elsewhere fits many times."""
        plaintext = os.urandom(32 << 20)
        return plaintext, self.cryptor.encrypt_bytes_to_str(plaintext, self.cryptor.public_key_str,
                                                           skip_base64_encoding_of_msg=True)

    def test_other_python_threads_run_during_one_long_call(self):
        """While one call decrypts a 32 MiB blob, a Python thread keeps counting: only possible if the call
        released the GIL (a call that keeps it gives exactly 0 steps)."""
        plaintext, blob = self.long_blob()

        def count():
            time.sleep(0)  # hands the GIL back whenever the main thread wants it

        steps, result = steps_of_background_work_during(count, lambda: self.cryptor.decrypt_bytes_blob_storage(blob))
        self.assertTrue(result == plaintext)
        self.assertGreater(steps, 0)

    def test_a_second_thread_decrypts_while_a_long_call_runs(self):
        """A second thread decrypts small messages with the same cryptor while the main thread decrypts a
        32 MiB blob: only possible if the long call released the GIL and the cryptor does not serialize its
        callers (a lock around the whole cryptor also gives exactly 0 steps). How much faster threads are is
        a measurement, not a test: scripts/bench reports the Python module's 4 threads vs 1."""
        plaintext, blob = self.long_blob()
        wrong = []
        next_index = iter(range(10**9))

        def decrypt_one_small_message():
            index = next(next_index) % MESSAGES
            if self.cryptor.decrypt(self.wires[index]) != self.plaintexts[index]:
                wrong.append(index)

        steps, result = steps_of_background_work_during(decrypt_one_small_message,
                                                        lambda: self.cryptor.decrypt_bytes_blob_storage(blob))
        self.assertTrue(result == plaintext)
        self.assertEqual(wrong, [])
        self.assertGreater(steps, 0)

if __name__ == "__main__":
    unittest.main()
