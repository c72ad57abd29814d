#!/usr/bin/python3
"""Recipe: a vantage6 4.x node or UserClient that decrypts with an organization key on a PKCS#11 token.

vantage6 keeps the organization's private key in a PEM file and hands every payload to the `cryptor`
attribute of its client. v6hsm.TokenCryptor offers the same methods as vantage6's RSACryptor
(encrypt_bytes_to_str, decrypt, decrypt_str_to_bytes, decrypt_bytes_blob_storage, public_key_bytes,
public_key_str, verify_public_key, bytes_to_str, str_to_bytes), so swapping the object is all it takes.

Checked against vantage6 4.14.0 (the sources docs/vantage6-protocol.md describes, main at 5857d11c2); the
blob-storage methods exist from 4.13 on. What it touches in vantage6:
  vantage6-common/vantage6/common/client/client_base.py
      ClientBase.cryptor                       the object every encrypt/decrypt call goes through
      ClientBase.setup_encryption(private_key_file)
                                               reads the PEM into RSACryptor, compares public_key_str with the
                                               server's organization public_key (verify_public_key), PATCHes
                                               it when it differs, then sets self.cryptor
      ClientBase.whoami.organization_id, ClientBase.request(...)
  vantage6-node/vantage6/node/__init__.py
      Node.setup_encryption()                  checks config["encryption"]["enabled"] against
                                               client.is_encrypted_collaboration(), then calls
                                               self.client.setup_encryption(self.private_key_filename())
      Node.client                              the NodeClient whose cryptor decrypts run input and encrypts
                                               results (NodeClient.Run.patch)
  vantage6-client/vantage6/client/__init__.py
      UserClient (a ClientBase): client.cryptor after client.authenticate(...)

Unlike vantage6's setup_encryption, the recipe never overwrites a different key on the server silently:
ServerClient.sync_public_key publishes only when the server has no key (pass replace=True to replace).

Run as a script to check a token against a server without vantage6 installed:
    V6HSM_PIN=... V6_API_KEY=... /usr/bin/python3 examples/vantage6_node_hsm.py \\
        --server https://v6.example.org:443/api --token org
(with PYTHONPATH pointing at the v6hsm package, see python/README.md)
"""

import argparse
import logging

import v6hsm

log = logging.getLogger("v6hsm.example")


def token_cryptor_for(token_settings):
    """The organization key on the token; token_settings are TokenCryptor's keyword arguments, e.g.
    {"token": "org", "key": "vantage6", "pin_source": "env:V6HSM_PIN"}. Never put the PIN itself there."""
    cryptor = v6hsm.TokenCryptor(**token_settings)
    log.info("using %r", cryptor)
    return cryptor


def use_token_in_user_client(client, token_settings):
    """UserClient: call this instead of client.setup_encryption(pem_path), after client.authenticate(...).

    Checks the public key the way setup_encryption does, but only reports a mismatch instead of uploading."""
    cryptor = token_cryptor_for(token_settings)
    organization = client.request(f"organization/{client.whoami.organization_id}")
    if not cryptor.verify_public_key(organization.get("public_key") or ""):
        log.critical("the server holds no key or another key for organization %s; publish ours with "
                     "`v6hsm key publish` or v6hsm.sync_public_key()", client.whoami.organization_id)
    client.cryptor = cryptor
    return cryptor


def patch_node_setup_encryption(node_class, token_settings, server_client_settings):
    """Node: replaces Node.setup_encryption before the node starts (e.g. in a small launcher that imports
    vantage6.node.Node, calls this, then starts the node as usual).

    server_client_settings are ServerClient's arguments for the same server and node, e.g.
    {"url": "https://v6.example.org:443/api", "api_key_source": "env:V6_API_KEY"}."""

    def setup_encryption(node):
        if node.client.is_encrypted_collaboration() != node.config["encryption"]["enabled"]:
            raise Exception("Expectations on encryption don't match?!")  # the same refusal as vantage6
        if not node.config["encryption"]["enabled"]:
            node.client.setup_encryption(None)
            return
        cryptor = token_cryptor_for(token_settings)
        report = v6hsm.ServerClient(**server_client_settings).sync_public_key(cryptor)
        log.info("public key: %s (%s)", report["outcome"], report["explanation"])
        node.client.cryptor = cryptor

    node_class.setup_encryption = setup_encryption


def main():
    parser = argparse.ArgumentParser(description="Open the token key and sync it with a vantage6 server.")
    parser.add_argument("--server", required=True, help="vantage6 API URL, e.g. https://v6.example.org:443/api")
    parser.add_argument("--token", help="token label")
    parser.add_argument("--key", help="key label (default vantage6)")
    parser.add_argument("--pin-source", default="env:V6HSM_PIN")
    parser.add_argument("--api-key-source", default="env:V6_API_KEY")
    parser.add_argument("--check-only", action="store_true", help="report, never publish")
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    cryptor = token_cryptor_for({"token": arguments.token, "key": arguments.key,
                                 "pin_source": arguments.pin_source})
    client = v6hsm.ServerClient(arguments.server, api_key_source=arguments.api_key_source)
    report = client.sync_public_key(cryptor, check_only=arguments.check_only)
    print(report["explanation"])
    return 0 if report["outcome"] in ("published", "already_current", "replaced") else 3


if __name__ == "__main__":
    raise SystemExit(main())
