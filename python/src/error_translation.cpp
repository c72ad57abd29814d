#include "error_translation.hpp"

#include <array>
#include <exception>

#include "v6hsm/error.hpp"
#include "v6hsm/publish/server_error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"
#include "v6hsm/token/return_codes.hpp"

namespace py = pybind11;

namespace v6hsm::python {
namespace {

// CKR_PIN_INCORRECT .. CKR_PIN_LOCKED: the user can fix these by supplying another PIN (or the SO can
// unlock it), so they get their own class.
bool is_pin_problem(const token::Pkcs11Error& error) noexcept {
  constexpr std::array<unsigned long, 5> pin_codes = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4};
  for (const auto code : pin_codes) {
    if (error.code() == code) return true;
  }
  return false;
}

const char* kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage: return "usage";
    case ErrorKind::token: return "token";
    case ErrorKind::server: return "server";
    case ErrorKind::decryption: return "decryption";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

const char* class_for_kind(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage: return "InputError";
    case ErrorKind::token: return "TokenError";
    case ErrorKind::server: return "ServerError";
    case ErrorKind::decryption: return "DecryptionError";
    case ErrorKind::not_found: return "NotFoundError";
    case ErrorKind::internal: return "Error";
  }
  return "Error";
}

const char* python_class_name(const Error& error) {
  if (dynamic_cast<const PlaintextFormatError*>(&error) != nullptr) return "PlaintextFormatError";
  const auto* pkcs11 = dynamic_cast<const token::Pkcs11Error*>(&error);
  if (pkcs11 != nullptr && is_pin_problem(*pkcs11)) return "PinError";
  return class_for_kind(error.kind());
}

void add_details(py::object& instance, const Error& error) {
  instance.attr("kind") = kind_name(error.kind());
  if (const auto* pkcs11 = dynamic_cast<const token::Pkcs11Error*>(&error)) {
    instance.attr("function") = pkcs11->function();
    instance.attr("code") = pkcs11->code();
    instance.attr("code_name") = token::return_code_name(pkcs11->code());
  }
  if (const auto* server = dynamic_cast<const publish::ServerError*>(&error)) {
    instance.attr("http_status") = server->http_status() == 0 ? py::object(py::none()) : py::int_(server->http_status());
    instance.attr("server_message") = server->server_message();
  }
}

void raise_python_error(const Error& error) {
  const auto errors = py::module_::import("v6hsm.errors");
  const py::object error_class = errors.attr(python_class_name(error));
  py::object instance = error_class(error.what());
  add_details(instance, error);
  PyErr_SetObject(error_class.ptr(), instance.ptr());
}

}  // namespace

void register_error_translation() {
  py::register_exception_translator([](std::exception_ptr pending) {
    try {
      if (pending) std::rethrow_exception(pending);
    } catch (const Error& error) {
      raise_python_error(error);
    }
  });
}

}  // namespace v6hsm::python
