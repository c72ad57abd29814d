// PKCS#11 URIs arrive from settings files, environment variables and the command line. Malformed input may
// only raise InputError. An accepted URI must be self-consistent: written back in a canonical form (every
// value byte percent-encoded) it parses to the same selectors, and that canonical form is a fixed point.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"

namespace v6hsm::fuzz {
namespace {

using token::Pkcs11Uri;

void append_encoded(std::string& out, std::string_view name, ByteView value, char separator) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  if (out.back() != ':' && out.back() != '?') out.push_back(separator);
  out.append(name).push_back('=');
  for (const std::uint8_t byte : value) {
    out.push_back('%');
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
}

void append_text(std::string& out, std::string_view name, const std::optional<std::string>& value, char separator) {
  if (value) append_encoded(out, name, as_bytes(*value), separator);
}

std::string canonical(const Pkcs11Uri& uri) {
  std::string out = "pkcs11:";
  append_text(out, "token", uri.token, ';');
  append_text(out, "serial", uri.serial, ';');
  append_text(out, "manufacturer", uri.manufacturer, ';');
  append_text(out, "model", uri.model, ';');
  if (uri.slot_id) append_text(out, "slot-id", std::to_string(*uri.slot_id), ';');
  append_text(out, "object", uri.object, ';');
  if (uri.id) append_encoded(out, "id", *uri.id, ';');
  if (uri.type) append_text(out, "type", std::string(token::object_type_name(*uri.type)), ';');
  out.push_back('?');
  append_text(out, "module-path", uri.module_path, '&');
  append_text(out, "module-name", uri.module_name, '&');
  append_text(out, "pin-source", uri.pin_source, '&');
  if (uri.pin_value) append_encoded(out, "pin-value", as_view(*uri.pin_value), '&');
  if (out.back() == '?') out.pop_back();
  return out;
}

void check_self_consistent(const Pkcs11Uri& uri) {
  const auto written = canonical(uri);
  try {
    const auto again = token::parse_pkcs11_uri(written);
    check(canonical(again) == written, "an accepted URI written canonically parses back to the same selectors");
  } catch (const InputError&) {
    check(false, "the canonical form of an accepted URI is accepted too");
  }
}

}  // namespace
}  // namespace v6hsm::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    v6hsm::fuzz::check_self_consistent(v6hsm::token::parse_pkcs11_uri(text));
  } catch (const v6hsm::InputError&) {
    // the usual verdict on random text: it says which attribute is wrong
  }
  return 0;
}
