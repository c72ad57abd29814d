#include "dict_views.hpp"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace v6hsm::python {

py::dict to_dict(const token::TokenInfo& token) {
  py::dict view;
  view["slot"] = token.slot_id;
  view["label"] = token.label;
  view["serial"] = token.serial;
  view["manufacturer"] = token.manufacturer;
  view["model"] = token.model;
  view["initialized"] = token.initialized();
  view["user_pin_initialized"] = token.user_pin_initialized();
  view["login_required"] = token.login_required();
  view["protected_authentication_path"] = token.protected_authentication_path();
  view["user_pin_count_low"] = token.user_pin_count_low();
  view["user_pin_final_try"] = token.user_pin_final_try();
  view["user_pin_locked"] = token.user_pin_locked();
  view["flags"] = token.flag_names();
  return view;
}

namespace {

py::dict to_dict(const token::KeyAttributes& attributes) {
  py::dict view;
  view["sensitive"] = attributes.sensitive;
  view["extractable"] = attributes.extractable;
  view["always_sensitive"] = attributes.always_sensitive;
  view["never_extractable"] = attributes.never_extractable;
  view["decrypt"] = attributes.decrypt;
  view["unwrap"] = attributes.unwrap;
  view["sign"] = attributes.sign;
  view["token"] = attributes.on_token;
  view["private"] = attributes.is_private;
  return view;
}

}  // namespace

py::dict to_dict(const token::KeyInfo& key) {
  py::dict view;
  view["label"] = key.label;
  view["id"] = key.id_hex();
  view["bits"] = key.bits();
  view["fingerprint"] = key.public_key.fingerprint();
  view["has_public_object"] = key.has_public_object;
  view["attributes"] = to_dict(key.attributes);
  view["warnings"] = token::attribute_warnings(key.attributes);
  return view;
}

py::dict to_dict(const token::ProvisionResult& result) {
  py::dict view = to_dict(result.key);
  view["reused"] = result.reused;
  view["replaced"] = result.replaced;
  return view;
}

py::dict to_dict(const publish::SyncReport& report) {
  py::dict view;
  view["outcome"] = std::string(publish::outcome_identifier(report.outcome));
  view["organization_id"] = report.organization_id;
  view["our_fingerprint"] = report.our_fingerprint;
  view["server_fingerprint"] = report.server_fingerprint;
  view["explanation"] = report.explanation;
  return view;
}

}  // namespace v6hsm::python
