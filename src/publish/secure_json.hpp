// JSON whose strings live in wiping memory, for bodies that carry tokens or credentials, and builders
// that write secrets straight into wiping buffers instead of through std::string.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "v6hsm/secure_buffer.hpp"

namespace v6hsm::publish {

// nlohmann::basic_json takes an allocator template of exactly one parameter; this alias is one, whatever
// defaults WipingAllocator itself has (clang does not match templates with extra defaulted parameters).
template <class T>
using JsonWipingAllocator = WipingAllocator<T>;

using SecureString = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;
using SecureJson = nlohmann::basic_json<std::map, std::vector, SecureString, bool, std::int64_t, std::uint64_t,
                                        double, JsonWipingAllocator>;

// Parses a response body; throws ServerError naming `what` when it is not JSON.
SecureJson parse_json_body(const SecureBytes& body, std::string_view what);

// The string member `name` of `object`, or a ServerError naming `what` when it is missing or no string.
SecureBytes required_secret_member(const SecureJson& object, std::string_view name, std::string_view what);

// {"name": "value", ...}, all values JSON strings.
SecureBytes json_string_object(std::initializer_list<std::pair<std::string_view, std::string_view>> members);

// name=value&... with application/x-www-form-urlencoded escaping.
SecureBytes form_encoded(std::initializer_list<std::pair<std::string_view, std::string_view>> fields);

}  // namespace v6hsm::publish
