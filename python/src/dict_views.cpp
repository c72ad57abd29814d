#include "dict_views.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace py = pybind11;

namespace v6hsm::python {
namespace {

using Json = nlohmann::ordered_json;

py::list to_list(const Json& array) {
  py::list list;
  for (const auto& item : array) list.append(to_python(item));
  return list;
}

}  // namespace

py::object to_python(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return to_dict(value);
    case Json::value_t::array: return to_list(value);
    case Json::value_t::string: return py::str(value.get_ref<const std::string&>());
    case Json::value_t::number_integer: return py::int_(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return py::int_(value.get<std::uint64_t>());
    case Json::value_t::number_float: return py::float_(value.get<double>());
    case Json::value_t::boolean: return py::bool_(value.get<bool>());
    case Json::value_t::null: return py::none();
    case Json::value_t::binary:
    case Json::value_t::discarded: break;
  }
  // The report documents hold only the types above; anything else is a bug in the library, not user input.
  throw std::logic_error(std::string("no Python value for a JSON ") + value.type_name());
}

py::dict to_dict(const Json& document) {
  if (!document.is_object()) throw std::logic_error(std::string("expected a JSON object, not ") + document.type_name());
  py::dict dict;
  for (const auto& member : document.items()) dict[py::str(member.key())] = to_python(member.value());
  return dict;
}

}  // namespace v6hsm::python
