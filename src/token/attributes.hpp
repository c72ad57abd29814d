// Attribute templates whose values stay at stable addresses while the template is passed to the token,
// plus the reads and searches the rest of the layer needs.
#pragma once

#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include "token/pkcs11.hpp"
#include "v6hsm/bytes.hpp"
#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::token {

class AttributeTemplate {
 public:
  AttributeTemplate& add_bool(CK_ATTRIBUTE_TYPE type, bool value);
  AttributeTemplate& add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value);
  AttributeTemplate& add_bytes(CK_ATTRIBUTE_TYPE type, ByteView value);
  // Secret values (private key components) live in wiping storage.
  AttributeTemplate& add_secret(CK_ATTRIBUTE_TYPE type, SecureBytes value);

  CK_ATTRIBUTE* data() noexcept { return attributes_.data(); }
  CK_ULONG size() const noexcept { return attributes_.size(); }

 private:
  AttributeTemplate& add_stored(CK_ATTRIBUTE_TYPE type, SecureBytes value);
  std::deque<SecureBytes> values_;  // a deque never moves its elements when it grows
  std::vector<CK_ATTRIBUTE> attributes_;
};

// An attribute's value, or nothing when the token refuses it (sensitive, or not defined for the object);
// any other failure throws Pkcs11Error.
std::optional<Bytes> read_attribute(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);
// Like read_attribute, but a refusal throws Pkcs11Error naming `what`.
Bytes require_attribute(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                        CK_ATTRIBUTE_TYPE type, std::string_view what);
// A CK_BBOOL attribute; `fallback` when the token does not report it, Pkcs11Error when the read fails.
bool read_bool(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
               CK_ATTRIBUTE_TYPE type, bool fallback);

std::vector<CK_OBJECT_HANDLE> find_objects(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session,
                                           AttributeTemplate& criteria);

}  // namespace v6hsm::token
