// v6hsm.TokenCryptor: a drop-in for vantage6's RSACryptor whose private key stays on a PKCS#11 token.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

#include "token_session.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::python {

class TokenCryptor {
 public:
  // Loads the module, opens and logs in to the token and finds the key (without the GIL).
  TokenCryptor(TokenArguments arguments, std::string_view strategy);

  const token::TokenKey& key() const noexcept { return key_; }
  std::string repr() const;

 private:
  token::TokenKey key_;
};

void bind_token_cryptor(pybind11::module_& module);

}  // namespace v6hsm::python
