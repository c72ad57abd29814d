#include "publish/secure_json.hpp"

#include <array>

#include "v6hsm/publish/server_error.hpp"

namespace v6hsm::publish {
namespace {

constexpr std::array<char, 16> kHexDigits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                             '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

void append_text(SecureBytes& out, std::string_view text) { out.insert(out.end(), text.begin(), text.end()); }

void append_hex_byte(SecureBytes& out, std::uint8_t byte) {
  out.push_back(static_cast<std::uint8_t>(kHexDigits[byte >> 4]));
  out.push_back(static_cast<std::uint8_t>(kHexDigits[byte & 0x0f]));
}

void append_json_string(SecureBytes& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(byte);
    } else if (byte < 0x20) {
      append_text(out, "\\u00");
      append_hex_byte(out, byte);
    } else {
      out.push_back(byte);
    }
  }
  out.push_back('"');
}

bool is_form_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

void append_form_value(SecureBytes& out, std::string_view text) {
  for (const char c : text) {
    if (is_form_unreserved(c)) {
      out.push_back(static_cast<std::uint8_t>(c));
    } else {
      out.push_back('%');
      append_hex_byte(out, static_cast<std::uint8_t>(c));
    }
  }
}

}  // namespace

SecureJson parse_json_body(const SecureBytes& body, std::string_view what) {
  auto parsed = SecureJson::parse(body.begin(), body.end(), nullptr, false);
  if (parsed.is_discarded()) {
    throw ServerError("the answer to " + std::string(what) + " is not valid JSON (" + std::to_string(body.size()) +
                      " bytes); is the URL really a vantage6 server, or is a proxy in the way?");
  }
  return parsed;
}

SecureBytes required_secret_member(const SecureJson& object, std::string_view name, std::string_view what) {
  const auto member = object.is_object() ? object.find(name) : object.end();
  if (member == object.end() || !member->is_string() || member->get_ref<const SecureString&>().empty()) {
    throw ServerError("the answer to " + std::string(what) + " has no \"" + std::string(name) +
                      "\" string; the server does not behave like vantage6");
  }
  const auto& text = member->get_ref<const SecureString&>();
  return SecureBytes(text.begin(), text.end());
}

SecureBytes json_string_object(std::initializer_list<std::pair<std::string_view, std::string_view>> members) {
  SecureBytes out;
  out.push_back('{');
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out.push_back(',');
    append_json_string(out, name);
    out.push_back(':');
    append_json_string(out, value);
  }
  out.push_back('}');
  return out;
}

SecureBytes form_encoded(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  SecureBytes out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out.push_back('&');
    append_form_value(out, name);
    out.push_back('=');
    append_form_value(out, value);
  }
  return out;
}

}  // namespace v6hsm::publish
