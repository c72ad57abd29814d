"""Fixtures shared by the Python tests of the v6hsm module.

  SoftHsmSandbox   a throwaway SoftHSM2 token directory: temp dir, softhsm2.conf, SOFTHSM2_CONF pointing at
                   it (the user's own tokens are never touched); tokens are made with v6hsm.init_token
  TestServer       the bundled vantage6-compatible server (tests/support/v6server.py) on 127.0.0.1
  VECTORS          tests/data/vantage6-vectors.json, with the throwaway test keys A (2048) and B (4096)
  reference        the independent Python vantage6 reference (tests/interop/vantage6_reference.py)

The PINs are test values passed to v6hsm the way real PINs are: as env: sources.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3"
VECTORS = json.loads((SOURCE_DIR / "tests" / "data" / "vantage6-vectors.json").read_text(encoding="utf-8"))

sys.path.insert(0, str(SOURCE_DIR / "tests" / "interop"))
import vantage6_reference as reference  # noqa: E402  (the reference lives outside this folder)

import v6hsm  # noqa: E402

SO_PIN_VARIABLE = "V6HSM_PYTEST_SO_PIN"
USER_PIN_VARIABLE = "V6HSM_PYTEST_USER_PIN"
USER_PIN = "sandbox-user-pin"
PIN_SOURCE = "env:" + USER_PIN_VARIABLE
# v6hsm falls back to these; a developer's own settings must not leak into the tests.
V6HSM_FALLBACK_VARIABLES = ("V6HSM_MODULE", "V6HSM_TOKEN", "V6HSM_URI", "V6HSM_PIN_SOURCE")


def vector(vector_id):
    return next(item for item in VECTORS["vectors"] if item["id"] == vector_id)


def test_private_key(name):
    """The reference's in-memory private key for test key A or B."""
    return reference.load_private_key(VECTORS["keys"][name]["private_pem_pkcs1"].encode())


class SoftHsmSandbox:
    """A temporary SoftHSM2 token directory that is the only one v6hsm sees until close()."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="v6hsm-python-"))
        token_directory = self.directory / "tokens"
        token_directory.mkdir()
        config = self.directory / "softhsm2.conf"
        config.write_text(f"directories.tokendir = {token_directory}\nobjectstore.backend = file\n"
                          "log.level = ERROR\nslots.removable = false\n", encoding="utf-8")
        self._saved = {name: os.environ.get(name)
                       for name in ("SOFTHSM2_CONF", SO_PIN_VARIABLE, USER_PIN_VARIABLE) + V6HSM_FALLBACK_VARIABLES}
        for name in V6HSM_FALLBACK_VARIABLES:
            os.environ.pop(name, None)
        os.environ["SOFTHSM2_CONF"] = str(config)
        os.environ[SO_PIN_VARIABLE] = "sandbox-so-pin"
        os.environ[USER_PIN_VARIABLE] = USER_PIN

    def create_token(self, label):
        return v6hsm.init_token(label, so_pin_source="env:" + SO_PIN_VARIABLE, pin_source=PIN_SOURCE)["token"]

    def import_test_key(self, token, name, label="vantage6"):
        """Imports test key A or B through a PEM file that only exists for the duration of the import."""
        pem_path = self.directory / f"key-{name}.pem"
        descriptor = os.open(pem_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as pem:
            pem.write(VECTORS["keys"][name]["private_pem_pkcs1"])
        try:
            return v6hsm.import_key(str(pem_path), token=token, key=label, pin_source=PIN_SOURCE)
        finally:
            pem_path.unlink()

    def close(self):
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(self.directory, ignore_errors=True)


def sandbox_with_test_key(token="org", name="A"):
    """A sandbox holding one token with test key A or B under the default label "vantage6"."""
    sandbox = SoftHsmSandbox()
    sandbox.create_token(token)
    sandbox.import_test_key(token, name)
    return sandbox


class TestServer:
    """tests/support/v6server.py with a seed; stops with close() or when this process dies (stdin EOF)."""

    def __init__(self, seed):
        command = [PYTHON, "-B", str(SOURCE_DIR / "tests" / "support" / "v6server.py"), "--seed-json",
                   json.dumps(seed), "--exit-on-stdin-eof"]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        first_line = self.process.stdout.readline().split()
        if first_line[:2] != ["listening", "127.0.0.1"]:
            self.close()
            raise RuntimeError(f"the test server did not start: {first_line!r}")
        self.url = f"http://127.0.0.1:{first_line[2]}/api"

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdin.close()
        self.process.stdout.close()
