// The report documents of token/report_json.hpp and publish/report_json.hpp: the fields (in their documented
// order) and values that the command line prints with --json and the Python module returns as dicts.
#include <string>
#include <vector>

#include "token_test_fixture.hpp"
#include "v6hsm/publish/report_json.hpp"
#include "v6hsm/token/capability_report.hpp"
#include "v6hsm/token/report_json.hpp"

namespace v6hsm::testing {
namespace {

using Json = nlohmann::ordered_json;
using Names = std::vector<std::string>;

const Names kTokenFields = {"slot",
                            "label",
                            "serial",
                            "manufacturer",
                            "model",
                            "initialized",
                            "user_pin_initialized",
                            "login_required",
                            "protected_authentication_path",
                            "user_pin_count_low",
                            "user_pin_final_try",
                            "user_pin_locked",
                            "flags"};
const Names kKeyFields = {"label", "id", "bits", "fingerprint", "has_public_object", "attributes", "warnings"};

Names field_names(const Json& object) {
  Names names;
  for (const auto& member : object.items()) names.push_back(member.key());
  return names;
}

Names concatenated(Names names, const Names& more) {
  names.insert(names.end(), more.begin(), more.end());
  return names;
}

bool contains(const Json& array, const std::string& text) {
  for (const auto& item : array) {
    if (item == text) return true;
  }
  return false;
}

PublicKey vector_public_key(const std::string& name) {
  return PublicKey::from_pem(vectors().at("keys").at(name).at("public_pem").get<std::string>());
}

TEST_F(TokenTest, GeneratedKeyDocumentHasEveryKeyFieldAndTheSecureAttributes) {
  auto spec = spec_with_label("json-generated");
  spec.id = {0x0a, 0x1b};
  const auto result = token::generate_key(token(), spec);
  Json document = token::to_json(result);
  EXPECT_EQ(field_names(document), concatenated(kKeyFields, {"reused", "replaced"}));
  EXPECT_EQ(document["label"], "json-generated");
  EXPECT_EQ(document["id"], "0a1b");
  EXPECT_EQ(document["bits"], 2048);
  EXPECT_EQ(document["fingerprint"], result.key.public_key.fingerprint());
  EXPECT_EQ(document["has_public_object"], true);
  EXPECT_EQ(document["attributes"].dump(),
            R"({"sensitive":true,"extractable":false,"always_sensitive":true,"never_extractable":true,)"
            R"("decrypt":true,"unwrap":true,"sign":false,"token":true,"private":true})");
  EXPECT_EQ(document["warnings"], Json::array());
  EXPECT_EQ(document["reused"], false);
  EXPECT_EQ(document["replaced"], false);

  Json again = token::to_json(token::generate_key(token(), spec));
  EXPECT_EQ(again["reused"], true);
  EXPECT_EQ(again["fingerprint"], document["fingerprint"]);
}

TEST_F(TokenTest, ImportedKeyDocumentCarriesTheKnownKeyAndItsWarnings) {
  const auto result =
      token::import_key_pem(token(), as_bytes(private_pem("A", "pkcs8")), spec_with_label("json-imported"));
  Json document = token::to_json(result.key);
  EXPECT_EQ(field_names(document), kKeyFields);
  EXPECT_EQ(document["fingerprint"], vector_public_key("A").fingerprint());
  EXPECT_EQ(document["bits"], vectors().at("keys").at("A").at("bits").get<int>());
  EXPECT_EQ(document["attributes"]["always_sensitive"], false);
  EXPECT_EQ(document["attributes"]["never_extractable"], false);
  // An imported key existed outside the token: both warnings are in the document, as the audit words them.
  ASSERT_EQ(document["warnings"].size(), 2U) << document.dump();
  EXPECT_EQ(document["warnings"], Json(token::attribute_warnings(result.key.attributes)));
  EXPECT_NE(document["warnings"][0].get<std::string>().find("CKA_ALWAYS_SENSITIVE"), std::string::npos);
}

TEST_F(TokenTest, KeyListDocumentNamesTheTokenAndListsEveryKey) {
  token::generate_key(token(), spec_with_label("first"));
  token::import_key_pem(token(), as_bytes(private_pem("B", "pkcs1")), spec_with_label("second"));
  Json document = token::key_list_json(kTokenLabel, token::list_keys(token()));
  EXPECT_EQ(field_names(document), (Names{"token", "keys"}));
  EXPECT_EQ(document["token"], kTokenLabel);
  ASSERT_EQ(document["keys"].size(), 2U);
  for (const auto& key : document["keys"]) EXPECT_EQ(field_names(key), kKeyFields);
  const bool has_second = document["keys"][0]["label"] == "second" || document["keys"][1]["label"] == "second";
  EXPECT_TRUE(has_second) << document.dump();
  EXPECT_EQ(token::key_list_json(kTokenLabel, {})["keys"], Json::array());
}

TEST_F(TokenTest, TokenDocumentsDescribeTheSandboxToken) {
  const auto info = token().info();
  Json document = token::to_json(info);
  EXPECT_EQ(field_names(document), kTokenFields);
  EXPECT_EQ(document["slot"], info.slot_id);
  EXPECT_EQ(document["label"], kTokenLabel);
  EXPECT_EQ(document["serial"], info.serial);
  EXPECT_EQ(document["manufacturer"], "SoftHSM project");
  EXPECT_EQ(document["initialized"], true);
  EXPECT_EQ(document["user_pin_initialized"], true);
  EXPECT_EQ(document["login_required"], true);
  EXPECT_EQ(document["user_pin_locked"], false);
  EXPECT_TRUE(contains(document["flags"], "CKF_TOKEN_INITIALIZED")) << document.dump();
  EXPECT_TRUE(contains(document["flags"], "CKF_LOGIN_REQUIRED")) << document.dump();

  EXPECT_EQ(token::token_init_json(info), (Json{{"token", document}}));

  Json listing = token::token_list_json(module_->path(), module_->tokens());
  EXPECT_EQ(field_names(listing), (Names{"module", "tokens"}));
  EXPECT_EQ(listing["module"], module_->path().string());
  ASSERT_FALSE(listing["tokens"].empty());
  bool listed = false;
  for (const auto& entry : listing["tokens"]) {
    EXPECT_EQ(field_names(entry), kTokenFields);
    listed = listed || entry == document;
  }
  EXPECT_TRUE(listed) << listing.dump();
}

TEST_F(TokenTest, CapabilityDocumentHasModuleTokenMechanismsAndProblems) {
  Json plain = token::to_json(token::build_capability_report(token()));
  EXPECT_EQ(field_names(plain), (Names{"module", "token", "mechanisms", "problems"}));
  EXPECT_EQ(field_names(plain["module"]),
            (Names{"path", "manufacturer", "description", "cryptoki_version", "library_version"}));
  EXPECT_EQ(plain["module"]["path"], module_->path().string());
  EXPECT_EQ(plain["module"]["manufacturer"], "SoftHSM");
  EXPECT_EQ(plain["token"], token::to_json(token().info()));
  EXPECT_EQ(plain["problems"], Json::array());
  bool rsa_pkcs = false;
  for (const auto& mechanism : plain["mechanisms"]) {
    EXPECT_EQ(field_names(mechanism), (Names{"name", "supported", "min_key_size", "max_key_size", "flags"}));
    if (mechanism.value("name", "") != "CKM_RSA_PKCS") continue;
    rsa_pkcs = true;
    EXPECT_EQ(mechanism.at("supported"), true);
    EXPECT_GE(mechanism.at("max_key_size").get<unsigned long>(), 4096UL);
    EXPECT_TRUE(contains(mechanism.at("flags"), "CKF_DECRYPT")) << mechanism.dump();
  }
  EXPECT_TRUE(rsa_pkcs) << plain.dump();

  token::generate_key(token(), spec_with_label("vantage6"));
  Json with_key = token::to_json(token::build_capability_report(token(), token::KeyRef::by_label("vantage6")));
  EXPECT_EQ(field_names(with_key), (Names{"module", "token", "mechanisms", "problems", "key", "strategy"}));
  EXPECT_EQ(with_key["key"]["label"], "vantage6");
  EXPECT_EQ(with_key["strategy"], "decrypt");
}

TEST(ReportJson, MechanismDocumentIsExactlyTheDocumentedShape) {
  token::MechanismReport mechanism;
  mechanism.name = "CKM_RSA_PKCS";
  mechanism.supported = true;
  mechanism.min_key_size = 1024;
  mechanism.max_key_size = 16384;
  mechanism.flag_names = {"CKF_DECRYPT", "CKF_UNWRAP"};
  EXPECT_EQ(token::to_json(mechanism).dump(),
            R"({"name":"CKM_RSA_PKCS","supported":true,"min_key_size":1024,"max_key_size":16384,)"
            R"("flags":["CKF_DECRYPT","CKF_UNWRAP"]})");
}

TEST(ReportJson, SyncDocumentUsesTheOutcomeIdentifierAndNullForNoServerKey) {
  publish::SyncReport report{publish::SyncOutcome::already_current, 7, "sha256:ours", "sha256:ours", "fine"};
  EXPECT_EQ(publish::to_json(report).dump(),
            R"({"outcome":"already_current","organization_id":7,"our_fingerprint":"sha256:ours",)"
            R"("server_fingerprint":"sha256:ours","explanation":"fine"})");

  report.outcome = publish::SyncOutcome::refused_different;
  report.server_fingerprint.reset();
  Json refused = publish::to_json(report);
  EXPECT_EQ(refused["outcome"], "refused_different");
  EXPECT_TRUE(refused["server_fingerprint"].is_null()) << refused.dump();
}

TEST(ReportJson, OrganizationKeyDocumentHasTheFingerprintOnlyForAUsableKey) {
  const auto key = vector_public_key("B");
  publish::OrganizationKey published;
  published.organization_id = 3;
  published.api_string = key.api_string();
  published.pem = to_bytes(key.spki_pem());
  published.key = key;
  Json document = publish::to_json(published);
  EXPECT_EQ(field_names(document), (Names{"organization_id", "public_key", "fingerprint"}));
  EXPECT_EQ(document["organization_id"], 3);
  EXPECT_EQ(document["public_key"], vectors().at("keys").at("B").at("public_key_api").get<std::string>());
  EXPECT_EQ(document["fingerprint"], key.fingerprint());

  EXPECT_EQ(publish::to_json(publish::OrganizationKey{4, "", {}, std::nullopt}).dump(),
            R"({"organization_id":4,"public_key":"","fingerprint":null})");
}

}  // namespace
}  // namespace v6hsm::testing
