#include "v6hsm/token/login.hpp"

namespace v6hsm::token {
namespace {

SecretSource pin_source_from_uri(const std::string& pin_source) {
  // RFC 7512 pin-source is a URI, and most tools write a bare path; "env:" is our own extension.
  if (pin_source.starts_with("/")) {
    return SecretSource::parse("file:" + pin_source);
  }
  return SecretSource::parse(pin_source);
}

}  // namespace

LoginRequest LoginRequest::from_source(SecretSource source) {
  LoginRequest request;
  request.pin_source = std::move(source);
  return request;
}

LoginRequest LoginRequest::from_uri(const Pkcs11Uri& uri, std::optional<SecretSource> fallback) {
  LoginRequest request;
  request.pin_value = uri.pin_value;
  if (uri.pin_source) {
    request.pin_source = pin_source_from_uri(*uri.pin_source);
  } else {
    request.pin_source = std::move(fallback);
  }
  return request;
}

}  // namespace v6hsm::token
