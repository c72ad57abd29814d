#!/usr/bin/python3
"""An independent reference of vantage6's payload cryptography, written from docs/vantage6-protocol.md §1.

It reproduces what vantage6's RSACryptor and DummyCryptor put on the wire and how they read it back
(including the lenient base64 decoder and the web-UI heuristics of §1.6), so v6hsm can be checked against
a second implementation in both directions. It shares no code with v6hsm: only Python's standard library
and pyca/cryptography (python3-cryptography on Debian 12).

Subcommands (every secret stays in files, never on the command line):
  genkey        --bits N --out PEM [--format pkcs1|pkcs8]
  pubkey        --key PRIVATE_PEM [--pem-out FILE] [--api-out FILE]
  encrypt       --pub PEM_OR_API_FILE --in FILE --out FILE [--blob] [--ui]
  decrypt       --key PRIVATE_PEM --in FILE --out FILE [--blob] [--vantage6]
  dummy-encrypt --in FILE --out FILE
  dummy-decrypt --in FILE --out FILE
  batch         --jobs JSON_FILE|-      one process for many jobs (Python start-up costs ~100 ms)

A batch job is an object {"op": SUBCOMMAND, OPTION: VALUE, ...} whose options are the subcommand's long
options without dashes ("in", "out", "pem-out"...); true turns a flag on. The batch prints one JSON result
per job, in order: {"ok": true} or {"ok": false, "error": EXCEPTION_TYPE, "message": TEXT}. A failing job
does not stop the batch, so expected failures (vantage6 raising on a plaintext) can be checked.
"""

import argparse
import base64
import functools
import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SEPARATOR = "$"
SHARED_KEY_LENGTH = 32
IV_LENGTH = 16
ENCODING = "utf-8"
PUBLIC_EXPONENT = 65537


# --- base64, as vantage6's bytes_to_base64s / base64s_to_bytes (§1.2) -----------------------------------

def bytes_to_base64s(data: bytes) -> str:
    return base64.b64encode(data).decode(ENCODING)


def base64s_to_bytes(text) -> bytes:
    """Python's lenient decoder: drops characters outside the alphabet, stops at the first padding."""
    if isinstance(text, str):
        text = text.encode(ENCODING)
    return base64.b64decode(text)


# --- keys (§1.3, §1.4) ------------------------------------------------------------------------------------

def generate_private_key(bits: int) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=bits)


def private_key_pem(key: rsa.RSAPrivateKey, pem_format: str) -> bytes:
    formats = {"pkcs1": serialization.PrivateFormat.TraditionalOpenSSL,
               "pkcs8": serialization.PrivateFormat.PKCS8}
    return key.private_bytes(serialization.Encoding.PEM, formats[pem_format],
                             serialization.NoEncryption())


@functools.lru_cache(maxsize=16)
def load_private_key(pem: bytes) -> rsa.RSAPrivateKey:
    return serialization.load_pem_private_key(pem, password=None)


def public_key_pem(public_key: rsa.RSAPublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.PEM,
                                   serialization.PublicFormat.SubjectPublicKeyInfo)


def public_key_api_string(public_key: rsa.RSAPublicKey) -> str:
    return bytes_to_base64s(public_key_pem(public_key))


def load_public_key(text: str) -> rsa.RSAPublicKey:
    """A PEM, or the server's API value (base64 of a PEM), as RSACryptor._load_public_key reads it."""
    pem = text.encode(ENCODING) if text.lstrip().startswith("-----BEGIN") else base64s_to_bytes(text)
    try:
        return serialization.load_pem_public_key(pem)
    except ValueError as error:
        raise ValueError("Invalid public key provided for encryption.") from error


# --- encryption (§1.5, §1.7, §1.10) -------------------------------------------------------------------

def aes_ctr(key: bytes, iv: bytes, data: bytes) -> bytes:
    # CTR is its own inverse; pyca takes the IV as the full 128-bit counter block.
    transform = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
    return transform.update(data) + transform.finalize()


def seal(plaintext: bytes, public_key: rsa.RSAPublicKey, ui_style: bool):
    """Returns (EK, IV, C). The web UI wraps the base64 text of the key and encrypts base64(plaintext)."""
    shared_key = os.urandom(SHARED_KEY_LENGTH)
    iv = os.urandom(IV_LENGTH)
    wrapped = bytes_to_base64s(shared_key).encode(ENCODING) if ui_style else shared_key
    payload = bytes_to_base64s(plaintext).encode(ENCODING) if ui_style else plaintext
    encrypted_key = public_key.encrypt(wrapped, padding.PKCS1v15())
    return encrypted_key, iv, aes_ctr(shared_key, iv, payload)


def envelope_header(encrypted_key: bytes, iv: bytes) -> str:
    return bytes_to_base64s(encrypted_key) + SEPARATOR + bytes_to_base64s(iv) + SEPARATOR


def encrypt_to_string(plaintext: bytes, public_key: rsa.RSAPublicKey, ui_style: bool = False) -> str:
    encrypted_key, iv, ciphertext = seal(plaintext, public_key, ui_style)
    return envelope_header(encrypted_key, iv) + bytes_to_base64s(ciphertext)


def encrypt_to_blob(plaintext: bytes, public_key: rsa.RSAPublicKey, ui_style: bool = False) -> bytes:
    encrypted_key, iv, ciphertext = seal(plaintext, public_key, ui_style)
    return envelope_header(encrypted_key, iv).encode("ascii") + ciphertext


# --- decryption (§1.6, §1.7) --------------------------------------------------------------------------

def split_string_envelope(wire: str):
    parts = wire.split(SEPARATOR, 2)
    if len(parts) != 3:
        raise ValueError("Header format is invalid — expected three parts separated by '$'.")
    return tuple(base64s_to_bytes(part) for part in parts)


def split_blob_envelope(blob: bytes):
    first = blob.find(b"$")
    second = blob.find(b"$", first + 1) if first >= 0 else -1
    if second < 0:
        raise ValueError("Header format is invalid — expected three parts separated by '$'.")
    return base64s_to_bytes(blob[:first]), base64s_to_bytes(blob[first + 1:second]), blob[second + 1:]


def recover_shared_key(private_key: rsa.RSAPrivateKey, encrypted_key: bytes) -> bytes:
    recovered = private_key.decrypt(encrypted_key, padding.PKCS1v15())
    try:
        text = recovered.decode(ENCODING)
    except UnicodeDecodeError:
        pass  # a raw key, as Python clients and nodes send it
    else:
        recovered = base64s_to_bytes(text)  # the web UI wraps the base64 text; binascii.Error escapes
    if len(recovered) != SHARED_KEY_LENGTH:
        raise ValueError(f"Decrypted AES key length is {len(recovered)} bytes, expected "
                         f"{SHARED_KEY_LENGTH}")
    return recovered


def open_envelope(private_key: rsa.RSAPrivateKey, encrypted_key: bytes, iv: bytes,
                  ciphertext: bytes) -> bytes:
    return aes_ctr(recover_shared_key(private_key, encrypted_key), iv, ciphertext)


def vantage6_plaintext(aes_output: bytes) -> bytes:
    """JSON text stays as it is, other UTF-8 text is base64-decoded, anything else raises."""
    text = aes_output.decode(ENCODING)  # UnicodeDecodeError escapes, as in vantage6
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return base64s_to_bytes(text)
    return aes_output


def decrypt_string(private_key: rsa.RSAPrivateKey, wire: str, heuristics: bool = False) -> bytes:
    plaintext = open_envelope(private_key, *split_string_envelope(wire))
    return vantage6_plaintext(plaintext) if heuristics else plaintext


def decrypt_blob(private_key: rsa.RSAPrivateKey, blob: bytes) -> bytes:
    return open_envelope(private_key, *split_blob_envelope(blob))


# --- DummyCryptor (§1.8) ------------------------------------------------------------------------------

def dummy_encrypt(plaintext: bytes) -> str:
    return bytes_to_base64s(plaintext)


def dummy_decrypt(wire: str) -> bytes:
    return base64s_to_bytes(wire)


# --- command line -------------------------------------------------------------------------------------

def read_private_key(path: str) -> rsa.RSAPrivateKey:
    return load_private_key(Path(path).read_bytes())


def command_genkey(args):
    Path(args.out).write_bytes(private_key_pem(generate_private_key(args.bits), args.format))


def command_pubkey(args):
    public_key = read_private_key(args.key).public_key()
    if args.pem_out:
        Path(args.pem_out).write_bytes(public_key_pem(public_key))
    if args.api_out:
        Path(args.api_out).write_text(public_key_api_string(public_key), encoding="ascii")


def command_encrypt(args):
    public_key = load_public_key(Path(args.pub).read_text(encoding=ENCODING))
    plaintext = Path(getattr(args, "in")).read_bytes()
    if args.blob:
        Path(args.out).write_bytes(encrypt_to_blob(plaintext, public_key, args.ui))
    else:
        Path(args.out).write_text(encrypt_to_string(plaintext, public_key, args.ui), encoding="ascii")


def command_decrypt(args):
    private_key = read_private_key(args.key)
    source = Path(getattr(args, "in"))
    if args.blob:
        plaintext = decrypt_blob(private_key, source.read_bytes())
    else:
        plaintext = decrypt_string(private_key, source.read_text(encoding=ENCODING), args.vantage6)
    Path(args.out).write_bytes(plaintext)


def command_dummy_encrypt(args):
    Path(args.out).write_text(dummy_encrypt(Path(getattr(args, "in")).read_bytes()), encoding="ascii")


def command_dummy_decrypt(args):
    Path(args.out).write_bytes(dummy_decrypt(Path(getattr(args, "in")).read_text(encoding=ENCODING)))


def job_arguments(job: dict) -> list:
    """Turns a batch job object into the argument list of the equivalent single command."""
    options = dict(job)
    arguments = [str(options.pop("op"))]
    for name, value in options.items():
        if value is True:
            arguments.append(f"--{name}")
        elif value is not False:
            arguments += [f"--{name}", str(value)]
    return arguments


class JobError(Exception):
    """A batch job whose options do not parse."""


class BatchArgumentParser(argparse.ArgumentParser):
    # argparse exits on a usage error; in a batch that must fail one job, not the whole process.
    def error(self, message):
        raise JobError(message)


def run_job(parser: argparse.ArgumentParser, job) -> dict:
    try:
        if not isinstance(job, dict) or "op" not in job or job["op"] == "batch":
            raise JobError('a job is an object with an "op" other than "batch"')
        args = parser.parse_args(job_arguments(job))
        args.handler(args)
    except Exception as error:  # the job's outcome is reported, whatever it is
        return {"ok": False, "error": type(error).__name__, "message": str(error)}
    return {"ok": True}


def command_batch(args):
    source = sys.stdin if args.jobs == "-" else open(args.jobs, encoding=ENCODING)
    with source:
        jobs = json.load(source)
    if not isinstance(jobs, list):
        raise ValueError("the batch file must hold a JSON list of jobs")
    parser = build_parser(BatchArgumentParser)
    json.dump([run_job(parser, job) for job in jobs], sys.stdout)
    sys.stdout.write("\n")


def add_in_out(command):
    command.add_argument("--in", required=True, help="input file")
    command.add_argument("--out", required=True, help="output file")


def build_parser(parser_class=argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser = parser_class(prog="vantage6_reference.py",
                          description="Reference of vantage6's payload cryptography (tests only).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=parser_class)

    genkey = commands.add_parser("genkey", help="generate an RSA private key PEM, as vantage6 does")
    genkey.add_argument("--bits", type=int, default=4096)
    genkey.add_argument("--out", required=True)
    genkey.add_argument("--format", choices=("pkcs1", "pkcs8"), default="pkcs1")
    genkey.set_defaults(handler=command_genkey)

    pubkey = commands.add_parser("pubkey", help="export the SPKI PEM and the API string of a key")
    pubkey.add_argument("--key", required=True, help="private key PEM")
    pubkey.add_argument("--pem-out")
    pubkey.add_argument("--api-out")
    pubkey.set_defaults(handler=command_pubkey)

    encrypt = commands.add_parser("encrypt", help="encrypt like RSACryptor.encrypt_bytes_to_str")
    encrypt.add_argument("--pub", required=True, help="file with a public key PEM or API string")
    add_in_out(encrypt)
    encrypt.add_argument("--blob", "--raw", action="store_true", help="raw blob-storage form")
    encrypt.add_argument("--ui", action="store_true", help="wrap like the vantage6 web UI")
    encrypt.set_defaults(handler=command_encrypt)

    decrypt = commands.add_parser("decrypt", help="decrypt like RSACryptor (raw AES output by default)")
    decrypt.add_argument("--key", required=True, help="private key PEM")
    add_in_out(decrypt)
    decrypt.add_argument("--blob", "--raw", action="store_true", help="raw blob-storage form")
    decrypt.add_argument("--vantage6", action="store_true",
                         help="apply vantage6's JSON/base64 plaintext heuristics (string form)")
    decrypt.set_defaults(handler=command_decrypt)

    dummy_enc = commands.add_parser("dummy-encrypt", help="DummyCryptor: base64 of the plaintext")
    add_in_out(dummy_enc)
    dummy_enc.set_defaults(handler=command_dummy_encrypt)

    dummy_dec = commands.add_parser("dummy-decrypt", help="DummyCryptor: lenient base64 decode")
    add_in_out(dummy_dec)
    dummy_dec.set_defaults(handler=command_dummy_decrypt)

    batch = commands.add_parser("batch", help="run a JSON list of jobs in this one process")
    batch.add_argument("--jobs", required=True, help="JSON file, or - for standard input")
    batch.set_defaults(handler=command_batch)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except Exception as error:  # a tool: report what failed instead of a traceback
        print(f"vantage6_reference.py {args.command}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
