#!/usr/bin/python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from tests/data/vantage6-vectors.json.

The recorded vectors give the parsers real vantage6 input; envelopes freshly encrypted for fuzz_key.pem
(with the independent Python reference) let the fuzzer reach AES and the plaintext heuristics, which
no random input gets past RSA to. Encryption is randomized, so re-running replaces the envelope seeds.

Run: /usr/bin/python3 -B fuzz/make_corpus.py [TARGET...]   (all targets when none is named)
"""

import base64
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


def jwt_segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims: dict) -> str:
    header = jwt_segment(b'{"alg":"HS256","typ":"JWT"}')
    return f"{header}.{jwt_segment(json.dumps(claims).encode())}.c2lnbmF0dXJl"


# Claims shaped like flask-jwt-extended's in vantage6 4.x (appendix of docs/vantage6-protocol.md).
JWT_CLAIMS = [
    {"fresh": False, "iat": 1700000000, "jti": "f1c2", "type": "access", "sub": 3, "nbf": 1700000000,
     "exp": 1700021600, "client_type": "node", "roles": []},
    {"type": "access", "sub": 2, "client_type": "user", "roles": ["Root"]},
    {"sub": "3"}, {"sub": 0}, {"sub": 2147483648}, {"sub": 1.5}, {}, [],
]


def jwt_subject_seeds():
    # The target reads its input both as a whole token and as the claims of a token built around it.
    tokens = [jwt(claims).encode() for claims in JWT_CLAIMS]
    claims = [json.dumps(claims).encode() for claims in JWT_CLAIMS]
    return tokens + claims + [b"not.a.jwt", b"a.b", b"", b"..", b"x.e30.y"]


def server_answer_seeds():
    """Response bodies behind one status byte (the target's index into its status list: 4 is 401)."""
    access, refresh = jwt(JWT_CLAIMS[0]), jwt(JWT_CLAIMS[1])
    pem = VECTORS["keys"][next(iter(VECTORS["keys"]))]["public_pem"].encode()
    bodies = [
        {"access_token": access, "refresh_token": refresh, "refresh_url": "/api/token/refresh", "node_url": "/api/node/3"},
        {"access_token": access, "refresh_token": refresh, "refresh_url": "/api/token/refresh", "user_url": "/api/user/2"},
        {"access_token": access, "expires_in": 300, "token_type": "Bearer", "scope": "profile email"},
        {"qr_uri": "otpauth://totp/vantage6:alice?secret=ABC", "otp_secret": "ABC", "msg": "Please scan the QR code"},
        {"msg": "Please include your two-factor authentication code"},
        {"type": "node", "id": 3, "config": [], "organization": {"id": 2, "link": "/api/organization/2"},
         "collaboration": {"id": 1}, "ip": None, "status": None},
        {"id": 2, "username": "alice", "organization": {"id": 1}},
        {"public_key": "", "id": 2, "name": "org-alpha", "domain": "alpha.example", "address2": None},
        {"public_key": base64.b64encode(pem).decode(), "id": 1, "name": "org-beta"},
        {"public_key": "YWJj", "id": 9},
        {"version": "4.14.0"},
        {"msg": "Request body is incorrect", "errors": {"public_key": ["Not a valid string."]}},
        {"error": "invalid_client", "error_description": "Invalid client or Invalid client credentials"},
    ]
    statuses = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 4]
    seeds = [bytes([status]) + json.dumps(body).encode() for status, body in zip(statuses, bodies)]
    compact_errors = [(4, b'{"msg":"Token has expired"}'), (4, b'{"msg":"Missing Authorization Header"}'),
                      (4, b'{"msg": "Api key is not recognized!"}'), (6, b'{"msg": "Realm does not exist"}'),
                      (8, b'{"msg":"An unexpected error occurred on the server!"}'), (10, b"<html>502</html>"),
                      (1, b'{"access_token": "a", "refr'), (7, b"")]
    return seeds + [bytes([status]) + body for status, body in compact_errors]


def pkcs11_uri_seeds():
    return [uri.encode() for uri in [
        "pkcs11:token=org;object=vantage6;type=private",
        "pkcs11:token=My%20Token;id=%01%02%03?pin-source=file:/run/secrets/pin",
        "pkcs11:serial=1a2b3c4d;slot-id=7;manufacturer=SoftHSM%20project;model=SoftHSM%20v2",
        "pkcs11:object=k?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=1234",
        "pkcs11:type=cert;x-vendor=1?module-name=softhsm2",
        "PKCS11:token=a", "pkcs11:", "pkcs11:token=a;token=b", "pkcs11:token=%zz", "pkcs11:slot-id=-1",
        "pkcs11:library-version=1", "pkcs11:token",
    ]]


def write_corpus(target: str, seeds) -> None:
    directory = ROOT / "fuzz" / "corpus" / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for seed in seeds:
        (directory / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
    print(f"{target}: {len(list(directory.iterdir()))} seeds")


CORPORA = {
    "fuzz_envelope_string": envelope_string_seeds,
    "fuzz_envelope_blob": envelope_blob_seeds,
    "fuzz_base64": base64_seeds,
    "fuzz_public_key": public_key_seeds,
    "fuzz_vantage6_plaintext": vantage6_plaintext_seeds,
    "fuzz_pkcs11_uri": pkcs11_uri_seeds,
    "fuzz_server_answers": server_answer_seeds,
    "fuzz_jwt_subject": jwt_subject_seeds,
}


def main() -> None:
    """Writes the corpora named on the command line, or all of them."""
    targets = sys.argv[1:] or list(CORPORA)
    unknown = [target for target in targets if target not in CORPORA]
    if unknown:
        sys.exit(f"no seeds are made for {', '.join(unknown)}; known targets: {', '.join(CORPORA)}")
    for target in targets:
        write_corpus(target, CORPORA[target]())


if __name__ == "__main__":
    main()
