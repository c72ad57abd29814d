"""Every shared vector (tests/data/vantage6-vectors.json) through TokenCryptor, with keys A and B imported
onto a throwaway SoftHSM2 token."""

import base64
import unittest

from v6hsm_test_support import PIN_SOURCE, VECTORS, SoftHsmSandbox, reference, test_private_key, v6hsm, vector

sandbox = None
cryptors = {}


def setUpModule():
    global sandbox
    sandbox = SoftHsmSandbox()
    for name in ("A", "B"):
        sandbox.create_token(f"org-{name.lower()}")
        sandbox.import_test_key(f"org-{name.lower()}", name)
        cryptors[name] = v6hsm.TokenCryptor(token=f"org-{name.lower()}", pin_source=PIN_SOURCE)


def tearDownModule():
    cryptors.clear()
    sandbox.close()


class StringVectors(unittest.TestCase):
    def test_python_style_vectors_decrypt_to_their_plaintext(self):
        for vector_id in ("TV1", "TV4", "TV5"):
            with self.subTest(vector_id):
                item = vector(vector_id)
                cryptor = cryptors[item["key"]]
                self.assertEqual(cryptor.decrypt(item["wire"]), item["plaintext"].encode())
                self.assertEqual(cryptor.decrypt_str_to_bytes(item["wire"]), item["plaintext"].encode())

    def test_web_ui_vector_goes_through_both_heuristics(self):
        item = vector("TV2")
        self.assertEqual(cryptors["A"].decrypt(item["wire"]), item["json"].encode())

    def test_the_bytes_of_the_string_form_decrypt_alike(self):
        item = vector("TV1")
        self.assertEqual(cryptors["A"].decrypt(item["wire"].encode() + b"\n"), item["plaintext"].encode())

    def test_the_unwrap_strategy_recovers_the_same_secret(self):
        cryptor = v6hsm.TokenCryptor(token="org-a", pin_source=PIN_SOURCE, strategy="unwrap")
        self.assertEqual(cryptor.key_info["strategy"], "unwrap")
        for vector_id in ("TV1", "TV2"):
            with self.subTest(vector_id):
                self.assertEqual(cryptor.decrypt(vector(vector_id)["wire"]), cryptors["A"].decrypt(vector(vector_id)["wire"]))


class BlobVector(unittest.TestCase):
    def test_blob_storage_form_returns_the_raw_plaintext(self):
        item = vector("TV3")
        blob = bytes.fromhex(item["wire_hex"])
        self.assertEqual(blob, item["header"].encode() + bytes.fromhex(item["body_hex"]))
        self.assertEqual(cryptors["A"].decrypt_bytes_blob_storage(blob), item["plaintext"].encode())
        self.assertEqual(cryptors["A"].decrypt(blob), item["plaintext"].encode())


class DummyVector(unittest.TestCase):
    def test_base64_helpers_match_the_unencrypted_wire(self):
        item = vector("DUMMY")
        self.assertEqual(v6hsm.bytes_to_str(item["plaintext"].encode()), item["wire"])
        self.assertEqual(v6hsm.str_to_bytes(item["wire"]), item["plaintext"].encode())
        self.assertEqual(v6hsm.TokenCryptor.str_to_bytes(item["wire"]), item["plaintext"].encode())

    def test_str_to_bytes_is_as_lenient_as_python(self):
        for text in ("YWJj\nZGVm", "YWJj$ZGVm", "YQ==garbage", "YWJjZA==YWJj"):
            with self.subTest(text):
                self.assertEqual(v6hsm.str_to_bytes(text), base64.b64decode(text.encode()))


class PublicKeys(unittest.TestCase):
    def test_public_key_matches_the_recorded_exports(self):
        for name, key in VECTORS["keys"].items():
            with self.subTest(name):
                self.assertEqual(cryptors[name].public_key_bytes, key["public_pem"].encode())
                self.assertEqual(cryptors[name].public_key_str, key["public_key_api"])
                self.assertEqual(cryptors[name].key_info["bits"], key["bits"])

    def test_verify_public_key_compares_exact_bytes(self):
        api_a, api_b = VECTORS["keys"]["A"]["public_key_api"], VECTORS["keys"]["B"]["public_key_api"]
        self.assertTrue(cryptors["A"].verify_public_key(api_a))
        self.assertFalse(cryptors["A"].verify_public_key(api_b))
        wrapped = "\n".join(api_a[index:index + 76] for index in range(0, len(api_a), 76))
        self.assertTrue(cryptors["A"].verify_public_key(wrapped))
        crlf_pem = VECTORS["keys"]["A"]["public_pem"].replace("\n", "\r\n").encode()
        self.assertFalse(cryptors["A"].verify_public_key(base64.b64encode(crlf_pem).decode()))


class Vantage6Heuristics(unittest.TestCase):
    def test_decrypt_returns_what_vantage6_returns_or_raises_where_it_raises(self):
        public_key = reference.load_public_key(VECTORS["keys"]["A"]["public_key_api"])
        for case in VECTORS["expected_decrypt_heuristics"]:
            plaintext = case["plaintext_utf8"].encode() if "plaintext_utf8" in case else bytes.fromhex(case["plaintext_hex"])
            wire = reference.encrypt_to_string(plaintext, public_key)
            with self.subTest(plaintext=plaintext):
                if "vantage6_decrypt_returns_utf8" in case:
                    self.assertEqual(cryptors["A"].decrypt(wire), case["vantage6_decrypt_returns_utf8"].encode())
                elif "vantage6_decrypt_returns_hex" in case:
                    self.assertEqual(cryptors["A"].decrypt(wire), bytes.fromhex(case["vantage6_decrypt_returns_hex"]))
                else:
                    with self.assertRaises(v6hsm.PlaintextFormatError):
                        cryptors["A"].decrypt(wire)
                    self.assertEqual(reference.decrypt_string(test_private_key("A"), wire), plaintext)


if __name__ == "__main__":
    unittest.main()
