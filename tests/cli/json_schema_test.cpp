// The documented --json shapes, parsed with nlohmann_json: every field the README promises, with its type.
#include <nlohmann/json.hpp>

#include <map>
#include <optional>

#include "cli/cli_sandbox.hpp"
#include "cli/test_server.hpp"
#include "v6hsm/cryptor.hpp"

namespace v6hsm::cli_test {
namespace {

using Json = nlohmann::json;

class JsonSchemas : public CliSuite {
 protected:
  static Json run_json(const Arguments& arguments, int expected_exit_code = 0) {
    const auto result = sandbox().run_on_token(Arguments{"--json"} + arguments, {}, server_secrets());
    EXPECT_EQ(result.exit_code, expected_exit_code) << describe(result);
    return Json::parse(result.out);
  }
};

void expect_types(const Json& object, const std::map<std::string, Json::value_t>& fields) {
  ASSERT_TRUE(object.is_object()) << object.dump();
  for (const auto& [name, type] : fields) {
    ASSERT_TRUE(object.contains(name)) << name << " missing in " << object.dump();
    EXPECT_EQ(object[name].type(), type) << name << " in " << object.dump();
  }
}

// Integers may be signed or unsigned in nlohmann's model; both are JSON integers.
void expect_integer(const Json& value, const std::string& what) {
  EXPECT_TRUE(value.is_number_integer()) << what << ": " << value.dump();
}

void expect_token_schema(const Json& token) {
  using T = Json::value_t;
  expect_types(token, {{"label", T::string}, {"serial", T::string}, {"manufacturer", T::string}, {"model", T::string},
                       {"initialized", T::boolean}, {"user_pin_initialized", T::boolean},
                       {"login_required", T::boolean}, {"protected_authentication_path", T::boolean},
                       {"user_pin_count_low", T::boolean}, {"user_pin_final_try", T::boolean},
                       {"user_pin_locked", T::boolean}, {"flags", T::array}});
  expect_integer(token["slot"], "slot");
}

void expect_key_schema(const Json& key) {
  using T = Json::value_t;
  expect_types(key, {{"label", T::string}, {"id", T::string}, {"fingerprint", T::string},
                     {"has_public_object", T::boolean}, {"attributes", T::object}, {"warnings", T::array}});
  expect_integer(key["bits"], "bits");
  for (const char* attribute :
       {"sensitive", "extractable", "always_sensitive", "never_extractable", "decrypt", "unwrap", "sign", "token", "private"}) {
    EXPECT_TRUE(key["attributes"][attribute].is_boolean()) << attribute;
  }
}

TEST_F(JsonSchemas, TokenList) {
  const Json document = run_json({"token", "list"});
  expect_types(document, {{"module", Json::value_t::string}, {"tokens", Json::value_t::array}});
  ASSERT_FALSE(document["tokens"].empty());
  for (const auto& token : document["tokens"]) expect_token_schema(token);
  EXPECT_EQ(document["tokens"][0]["label"], kTokenLabel);
  EXPECT_EQ(document["tokens"][0]["initialized"], true);
}

TEST_F(JsonSchemas, TokenInfo) {
  const Json document = run_json({"token", "info"});
  using T = Json::value_t;
  expect_types(document, {{"module", T::object}, {"token", T::object}, {"mechanisms", T::array}, {"problems", T::array}});
  expect_types(document["module"], {{"path", T::string}, {"manufacturer", T::string}, {"description", T::string},
                                    {"cryptoki_version", T::string}, {"library_version", T::string}});
  expect_token_schema(document["token"]);
  bool rsa_pkcs = false;
  for (const auto& mechanism : document["mechanisms"]) {
    expect_types(mechanism, {{"name", T::string}, {"supported", T::boolean}, {"flags", T::array}});
    expect_integer(mechanism["min_key_size"], "min_key_size");
    expect_integer(mechanism["max_key_size"], "max_key_size");
    rsa_pkcs = rsa_pkcs || (mechanism["name"] == "CKM_RSA_PKCS" && mechanism["supported"] == true);
  }
  EXPECT_TRUE(rsa_pkcs);
}

TEST_F(JsonSchemas, KeyListAndKeyShow) {
  const std::string fingerprint = default_key().fingerprint();
  const Json listed = run_json({"key", "list"});
  expect_types(listed, {{"token", Json::value_t::string}, {"keys", Json::value_t::array}});
  EXPECT_EQ(listed["token"], kTokenLabel);
  ASSERT_FALSE(listed["keys"].empty());
  for (const auto& key : listed["keys"]) expect_key_schema(key);

  const Json shown = run_json({"key", "show"});
  expect_key_schema(shown);
  expect_types(shown, {{"public_key_pem", Json::value_t::string}, {"public_key_api", Json::value_t::string}});
  EXPECT_EQ(shown["fingerprint"], fingerprint);
  EXPECT_EQ(shown["bits"], 2048);
  EXPECT_EQ(shown["attributes"]["sensitive"], true);
  EXPECT_EQ(shown["attributes"]["extractable"], false);
  EXPECT_EQ(PublicKey::from_pem(shown["public_key_pem"].get<std::string>()), default_key());
}

TEST_F(JsonSchemas, KeyCreate) {
  const Json created = run_json({"key", "create", "--key", "json-made", "--id", "77", "--bits", "2048"});
  expect_key_schema(created);
  expect_types(created, {{"reused", Json::value_t::boolean}, {"replaced", Json::value_t::boolean}});
  EXPECT_EQ(created["label"], "json-made");
  EXPECT_EQ(created["id"], "77");
  EXPECT_EQ(created["reused"], false);
  EXPECT_EQ(run_json({"key", "create", "--key", "json-made", "--bits", "2048"})["reused"], true);
}

TEST_F(JsonSchemas, KeyImportAndKeyDelete) {
  const auto pem_file = sandbox().write_file("json-import.pem", openssl_private_key_pem(sandbox(), 2048));
  const Json imported = run_json({"key", "import", "--pem", pem_file.string(), "--key", "json-imported"});
  expect_key_schema(imported);
  EXPECT_EQ(imported["reused"], false);
  EXPECT_EQ(imported["replaced"], false);
  EXPECT_EQ(imported["fingerprint"], PublicKey::from_pem(openssl_public_key_pem(sandbox(), pem_file)).fingerprint());

  const Json deleted = run_json({"key", "delete", "--key", "json-imported", "--yes"});
  expect_types(deleted, {{"deleted", Json::value_t::object}});
  expect_key_schema(deleted["deleted"]);
  EXPECT_EQ(deleted["deleted"]["fingerprint"], imported["fingerprint"]);
  expect_integer(deleted["objects_destroyed"], "objects_destroyed");
  EXPECT_GE(deleted["objects_destroyed"], 1);
}

TEST_F(JsonSchemas, KeyPublishAndVerify) {
  const std::string ours = default_key().fingerprint();
  TestServer server;
  // server_fingerprint is the server's key before the sync: null when it had none.
  const auto check = [&](const Arguments& command, int exit_code, const char* outcome,
                         const std::optional<std::string>& server_fingerprint) {
    const Json report = run_json(command + node_login(server.url(), "BETA_API_KEY"), exit_code);
    using T = Json::value_t;
    expect_types(report, {{"outcome", T::string}, {"our_fingerprint", T::string}, {"explanation", T::string}});
    expect_integer(report["organization_id"], "organization_id");
    EXPECT_EQ(report["outcome"], outcome);
    EXPECT_EQ(report["organization_id"], 2);
    if (server_fingerprint) {
      EXPECT_EQ(report["server_fingerprint"], *server_fingerprint);
    } else {
      EXPECT_TRUE(report["server_fingerprint"].is_null()) << report.dump();
    }
    return report;
  };
  const Json created = run_json({"key", "create", "--key", "json-earlier", "--bits", "2048"});
  const std::string earlier = created["fingerprint"].get<std::string>();

  check({"key", "verify"}, 3, "absent", std::nullopt);
  EXPECT_EQ(check({"key", "publish", "--key", "json-earlier"}, 0, "published", std::nullopt)["our_fingerprint"], earlier);
  check({"key", "verify", "--key", "json-earlier"}, 0, "already_current", earlier);
  EXPECT_EQ(check({"key", "publish"}, 3, "refused_different", earlier)["our_fingerprint"], ours);
  check({"key", "publish", "--replace"}, 0, "replaced", earlier);
  check({"key", "verify"}, 0, "already_current", ours);
}

TEST_F(JsonSchemas, Doctor) {
  default_key();
  const Json report = run_json({"doctor"});
  expect_types(report, {{"ok", Json::value_t::boolean}, {"checks", Json::value_t::array}});
  EXPECT_EQ(report["ok"], true);
  ASSERT_GE(report["checks"].size(), 6u);
  for (const auto& check : report["checks"]) {
    expect_types(check, {{"check", Json::value_t::string}, {"ok", Json::value_t::boolean},
                         {"detail", Json::value_t::string}, {"fix", Json::value_t::string}});
    EXPECT_EQ(check["ok"], true) << check.dump();
  }
  const Json failing = run_json({"doctor", "--key", "absent"}, 5);
  EXPECT_EQ(failing["ok"], false);
  bool key_failure_has_fix = false;
  for (const auto& check : failing["checks"]) {
    if (check["check"] == "key") key_failure_has_fix = check["ok"] == false && !check["fix"].get<std::string>().empty();
  }
  EXPECT_TRUE(key_failure_has_fix) << failing.dump();
}

TEST_F(JsonSchemas, DecryptBatchGivesOneObjectPerLine) {
  const std::string good = encrypt_to_string(as_bytes(std::string_view("first")), default_key());
  const auto result =
      sandbox().run_on_token({"--json", "decrypt", "--batch"}, good + "\nnot a payload\n" + good + "\n");
  EXPECT_EQ(result.exit_code, 4) << describe(result);
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const Json line = Json::parse(lines[index]);
    expect_types(line, {{"ok", Json::value_t::boolean}});
    EXPECT_EQ(line["line"], index + 1);
    if (index == 1) {
      EXPECT_EQ(line["ok"], false);
      EXPECT_TRUE(line["error"].is_string());
      EXPECT_FALSE(line.contains("plaintext"));
    } else {
      EXPECT_EQ(line["ok"], true);
      EXPECT_EQ(line["plaintext"], "Zmlyc3Q=");  // base64("first")
    }
  }
}

}  // namespace
}  // namespace v6hsm::cli_test
