#include "provisioning.hpp"

#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "dict_views.hpp"
#include "gil.hpp"
#include "server_client.hpp"
#include "token_session.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/publish/report_json.hpp"
#include "v6hsm/secret_source.hpp"
#include "v6hsm/software_key.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/report_json.hpp"
#include "v6hsm/token/token_selector.hpp"

namespace py = pybind11;

namespace v6hsm::python {
namespace {

using OptionalPath = std::optional<std::filesystem::path>;
using OptionalText = std::optional<std::string>;

py::dict list_tokens(const OptionalPath& module_path) {
  const auto module = without_gil([&] { return shared_module(module_path); });
  const auto tokens = without_gil([&] { return module->tokens(); });
  return to_dict(token::token_list_json(module->path(), tokens));
}

py::dict list_keys(TokenArguments arguments) {
  std::string token_label;
  const auto keys = without_gil([&] {
    TokenSession session(std::move(arguments));
    token_label = session.token().info().label;
    return token::list_keys(session.logged_in_token());
  });
  return to_dict(token::key_list_json(token_label, keys));
}

py::dict init_token(const std::string& label, const std::string& so_pin_source, const std::string& pin_source,
                    const OptionalPath& module_path, std::optional<unsigned long> slot) {
  if (label.empty()) throw InputError("init_token needs a non-empty label");
  const auto info = without_gil([&] {
    const auto module = shared_module(module_path);
    const auto chosen = slot.value_or(token::first_uninitialized_token(*module).slot_id);
    const SecureBytes so_pin = SecretSource::parse(so_pin_source).read("new SO PIN");
    const SecureBytes user_pin = SecretSource::parse(pin_source).read("new user PIN");
    token::initialize_token(*module, chosen, so_pin, label);
    // SoftHSM2 moves a freshly initialized token to a new slot id, so it is found again by its label.
    auto initialized = token::Token::open(module, token::TokenSelector::by_label(label));
    initialized.initialize_user_pin(so_pin, user_pin);
    return initialized.info();
  });
  return to_dict(token::token_init_json(info));
}

token::KeySpec key_spec(const TokenSession& session, int bits, bool overwrite) {
  token::KeySpec spec;
  const auto ref = session.key_ref();
  if (!ref.label.empty()) spec.label = ref.label;
  spec.id = ref.id;
  spec.bits = bits;
  spec.overwrite = overwrite;
  return spec;
}

py::dict create_key(TokenArguments arguments, int bits, bool overwrite) {
  return to_dict(token::to_json(without_gil([&] {
    TokenSession session(std::move(arguments));
    return token::generate_key(session.logged_in_token(), key_spec(session, bits, overwrite));
  })));
}

py::dict import_key(const std::filesystem::path& pem_path, TokenArguments arguments, bool overwrite) {
  return to_dict(token::to_json(without_gil([&] {
    const auto pem = SoftwareKey::from_file(pem_path);
    TokenSession session(std::move(arguments));
    return token::import_key(session.logged_in_token(), pem, key_spec(session, token::kDefaultKeyBits, overwrite));
  })));
}

py::dict sync_public_key(const ServerArguments& server, TokenArguments arguments, bool replace, bool check_only) {
  const auto policy = sync_policy(replace, check_only);
  const auto ours = without_gil([&] {
    TokenSession session(std::move(arguments));
    return token::find_key(session.logged_in_token(), session.key_ref()).public_key;
  });
  ServerClient client(server);
  return to_dict(publish::to_json(client.sync(ours, policy)));
}

// The token keywords shared by the key functions, in the TokenCryptor order.
#define V6HSM_TOKEN_KEYWORDS                                                                             \
  py::arg("module") = py::none(), py::arg("token") = py::none(), py::arg("uri") = py::none(),           \
      py::arg("key") = py::none(), py::arg("pin_source") = py::none(), py::arg("key_id") = py::none()

}  // namespace

void bind_provisioning(py::module_& module) {
  module.def("list_tokens", &list_tokens, py::kw_only(), py::arg("module") = py::none(),
             "{'module': path, 'tokens': [token dict, ...]}: every slot with a token, initialized or not.");
  module.def(
      "list_keys",
      [](OptionalPath module_path, OptionalText token, OptionalText uri, OptionalText pin_source) {
        return list_keys({std::move(module_path), std::move(token), std::move(uri), {}, {}, std::move(pin_source)});
      },
      py::kw_only(), py::arg("module") = py::none(), py::arg("token") = py::none(), py::arg("uri") = py::none(),
      py::arg("pin_source") = py::none(), "{'token': label, 'keys': [key dict, ...]}: the RSA keys on the token.");
  module.def("init_token", &init_token, py::arg("label"), py::kw_only(), py::arg("so_pin_source"),
             py::arg("pin_source"), py::arg("module") = py::none(), py::arg("slot") = py::none(),
             "Initializes a free token (the first uninitialized one unless slot= is given; this erases it) with\n"
             "label, SO PIN and user PIN from their sources. Returns {'token': token dict}.");
  module.def(
      "create_key",
      [](OptionalPath module_path, OptionalText token, OptionalText uri, OptionalText key, OptionalText pin_source,
         OptionalText key_id, int bits, bool overwrite) {
        return create_key({std::move(module_path), std::move(token), std::move(uri), std::move(key), std::move(key_id),
                           std::move(pin_source)},
                          bits, overwrite);
      },
      py::kw_only(), V6HSM_TOKEN_KEYWORDS, py::arg("bits") = token::kDefaultKeyBits, py::arg("overwrite") = false,
      "Generates a non-extractable RSA key pair on the token, or reuses the key that already has this label\n"
      "or id (unless overwrite=True). Returns the key dict plus 'reused' and 'replaced'.");
  module.def(
      "import_key",
      [](const std::filesystem::path& pem_path, OptionalPath module_path, OptionalText token, OptionalText uri,
         OptionalText key, OptionalText pin_source, OptionalText key_id, bool overwrite) {
        return import_key(pem_path,
                          {std::move(module_path), std::move(token), std::move(uri), std::move(key), std::move(key_id),
                           std::move(pin_source)},
                          overwrite);
      },
      py::arg("pem_path"), py::kw_only(), V6HSM_TOKEN_KEYWORDS, py::arg("overwrite") = false,
      "Imports a vantage6 private key PEM file (unencrypted PKCS#1 or PKCS#8) as a non-extractable token key.\n"
      "The same key already on the token is reused; a different one is refused unless overwrite=True.");
  module.def(
      "sync_public_key",
      [](std::string server, OptionalPath module_path, OptionalText token, OptionalText uri, OptionalText key,
         OptionalText pin_source, OptionalText key_id, OptionalText api_key_source, OptionalText user,
         OptionalText password_source, OptionalText mfa_source, OptionalText node_name, OptionalText keycloak_url,
         std::string realm, OptionalPath ca_bundle, double connect_timeout, double timeout, bool replace,
         bool check_only) {
        const ServerArguments arguments{std::move(server),      std::move(api_key_source), std::move(user),
                                        std::move(password_source), std::move(mfa_source), std::move(node_name),
                                        std::move(keycloak_url),    std::move(realm),          std::move(ca_bundle),
                                        connect_timeout,            timeout};
        return sync_public_key(arguments,
                               {std::move(module_path), std::move(token), std::move(uri), std::move(key),
                                std::move(key_id), std::move(pin_source)},
                               replace, check_only);
      },
      py::arg("server"), py::kw_only(), V6HSM_TOKEN_KEYWORDS, V6HSM_SERVER_KEYWORDS, py::arg("replace") = false,
      py::arg("check_only") = false,
      "`v6hsm key publish` / `key verify` (check_only=True): logs in as a node (api_key_source=) or a user\n"
      "(user=, password_source=) and syncs the token key's public key. The server keywords are ServerClient's.\n"
      "Returns the ServerClient.sync_public_key dict.");
}

}  // namespace v6hsm::python
