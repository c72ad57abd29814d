// encrypt (--to-key PEM / API string, --to-org one and several, --raw) and decrypt (raw, vantage6, files)
// through the binary; every payload made by the tool is decrypted by the tool on the token and compared
// byte for byte.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"
#include "v6hsm/base64.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;

class EncryptDecrypt : public CliSuite {
 protected:
  static std::string every_byte_value() {
    std::string bytes;
    for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
    return bytes + bytes;
  }

  static std::string encrypt_to_key(const std::filesystem::path& key_file, const std::string& plaintext,
                                    const Arguments& more = {}) {
    const auto result = sandbox().run(Arguments{"encrypt", "--to-key", key_file.string()} + more, plaintext);
    if (result.exit_code != 0) ADD_FAILURE() << describe(result);
    return result.out;
  }

  static ProcessResult decrypt(const std::string& payload, const Arguments& more = {}) {
    return sandbox().run_on_token(Arguments{"decrypt"} + more, payload);
  }
};

TEST_F(EncryptDecrypt, ToPemKeyFileRoundTripsEveryByteValue) {
  const auto key_file = sandbox().write_file("recipient.pem", default_key().spki_pem());
  const std::string plaintext = every_byte_value();
  const std::string payload = encrypt_to_key(key_file, plaintext);
  EXPECT_EQ(payload.back(), '\n');
  EXPECT_EQ(std::count(payload.begin(), payload.end(), '$'), 2);

  const auto decrypted = decrypt(payload);
  ASSERT_EQ(decrypted.exit_code, 0) << describe(decrypted);
  EXPECT_EQ(decrypted.out, plaintext);
}

TEST_F(EncryptDecrypt, ToApiStringFileWithInAndOutFiles) {
  const auto key_file = sandbox().write_file("recipient.api", default_key().api_string() + "\n");
  const auto input = sandbox().write_file("task-input.json", R"({"method": "avg", "kwargs": {"column": "age"}})");
  const auto payload = sandbox().directory() / "payload.txt";
  const auto output = sandbox().directory() / "decrypted.json";
  encrypt_to_key(key_file, "", {"--in", input.string(), "--out", payload.string()});

  const auto decrypted = decrypt("", {"--in", payload.string(), "--out", output.string()});
  ASSERT_EQ(decrypted.exit_code, 0) << describe(decrypted);
  EXPECT_EQ(decrypted.out, "");
  EXPECT_EQ(read_file(output), read_file(input));
}

TEST_F(EncryptDecrypt, RawBlobRoundTrips) {
  const auto key_file = sandbox().write_file("recipient.pem", default_key().spki_pem());
  const std::string plaintext = every_byte_value();
  const std::string blob = encrypt_to_key(key_file, plaintext, {"--raw"});
  const auto header_end = blob.find('$', blob.find('$') + 1);
  ASSERT_NE(header_end, std::string::npos);
  EXPECT_EQ(blob.size() - header_end - 1, plaintext.size()) << "the blob form carries the ciphertext as raw bytes";

  const auto decrypted = decrypt(blob);
  ASSERT_EQ(decrypted.exit_code, 0) << describe(decrypted);
  EXPECT_EQ(decrypted.out, plaintext);
}

TEST_F(EncryptDecrypt, OutputVantage6AppliesTheVantage6Rules) {
  const auto key_file = sandbox().write_file("recipient.pem", default_key().spki_pem());
  const std::string json = R"({"kwargs": {"n": 3}})";
  const std::string web_ui_style = base64_encode(as_bytes(json));

  const auto as_json = decrypt(encrypt_to_key(key_file, json), {"--output", "vantage6"});
  ASSERT_EQ(as_json.exit_code, 0) << describe(as_json);
  EXPECT_EQ(as_json.out, json);

  const std::string payload = encrypt_to_key(key_file, web_ui_style);
  const auto decoded = decrypt(payload, {"--output", "vantage6"});
  ASSERT_EQ(decoded.exit_code, 0) << describe(decoded);
  EXPECT_EQ(decoded.out, json);
  const auto raw = decrypt(payload, {"--output", "raw"});
  EXPECT_EQ(raw.out, web_ui_style);
}

class EncryptToOrganizations : public EncryptDecrypt {
 protected:
  void SetUp() override {
    default_key();
    publish({}, "ALPHA_API_KEY");
  }

  void publish(const Arguments& key, const std::string& api_key_variable) {
    const auto result =
        sandbox().run_on_token(Arguments{"key", "publish"} + key + node_login(server.url(), api_key_variable), {},
                               server_secrets());
    ASSERT_EQ(result.exit_code, 0) << describe(result);
  }

  ProcessResult encrypt_to_orgs(const Arguments& organizations, const std::string& plaintext) {
    return sandbox().run(Arguments{"encrypt"} + organizations + node_login(server.url(), "ALPHA_API_KEY"), plaintext,
                         server_secrets());
  }

  TestServer server;
};

TEST_F(EncryptToOrganizations, OneOrganizationGivesTheWireString) {
  const std::string plaintext = R"({"method": "partial_average"})";
  const auto encrypted = encrypt_to_orgs({"--to-org", "1"}, plaintext);
  ASSERT_EQ(encrypted.exit_code, 0) << describe(encrypted);
  EXPECT_NE(encrypted.out.front(), '[');

  const auto decrypted = decrypt(encrypted.out);
  ASSERT_EQ(decrypted.exit_code, 0) << describe(decrypted);
  EXPECT_EQ(decrypted.out, plaintext);
}

TEST_F(EncryptToOrganizations, SeveralOrganizationsGiveTheTaskArrayEachForItsOwnKey) {
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "beta", "--bits", "2048"}).exit_code, 0);
  publish({"--key", "beta"}, "BETA_API_KEY");
  const std::string plaintext = R"({"method": "count"})";

  const auto encrypted = encrypt_to_orgs({"--to-org", "1", "--to-org", "2"}, plaintext);
  ASSERT_EQ(encrypted.exit_code, 0) << describe(encrypted);
  const auto organizations = nlohmann::json::parse(encrypted.out);
  ASSERT_TRUE(organizations.is_array());
  ASSERT_EQ(organizations.size(), 2u);
  EXPECT_EQ(organizations[0]["id"], 1);
  EXPECT_EQ(organizations[1]["id"], 2);
  const std::string for_alpha = organizations[0]["input"].get<std::string>();
  const std::string for_beta = organizations[1]["input"].get<std::string>();

  EXPECT_EQ(decrypt(for_alpha).out, plaintext);
  EXPECT_EQ(decrypt(for_beta, {"--key", "beta"}).out, plaintext);
  const auto wrong_key = decrypt(for_beta);
  EXPECT_EQ(wrong_key.exit_code, 4) << describe(wrong_key);
  EXPECT_EQ(wrong_key.out, "");
}

}  // namespace
}  // namespace v6hsm::cli_test
