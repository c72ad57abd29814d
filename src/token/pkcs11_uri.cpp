#include "v6hsm/token/pkcs11_uri.hpp"

#include <charconv>
#include <set>

#include "v6hsm/error.hpp"

namespace v6hsm::token {
namespace {

constexpr std::string_view kScheme = "pkcs11:";

int hex_value(char digit) noexcept {
  if (digit >= '0' && digit <= '9') return digit - '0';
  if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
  if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; `name` is the attribute, for the error message (the value is never quoted).
SecureBytes percent_decode(std::string_view value, std::string_view name) {
  SecureBytes decoded;
  decoded.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      decoded.push_back(static_cast<std::uint8_t>(value[i]));
      continue;
    }
    const int high = i + 2 < value.size() ? hex_value(value[i + 1]) : -1;
    const int low = i + 2 < value.size() ? hex_value(value[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw InputError("PKCS#11 URI attribute '" + std::string(name) +
                       "' has a malformed percent escape; write every byte as %XX with two hex digits");
    }
    decoded.push_back(static_cast<std::uint8_t>(high * 16 + low));
    i += 2;
  }
  return decoded;
}

std::string as_text(const SecureBytes& bytes) { return std::string(as_chars(bytes)); }

ObjectType parse_type(std::string_view text) {
  if (text == "public") return ObjectType::public_key;
  if (text == "private") return ObjectType::private_key;
  if (text == "cert") return ObjectType::certificate;
  if (text == "secret-key") return ObjectType::secret_key;
  if (text == "data") return ObjectType::data;
  throw InputError("PKCS#11 URI attribute 'type' must be public, private, cert, secret-key or data");
}

unsigned long parse_slot_id(std::string_view text) {
  unsigned long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
    throw InputError("PKCS#11 URI attribute 'slot-id' must be a decimal number");
  }
  return value;
}

class UriBuilder {
 public:
  void path_attribute(std::string_view name, SecureBytes value) {
    remember(name);
    if (name == "token") uri_.token = as_text(value);
    else if (name == "serial") uri_.serial = as_text(value);
    else if (name == "manufacturer") uri_.manufacturer = as_text(value);
    else if (name == "model") uri_.model = as_text(value);
    else if (name == "object") uri_.object = as_text(value);
    else if (name == "id") uri_.id = Bytes(value.begin(), value.end());
    else if (name == "type") uri_.type = parse_type(as_chars(value));
    else if (name == "slot-id") uri_.slot_id = parse_slot_id(as_chars(value));
    else reject(name, "path");
  }

  void query_attribute(std::string_view name, SecureBytes value) {
    remember(name);
    if (name == "pin-value") uri_.pin_value = std::move(value);
    else if (name == "pin-source") uri_.pin_source = as_text(value);
    else if (name == "module-path") uri_.module_path = as_text(value);
    else if (name == "module-name") uri_.module_name = as_text(value);
    else reject(name, "query");
  }

  Pkcs11Uri take() { return std::move(uri_); }

 private:
  void remember(std::string_view name) {
    if (!seen_.insert(std::string(name)).second) {
      throw InputError("PKCS#11 URI attribute '" + std::string(name) + "' appears twice; give it once");
    }
  }

  static void reject(std::string_view name, std::string_view part) {
    if (name.starts_with("x-")) {
      return;  // vendor attributes are for the vendor's own tools
    }
    throw InputError("PKCS#11 URI " + std::string(part) + " attribute '" + std::string(name) +
                     "' is not supported; use token, serial, manufacturer, model, slot-id, object, id and "
                     "type in the path, and pin-source, pin-value, module-path and module-name in the query");
  }

  Pkcs11Uri uri_;
  std::set<std::string, std::less<>> seen_;
};

template <class Handler>
void for_each_attribute(std::string_view part, char separator, std::string_view part_name, Handler handle) {
  while (!part.empty()) {
    const auto end = part.find(separator);
    const std::string_view attribute = part.substr(0, end);
    const auto equals = attribute.find('=');
    if (equals == std::string_view::npos || equals == 0) {
      throw InputError("PKCS#11 URI " + std::string(part_name) +
                       " must be name=value pairs separated by '" + separator + "'");
    }
    const std::string_view name = attribute.substr(0, equals);
    handle(name, percent_decode(attribute.substr(equals + 1), name));
    part = end == std::string_view::npos ? std::string_view{} : part.substr(end + 1);
  }
}

bool has_scheme(std::string_view text) {
  if (text.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char lower = (text[i] >= 'A' && text[i] <= 'Z') ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (lower != kScheme[i]) return false;
  }
  return true;
}

}  // namespace

Pkcs11Uri parse_pkcs11_uri(std::string_view text) {
  if (!has_scheme(text)) {
    throw InputError("not a PKCS#11 URI: it must start with 'pkcs11:' (RFC 7512)");
  }
  text.remove_prefix(kScheme.size());
  const auto question = text.find('?');
  const std::string_view path = text.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view{} : text.substr(question + 1);
  UriBuilder builder;
  for_each_attribute(path, ';', "path", [&](std::string_view name, SecureBytes value) {
    builder.path_attribute(name, std::move(value));
  });
  for_each_attribute(query, '&', "query", [&](std::string_view name, SecureBytes value) {
    builder.query_attribute(name, std::move(value));
  });
  return builder.take();
}

std::string_view object_type_name(ObjectType type) noexcept {
  switch (type) {
    case ObjectType::public_key: return "public";
    case ObjectType::private_key: return "private";
    case ObjectType::certificate: return "cert";
    case ObjectType::secret_key: return "secret-key";
    case ObjectType::data: return "data";
  }
  return "unknown";
}

}  // namespace v6hsm::token
