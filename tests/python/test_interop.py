"""Interop in both directions between TokenCryptor (key on a SoftHSM2 token) and the independent Python
vantage6 reference (tests/interop/vantage6_reference.py)."""

import json
import os
import unittest

from v6hsm_test_support import PIN_SOURCE, reference, sandbox_with_test_key, test_private_key, v6hsm

sandbox = None
cryptor = None


def setUpModule():
    global sandbox, cryptor
    sandbox = sandbox_with_test_key()
    cryptor = v6hsm.TokenCryptor(token="org", pin_source=PIN_SOURCE)


def tearDownModule():
    global cryptor
    cryptor = None
    sandbox.close()


def json_plaintexts():
    """JSON of several sizes, the kind of plaintext vantage6's string form carries (up to 1 MiB)."""
    return [json.dumps({"data": "x" * size}).encode() for size in (0, 1, 100, 4096, 1 << 20)] + [b"[]"]


def binary_plaintexts():
    return [b"", b"\x00", os.urandom(31), os.urandom(1 << 20)]


class ReferenceToToken(unittest.TestCase):
    """The reference encrypts for the token key's published string; TokenCryptor decrypts."""

    def setUp(self):
        self.public_key = reference.load_public_key(cryptor.public_key_str)

    def test_string_form(self):
        for plaintext in json_plaintexts():
            with self.subTest(size=len(plaintext)):
                self.assertEqual(cryptor.decrypt(reference.encrypt_to_string(plaintext, self.public_key)), plaintext)

    def test_web_ui_style_string_form(self):
        for plaintext in json_plaintexts():
            with self.subTest(size=len(plaintext)):
                wire = reference.encrypt_to_string(plaintext, self.public_key, ui_style=True)
                self.assertEqual(cryptor.decrypt_str_to_bytes(wire), plaintext)

    def test_blob_form(self):
        for plaintext in binary_plaintexts():
            with self.subTest(size=len(plaintext)):
                blob = reference.encrypt_to_blob(plaintext, self.public_key)
                self.assertEqual(cryptor.decrypt_bytes_blob_storage(blob), plaintext)
                self.assertEqual(cryptor.decrypt_bytes_blob_storage(bytearray(blob)), plaintext)
                self.assertEqual(cryptor.decrypt_bytes_blob_storage(memoryview(blob)), plaintext)


class TokenToReference(unittest.TestCase):
    """TokenCryptor encrypts for another organization's key string; the reference decrypts."""

    def setUp(self):
        self.recipient = test_private_key("B")
        self.recipient_string = reference.public_key_api_string(self.recipient.public_key())

    def test_string_form(self):
        for plaintext in json_plaintexts() + binary_plaintexts():
            with self.subTest(size=len(plaintext)):
                wire = cryptor.encrypt_bytes_to_str(plaintext, self.recipient_string)
                self.assertIsInstance(wire, str)
                self.assertEqual(wire.count("$"), 2)
                self.assertEqual(reference.decrypt_string(self.recipient, wire), plaintext)

    def test_blob_form(self):
        for plaintext in binary_plaintexts():
            with self.subTest(size=len(plaintext)):
                blob = cryptor.encrypt_bytes_to_str(plaintext, self.recipient_string, skip_base64_encoding_of_msg=True)
                self.assertIsInstance(blob, bytes)
                self.assertEqual(reference.decrypt_blob(self.recipient, blob), plaintext)

    def test_vantage6_decrypts_our_json_with_its_heuristics(self):
        plaintext = json.dumps({"average": 43.5, "count": 120}).encode()
        wire = cryptor.encrypt_bytes_to_str(plaintext, self.recipient_string)
        self.assertEqual(reference.decrypt_string(self.recipient, wire, heuristics=True), plaintext)

    def test_a_freshly_generated_reference_key(self):
        recipient = reference.generate_private_key(2048)
        wire = cryptor.encrypt_bytes_to_str(b'{"a": 1}', reference.public_key_api_string(recipient.public_key()))
        self.assertEqual(reference.decrypt_string(recipient, wire), b'{"a": 1}')

    def test_every_message_has_a_fresh_key_and_iv(self):
        first = cryptor.encrypt_bytes_to_str(b"{}", self.recipient_string)
        second = cryptor.encrypt_bytes_to_str(b"{}", self.recipient_string)
        self.assertNotEqual(first.split("$")[:2], second.split("$")[:2])


class TokenToItself(unittest.TestCase):
    def test_round_trip_through_our_own_published_key(self):
        for plaintext in json_plaintexts():
            with self.subTest(size=len(plaintext)):
                self.assertEqual(cryptor.decrypt(cryptor.encrypt_bytes_to_str(plaintext, cryptor.public_key_str)),
                                 plaintext)

    def test_the_token_key_and_the_pem_key_are_the_same_key(self):
        self.assertEqual(cryptor.public_key_str,
                         reference.public_key_api_string(test_private_key("A").public_key()))


if __name__ == "__main__":
    unittest.main()
