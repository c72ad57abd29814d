"""The provisioning functions (list tokens and keys, create or import a key, sync with a server) on a
throwaway SoftHSM2 token; they return plain dicts shaped like the command line's --json output."""

import os
import unittest
import uuid

from v6hsm_test_support import PIN_SOURCE, VECTORS, SoftHsmSandbox, TestServer, v6hsm

PASSWORD_VARIABLE = "V6HSM_PYTEST_PASSWORD"

sandbox = None


def setUpModule():
    global sandbox
    sandbox = SoftHsmSandbox()
    sandbox.create_token("org")


def tearDownModule():
    sandbox.close()


class Tokens(unittest.TestCase):
    def test_list_tokens_shows_the_initialized_token_and_a_free_slot(self):
        listing = v6hsm.list_tokens()
        self.assertTrue(listing["module"].endswith(".so"))
        ours = [token for token in listing["tokens"] if token["label"] == "org"]
        self.assertEqual(len(ours), 1)
        self.assertTrue(ours[0]["initialized"] and ours[0]["user_pin_initialized"])
        self.assertIn("CKF_TOKEN_INITIALIZED", ours[0]["flags"])
        self.assertTrue(any(not token["initialized"] for token in listing["tokens"]))


class Keys(unittest.TestCase):
    def test_create_key_makes_a_non_extractable_decrypt_only_key_and_reuses_it(self):
        created = v6hsm.create_key(token="org", key="generated", bits=2048, pin_source=PIN_SOURCE)
        self.assertFalse(created["reused"])
        self.assertEqual(created["bits"], 2048)
        attributes = created["attributes"]
        self.assertEqual((attributes["sensitive"], attributes["extractable"], attributes["sign"]), (True, False, False))
        self.assertTrue(attributes["decrypt"] and attributes["unwrap"])
        again = v6hsm.create_key(token="org", key="generated", bits=2048, pin_source=PIN_SOURCE)
        self.assertTrue(again["reused"])
        self.assertEqual(again["fingerprint"], created["fingerprint"])

        cryptor = v6hsm.TokenCryptor(uri="pkcs11:token=org;object=generated", pin_source=PIN_SOURCE)
        self.assertEqual(cryptor.fingerprint, created["fingerprint"])
        self.assertEqual(cryptor.decrypt(cryptor.encrypt_bytes_to_str(b'{"x": 1}', cryptor.public_key_str)), b'{"x": 1}')
        by_id = v6hsm.TokenCryptor(token="org", key_id=created["id"], pin_source=PIN_SOURCE)
        self.assertEqual(by_id.fingerprint, created["fingerprint"])

    def test_import_key_keeps_the_same_key_and_refuses_a_different_one(self):
        imported = sandbox.import_test_key("org", "A", label="imported")
        self.assertFalse(imported["reused"])
        self.assertEqual(sandbox.import_test_key("org", "A", label="imported")["reused"], True)
        with self.assertRaises(v6hsm.Error) as raised:
            sandbox.import_test_key("org", "B", label="imported")
        self.assertIn("overwrite", str(raised.exception))
        cryptor = v6hsm.TokenCryptor(token="org", key="imported", pin_source=PIN_SOURCE)
        self.assertEqual(cryptor.public_key_str, VECTORS["keys"]["A"]["public_key_api"])

    def test_list_keys_shows_every_key_with_its_attributes(self):
        v6hsm.create_key(token="org", key="listed", bits=2048, pin_source=PIN_SOURCE)
        listing = v6hsm.list_keys(token="org", pin_source=PIN_SOURCE)
        self.assertEqual(listing["token"], "org")
        listed = [key for key in listing["keys"] if key["label"] == "listed"]
        self.assertEqual(len(listed), 1)
        self.assertEqual(listed[0]["warnings"], [])

    def test_a_missing_pem_file_raises_input_error(self):
        with self.assertRaises(v6hsm.InputError) as raised:
            v6hsm.import_key("/nonexistent/key.pem", token="org", pin_source=PIN_SOURCE)
        self.assertIn("/nonexistent/key.pem", str(raised.exception))


class Sync(unittest.TestCase):
    def test_sync_public_key_as_a_user_publishes_then_finds_it_current(self):
        v6hsm.create_key(token="org", key="published", bits=2048, pin_source=PIN_SOURCE)
        server = TestServer({"organizations": [{"id": 1, "name": "org"}],
                             "users": [{"id": 2, "organization": 1, "username": "alice", "password": "pw-alice",
                                        "edit_own_organization": True}]})
        self.addCleanup(server.close)
        os.environ[PASSWORD_VARIABLE] = "pw-alice"
        self.addCleanup(os.environ.pop, PASSWORD_VARIABLE)
        arguments = dict(token="org", key="published", pin_source=PIN_SOURCE, user="alice",
                         password_source="env:" + PASSWORD_VARIABLE)
        self.assertEqual(v6hsm.sync_public_key(server.url, check_only=True, **arguments)["outcome"], "absent")
        published = v6hsm.sync_public_key(server.url, **arguments)
        self.assertEqual(published["outcome"], "published")
        self.assertEqual(published["organization_id"], 1)
        self.assertIsNone(published["server_fingerprint"])
        current = v6hsm.sync_public_key(server.url, check_only=True, **arguments)
        self.assertEqual(current["outcome"], "already_current")
        self.assertEqual(current["server_fingerprint"], current["our_fingerprint"])
        with self.assertRaises(v6hsm.InputError):
            v6hsm.sync_public_key(server.url, replace=True, check_only=True, **arguments)

    def test_sync_public_key_as_a_5x_keycloak_node_with_its_timeouts(self):
        """The module function takes every ServerClient keyword: here the vantage6 5.x node flow (node_name,
        keycloak_url, realm) with explicit timeouts."""
        v6hsm.create_key(token="org", key="keycloak-node", bits=2048, pin_source=PIN_SOURCE)
        api_key = str(uuid.uuid4())
        server = TestServer({"organizations": [{"id": 3, "name": "org"}],
                             "nodes": [{"id": 4, "organization": 3, "api_key": api_key, "name": "gamma"}]})
        self.addCleanup(server.close)
        os.environ["V6HSM_PYTEST_NODE_KEY"] = api_key
        self.addCleanup(os.environ.pop, "V6HSM_PYTEST_NODE_KEY")
        arguments = dict(token="org", key="keycloak-node", pin_source=PIN_SOURCE,
                         api_key_source="env:V6HSM_PYTEST_NODE_KEY", node_name="gamma",
                         keycloak_url=server.url.removesuffix("/api"), realm="vantage6", connect_timeout=3, timeout=10)
        published = v6hsm.sync_public_key(server.url, **arguments)
        self.assertEqual((published["outcome"], published["organization_id"]), ("published", 3))
        with self.assertRaises(v6hsm.ServerError) as raised:
            v6hsm.sync_public_key(server.url, **dict(arguments, realm="no-such-realm"))
        self.assertIn("404", str(raised.exception))

    def test_node_api_key_login_through_server_client(self):
        api_key = str(uuid.uuid4())
        server = TestServer({"organizations": [{"id": 5, "name": "org"}],
                             "nodes": [{"id": 6, "organization": 5, "api_key": api_key}]})
        self.addCleanup(server.close)
        os.environ["V6HSM_PYTEST_NODE_KEY"] = api_key
        self.addCleanup(os.environ.pop, "V6HSM_PYTEST_NODE_KEY")
        client = v6hsm.ServerClient(server.url, api_key_source="env:V6HSM_PYTEST_NODE_KEY")
        self.assertEqual(client.organization_id, 5)
        self.assertEqual(client.server_version(), "4.14.0")
        self.assertEqual(client.organization_key(5), {"organization_id": 5, "public_key": "", "fingerprint": None})


if __name__ == "__main__":
    unittest.main()
