// Library results as plain Python objects. The library's report_json headers define every document (the
// command line's --json output); this only converts JSON to Python, so the dicts have the same keys,
// values and order by construction.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

namespace v6hsm::python {

// object -> dict, array -> list, string -> str, integer -> int, float -> float, boolean -> bool,
// null -> None. Needs the GIL.
pybind11::object to_python(const nlohmann::ordered_json& value);

// The same for a document that is a JSON object.
pybind11::dict to_dict(const nlohmann::ordered_json& document);

}  // namespace v6hsm::python
