// Collaborations without encryption (vantage6's DummyCryptor): the wire is just base64 of the plaintext.
#pragma once

#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"

namespace v6hsm {

std::string encode_unencrypted(ByteView plaintext);
// Throws InputError when `wire` is not base64.
Bytes decode_unencrypted(std::string_view wire);

}  // namespace v6hsm
