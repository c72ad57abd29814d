"""`cmake --install` of the python component puts an importable v6hsm package into a site-packages dir.

Needs V6HSM_BUILD_DIR (the build tree) and V6HSM_CMAKE (the cmake program); ctest sets both."""

import os
import subprocess
import tempfile
import unittest
from pathlib import Path

PYTHON = "/usr/bin/python3"


class Install(unittest.TestCase):
    def test_installed_package_imports_from_the_install_prefix(self):
        with tempfile.TemporaryDirectory(prefix="v6hsm-install-") as prefix:
            subprocess.run([os.environ["V6HSM_CMAKE"], "--install", os.environ["V6HSM_BUILD_DIR"], "--component",
                            "python", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
            installed = sorted(Path(prefix).rglob("v6hsm/__init__.py"))
            self.assertEqual(len(installed), 1, installed)
            site_packages = installed[0].parent.parent
            self.assertTrue(site_packages.name in ("site-packages", "dist-packages"), site_packages)
            self.assertTrue(list(site_packages.glob("v6hsm/_v6hsm*.so")))
            environment = dict(os.environ, PYTHONPATH=str(site_packages))
            probe = "import v6hsm; print(v6hsm.__file__); print(v6hsm.TokenCryptor.bytes_to_str(b'v6'))"
            lines = subprocess.run([PYTHON, "-c", probe], check=True, capture_output=True, text=True,
                                   env=environment).stdout.splitlines()
            self.assertEqual(Path(lines[0]).parent, site_packages / "v6hsm")
            self.assertEqual(lines[1], "djY=")


if __name__ == "__main__":
    unittest.main()
