"""The exceptions v6hsm raises. Every one derives from v6hsm.Error and carries the library's message.

    Error                       base class; .kind is "usage", "token", "server", "decryption", "not_found"
    |                           or "internal"
    +-- InputError              bad arguments or input (also a ValueError): a malformed public key string,
    |                           an unknown PIN source, a key_id that is not hex, a missing PEM file...
    +-- DecryptionError         a payload could not be decrypted (also a ValueError). The message is the
    |   |                       same for every cause on purpose, so a server feeding chosen ciphertexts
    |   |                       learns nothing.
    |   +-- PlaintextFormatError   the payload decrypted, but vantage6's JSON/base64 rules reject it where
    |                              vantage6 itself raises (UTF-8 that is neither JSON nor base64, non-UTF-8)
    +-- TokenError              PKCS#11 module, token or key problem
    |   +-- PinError            the token refused the PIN (CKR_PIN_INCORRECT, CKR_PIN_LOCKED, ...)
    +-- NotFoundError           a token, key or organization that does not exist (also a LookupError)
    +-- ServerError             the vantage6 server was unreachable, refused, or answered nonsense

Errors from a failed PKCS#11 call also have .function ("C_Login"), .code (160) and .code_name
("CKR_PIN_INCORRECT"); server errors have .http_status (None without an HTTP answer) and .server_message.
No message ever contains a PIN, API key, password or shared AES key.
"""


class Error(Exception):
    """Base class of every v6hsm error."""

    kind = "internal"
    function = None
    code = None
    code_name = None
    http_status = None
    server_message = None


class InputError(Error, ValueError):
    """Bad arguments or input that is not a ciphertext."""

    kind = "usage"


class DecryptionError(Error, ValueError):
    """A payload could not be decrypted; the message is the same whatever the cause."""

    kind = "decryption"


class PlaintextFormatError(DecryptionError):
    """The plaintext is one vantage6's decrypt_str_to_bytes would raise on."""


class TokenError(Error):
    """A PKCS#11 module, token or key problem."""

    kind = "token"


class PinError(TokenError):
    """The token refused the PIN, or the PIN is locked or expired."""


class NotFoundError(Error, LookupError):
    """A token, key or organization that does not exist."""

    kind = "not_found"


class ServerError(Error):
    """The vantage6 server was unreachable, refused the request, or answered something unusable."""

    kind = "server"


__all__ = ["Error", "InputError", "DecryptionError", "PlaintextFormatError", "TokenError", "PinError",
           "NotFoundError", "ServerError"]
