"""Bad input gives the documented exception with a clear message, and never a secret in it."""

import os
import unittest
import uuid

from v6hsm_test_support import (PIN_SOURCE, USER_PIN, VECTORS, TestServer, reference, sandbox_with_test_key, v6hsm,
                                vector)

UNIFORM_MESSAGE = "decryption failed: the payload is malformed, corrupted, or was not encrypted for this key"
WRONG_PIN = "wrong-pin-4711"
WRONG_PIN_VARIABLE = "V6HSM_PYTEST_WRONG_PIN"

sandbox = None
cryptor = None


def setUpModule():
    global sandbox, cryptor
    sandbox = sandbox_with_test_key()
    # A token nobody logs in to: PKCS#11 logins are per process, so a wrong PIN must meet a logged-out token.
    sandbox.create_token("pin-test")
    cryptor = v6hsm.TokenCryptor(token="org", pin_source=PIN_SOURCE)


def tearDownModule():
    global cryptor
    cryptor = None
    sandbox.close()


def flip_character(text, index):
    return text[:index] + ("A" if text[index] != "A" else "B") + text[index + 1:]


class TokenErrors(unittest.TestCase):
    def test_wrong_pin_raises_pin_error_naming_the_pkcs11_failure(self):
        os.environ[WRONG_PIN_VARIABLE] = WRONG_PIN
        self.addCleanup(os.environ.pop, WRONG_PIN_VARIABLE)
        with self.assertRaises(v6hsm.PinError) as raised:
            v6hsm.TokenCryptor(token="pin-test", pin_source="env:" + WRONG_PIN_VARIABLE)
        error = raised.exception
        self.assertIsInstance(error, v6hsm.TokenError)
        self.assertEqual((error.function, error.code, error.code_name), ("C_Login", 0xA0, "CKR_PIN_INCORRECT"))
        self.assertEqual(error.kind, "token")
        message = str(error)
        for expected in ("C_Login", "CKR_PIN_INCORRECT", "0x000000A0", "pin-test", "env:" + WRONG_PIN_VARIABLE):
            self.assertIn(expected, message)
        self.assertNotIn(WRONG_PIN, message)

    def test_missing_token_raises_not_found_listing_the_tokens_there(self):
        with self.assertRaises(v6hsm.NotFoundError) as raised:
            v6hsm.TokenCryptor(token="no-such-token", pin_source=PIN_SOURCE)
        self.assertIsInstance(raised.exception, LookupError)
        self.assertIn("no-such-token", str(raised.exception))
        self.assertIn("'org'", str(raised.exception))

    def test_missing_key_raises_not_found(self):
        with self.assertRaises(v6hsm.NotFoundError) as raised:
            v6hsm.TokenCryptor(token="org", key="no-such-key", pin_source=PIN_SOURCE)
        self.assertIn("no-such-key", str(raised.exception))

    def test_missing_module_raises_input_error(self):
        with self.assertRaises(v6hsm.InputError) as raised:
            v6hsm.TokenCryptor(module="/nonexistent/libpkcs11.so", token="org", pin_source=PIN_SOURCE)
        self.assertIn("/nonexistent/libpkcs11.so", str(raised.exception))


class SecretSourceErrors(unittest.TestCase):
    def test_a_pin_given_instead_of_a_source_is_refused_without_repeating_it(self):
        with self.assertRaises(v6hsm.InputError) as raised:
            v6hsm.TokenCryptor(token="org", pin_source=USER_PIN)
        self.assertIn("env:", str(raised.exception))
        self.assertNotIn(USER_PIN, str(raised.exception))

    def test_an_unset_variable_is_named(self):
        os.environ.pop("V6HSM_PYTEST_UNSET", None)
        with self.assertRaises(v6hsm.InputError) as raised:
            v6hsm.TokenCryptor(token="pin-test", pin_source="env:V6HSM_PYTEST_UNSET")
        self.assertIn("V6HSM_PYTEST_UNSET", str(raised.exception))

    def test_token_and_uri_together_are_refused(self):
        with self.assertRaises(v6hsm.InputError):
            v6hsm.TokenCryptor(token="org", uri="pkcs11:token=org", pin_source=PIN_SOURCE)

    def test_a_key_id_that_is_not_hex_is_refused(self):
        with self.assertRaises(v6hsm.InputError) as raised:
            v6hsm.TokenCryptor(token="org", key_id="xyz", pin_source=PIN_SOURCE)
        self.assertIn("key_id", str(raised.exception))


class PayloadErrors(unittest.TestCase):
    def assert_uniform_failure(self, decrypt, payload):
        with self.assertRaises(v6hsm.DecryptionError) as raised:
            decrypt(payload)
        self.assertNotIsInstance(raised.exception, v6hsm.PlaintextFormatError)
        self.assertIsInstance(raised.exception, ValueError)
        self.assertEqual(str(raised.exception), UNIFORM_MESSAGE)
        self.assertEqual(raised.exception.kind, "decryption")

    def test_corrupt_string_payloads_all_give_the_same_message(self):
        wire = vector("TV1")["wire"]
        encrypted_key, iv, body = wire.split("$")
        corrupt = {
            "flipped wrapped key": flip_character(wire, 10),
            "truncated wrapped key": encrypted_key[:-8] + "$" + iv + "$" + body,
            "short iv": encrypted_key + "$" + iv[:-4] + "$" + body,
            "body not base64": encrypted_key + "$" + iv + "$" + body + "*",
            "one separator": encrypted_key + "$" + iv,
            "not an envelope": "abc",
            "empty": "",
            "for another key": reference.encrypt_to_string(b"{}", reference.load_public_key(
                VECTORS["keys"]["B"]["public_key_api"])),
        }
        for what, payload in corrupt.items():
            with self.subTest(what):
                self.assert_uniform_failure(cryptor.decrypt, payload)
                self.assert_uniform_failure(cryptor.decrypt_str_to_bytes, payload)

    def test_corrupt_blobs_give_the_same_message(self):
        blob = bytes.fromhex(vector("TV3")["wire_hex"])
        for what, payload in {"flipped key": blob[:5] + b"A" + blob[6:], "no header": b"\x00" * 40,
                              "empty": b""}.items():
            with self.subTest(what):
                self.assert_uniform_failure(cryptor.decrypt_bytes_blob_storage, payload)

    def test_plaintext_vantage6_rejects_raises_plaintext_format_error(self):
        wire = cryptor.encrypt_bytes_to_str(b"hello world", cryptor.public_key_str)
        with self.assertRaises(v6hsm.PlaintextFormatError) as raised:
            cryptor.decrypt(wire)
        self.assertIsInstance(raised.exception, v6hsm.DecryptionError)
        self.assertNotIn("hello", str(raised.exception))

    def test_wrong_argument_types_raise_type_error(self):
        with self.assertRaises(TypeError):
            cryptor.decrypt(42)
        with self.assertRaises(TypeError):
            cryptor.decrypt_bytes_blob_storage("text")
        with self.assertRaises(TypeError):
            cryptor.decrypt_str_to_bytes(b"bytes")


class PublicKeyErrors(unittest.TestCase):
    def test_a_malformed_recipient_key_raises_input_error(self):
        for bad in ("", "not base64 at all!", "aGVsbG8gd29ybGQ="):
            with self.subTest(bad):
                with self.assertRaises(v6hsm.InputError) as raised:
                    cryptor.encrypt_bytes_to_str(b"{}", bad)
                self.assertIsInstance(raised.exception, ValueError)

    def test_undecodable_base64_raises_input_error(self):
        with self.assertRaises(v6hsm.InputError):
            cryptor.verify_public_key("abcde")
        with self.assertRaises(v6hsm.InputError):
            v6hsm.str_to_bytes("abcde")


class ServerErrors(unittest.TestCase):
    def test_unknown_api_key_raises_server_error_with_the_status(self):
        server = TestServer({"organizations": [{"id": 1, "name": "org"}],
                             "nodes": [{"id": 2, "organization": 1, "api_key": str(uuid.uuid4())}]})
        self.addCleanup(server.close)
        unknown_key = str(uuid.uuid4())
        os.environ["V6HSM_PYTEST_BAD_API_KEY"] = unknown_key
        self.addCleanup(os.environ.pop, "V6HSM_PYTEST_BAD_API_KEY")
        with self.assertRaises(v6hsm.ServerError) as raised:
            v6hsm.ServerClient(server.url, api_key_source="env:V6HSM_PYTEST_BAD_API_KEY")
        self.assertEqual(raised.exception.http_status, 401)
        self.assertIn("Api key is not recognized", str(raised.exception))
        self.assertNotIn(unknown_key, str(raised.exception))

    def test_no_server_answering_raises_server_error_without_status(self):
        with self.assertRaises(v6hsm.ServerError) as raised:
            v6hsm.ServerClient("http://127.0.0.1:9/api", api_key_source=PIN_SOURCE, connect_timeout=2, timeout=5)
        self.assertIsNone(raised.exception.http_status)

    def test_no_credentials_raises_input_error(self):
        with self.assertRaises(v6hsm.InputError):
            v6hsm.ServerClient("http://127.0.0.1:9/api")


if __name__ == "__main__":
    unittest.main()
