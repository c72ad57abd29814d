#include "token/attributes.hpp"

#include <string>

#include "token/module_impl.hpp"

namespace v6hsm::token {

AttributeTemplate& AttributeTemplate::add_bool(CK_ATTRIBUTE_TYPE type, bool value) {
  return add_stored(type, SecureBytes{static_cast<std::uint8_t>(value ? CK_TRUE : CK_FALSE)});
}

AttributeTemplate& AttributeTemplate::add_ulong(CK_ATTRIBUTE_TYPE type, CK_ULONG value) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(&value);
  return add_stored(type, SecureBytes(bytes, bytes + sizeof value));
}

AttributeTemplate& AttributeTemplate::add_bytes(CK_ATTRIBUTE_TYPE type, ByteView value) {
  return add_stored(type, to_secure_bytes(value));
}

AttributeTemplate& AttributeTemplate::add_secret(CK_ATTRIBUTE_TYPE type, SecureBytes value) {
  return add_stored(type, std::move(value));
}

AttributeTemplate& AttributeTemplate::add_stored(CK_ATTRIBUTE_TYPE type, SecureBytes value) {
  SecureBytes& stored = values_.emplace_back(std::move(value));
  attributes_.push_back(CK_ATTRIBUTE{type, stored.data(), stored.size()});
  return *this;
}

namespace {

// The token's way of saying "this object has no such attribute for you"; any other failure is a real one
// and must not pass for a missing attribute (an empty label, a weak fallback flag).
bool attribute_unavailable(CK_RV rv) noexcept {
  return rv == CKR_ATTRIBUTE_SENSITIVE || rv == CKR_ATTRIBUTE_TYPE_INVALID;
}

// CKR_OK, or false for an unavailable attribute; throws Pkcs11Error for everything else.
bool get_attribute(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                   CK_ATTRIBUTE& attribute) {
  const CK_RV rv = api.C_GetAttributeValue(session, object, &attribute, 1);
  if (attribute_unavailable(rv)) {
    return false;
  }
  check(rv, "C_GetAttributeValue", "reading a key attribute");
  return attribute.ulValueLen != CK_UNAVAILABLE_INFORMATION;
}

}  // namespace

std::optional<Bytes> read_attribute(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session,
                                    CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE attribute{type, nullptr, 0};
  if (!get_attribute(api, session, object, attribute)) {
    return std::nullopt;
  }
  Bytes value(attribute.ulValueLen);
  attribute.pValue = value.data();
  if (!get_attribute(api, session, object, attribute)) {
    return std::nullopt;
  }
  value.resize(attribute.ulValueLen);
  return value;
}

Bytes require_attribute(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                        CK_ATTRIBUTE_TYPE type, std::string_view what) {
  CK_ATTRIBUTE attribute{type, nullptr, 0};
  const std::string operation = "reading " + std::string(what);
  check(api.C_GetAttributeValue(session, object, &attribute, 1), "C_GetAttributeValue", operation);
  Bytes value(attribute.ulValueLen);
  attribute.pValue = value.data();
  check(api.C_GetAttributeValue(session, object, &attribute, 1), "C_GetAttributeValue", operation);
  value.resize(attribute.ulValueLen);
  return value;
}

bool read_bool(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
               CK_ATTRIBUTE_TYPE type, bool fallback) {
  CK_BBOOL value = CK_FALSE;
  CK_ATTRIBUTE attribute{type, &value, sizeof value};
  if (!get_attribute(api, session, object, attribute)) {
    return fallback;
  }
  return value == CK_TRUE;
}

namespace {

// Ends the search even when collecting the handles throws.
class FindOperation {
 public:
  FindOperation(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session, AttributeTemplate& criteria)
      : api_(api), session_(session) {
    check(api_.C_FindObjectsInit(session_, criteria.data(), criteria.size()), "C_FindObjectsInit",
          "searching for objects");
  }
  ~FindOperation() { static_cast<void>(api_.C_FindObjectsFinal(session_)); }
  FindOperation(const FindOperation&) = delete;
  FindOperation& operator=(const FindOperation&) = delete;

  std::vector<CK_OBJECT_HANDLE> collect() {
    std::vector<CK_OBJECT_HANDLE> found;
    CK_OBJECT_HANDLE batch[16];
    CK_ULONG count = 0;
    do {
      check(api_.C_FindObjects(session_, batch, std::size(batch), &count), "C_FindObjects",
            "searching for objects");
      found.insert(found.end(), batch, batch + count);
    } while (count == std::size(batch));
    return found;
  }

 private:
  const CK_FUNCTION_LIST& api_;
  CK_SESSION_HANDLE session_;
};

}  // namespace

std::vector<CK_OBJECT_HANDLE> find_objects(const CK_FUNCTION_LIST& api, CK_SESSION_HANDLE session,
                                           AttributeTemplate& criteria) {
  return FindOperation(api, session, criteria).collect();
}

}  // namespace v6hsm::token
