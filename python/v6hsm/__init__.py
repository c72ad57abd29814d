"""v6hsm: a vantage6 organization's RSA private key on a PKCS#11 token, usable from Python.

    cryptor = v6hsm.TokenCryptor(token="org", pin_source="env:V6HSM_PIN")
    plaintext = cryptor.decrypt(run["input"])
    result = cryptor.encrypt_bytes_to_str(output, other_org_public_key)

TokenCryptor has the methods of vantage6's RSACryptor, so it replaces it in a node or a UserClient (see
examples/vantage6_node_hsm.py). ServerClient and the functions below mirror the v6hsm command line. Errors
are the classes of v6hsm.errors. Documentation: python/README.md in the v6hsm sources.
"""

from . import errors
from ._v6hsm import (ServerClient, TokenCryptor, create_key, import_key, init_token, list_keys, list_tokens,
                     sync_public_key)
from .errors import (DecryptionError, Error, InputError, NotFoundError, PinError, PlaintextFormatError,
                     ServerError, TokenError)

bytes_to_str = TokenCryptor.bytes_to_str
str_to_bytes = TokenCryptor.str_to_bytes

__all__ = ["TokenCryptor", "ServerClient", "list_tokens", "list_keys", "init_token", "create_key", "import_key",
           "sync_public_key", "bytes_to_str", "str_to_bytes", "errors"] + errors.__all__
