#!/usr/bin/python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from tests/data/vantage6-vectors.json.

The recorded vectors give the parsers real vantage6 input; envelopes freshly encrypted for fuzz_key.pem
(with the independent Python reference) let the fuzzer reach AES and the plaintext heuristics, which
no random input gets past RSA to. Encryption is randomized, so re-running replaces the envelope seeds.

Run: /usr/bin/python3 -B fuzz/make_corpus.py
"""

import hashlib
import json
import shutil
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "interop"))

import vantage6_reference as ref  # noqa: E402

VECTORS = json.loads((ROOT / "tests" / "data" / "vantage6-vectors.json").read_text(encoding="utf-8"))
FUZZ_KEY = ref.load_private_key((ROOT / "fuzz" / "fuzz_key.pem").read_bytes())

PLAINTEXTS = [case["plaintext_utf8"].encode() if "plaintext_utf8" in case else bytes.fromhex(case["plaintext_hex"])
              for case in VECTORS["expected_decrypt_heuristics"]]
PLAINTEXTS += [b"", b"NaN", b" 42 ", b'"str"', b"[[[]]]", b'{"method": "partial_average", "kwargs": {}}']


def wire_vectors():
    return [item["wire"].encode() for item in VECTORS["vectors"] if "wire" in item and "key" in item]


def envelope_string_seeds():
    public_key = FUZZ_KEY.public_key()
    seeds = wire_vectors()
    for plaintext in PLAINTEXTS:
        seeds.append(ref.encrypt_to_string(plaintext, public_key).encode())
        seeds.append(ref.encrypt_to_string(plaintext, public_key, ui_style=True).encode())
    return seeds


def envelope_blob_seeds():
    public_key = FUZZ_KEY.public_key()
    seeds = [bytes.fromhex(item["wire_hex"]) for item in VECTORS["vectors"] if "wire_hex" in item]
    return seeds + [ref.encrypt_to_blob(plaintext, public_key) for plaintext in PLAINTEXTS]


def base64_seeds():
    rfc4648 = [b"", b"Zg==", b"Zm8=", b"Zm9v", b"Zm9vYg==", b"Zm9vYmE=", b"Zm9vYmFy"]
    iv_parts = [wire.split(b"$")[1] for wire in wire_vectors()]
    return rfc4648 + iv_parts + [b"YQ==junk", b"Y Q = =", b"QR==", b"Zm9v\nYmFy"]


def public_key_seeds():
    seeds = []
    for key in VECTORS["keys"].values():
        public_key = ref.load_public_key(key["public_pem"])
        pkcs1 = public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.PKCS1)
        seeds += [key["public_pem"].encode(), key["public_key_api"].encode(), pkcs1, ref.bytes_to_base64s(pkcs1).encode()]
    numbers = FUZZ_KEY.public_key().public_numbers()
    modulus = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")
    exponent = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    # from_components seed: the first byte is the modulus length (see fuzz_public_key.cpp).
    return seeds + [bytes([len(modulus)]) + modulus + exponent]


def vantage6_plaintext_seeds():
    ui_text = [item["ui_plaintext_before_aes"].encode() for item in VECTORS["vectors"]
               if "ui_plaintext_before_aes" in item]
    return PLAINTEXTS + ui_text


def write_corpus(target: str, seeds) -> None:
    directory = ROOT / "fuzz" / "corpus" / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for seed in seeds:
        (directory / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"{target}: {len(list(directory.iterdir()))} seeds")


def main() -> None:
    write_corpus("fuzz_envelope_string", envelope_string_seeds())
    write_corpus("fuzz_envelope_blob", envelope_blob_seeds())
    write_corpus("fuzz_base64", base64_seeds())
    write_corpus("fuzz_public_key", public_key_seeds())
    write_corpus("fuzz_vantage6_plaintext", vantage6_plaintext_seeds())


if __name__ == "__main__":
    main()
