// Uniform decryption failure: whatever is wrong with a payload (its framing, its base64, its IV, its
// wrapped key, the secret inside, the key it was made for, its body), `v6hsm decrypt` says the same bytes
// on stderr and exits 4, in both output modes. Different messages would tell an attacker who feeds
// payloads to a node which check failed (a padding oracle, in the worst case). And a failure after part
// of the plaintext was streamed out must not leave that part in the --out file.
#include <algorithm>
#include <map>

#include "cli/cli_sandbox.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/envelope.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

const std::string kPlaintext = R"({"method": "partial_average", "kwargs": {"column": "age"}})";

// The parts of a string-form payload, for taking it apart and putting it back together wrongly.
struct WireParts {
  std::string key, iv, body;

  explicit WireParts(const std::string& wire) {
    const auto first = wire.find('$');
    const auto second = wire.find('$', first + 1);
    key = wire.substr(0, first);
    iv = wire.substr(first + 1, second - first - 1);
    body = wire.substr(second + 1);
  }
  std::string join() const { return key + "$" + iv + "$" + body; }
};

// A payload for `recipient` whose wrapped key holds `secret` instead of a proper 32-byte AES key.
std::string with_wrapped_secret(const PublicKey& recipient, std::string_view secret) {
  WireParts parts(encrypt_to_string(as_bytes(kPlaintext), recipient));
  parts.key = base64_encode(recipient.encrypt_pkcs1v15(as_bytes(secret)));
  return parts.join();
}

std::string flip_one_character(std::string text, std::size_t position) {
  text[position] = text[position] == 'A' ? 'B' : 'A';
  return text;
}

class UniformFailure : public CliSuite {
 protected:
  // Every kind of broken payload, by name. All are for the default key unless the name says otherwise.
  static std::map<std::string, std::string> broken_payloads() {
    const auto& ours = default_key();
    const std::string wire = encrypt_to_string(as_bytes(kPlaintext), ours);
    const WireParts good(wire);
    const auto changed = [&](auto change) {
      WireParts parts = good;
      change(parts);
      return parts.join();
    };
    const auto blob = encrypt_to_blob(as_bytes(kPlaintext), ours);
    const std::string blob_text(as_chars(blob));
    std::string blob_damaged_key = blob_text;
    blob_damaged_key[10] = blob_damaged_key[10] == 'A' ? 'B' : 'A';

    return {
        {"not a payload", "hello, node"},
        {"empty", ""},
        {"bad base64 in the wrapped key", changed([](WireParts& p) { p.key[5] = '!'; })},
        {"missing padding on the IV", changed([](WireParts& p) { p.iv.erase(p.iv.find('=')); })},
        {"wrong padding on the IV", changed([](WireParts& p) { p.iv.back() = 'A'; })},
        {"an extra '$' in the header", good.key + "$$" + good.iv + "$" + good.body},
        {"a missing '$'", good.key + good.iv + "$" + good.body},
        {"only one part", good.key},
        {"short IV (8 bytes)", changed([](WireParts& p) { p.iv = base64_encode(Bytes(8, 7)); })},
        {"long IV (24 bytes)", changed([](WireParts& p) { p.iv = base64_encode(Bytes(24, 7)); })},
        {"truncated wrapped key", changed([](WireParts& p) { p.key.resize(p.key.size() - 8); })},
        {"corrupted wrapped key", changed([](WireParts& p) { p = WireParts(flip_one_character(p.join(), 20)); })},
        {"empty wrapped key", changed([](WireParts& p) { p.key.clear(); })},
        {"wrong key of the same size", encrypt_to_string(as_bytes(kPlaintext), other_key())},
        {"31-byte secret", with_wrapped_secret(ours, std::string(31, 'k'))},
        {"33-byte secret", with_wrapped_secret(ours, std::string(33, 'k'))},
        {"45-byte secret", with_wrapped_secret(ours, std::string(44, 'A') + "=")},
        {"44 bytes that are not base64", with_wrapped_secret(ours, std::string(44, '!'))},
        {"empty secret", with_wrapped_secret(ours, "")},
        {"an extra '$' after the body", wire + "$QUJD"},
        {"body that is not base64", changed([](WireParts& p) { p.body = "%%%%" + p.body; })},
        {"truncated body", changed([](WireParts& p) { p.body.resize(p.body.size() - 3); })},
        {"blob with a corrupted wrapped key", blob_damaged_key},
        {"blob without its second '$'", blob_text.substr(0, blob_text.find('$')) + "$" + "\x01\x02\x03"},
    };
  }

  // A second 2048-bit key, made by openssl: the same size as ours, so only the key itself differs.
  static const PublicKey& other_key() {
    static const PublicKey key = [] {
      const auto private_file = sandbox().write_file("other.key", openssl_private_key_pem(sandbox(), 2048));
      return PublicKey::from_pem(openssl_public_key_pem(sandbox(), private_file));
    }();
    return key;
  }

  static ProcessResult decrypt(const std::string& payload, const Arguments& more) {
    return sandbox().run_on_token(Arguments{"decrypt"} + more, payload);
  }
};

TEST_F(UniformFailure, EveryBrokenPayloadGivesTheSameBytesAndExitCode4) {
  const auto payloads = broken_payloads();
  ASSERT_GE(payloads.size(), 12u);
  const std::string expected = std::string("error: ") + DecryptionError::kMessage + "\n";
  for (const auto& output : {"raw", "vantage6"}) {
    for (const auto& [name, payload] : payloads) {
      const auto result = decrypt(payload, {"--output", output});
      EXPECT_EQ(result.exit_code, 4) << name << ", --output " << output << ": " << describe(result);
      EXPECT_EQ(result.err, expected) << name << ", --output " << output;
    }
  }
}

TEST_F(UniformFailure, TheUntouchedPayloadDecrypts) {
  // The broken payloads above are broken by their one change, not by how they are made.
  const auto result = decrypt(encrypt_to_string(as_bytes(kPlaintext), default_key()), {"--output", "raw"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, kPlaintext);
  const auto blob = encrypt_to_blob(as_bytes(kPlaintext), default_key());
  EXPECT_EQ(decrypt(std::string(as_chars(blob)), {}).out, kPlaintext);
}

TEST_F(UniformFailure, FailureLateInAStreamedBodyLeavesNoOutputFile) {
  // Several MiB, so raw output streams: the start is decrypted before the broken end is reached.
  std::string plaintext(6 * 1024 * 1024, 'x');
  WireParts parts(encrypt_to_string(as_bytes(plaintext), default_key()));
  parts.body.resize(parts.body.size() - 3);
  const auto payload = sandbox().write_file("late-failure.txt", parts.join());
  const auto fresh = sandbox().directory() / "late-failure.out";

  const auto result = decrypt("", {"--in", payload.string(), "--out", fresh.string()});
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  EXPECT_EQ(result.err, std::string("error: ") + DecryptionError::kMessage + "\n");
  EXPECT_FALSE(std::filesystem::exists(fresh)) << "no partial plaintext file is created";

  const auto existing = sandbox().write_file("late-failure-existing.out", "the previous result\n");
  EXPECT_EQ(decrypt("", {"--in", payload.string(), "--out", existing.string()}).exit_code, 4);
  EXPECT_EQ(read_file(existing), "the previous result\n") << "an existing file is not replaced or truncated";

  for (const auto& entry : std::filesystem::directory_iterator(sandbox().directory())) {
    EXPECT_THAT(entry.path().filename().string(), ::testing::Not(HasSubstr("late-failure.out.")))
        << "no temporary file is left behind";
  }
}

}  // namespace
}  // namespace v6hsm::cli_test
