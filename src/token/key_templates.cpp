#include "token/key_templates.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <memory>

#include "v6hsm/error.hpp"

namespace v6hsm::token {
namespace {

constexpr std::uint8_t kPublicExponent65537[] = {0x01, 0x00, 0x01};

struct BignumClearer {
  void operator()(BIGNUM* number) const noexcept { BN_clear_free(number); }
};

SecureBytes rsa_component(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    throw InputError(std::string("the RSA key lacks its ") + name + " component and cannot be imported");
  }
  const std::unique_ptr<BIGNUM, BignumClearer> number(raw);
  SecureBytes bytes(static_cast<std::size_t>(BN_num_bytes(number.get())));
  BN_bn2bin(number.get(), bytes.data());
  return bytes;
}

void add_names(AttributeTemplate& attributes, const KeySpec& spec, const Bytes& id) {
  attributes.add_bytes(CKA_LABEL, as_bytes(spec.label));
  if (!id.empty()) {
    attributes.add_bytes(CKA_ID, id);
  }
}

// The public half may encrypt and wrap (anyone may encrypt to us) but never verify: the pair is not a
// signing key.
void add_public_policy(AttributeTemplate& attributes) {
  attributes.add_bool(CKA_TOKEN, true)
      .add_bool(CKA_PRIVATE, false)
      .add_bool(CKA_ENCRYPT, true)
      .add_bool(CKA_WRAP, true)
      .add_bool(CKA_VERIFY, false);
}

void add_private_policy(AttributeTemplate& attributes, const KeyUsage& usage) {
  attributes.add_bool(CKA_TOKEN, true)
      .add_bool(CKA_PRIVATE, true)
      .add_bool(CKA_SENSITIVE, true)
      .add_bool(CKA_EXTRACTABLE, false)
      .add_bool(CKA_DECRYPT, usage.decrypt)
      .add_bool(CKA_UNWRAP, usage.unwrap)
      .add_bool(CKA_SIGN, false)
      .add_bool(CKA_SIGN_RECOVER, false)
      .add_bool(CKA_DERIVE, false);
}

void add_rsa_public_components(AttributeTemplate& attributes, EVP_PKEY* key) {
  attributes.add_secret(CKA_MODULUS, rsa_component(key, OSSL_PKEY_PARAM_RSA_N))
      .add_secret(CKA_PUBLIC_EXPONENT, rsa_component(key, OSSL_PKEY_PARAM_RSA_E));
}

}  // namespace

AttributeTemplate generated_public_template(const KeySpec& spec) {
  AttributeTemplate attributes;
  add_public_policy(attributes);
  attributes.add_ulong(CKA_MODULUS_BITS, static_cast<CK_ULONG>(spec.bits))
      .add_bytes(CKA_PUBLIC_EXPONENT, kPublicExponent65537);
  add_names(attributes, spec, spec.id);
  return attributes;
}

AttributeTemplate generated_private_template(const KeySpec& spec) {
  AttributeTemplate attributes;
  add_private_policy(attributes, spec.usage);
  add_names(attributes, spec, spec.id);
  return attributes;
}

AttributeTemplate imported_public_template(const KeySpec& spec, const Bytes& id, EVP_PKEY* key) {
  AttributeTemplate attributes;
  attributes.add_ulong(CKA_CLASS, CKO_PUBLIC_KEY).add_ulong(CKA_KEY_TYPE, CKK_RSA);
  add_public_policy(attributes);
  add_rsa_public_components(attributes, key);
  add_names(attributes, spec, id);
  return attributes;
}

AttributeTemplate imported_private_template(const KeySpec& spec, const Bytes& id, EVP_PKEY* key) {
  AttributeTemplate attributes;
  attributes.add_ulong(CKA_CLASS, CKO_PRIVATE_KEY).add_ulong(CKA_KEY_TYPE, CKK_RSA);
  add_private_policy(attributes, spec.usage);
  add_rsa_public_components(attributes, key);
  attributes.add_secret(CKA_PRIVATE_EXPONENT, rsa_component(key, OSSL_PKEY_PARAM_RSA_D))
      .add_secret(CKA_PRIME_1, rsa_component(key, OSSL_PKEY_PARAM_RSA_FACTOR1))
      .add_secret(CKA_PRIME_2, rsa_component(key, OSSL_PKEY_PARAM_RSA_FACTOR2))
      .add_secret(CKA_EXPONENT_1, rsa_component(key, OSSL_PKEY_PARAM_RSA_EXPONENT1))
      .add_secret(CKA_EXPONENT_2, rsa_component(key, OSSL_PKEY_PARAM_RSA_EXPONENT2))
      .add_secret(CKA_COEFFICIENT, rsa_component(key, OSSL_PKEY_PARAM_RSA_COEFFICIENT1));
  add_names(attributes, spec, id);
  return attributes;
}

}  // namespace v6hsm::token
