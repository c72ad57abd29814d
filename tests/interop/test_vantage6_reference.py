#!/usr/bin/python3
"""Checks the Python reference against the recorded vantage6 vectors before it is trusted to judge v6hsm.

Run: /usr/bin/python3 tests/interop/test_vantage6_reference.py   (ctest runs it as v6hsm_python_reference)
"""

import binascii
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import vantage6_reference as ref  # noqa: E402

VECTORS = json.loads((HERE.parent / "data" / "vantage6-vectors.json").read_text(encoding="utf-8"))
KEYS = {name: ref.load_private_key(key["private_pem_pkcs1"].encode()) for name, key in VECTORS["keys"].items()}


def vector(vector_id: str) -> dict:
    return next(item for item in VECTORS["vectors"] if item["id"] == vector_id)


def string_vectors():
    return [item for item in VECTORS["vectors"] if "wire" in item and "key" in item]


class RecordedVectors(unittest.TestCase):
    def test_string_vectors_recover_the_recorded_shared_key(self):
        for item in string_vectors():
            with self.subTest(item["id"]):
                encrypted_key, _, _ = ref.split_string_envelope(item["wire"])
                key = ref.recover_shared_key(KEYS[item["key"]], encrypted_key)
                self.assertEqual(key.hex(), item["shared_key_hex"])

    def test_string_vectors_decrypt_to_the_recorded_iv_and_plaintext(self):
        for item in string_vectors():
            with self.subTest(item["id"]):
                _, iv, _ = ref.split_string_envelope(item["wire"])
                self.assertEqual(iv.hex(), item["iv_hex"])
                expected = item.get("plaintext", item.get("ui_plaintext_before_aes"))
                self.assertEqual(ref.decrypt_string(KEYS[item["key"]], item["wire"]), expected.encode())

    def test_ui_vector_wraps_the_base64_text_of_the_key(self):
        item = vector("TV2")
        encrypted_key, _, _ = ref.split_string_envelope(item["wire"])
        wrapped = KEYS["A"].decrypt(encrypted_key, ref.padding.PKCS1v15())
        self.assertEqual(wrapped.decode(), item["rsa_plaintext"])

    def test_ui_vector_decrypts_to_json_with_the_vantage6_heuristics(self):
        item = vector("TV2")
        self.assertEqual(ref.decrypt_string(KEYS["A"], item["wire"], heuristics=True), item["json"].encode())

    def test_blob_vector_decrypts_to_the_plaintext(self):
        item = vector("TV3")
        blob = bytes.fromhex(item["wire_hex"])
        self.assertEqual(blob, item["header"].encode() + bytes.fromhex(item["body_hex"]))
        self.assertEqual(ref.decrypt_blob(KEYS["A"], blob), item["plaintext"].encode())

    def test_dummy_vector_round_trips(self):
        item = vector("DUMMY")
        self.assertEqual(ref.dummy_decrypt(item["wire"]), item["plaintext"].encode())
        self.assertEqual(ref.dummy_encrypt(item["plaintext"].encode()), item["wire"])

    def test_public_keys_export_to_the_recorded_pem_and_api_string(self):
        for name, key in VECTORS["keys"].items():
            for pem_field in ("private_pem_pkcs1", "private_pem_pkcs8"):
                with self.subTest(key=name, pem=pem_field):
                    public_key = ref.load_private_key(key[pem_field].encode()).public_key()
                    self.assertEqual(ref.public_key_pem(public_key).decode(), key["public_pem"])
                    self.assertEqual(ref.public_key_api_string(public_key), key["public_key_api"])

    def test_api_string_and_pem_load_the_same_public_key(self):
        for key in VECTORS["keys"].values():
            from_api = ref.load_public_key(key["public_key_api"])
            from_pem = ref.load_public_key(key["public_pem"])
            self.assertEqual(from_api.public_numbers(), from_pem.public_numbers())


class Heuristics(unittest.TestCase):
    def decrypt_with_heuristics(self, plaintext: bytes) -> bytes:
        wire = ref.encrypt_to_string(plaintext, KEYS["A"].public_key())
        return ref.decrypt_string(KEYS["A"], wire, heuristics=True)

    def test_recorded_heuristics_table(self):
        for case in VECTORS["expected_decrypt_heuristics"]:
            plaintext = (case["plaintext_utf8"].encode() if "plaintext_utf8" in case
                         else bytes.fromhex(case["plaintext_hex"]))
            with self.subTest(plaintext=plaintext):
                if "vantage6_decrypt_returns_utf8" in case:
                    expected = case["vantage6_decrypt_returns_utf8"].encode()
                    self.assertEqual(self.decrypt_with_heuristics(plaintext), expected)
                elif "vantage6_decrypt_returns_hex" in case:
                    expected = bytes.fromhex(case["vantage6_decrypt_returns_hex"])
                    self.assertEqual(self.decrypt_with_heuristics(plaintext), expected)
                else:
                    with self.assertRaises((binascii.Error, UnicodeDecodeError)):
                        self.decrypt_with_heuristics(plaintext)

    def test_python_json_extensions_are_kept(self):
        for text in (b"NaN", b" 42 ", b'"str"', b"-Infinity", b"[1, 2]"):
            with self.subTest(text=text):
                self.assertEqual(self.decrypt_with_heuristics(text), text)


class Format(unittest.TestCase):
    def test_encrypted_key_lengths_match_the_spec(self):
        for name, expected_length, padding_suffix in (("A", 344, "=="), ("B", 684, "=")):
            with self.subTest(key=name):
                wire = ref.encrypt_to_string(b"x", KEYS[name].public_key())
                encoded_key, encoded_iv, _ = wire.split("$")
                self.assertEqual(len(encoded_key), expected_length)
                self.assertTrue(encoded_key.endswith(padding_suffix))
                self.assertEqual(len(encoded_iv), 24)

    def test_empty_plaintext_ends_in_separator(self):
        self.assertTrue(ref.encrypt_to_string(b"", KEYS["A"].public_key()).endswith("$"))

    def test_string_and_blob_round_trip_in_both_styles(self):
        payload = b'{"values": [1, 2, 3]}'
        for ui_style in (False, True):
            with self.subTest(ui_style=ui_style):
                wire = ref.encrypt_to_string(payload, KEYS["A"].public_key(), ui_style)
                self.assertEqual(ref.decrypt_string(KEYS["A"], wire, heuristics=True), payload)
        blob = ref.encrypt_to_blob(b"\x00\xff$raw", KEYS["A"].public_key())
        self.assertEqual(ref.decrypt_blob(KEYS["A"], blob), b"\x00\xff$raw")

    def test_missing_part_is_rejected(self):
        wire = vector("TV1")["wire"]
        with self.assertRaisesRegex(ValueError, "three parts"):
            ref.decrypt_string(KEYS["A"], wire[:wire.rindex("$")])
        with self.assertRaisesRegex(ValueError, "three parts"):
            ref.decrypt_blob(KEYS["A"], b"abc$def")

    def test_wrong_key_is_rejected(self):
        with self.assertRaises(ValueError):
            ref.decrypt_string(KEYS["B"], vector("TV1")["wire"])

    def test_invalid_public_key_is_rejected(self):
        with self.assertRaisesRegex(ValueError, "Invalid public key"):
            ref.load_public_key("bm90IGEga2V5")


class CommandLine(unittest.TestCase):
    """The CLI, as the C++ interop suite drives it: one batch process for many jobs."""

    def run_batch(self, directory: Path, jobs: list) -> list:
        jobs_file = directory / "jobs.json"
        jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
        completed = subprocess.run([sys.executable, str(HERE / "vantage6_reference.py"), "batch",
                                    "--jobs", str(jobs_file)], capture_output=True, check=True)
        return json.loads(completed.stdout)

    def test_batch_generates_exports_encrypts_and_decrypts(self):
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            (work / "plain").write_bytes(b'{"a": 1}')
            results = self.run_batch(work, [
                {"op": "genkey", "bits": 2048, "out": str(work / "key.pem"), "format": "pkcs8"},
                {"op": "pubkey", "key": str(work / "key.pem"), "api-out": str(work / "key.api")},
                {"op": "encrypt", "pub": str(work / "key.api"), "in": str(work / "plain"),
                 "out": str(work / "wire")},
                {"op": "decrypt", "key": str(work / "key.pem"), "in": str(work / "wire"),
                 "out": str(work / "back"), "vantage6": True},
                {"op": "encrypt", "pub": str(work / "key.api"), "in": str(work / "plain"),
                 "out": str(work / "blob"), "blob": True},
                {"op": "decrypt", "key": str(work / "key.pem"), "in": str(work / "blob"),
                 "out": str(work / "blob-back"), "blob": True},
            ])
            self.assertEqual(results, [{"ok": True}] * 6)
            self.assertEqual((work / "back").read_bytes(), b'{"a": 1}')
            self.assertEqual((work / "blob-back").read_bytes(), b'{"a": 1}')

    def test_batch_reports_failing_jobs_and_carries_on(self):
        with tempfile.TemporaryDirectory() as name:
            work = Path(name)
            (work / "plain").write_text("hello world", encoding="utf-8")
            results = self.run_batch(work, [
                {"op": "dummy-decrypt", "in": str(work / "plain"), "out": str(work / "out")},
                {"op": "encrypt", "in": str(work / "plain")},
                {"op": "nonsense"},
                {"op": "dummy-encrypt", "in": str(work / "plain"), "out": str(work / "dummy")},
            ])
            self.assertEqual([result["ok"] for result in results], [False, False, False, True])
            self.assertEqual(results[0]["error"], "Error")  # binascii.Error: Incorrect padding
            self.assertEqual(results[1]["error"], "JobError")
            self.assertEqual((work / "dummy").read_text(encoding="ascii"), "aGVsbG8gd29ybGQ=")

    def test_single_command_reports_errors_without_a_traceback(self):
        completed = subprocess.run([sys.executable, str(HERE / "vantage6_reference.py"), "decrypt",
                                    "--key", "/nonexistent/key.pem", "--in", "x", "--out", "y"],
                                   capture_output=True, text=True)
        self.assertEqual(completed.returncode, 1)
        self.assertIn("FileNotFoundError", completed.stderr)
        self.assertNotIn("Traceback", completed.stderr)


if __name__ == "__main__":
    unittest.main()
