// Module-level functions mirroring the command line's token and key commands: list tokens and keys,
// initialize a token, create or import a key, and publish/verify the key on a server. They return plain
// dicts shaped like the command line's --json output.
#pragma once

#include <pybind11/pybind11.h>

namespace v6hsm::python {

void bind_provisioning(pybind11::module_& module);

}  // namespace v6hsm::python
