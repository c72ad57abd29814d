// decrypt --batch: 1000 payloads, 3 of them bad in three different ways. The good ones must come out in
// order, the bad ones as empty lines with their line numbers on stderr, and the exit code must be 4.
#include <map>

#include "cli/cli_sandbox.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

constexpr std::size_t kPayloads = 1000;

std::string plaintext_for(std::size_t index) {
  std::string text = "run " + std::to_string(index) + " ";
  text.push_back(static_cast<char>(index % 256));  // also a byte that is not text
  return text;
}

// The first base64 character of the wrapped key, changed: the RSA block no longer decrypts.
std::string with_damaged_wrapped_key(std::string payload) {
  payload[0] = payload[0] == 'A' ? 'B' : 'A';
  return payload;
}

class BatchDecrypt : public CliSuite {};

TEST_F(BatchDecrypt, ThousandPayloadsWithThreeBadLines) {
  const PublicKey& ours = default_key();
  const auto other_pem = sandbox().write_file("other.pem", openssl_private_key_pem(sandbox(), 2048));
  const PublicKey someone_else = PublicKey::from_pem(openssl_public_key_pem(sandbox(), other_pem));
  const std::map<std::size_t, std::string> bad_lines = {
      {17, "this is not a vantage6 payload"},
      {500, with_damaged_wrapped_key(encrypt_to_string(as_bytes(plaintext_for(500)), ours))},
      {kPayloads, encrypt_to_string(as_bytes(plaintext_for(kPayloads)), someone_else)}};

  std::string input;
  for (std::size_t line = 1; line <= kPayloads; ++line) {
    const auto bad = bad_lines.find(line);
    input += (bad != bad_lines.end() ? bad->second : encrypt_to_string(as_bytes(plaintext_for(line)), ours)) + "\n";
  }

  const auto result = sandbox().run_on_token({"decrypt", "--batch"}, input);
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), kPayloads);
  for (std::size_t line = 1; line <= kPayloads; ++line) {
    if (bad_lines.contains(line)) {
      EXPECT_EQ(lines[line - 1], "") << "line " << line;
    } else {
      EXPECT_EQ(to_string(base64_decode(lines[line - 1])), plaintext_for(line)) << "line " << line;
    }
  }
  for (const auto& [line, payload] : bad_lines) {
    EXPECT_THAT(result.err, HasSubstr("line " + std::to_string(line) + ": " + DecryptionError::kMessage));
  }
  EXPECT_EQ(lines_of(result.err).size(), 4u) << result.err;
  EXPECT_THAT(result.err, HasSubstr("decrypted 997 of 1000 payloads"));
}

TEST_F(BatchDecrypt, AllGoodLinesExitZeroAndKeepCrLfInputWorking) {
  const PublicKey& ours = default_key();
  std::string input;
  for (std::size_t line = 1; line <= 5; ++line) input += encrypt_to_string(as_bytes(plaintext_for(line)), ours) + "\r\n";
  const auto result = sandbox().run_on_token({"decrypt", "--batch"}, input);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 5u);
  for (std::size_t line = 1; line <= 5; ++line) EXPECT_EQ(to_string(base64_decode(lines[line - 1])), plaintext_for(line));
}

}  // namespace
}  // namespace v6hsm::cli_test
