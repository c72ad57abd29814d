"""A simulated vantage6 node of organization 1 whose key is on a SoftHSM2 token, against the bundled test
server: it logs in with its API key, syncs its public key, decrypts a task input that organization 2
encrypted for it, and encrypts its result for organization 2's published key. Organization 2 is played
by the independent reference with test key B and plain HTTP requests, so nothing on that side is v6hsm."""

import json
import os
import unittest
import urllib.request
import uuid

from v6hsm_test_support import PIN_SOURCE, VECTORS, SoftHsmSandbox, TestServer, reference, test_private_key, v6hsm

NODE_API_KEY = str(uuid.uuid4())
OTHER_PASSWORD = "bob-test-password"
API_KEY_VARIABLE = "V6HSM_PYTEST_API_KEY"


def seed():
    return {
        "organizations": [{"id": 1, "name": "org-alpha", "public_key": ""},
                          {"id": 2, "name": "org-beta", "public_key": VECTORS["keys"]["B"]["public_key_api"]}],
        "collaborations": [{"id": 1, "name": "collab", "organizations": [1, 2], "encrypted": True}],
        "nodes": [{"id": 3, "organization": 1, "collaboration": 1, "api_key": NODE_API_KEY, "name": "alpha"}],
        "users": [{"id": 4, "organization": 2, "username": "bob", "password": OTHER_PASSWORD}],
    }


class OtherOrganization:
    """Organization 2's user, speaking plain HTTP to the server and using the reference cryptor."""

    def __init__(self, url):
        self.url = url
        login = self.request("POST", "/token/user", {"username": "bob", "password": OTHER_PASSWORD})
        self.access_token = login["access_token"]
        self.private_key = test_private_key("B")

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "access_token", None):
            headers["Authorization"] = "Bearer " + self.access_token
        data = json.dumps(body).encode() if body is not None else None
        with urllib.request.urlopen(urllib.request.Request(self.url + path, data, headers, method=method)) as answer:
            return json.loads(answer.read())

    def encrypt_task_input(self, organization_id, plaintext):
        published = self.request("GET", f"/organization/{organization_id}")["public_key"]
        return reference.encrypt_to_string(plaintext, reference.load_public_key(published))

    def decrypt_result(self, wire):
        return reference.decrypt_string(self.private_key, wire, heuristics=True)


class NodeFlow(unittest.TestCase):
    def setUp(self):
        self.sandbox = SoftHsmSandbox()
        self.addCleanup(self.sandbox.close)
        self.sandbox.create_token("org-alpha")
        self.sandbox.import_test_key("org-alpha", "A")
        self.server = TestServer(seed())
        self.addCleanup(self.server.close)
        os.environ[API_KEY_VARIABLE] = NODE_API_KEY
        self.addCleanup(os.environ.pop, API_KEY_VARIABLE)

    def test_node_decrypts_its_input_and_encrypts_the_result_for_the_task_creator(self):
        # Node start-up: log in, open the token key, make sure the server has our public key.
        client = v6hsm.ServerClient(self.server.url, api_key_source="env:" + API_KEY_VARIABLE)
        self.assertEqual(client.organization_id, 1)
        cryptor = v6hsm.TokenCryptor(token="org-alpha", pin_source=PIN_SOURCE)
        self.assertEqual(client.sync_public_key(cryptor)["outcome"], "published")
        self.assertEqual(client.sync_public_key(cryptor)["outcome"], "already_current")
        self.assertTrue(cryptor.verify_public_key(client.organization_public_key(1)))

        # Organization 2 creates a task for organization 1 with the key it finds on the server.
        other = OtherOrganization(self.server.url)
        task_input = json.dumps({"method": "partial_average", "kwargs": {"column_name": "age"}}).encode()
        run_input = other.encrypt_task_input(1, task_input)

        # The node decrypts the input on the token and encrypts its result for the task's init_org.
        self.assertEqual(cryptor.decrypt(run_input), task_input)
        result = json.dumps({"average": 43.5, "count": 120}).encode()
        run_result = cryptor.encrypt_bytes_to_str(result, client.organization_public_key(2))

        self.assertEqual(other.decrypt_result(run_result), result)

    def test_a_different_key_on_the_server_is_kept_unless_replace_is_asked(self):
        client = v6hsm.ServerClient(self.server.url, api_key_source="env:" + API_KEY_VARIABLE)
        cryptor = v6hsm.TokenCryptor(token="org-alpha", pin_source=PIN_SOURCE)
        client.sync_public_key(VECTORS["keys"]["B"]["public_key_api"], replace=True)
        refused = client.sync_public_key(cryptor)
        self.assertEqual(refused["outcome"], "refused_different")
        self.assertFalse(cryptor.verify_public_key(client.organization_public_key(1)))
        self.assertEqual(client.sync_public_key(cryptor, check_only=True)["outcome"], "refused_different")
        self.assertEqual(client.sync_public_key(cryptor, replace=True)["outcome"], "replaced")
        self.assertTrue(cryptor.verify_public_key(client.organization_public_key(1)))


if __name__ == "__main__":
    unittest.main()
