// C++ errors become the Python exceptions of v6hsm.errors (documented in python/README.md). The classes
// live in Python so they can also derive from ValueError / LookupError, which is what vantage6 callers
// already catch.
#pragma once

#include <pybind11/pybind11.h>

namespace v6hsm::python {

// Registers the translator for v6hsm::Error and its subclasses; other exceptions keep pybind11's mapping.
void register_error_translation();

}  // namespace v6hsm::python
