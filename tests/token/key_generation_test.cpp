// Keys generated on the token: payloads encrypted in software decrypt on the token, the exported public key
// is what an independent tool reads from the token, and the private key stays locked inside.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "token/key_objects.hpp"
#include "token/token_state.hpp"
#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/random.hpp"
#include "v6hsm/token/token_key.hpp"

namespace v6hsm::testing {
namespace {

using token::RecoveryStrategy;
using token::TokenKey;

// The payload sizes of the foundation issue: empty, around one AES block, one page, large.
constexpr std::size_t kPayloadSizes[] = {0, 1, 15, 16, 17, 4095, 1 << 20, 16 << 20};

Bytes payload_of_size(std::size_t size) {
  const SecureBytes random = random_secret(size == 0 ? 1 : size);
  return Bytes(random.begin(), random.begin() + static_cast<std::ptrdiff_t>(size));
}

std::string run_and_capture(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return output;
  char buffer[4096];
  while (const std::size_t read = std::fread(buffer, 1, sizeof buffer, pipe)) {
    output.append(buffer, read);
  }
  pclose(pipe);
  return output;
}

// pkcs11-tool (OpenSC) reads the public key object and OpenSSL turns it into a PEM: neither uses v6hsm.
std::string public_pem_read_by_opensc(const SoftHsmSandbox& sandbox, const token::KeyInfo& key,
                                      const std::string& module_path) {
  const auto der = sandbox.directory() / "public.der";
  const std::string read = "pkcs11-tool --module " + module_path + " --token-label " + kTokenLabel +
                           " --read-object --type pubkey --id " + key.id_hex() + " -o " + der.string() +
                           " >/dev/null 2>&1";
  EXPECT_EQ(std::system(read.c_str()), 0) << read;
  return run_and_capture("openssl pkey -pubin -inform DER -in " + der.string() + " -pubout");
}

class KeyGenerationTest : public TokenTest, public ::testing::WithParamInterface<int> {};

TEST_P(KeyGenerationTest, GeneratedKeyDecryptsEveryPayloadSizeAndStaysOnTheToken) {
  std::vector<std::string> progress;
  const auto result = token::generate_key(token(), spec_with_label("generated", GetParam()),
                                          [&](std::string_view message) { progress.emplace_back(message); });
  ASSERT_FALSE(result.reused);
  EXPECT_EQ(result.key.bits(), GetParam());
  EXPECT_EQ(progress.size(), 1U);

  const TokenKey key = TokenKey::open(token(), token::KeyRef::by_label("generated"));
  EXPECT_EQ(key.strategy(), RecoveryStrategy::decrypt);
  for (const std::size_t size : kPayloadSizes) {
    const Bytes plaintext = payload_of_size(size);
    EXPECT_EQ(decrypt_string(key, encrypt_to_string(plaintext, key.public_key())), plaintext) << size;
    EXPECT_EQ(decrypt_blob(key, encrypt_to_blob(plaintext, key.public_key())), plaintext) << size;
  }

  EXPECT_EQ(key.public_key().spki_pem(), public_pem_read_by_opensc(sandbox_, result.key, module_->path().string()));

  const token::KeyAttributes& attributes = result.key.attributes;
  EXPECT_TRUE(attributes.sensitive);
  EXPECT_FALSE(attributes.extractable);
  EXPECT_TRUE(attributes.always_sensitive);
  EXPECT_TRUE(attributes.never_extractable);
  EXPECT_TRUE(attributes.decrypt);
  EXPECT_TRUE(attributes.unwrap);
  EXPECT_FALSE(attributes.sign);
  EXPECT_TRUE(token::attribute_warnings(attributes).empty());
}

INSTANTIATE_TEST_SUITE_P(KeySizes, KeyGenerationTest, ::testing::Values(2048, 4096));

TEST_F(TokenTest, PrivateExponentCannotBeRead) {
  token::generate_key(token(), spec_with_label("sealed"));
  const auto session = token().state().pool.acquire(token::SessionAccess::read_only);
  const auto handle = token::find_one_private_key(session, token::KeyRef::by_label("sealed"), "test token");
  CK_ATTRIBUTE exponent{CKA_PRIVATE_EXPONENT, nullptr, 0};
  EXPECT_EQ(session.api().C_GetAttributeValue(session.handle(), handle, &exponent, 1), CKR_ATTRIBUTE_SENSITIVE);
  EXPECT_EQ(exponent.ulValueLen, CK_UNAVAILABLE_INFORMATION);
}

TEST_F(TokenTest, SecondGenerationWithTheSameLabelReusesTheKey) {
  const auto first = token::generate_key(token(), spec_with_label("vantage6"));
  bool progress_called = false;
  const auto second =
      token::generate_key(token(), spec_with_label("vantage6"), [&](std::string_view) { progress_called = true; });
  EXPECT_TRUE(second.reused);
  EXPECT_FALSE(progress_called);
  EXPECT_EQ(second.key.public_key, first.key.public_key);
  EXPECT_EQ(token::list_keys(token()).size(), 1U);
}

TEST_F(TokenTest, OverwriteReplacesTheKeyAndItsPublicObject) {
  const auto first = token::generate_key(token(), spec_with_label("vantage6"));
  auto spec = spec_with_label("vantage6");
  spec.overwrite = true;
  const auto second = token::generate_key(token(), spec);
  EXPECT_TRUE(second.replaced);
  EXPECT_FALSE(second.key.public_key == first.key.public_key);
  const auto keys = token::list_keys(token());
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_TRUE(keys.front().has_public_object);
  EXPECT_EQ(keys.front().public_key, second.key.public_key);
}

TEST_F(TokenTest, ExplicitIdIsKeptAndDefaultIdIsTheModulusHash) {
  auto spec = spec_with_label("with-id");
  spec.id = {0x0a, 0x1b};
  EXPECT_EQ(token::generate_key(token(), spec).key.id_hex(), "0a1b");
  const auto derived = token::generate_key(token(), spec_with_label("derived")).key;
  EXPECT_EQ(derived.id.size(), 20U);  // SHA-1
  EXPECT_EQ(token::find_key(token(), token::KeyRef{"", derived.id}).label, "derived");
}

TEST_F(TokenTest, DeleteRemovesPrivateAndPublicObjects) {
  token::generate_key(token(), spec_with_label("doomed"));
  EXPECT_EQ(token::delete_key(token(), token::KeyRef::by_label("doomed")), 2);
  EXPECT_THROW(token::find_key(token(), token::KeyRef::by_label("doomed")), NotFoundError);
  EXPECT_THROW(token::delete_key(token(), token::KeyRef::by_label("doomed")), NotFoundError);
}

TEST_F(TokenTest, UnsupportedKeySizeIsRefused) {
  EXPECT_THROW(token::generate_key(token(), spec_with_label("odd", 1024)), InputError);
  EXPECT_TRUE(token::list_keys(token()).empty());
}

}  // namespace
}  // namespace v6hsm::testing
