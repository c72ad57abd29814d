#include "v6hsm/public_key.hpp"

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <fstream>
#include <iterator>

#include "crypto/openssl_handles.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

using detail::take_openssl_error;

constexpr std::string_view kSpkiPemHeader = "-----BEGIN PUBLIC KEY-----";
constexpr std::string_view kPkcs1PemHeader = "-----BEGIN RSA PUBLIC KEY-----";
constexpr std::size_t kMaxKeyFileSize = 1 << 20;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

struct BignumDeleter {
  void operator()(BIGNUM* number) const noexcept { BN_free(number); }
};
using BignumPtr = std::unique_ptr<BIGNUM, BignumDeleter>;

BignumPtr bignum_from(ByteView big_endian) {
  BignumPtr number(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
  if (!number) throw Error(ErrorKind::internal, "OpenSSL could not allocate a big number");
  return number;
}

Bytes bignum_param(EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    throw Error(ErrorKind::internal, std::string("OpenSSL could not read RSA parameter ") + name);
  }
  BignumPtr number(raw);
  Bytes out(static_cast<std::size_t>(BN_num_bytes(number.get())));
  BN_bn2bin(number.get(), out.data());
  return out;
}

std::shared_ptr<EVP_PKEY> require_rsa(detail::EvpPkeyPtr key, std::string_view what) {
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) {
    throw InputError(std::string(what) + " is not an RSA public key");
  }
  return detail::share(std::move(key));
}

}  // namespace

PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}

PublicKey PublicKey::from_pem(std::string_view pem) {
  const auto text = trim(pem);
  if (!text.starts_with(kSpkiPemHeader) && !text.starts_with(kPkcs1PemHeader)) {
    throw InputError(
        "not a PEM public key: expected '-----BEGIN PUBLIC KEY-----' or '-----BEGIN RSA PUBLIC KEY-----'");
  }
  EVP_PKEY* decoded = nullptr;
  std::unique_ptr<OSSL_DECODER_CTX, detail::OpenSslDeleter<OSSL_DECODER_CTX_free>> decoder(
      OSSL_DECODER_CTX_new_for_pkey(&decoded, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
  auto bio = detail::memory_bio(text.data(), text.size());
  if (!decoder || OSSL_DECODER_from_bio(decoder.get(), bio.get()) != 1) {
    detail::discard_openssl_errors();
    throw InputError("the PEM public key could not be decoded (damaged base64 or not an RSA key)");
  }
  return PublicKey(require_rsa(detail::EvpPkeyPtr(decoded), "the PEM key"));
}

PublicKey PublicKey::from_api_string(std::string_view api_string) {
  const auto decoded = try_base64_decode(trim(api_string));
  if (!decoded) {
    throw InputError("the public key string is not valid base64; vantage6 publishes base64 of a PEM public key");
  }
  return from_pem(as_chars(*decoded));
}

PublicKey PublicKey::from_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError("cannot open public key file '" + path.string() + "'");
  std::string content;
  content.resize(kMaxKeyFileSize + 1);
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<std::size_t>(file.gcount()));
  if (content.size() > kMaxKeyFileSize) {
    throw InputError("public key file '" + path.string() + "' is larger than 1 MiB; it is not a key");
  }
  const auto text = trim(content);
  return text.starts_with("-----BEGIN") ? from_pem(text) : from_api_string(text);
}

PublicKey PublicKey::from_components(ByteView modulus, ByteView public_exponent) {
  if (modulus.empty() || public_exponent.empty()) throw InputError("an RSA public key needs a modulus and an exponent");
  auto n = bignum_from(modulus);
  auto e = bignum_from(public_exponent);
  std::unique_ptr<OSSL_PARAM_BLD, detail::OpenSslDeleter<OSSL_PARAM_BLD_free>> builder(OSSL_PARAM_BLD_new());
  if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL could not build RSA parameters: " + take_openssl_error());
  }
  std::unique_ptr<OSSL_PARAM, detail::OpenSslDeleter<OSSL_PARAM_free>> params(OSSL_PARAM_BLD_to_param(builder.get()));
  detail::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    throw InputError("the modulus and exponent do not form an RSA public key: " + take_openssl_error());
  }
  return PublicKey(require_rsa(detail::EvpPkeyPtr(key), "the key"));
}

PublicKey PublicKey::from_evp(EVP_PKEY* key) {
  if (key == nullptr || EVP_PKEY_up_ref(key) != 1) throw InputError("no key given");
  return PublicKey(require_rsa(detail::EvpPkeyPtr(key), "the key"));
}

std::string PublicKey::spki_pem() const {
  detail::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL could not write the public key: " + take_openssl_error());
  }
  return detail::bio_contents(bio.get());
}

Bytes PublicKey::spki_der() const {
  unsigned char* der = nullptr;
  const int length = i2d_PUBKEY(key_.get(), &der);
  if (length <= 0) throw Error(ErrorKind::internal, "OpenSSL could not encode the public key: " + take_openssl_error());
  Bytes out(der, der + length);
  OPENSSL_free(der);
  return out;
}

std::string PublicKey::api_string() const { return base64_encode(as_bytes(spki_pem())); }

std::string PublicKey::fingerprint() const {
  const Bytes der = spki_der();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digest_length, EVP_sha256(), nullptr) != 1) {
    throw Error(ErrorKind::internal, "OpenSSL could not hash the public key: " + take_openssl_error());
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < digest_length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}

Bytes PublicKey::modulus() const { return bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_N); }
Bytes PublicKey::public_exponent() const { return bignum_param(key_.get(), OSSL_PKEY_PARAM_RSA_E); }
int PublicKey::bits() const { return EVP_PKEY_get_bits(key_.get()); }
std::size_t PublicKey::modulus_length() const { return static_cast<std::size_t>(EVP_PKEY_get_size(key_.get())); }

Bytes PublicKey::encrypt_pkcs1v15(ByteView message) const {
  detail::EvpPkeyCtxPtr context(EVP_PKEY_CTX_new(key_.get(), nullptr));
  std::size_t length = modulus_length();
  Bytes out(length);
  if (!context || EVP_PKEY_encrypt_init(context.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) != 1 ||
      EVP_PKEY_encrypt(context.get(), out.data(), &length, message.data(), message.size()) != 1) {
    throw InputError("RSA PKCS#1 v1.5 encryption failed: " + take_openssl_error());
  }
  out.resize(length);
  return out;
}

bool PublicKey::operator==(const PublicKey& other) const { return EVP_PKEY_eq(key_.get(), other.key_.get()) == 1; }

}  // namespace v6hsm
