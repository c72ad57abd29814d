// key create | import | list | show | delete through the binary; the results are checked against the
// openssl command and the library's own public-key code, never against the tool's word alone.
#include "cli/cli_sandbox.hpp"
#include "v6hsm/cryptor.hpp"

namespace v6hsm::cli_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class KeyCommands : public CliSuite {};

std::string show(const CliSandbox& sandbox, const std::string& label, const std::string& format) {
  const auto result = sandbox.run_on_token({"key", "show", "--key", label, "--format", format});
  if (result.exit_code != 0) ADD_FAILURE() << describe(result);
  return result.out;
}

TEST_F(KeyCommands, CreateGeneratesASensitiveKeyAndReusesItWithoutOverwrite) {
  const auto created = sandbox().run_on_token({"key", "create", "--key", "created", "--id", "a1b2", "--bits", "2048"});
  ASSERT_EQ(created.exit_code, 0) << describe(created);
  EXPECT_THAT(created.err, HasSubstr("generated 2048-bit key 'created' (id a1b2)"));
  const std::string first = show(sandbox(), "created", "fingerprint");
  EXPECT_THAT(created.err, HasSubstr(first.substr(0, first.size() - 1)));

  const auto again = sandbox().run_on_token({"key", "create", "--key", "created", "--bits", "2048"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
  EXPECT_EQ(show(sandbox(), "created", "fingerprint"), first);

  const auto replaced = sandbox().run_on_token({"key", "create", "--key", "created", "--bits", "2048", "--overwrite"});
  ASSERT_EQ(replaced.exit_code, 0) << describe(replaced);
  EXPECT_THAT(replaced.err, HasSubstr("replacing the previous key"));
  EXPECT_NE(show(sandbox(), "created", "fingerprint"), first);
}

TEST_F(KeyCommands, ShowPrintsTheSamePublicKeyInEveryFormat) {
  const PublicKey& key = default_key();
  EXPECT_EQ(PublicKey::from_pem(show(sandbox(), kDefaultKey, "pem")), key);
  const std::string api = show(sandbox(), kDefaultKey, "api");
  EXPECT_EQ(api, key.api_string() + "\n");
  EXPECT_EQ(PublicKey::from_api_string(api.substr(0, api.size() - 1)), key);
  EXPECT_EQ(show(sandbox(), kDefaultKey, "fingerprint"), key.fingerprint() + "\n");

  const auto report = sandbox().run_on_token({"key", "show"});
  ASSERT_EQ(report.exit_code, 0) << describe(report);
  EXPECT_THAT(report.out, HasSubstr("label              vantage6"));
  EXPECT_THAT(report.out, HasSubstr("bits               2048"));
  EXPECT_THAT(report.out, HasSubstr("sensitive          yes"));
  EXPECT_THAT(report.out, HasSubstr("extractable        no"));
  EXPECT_THAT(report.out, HasSubstr("sign               no"));
  EXPECT_THAT(report.out, HasSubstr("fingerprint        " + key.fingerprint()));
}

TEST_F(KeyCommands, ListShowsEveryKeyWithItsAttributes) {
  const std::string fingerprint = default_key().fingerprint();
  const auto result = sandbox().run_on_token({"key", "list"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("FINGERPRINT"));
  EXPECT_THAT(result.out, HasSubstr("vantage6"));
  EXPECT_THAT(result.out, HasSubstr(fingerprint));
  EXPECT_THAT(result.out, HasSubstr("decrypt"));
}

TEST_F(KeyCommands, ImportedPemKeyMatchesOpensslAndDecryptsForIt) {
  const auto pem_file = sandbox().write_file("imported.pem", openssl_private_key_pem(sandbox(), 2048));
  const PublicKey expected = PublicKey::from_pem(openssl_public_key_pem(sandbox(), pem_file));

  const auto imported = sandbox().run_on_token({"key", "import", "--pem", pem_file.string(), "--key", "imported", "--id", "0f"});
  ASSERT_EQ(imported.exit_code, 0) << describe(imported);
  EXPECT_THAT(imported.err, HasSubstr("imported 2048-bit key 'imported' (id 0f)"));
  EXPECT_THAT(imported.err, HasSubstr("shred"));
  EXPECT_EQ(show(sandbox(), "imported", "fingerprint"), expected.fingerprint() + "\n");

  const std::string payload = encrypt_to_string(as_bytes(std::string_view("migrated secret")), expected);
  const auto decrypted = sandbox().run_on_token({"decrypt", "--key", "imported"}, payload);
  ASSERT_EQ(decrypted.exit_code, 0) << describe(decrypted);
  EXPECT_EQ(decrypted.out, "migrated secret");

  const auto shown = sandbox().run_on_token({"key", "show", "--key", "imported"});
  EXPECT_THAT(shown.out, HasSubstr("extractable        no"));
}

TEST_F(KeyCommands, GlobalOptionsMayFollowTheCommand) {
  const std::string fingerprint = default_key().fingerprint();
  const auto result = sandbox().run(Arguments{"key", "show", "--format", "fingerprint"} + token_options());
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.out, fingerprint + "\n");
}

TEST_F(KeyCommands, DeleteWithYesRemovesTheKey) {
  ASSERT_EQ(sandbox().run_on_token({"key", "create", "--key", "doomed", "--bits", "2048"}).exit_code, 0);
  const auto deleted = sandbox().run_on_token({"key", "delete", "--key", "doomed", "--yes"});
  ASSERT_EQ(deleted.exit_code, 0) << describe(deleted);
  EXPECT_THAT(deleted.err, HasSubstr("deleting the 2048-bit key 'doomed'"));

  const auto gone = sandbox().run_on_token({"key", "show", "--key", "doomed"});
  EXPECT_EQ(gone.exit_code, 5) << describe(gone);
  const auto listed = sandbox().run_on_token({"key", "list"});
  EXPECT_THAT(listed.out, Not(HasSubstr("doomed")));
}

}  // namespace
}  // namespace v6hsm::cli_test
