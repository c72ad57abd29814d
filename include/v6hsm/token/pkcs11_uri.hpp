// RFC 7512 PKCS#11 URIs ("pkcs11:token=org;object=vantage6;type=private?pin-source=file:/run/pin").
// Pure parsing, no I/O, so it can be fuzzed. Percent-encoded bytes are decoded; attributes outside
// RFC 7512 (except vendor "x-" ones, which are ignored) and repeated attributes are rejected with
// InputError, because silently ignoring a selector could pick the wrong key. (The RFC attributes
// library-*, slot-description and slot-manufacturer are rejected as unsupported for the same reason.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::token {

enum class ObjectType { public_key, private_key, certificate, secret_key, data };

struct Pkcs11Uri {
  // Path attributes: which token and which object.
  std::optional<std::string> token;  // CKA_LABEL of the token
  std::optional<std::string> serial;
  std::optional<std::string> manufacturer;
  std::optional<std::string> model;
  std::optional<unsigned long> slot_id;
  std::optional<std::string> object;  // CKA_LABEL of the object
  std::optional<Bytes> id;            // CKA_ID of the object
  std::optional<ObjectType> type;
  // Query attributes.
  std::optional<std::string> module_path;
  std::optional<std::string> module_name;
  std::optional<std::string> pin_source;  // a "file:" URI or a path
  std::optional<SecureBytes> pin_value;   // a secret: never printed
};

// Throws InputError naming the offending attribute (never its value when that is pin-value).
Pkcs11Uri parse_pkcs11_uri(std::string_view text);

std::string_view object_type_name(ObjectType type) noexcept;

}  // namespace v6hsm::token
