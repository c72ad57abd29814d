// Every documented exit code with its message: 1 usage, 2 token/PIN, 3 server, 4 decryption, 5 not found.
#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ExitCodes : public CliSuite {};

TEST_F(ExitCodes, HelpIsZeroAndHasExamples) {
  const auto result = sandbox().run({"--help"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("Exit codes: 0 ok, 1 usage"));
  for (const char* command : {"token", "key", "encrypt", "decrypt", "doctor"}) {
    const auto sub = sandbox().run({command, "--help"});
    EXPECT_EQ(sub.exit_code, 0) << command << describe(sub);
  }
  EXPECT_THAT(sandbox().run({"decrypt", "--help"}).out, HasSubstr("Examples:"));
}

TEST_F(ExitCodes, UnknownOptionIsAUsageError) {
  const auto result = sandbox().run({"key", "list", "--frobnicate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("--frobnicate"));
}

TEST_F(ExitCodes, UnsupportedKeySizeIsAUsageError) {
  const auto result = sandbox().run_on_token({"key", "create", "--key", "small", "--bits", "1024"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("--bits"));
  EXPECT_EQ(sandbox().run_on_token({"key", "show", "--key", "small"}).exit_code, 5) << "no key may have been made";
}

TEST_F(ExitCodes, ToKeyAndToOrgTogetherIsAUsageError) {
  const auto key_file = sandbox().write_file("recipient.pem", default_key().spki_pem());
  const auto result = sandbox().run({"encrypt", "--to-key", key_file.string(), "--to-org", "2"}, "plaintext");
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("exactly one of --to-key FILE or --to-org ID"));
  EXPECT_EQ(result.out, "");
}

TEST_F(ExitCodes, DeleteWithoutYesRefusesAndKeepsTheKey) {
  const std::string fingerprint = default_key().fingerprint();
  const auto result = sandbox().run_on_token({"key", "delete", "--key", kDefaultKey});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Add --yes to delete it"));
  const auto still_there = sandbox().run_on_token({"key", "show", "--format", "fingerprint"});
  EXPECT_EQ(still_there.exit_code, 0);
  EXPECT_EQ(still_there.out, fingerprint + "\n");
}

TEST_F(ExitCodes, PinAsAnOptionValueIsRefusedWithoutEchoingIt) {
  for (const Arguments& attempt : {Arguments{"--pin", "9731-pin-typed-by-mistake", "key", "list"},
                                   Arguments{"key", "list", "--pin=9731-pin-typed-by-mistake"}}) {
    const auto result = sandbox().run(Arguments{"--token", kTokenLabel} + attempt);
    EXPECT_EQ(result.exit_code, 1) << describe(result);
    EXPECT_THAT(result.err, HasSubstr("--pin-source"));
    EXPECT_THAT(result.out + result.err, Not(HasSubstr("9731")));
  }
  const auto api_key = sandbox().run({"key", "publish", "--api-key", "4b1d-api-key-typed", "--server", "http://x"});
  EXPECT_EQ(api_key.exit_code, 1) << describe(api_key);
  EXPECT_THAT(api_key.err, HasSubstr("--api-key-source"));
  EXPECT_THAT(api_key.out + api_key.err, Not(HasSubstr("4b1d")));
}

TEST_F(ExitCodes, WrongPinIsATokenFailure) {
  const auto result = sandbox().run({"--token", kTokenLabel, "--pin-source", "env:WRONG_PIN", "key", "list"}, {},
                                    {{"WRONG_PIN", "not-the-pin"}});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("CKR_PIN_INCORRECT"));
  EXPECT_THAT(result.err, Not(HasSubstr("not-the-pin")));
}

TEST_F(ExitCodes, ServerDownIsAServerFailure) {
  default_key();
  const std::string url = unreachable_server_url();
  const auto verify = sandbox().run_on_token(Arguments{"key", "verify", "--timeout", "5"} + node_login(url, "ALPHA_API_KEY"),
                                             {}, server_secrets());
  EXPECT_EQ(verify.exit_code, 3) << describe(verify);
  EXPECT_THAT(verify.err, HasSubstr("127.0.0.1"));

  const auto encrypt = sandbox().run(Arguments{"encrypt", "--to-org", "1", "--timeout", "5"} + node_login(url, "ALPHA_API_KEY"),
                                     "plaintext", server_secrets());
  EXPECT_EQ(encrypt.exit_code, 3) << describe(encrypt);
  EXPECT_EQ(encrypt.out, "");
}

TEST_F(ExitCodes, RefusedPublicationOfADifferentKeyIsAServerFailureUntilReplace) {
  default_key();
  TestServer server;
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "earlier", "--bits", "2048"}).exit_code, 0);
  const auto publish = [&](const Arguments& more) {
    return sandbox().run_on_token(Arguments{"key", "publish"} + more + node_login(server.url(), "BETA_API_KEY"), {},
                                  server_secrets());
  };
  ASSERT_EQ(publish({"--key", "earlier"}).exit_code, 0);
  const auto refused = publish({});
  EXPECT_EQ(refused.exit_code, 3) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("warning: "));
  EXPECT_EQ(publish({"--replace"}).exit_code, 0);
}

TEST_F(ExitCodes, CorruptPayloadGivesTheUniformMessage) {
  const std::string payload = encrypt_to_string(as_bytes(std::string_view("secret plan")), default_key());
  std::string truncated_key = payload;
  truncated_key.erase(payload.find('$') - 1, 1);
  std::string damaged_key = payload;
  damaged_key[0] = damaged_key[0] == 'A' ? 'B' : 'A';
  for (const std::string& bad : {std::string("garbage"), truncated_key, damaged_key, std::string("QUJD$QUJD$QUJD")}) {
    const auto result = sandbox().run_on_token({"decrypt"}, bad);
    EXPECT_EQ(result.exit_code, 4) << describe(result);
    EXPECT_EQ(result.err, std::string("error: ") + DecryptionError::kMessage + "\n");
    EXPECT_EQ(result.out, "");
  }
}

TEST_F(ExitCodes, MissingKeyAndMissingTokenAreNotFound) {
  const auto key = sandbox().run_on_token({"key", "show", "--key", "no-such-key"});
  EXPECT_EQ(key.exit_code, 5) << describe(key);
  EXPECT_THAT(key.err, HasSubstr("no-such-key"));

  const auto token = sandbox().run({"--token", "no-such-token", "--pin-source", "env:V6HSM_TEST_USER_PIN", "key", "list"});
  EXPECT_EQ(token.exit_code, 5) << describe(token);
  EXPECT_THAT(token.err, HasSubstr("no token matches"));

  const auto decrypt = sandbox().run_on_token({"decrypt", "--key", "no-such-key"}, "QUJD$QUJD$QUJD");
  EXPECT_EQ(decrypt.exit_code, 5) << describe(decrypt);
}

TEST_F(ExitCodes, MissingInputFileIsAUsageError) {
  default_key();
  const auto result = sandbox().run_on_token({"decrypt", "--in", (sandbox().directory() / "absent.txt").string()});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("cannot open input file"));
}

}  // namespace
}  // namespace v6hsm::cli_test
