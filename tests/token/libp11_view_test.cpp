// The keys v6hsm provisions are ordinary PKCS#11 keys: libp11 (what OpenSSL-based tools use) finds them
// by label, pairs them with their public key object, and decrypts vantage6 secrets with them through its
// token-backed EVP_PKEY. This is an independent view of the token, not through our own layer.
#include <libp11.h>
#include <openssl/rsa.h>

#include <cstring>

#include "token_test_fixture.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/software_key.hpp"

namespace v6hsm::testing {
namespace {

struct Libp11Context {
  PKCS11_CTX* context = PKCS11_CTX_new();
  PKCS11_SLOT* slots = nullptr;
  unsigned int slot_count = 0;

  explicit Libp11Context(const std::string& module_path) {
    if (context == nullptr || PKCS11_CTX_load(context, module_path.c_str()) != 0 ||
        PKCS11_enumerate_slots(context, &slots, &slot_count) != 0) {
      throw std::runtime_error("libp11 could not load " + module_path);
    }
  }
  ~Libp11Context() {
    if (slots != nullptr) PKCS11_release_all_slots(context, slots, slot_count);
    PKCS11_CTX_unload(context);
    PKCS11_CTX_free(context);
  }

  PKCS11_SLOT* slot_of(const std::string& label) const {
    for (unsigned int i = 0; i < slot_count; ++i) {
      if (slots[i].token != nullptr && label == slots[i].token->label) return &slots[i];
    }
    return nullptr;
  }
};

PKCS11_KEY* find_key(PKCS11_KEY* keys, unsigned int count, const std::string& label) {
  for (unsigned int i = 0; i < count; ++i) {
    if (keys[i].label != nullptr && label == keys[i].label) return &keys[i];
  }
  return nullptr;
}

Bytes libp11_decrypt(EVP_PKEY* key, ByteView wrapped) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> context(EVP_PKEY_CTX_new(key, nullptr), EVP_PKEY_CTX_free);
  Bytes out(wrapped.size());
  std::size_t length = out.size();
  if (!context || EVP_PKEY_decrypt_init(context.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_decrypt(context.get(), out.data(), &length, wrapped.data(), wrapped.size()) != 1) {
    return {};
  }
  out.resize(length);
  return out;
}

class Libp11View : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_.create_token(kTokenLabel);
    auto module = token::Module::load(token::resolve_module_path());
    auto token = open_logged_in(module, kTokenLabel);
    imported_ = token::import_key_pem(token, as_bytes(private_pem("A", "pkcs8")), spec_with_label("imported-a")).key.public_key;
    generated_ = token::generate_key(token, spec_with_label("generated")).key.public_key;
    // Our module is finalized here, so libp11 initializes the library itself.
  }

  SoftHsmSandbox sandbox_;
  std::optional<PublicKey> imported_;
  std::optional<PublicKey> generated_;
};

TEST_F(Libp11View, FindsOurKeysAndDecryptsVantage6SecretsWithThem) {
  Libp11Context libp11(token::resolve_module_path().string());
  PKCS11_SLOT* slot = libp11.slot_of(kTokenLabel);
  ASSERT_NE(slot, nullptr);
  ASSERT_EQ(PKCS11_login(slot, 0, std::string(kUserPin).c_str()), 0);

  PKCS11_KEY* keys = nullptr;
  unsigned int key_count = 0;
  ASSERT_EQ(PKCS11_enumerate_keys(slot->token, &keys, &key_count), 0);
  EXPECT_EQ(key_count, 2u);
  PKCS11_KEY* public_keys = nullptr;
  unsigned int public_count = 0;
  ASSERT_EQ(PKCS11_enumerate_public_keys(slot->token, &public_keys, &public_count), 0);
  EXPECT_EQ(public_count, 2u);

  for (const auto& [label, ours] : {std::pair{"imported-a", *imported_}, std::pair{"generated", *generated_}}) {
    PKCS11_KEY* key = find_key(keys, key_count, label);
    ASSERT_NE(key, nullptr) << label;
    PKCS11_KEY* public_key = find_key(public_keys, public_count, label);
    ASSERT_NE(public_key, nullptr) << label;
    ASSERT_EQ(public_key->id_len, key->id_len);
    EXPECT_EQ(std::memcmp(public_key->id, key->id, key->id_len), 0) << label << ": CKA_ID differs";

    EVP_PKEY* token_backed = PKCS11_get_private_key(key);
    ASSERT_NE(token_backed, nullptr) << label;
    const Bytes secret(32, 0x6b);
    EXPECT_EQ(libp11_decrypt(token_backed, ours.encrypt_pkcs1v15(secret)), secret) << label;
    EVP_PKEY_free(token_backed);
  }

  // The recorded vector TV1 was wrapped for key A by the vantage6 reference.
  const auto& tv1 = vectors().at("vectors").at(0);
  ASSERT_EQ(tv1.at("id"), "TV1");
  const auto envelope = parse_string_envelope(tv1.at("wire").get<std::string>());
  EVP_PKEY* key_a = PKCS11_get_private_key(find_key(keys, key_count, "imported-a"));
  ASSERT_NE(key_a, nullptr);
  const Bytes recovered = libp11_decrypt(key_a, envelope.header.wrapped_key);
  EVP_PKEY_free(key_a);
  const SecureBytes expected = SoftwareKey::from_pem(as_bytes(private_pem("A", "pkcs1"))).recover_wrapped_secret(envelope.header.wrapped_key);
  EXPECT_EQ(recovered, Bytes(expected.begin(), expected.end()));
  EXPECT_EQ(recovered.size(), 32u);
}

}  // namespace
}  // namespace v6hsm::testing
