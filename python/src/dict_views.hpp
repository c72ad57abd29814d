// Library results as plain Python dicts, with the same keys and values as the command line's --json output
// (a sync "outcome" is an identifier such as already_current).
#pragma once

#include <pybind11/pybind11.h>

#include "v6hsm/publish/key_sync.hpp"
#include "v6hsm/token/key_info.hpp"
#include "v6hsm/token/key_store.hpp"
#include "v6hsm/token/token_info.hpp"

namespace v6hsm::python {

pybind11::dict to_dict(const token::TokenInfo& token);
pybind11::dict to_dict(const token::KeyInfo& key);
// The key's dict plus "reused" and "replaced".
pybind11::dict to_dict(const token::ProvisionResult& result);
pybind11::dict to_dict(const publish::SyncReport& report);

}  // namespace v6hsm::python
