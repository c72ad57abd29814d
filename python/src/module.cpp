// The compiled part of the v6hsm Python package (imported as v6hsm._v6hsm; see python/v6hsm/__init__.py).
#include <pybind11/pybind11.h>

#include "error_translation.hpp"
#include "provisioning.hpp"
#include "server_client.hpp"
#include "token_cryptor.hpp"

PYBIND11_MODULE(_v6hsm, module) {
  module.doc() = "v6hsm: vantage6 organization keys on a PKCS#11 token (compiled part).";
  v6hsm::python::register_error_translation();
  v6hsm::python::bind_token_cryptor(module);
  v6hsm::python::bind_server_client(module);
  v6hsm::python::bind_provisioning(module);
}
