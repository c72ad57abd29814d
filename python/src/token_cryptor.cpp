#include "token_cryptor.hpp"

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "dict_views.hpp"
#include "gil.hpp"
#include "payload_argument.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/report_json.hpp"

namespace py = pybind11;

namespace v6hsm::python {
namespace {

token::TokenKey open_token_key(TokenArguments arguments, std::string_view strategy) {
  const auto chosen = token::parse_strategy(strategy);
  return without_gil([&] {
    TokenSession session(std::move(arguments));
    return token::TokenKey::open(session.logged_in_token(), session.key_ref(), chosen);
  });
}

py::object encrypt_bytes_to_str(const TokenCryptor& /*cryptor*/, const py::handle& data,
                                const std::string& pubkey_base64, bool skip_base64_encoding_of_msg) {
  const PayloadArgument plaintext(data, "data");
  const auto recipient = PublicKey::from_api_string(pubkey_base64);
  if (skip_base64_encoding_of_msg) {
    return to_python_bytes(without_gil([&] { return encrypt_to_blob(plaintext.bytes(), recipient); }));
  }
  return py::str(without_gil([&] { return encrypt_to_string(plaintext.bytes(), recipient); }));
}

py::bytes decrypt(const TokenCryptor& cryptor, const py::handle& data) {
  const PayloadArgument payload(data, "data");
  return to_python_bytes(without_gil([&] {
    return payload.is_text() ? decrypt_string(cryptor.key(), payload.text(), OutputMode::vantage6)
                             : decrypt_payload(cryptor.key(), payload.bytes(), OutputMode::vantage6);
  }));
}

py::bytes decrypt_str_to_bytes(const TokenCryptor& cryptor, const py::str& data) {
  const PayloadArgument payload(data, "data");
  return to_python_bytes(
      without_gil([&] { return decrypt_string(cryptor.key(), payload.text(), OutputMode::vantage6); }));
}

py::bytes decrypt_bytes_blob_storage(const TokenCryptor& cryptor, const py::handle& data) {
  const PayloadArgument payload(data, "data");
  if (payload.is_text()) throw py::type_error("decrypt_bytes_blob_storage() takes bytes, not str");
  return to_python_bytes(without_gil([&] { return decrypt_blob(cryptor.key(), payload.bytes()); }));
}

// vantage6's base64s_to_bytes: Python's lenient b64decode, which only fails on a leftover partial group.
Bytes lenient_base64(const PayloadArgument& text, std::string_view what) {
  auto decoded = without_gil([&] { return base64_decode_lenient(text.bytes()); });
  if (!decoded) throw InputError(std::string(what) + " is not base64: its length does not fit the padding");
  return std::move(*decoded);
}

bool verify_public_key(const TokenCryptor& cryptor, const py::handle& pubkey_base64) {
  const PayloadArgument text(pubkey_base64, "pubkey_base64");
  const auto published = lenient_base64(text, "pubkey_base64");
  return to_string(published) == cryptor.key().public_key().spki_pem();
}

py::str bytes_to_str(const py::handle& data) {
  const PayloadArgument bytes(data, "data");
  return py::str(without_gil([&] { return base64_encode(bytes.bytes()); }));
}

py::bytes str_to_bytes(const py::handle& data) {
  const PayloadArgument text(data, "data");
  return to_python_bytes(lenient_base64(text, "data"));
}

py::dict key_info(const TokenCryptor& cryptor) {
  auto info = token::to_json(cryptor.key().info());
  info["strategy"] = std::string(token::strategy_name(cryptor.key().strategy()));
  info["description"] = cryptor.key().description();
  return to_dict(info);
}

constexpr const char* kClassDoc = R"(A vantage6 cryptor whose RSA private key never leaves a PKCS#11 token.

TokenCryptor(module=None, token=None, uri=None, key=None, pin_source=None, key_id=None, strategy="auto")

  module      PKCS#11 module path; default $V6HSM_MODULE, else SoftHSM2's module
  token       token label (or $V6HSM_TOKEN); with neither token nor uri the only token is used
  uri         RFC 7512 PKCS#11 URI selecting token and key (or $V6HSM_URI), instead of token=/key=
  key         key label (CKA_LABEL); default: the URI's object=, else "vantage6"
  key_id      key id (CKA_ID) as hex, alternatively or additionally to key
  pin_source  where the user PIN comes from: "env:NAME", "file:PATH" or "prompt" (or $V6HSM_PIN_SOURCE);
              a URI's pin-value / pin-source wins. Never pass the PIN itself.
  strategy    "auto", "decrypt" (C_Decrypt) or "unwrap" (C_UnwrapKey) for recovering each message's key

Methods mirror vantage6's RSACryptor. The GIL is released during token and bulk work, and one instance may
be used from many threads at once.)";

void bind_vantage6_methods(py::class_<TokenCryptor>& cryptor) {
  cryptor
      .def("encrypt_bytes_to_str", &encrypt_bytes_to_str, py::arg("data"), py::arg("pubkey_base64"),
           py::arg("skip_base64_encoding_of_msg") = false,
           "Encrypts data for the public key string of another organization (the server's public_key value).\n"
           "Returns the str form, or with skip_base64_encoding_of_msg=True the bytes of the blob-storage form.")
      .def("decrypt", &decrypt, py::arg("data"),
           "Decrypts a str payload (or its bytes, or a blob-storage blob) with vantage6's JSON/base64 rules.")
      .def("decrypt_str_to_bytes", &decrypt_str_to_bytes, py::arg("data"),
           "Decrypts the str form and applies vantage6's rules: JSON text is returned as is, other UTF-8 text\n"
           "is base64-decoded, anything else raises PlaintextFormatError.")
      .def("decrypt_bytes_blob_storage", &decrypt_bytes_blob_storage, py::arg("data"),
           "Decrypts the blob-storage form and returns the raw plaintext, as vantage6 does.")
      .def_property_readonly(
          "public_key_bytes",
          [](const TokenCryptor& self) { return py::bytes(self.key().public_key().spki_pem()); },
          "The SubjectPublicKeyInfo PEM of the token key, byte-identical to what vantage6 publishes.")
      .def_property_readonly(
          "public_key_str", [](const TokenCryptor& self) { return self.key().public_key().api_string(); },
          "base64 of public_key_bytes: the organization's public_key value on the server.")
      .def("verify_public_key", &verify_public_key, py::arg("pubkey_base64"),
           "True when the base64-decoded server value equals public_key_bytes exactly (as vantage6 compares).")
      .def_static("bytes_to_str", &bytes_to_str, py::arg("data"), "Standard base64 with padding, as a str.")
      .def_static("str_to_bytes", &str_to_bytes, py::arg("data"),
                  "Python's lenient base64 decode (vantage6's base64s_to_bytes).");
}

}  // namespace

TokenCryptor::TokenCryptor(TokenArguments arguments, std::string_view strategy)
    : key_(open_token_key(std::move(arguments), strategy)) {}

std::string TokenCryptor::repr() const {
  return "<v6hsm.TokenCryptor " + key_.description() + " " + key_.public_key().fingerprint() + ">";
}

void bind_token_cryptor(py::module_& module) {
  py::class_<TokenCryptor> cryptor(module, "TokenCryptor", kClassDoc);
  cryptor.def(py::init([](std::optional<std::filesystem::path> module_path, std::optional<std::string> token,
                          std::optional<std::string> uri, std::optional<std::string> key,
                          std::optional<std::string> pin_source, std::optional<std::string> key_id,
                          const std::string& strategy) {
                return std::make_unique<TokenCryptor>(
                    TokenArguments{std::move(module_path), std::move(token), std::move(uri), std::move(key),
                                   std::move(key_id), std::move(pin_source)},
                    strategy);
              }),
              py::arg("module") = py::none(), py::arg("token") = py::none(), py::arg("uri") = py::none(),
              py::arg("key") = py::none(), py::arg("pin_source") = py::none(), py::kw_only(),
              py::arg("key_id") = py::none(), py::arg("strategy") = "auto");
  bind_vantage6_methods(cryptor);
  cryptor
      .def_property_readonly("fingerprint", [](const TokenCryptor& self) { return self.key().public_key().fingerprint(); },
                             "sha256: fingerprint of the public key (SPKI DER).")
      .def_property_readonly("key_info", &key_info, "The key's label, id, size, attributes and recovery strategy.")
      .def("__repr__", &TokenCryptor::repr);
}

}  // namespace v6hsm::python
