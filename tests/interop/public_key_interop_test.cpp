// v6hsm's public-key exports must be byte-identical to what pyca/cryptography (and so vantage6)
// produces for the same key: vantage6 compares the published PEM byte for byte (protocol §1.9).
#include <gtest/gtest.h>

#include <string>

#include "interop_support.hpp"
#include "python_reference.hpp"
#include "temp_directory.hpp"
#include "v6hsm/public_key.hpp"
#include "v6hsm/software_key.hpp"

namespace v6hsm::interop {
namespace {

class PublicKeyInterop : public ::testing::TestWithParam<int> {
 protected:
  std::string read_text(const std::filesystem::path& path) const { return to_string(read_file(path)); }

  TempDirectory work_;
  PythonReference reference_{work_.path()};
  // PKCS#8 here; the payload suite loads vantage6's default PKCS#1.
  ReferenceKeyFiles key_files_ = reference_.generate_key(GetParam(), "pkcs8");
  std::string python_pem_ = read_text(key_files_.public_pem);
  std::string python_api_ = read_text(key_files_.public_api);
};

TEST_P(PublicKeyInterop, SoftwareKeyExportsMatchPython) {
  const auto key = SoftwareKey::from_file(key_files_.private_pem);
  EXPECT_EQ(key.public_key().spki_pem(), python_pem_);
  EXPECT_EQ(key.public_key().api_string(), python_api_);
  EXPECT_EQ(key.public_key().bits(), GetParam());
}

TEST_P(PublicKeyInterop, ReimportedKeysExportTheSameBytes) {
  const auto from_api = PublicKey::from_api_string(python_api_);
  const auto from_pem = PublicKey::from_pem(python_pem_);
  // The token path: only the modulus and exponent are known.
  const auto from_components = PublicKey::from_components(from_pem.modulus(), from_pem.public_exponent());
  for (const auto* key : {&from_api, &from_pem, &from_components}) {
    EXPECT_EQ(key->spki_pem(), python_pem_);
    EXPECT_EQ(key->api_string(), python_api_);
    EXPECT_TRUE(*key == from_pem);
  }
}

INSTANTIATE_TEST_SUITE_P(KeySizes, PublicKeyInterop, ::testing::ValuesIn(kKeySizes), key_size_name);

}  // namespace
}  // namespace v6hsm::interop
