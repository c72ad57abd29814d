// RFC 7512 parsing (pure) and token selection over plain TokenInfo values.
#include <gtest/gtest.h>

#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_uri.hpp"
#include "v6hsm/token/token_selector.hpp"

namespace v6hsm::token {
namespace {

TEST(Pkcs11Uri, ParsesPathAndQueryAttributesWithPercentEncoding) {
  const Pkcs11Uri uri = parse_pkcs11_uri(
      "pkcs11:token=My%20Org;serial=1234;object=vantage6;id=%0a%FF;type=private;slot-id=7"
      "?module-path=/usr/lib/softhsm/libsofthsm2.so&pin-value=12%2634");
  EXPECT_EQ(uri.token, "My Org");
  EXPECT_EQ(uri.serial, "1234");
  EXPECT_EQ(uri.object, "vantage6");
  EXPECT_EQ(uri.id, (Bytes{0x0a, 0xff}));
  EXPECT_EQ(uri.type, ObjectType::private_key);
  EXPECT_EQ(uri.slot_id, 7UL);
  EXPECT_EQ(uri.module_path, "/usr/lib/softhsm/libsofthsm2.so");
  ASSERT_TRUE(uri.pin_value);
  EXPECT_EQ(as_chars(*uri.pin_value), "12&34");
  EXPECT_FALSE(uri.pin_source);
}

TEST(Pkcs11Uri, AcceptsTheEmptyUriAnUppercaseSchemeAndVendorAttributes) {
  EXPECT_FALSE(parse_pkcs11_uri("pkcs11:").token);
  EXPECT_EQ(parse_pkcs11_uri("PKCS11:token=a;x-vendor=1?x-other=2").token, "a");
}

TEST(Pkcs11Uri, RejectsMalformedInputWithoutQuotingThePin) {
  for (const char* bad : {"token=a", "pkcs11:token", "pkcs11:token=a;token=b", "pkcs11:bogus=1",
                          "pkcs11:token=%zz", "pkcs11:token=%4", "pkcs11:type=secret", "pkcs11:slot-id=x",
                          "pkcs11:?pin-value=a&pin-value=b", "pkcs11:?unknown=1", "pkcs11:=a",
                          "pkcs11:library-manufacturer=x"}) {
    EXPECT_THROW(parse_pkcs11_uri(bad), InputError) << bad;
  }
  try {
    parse_pkcs11_uri("pkcs11:?pin-value=sup3r%zzsecret");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()).find("sup3r"), std::string::npos);
  }
}

TEST(Pkcs11Uri, NamesObjectTypes) {
  for (const auto type : {ObjectType::public_key, ObjectType::private_key, ObjectType::certificate,
                          ObjectType::secret_key, ObjectType::data}) {
    EXPECT_EQ(parse_pkcs11_uri("pkcs11:type=" + std::string(object_type_name(type))).type, type);
  }
}

TokenInfo initialized(unsigned long slot, std::string label, std::string serial) {
  constexpr unsigned long kTokenInitialized = 0x400;  // CKF_TOKEN_INITIALIZED
  return TokenInfo{slot, "", std::move(label), std::move(serial), "maker", "model", kTokenInitialized};
}

TEST(TokenSelector, SelectsByLabelSerialOrUri) {
  const std::vector<TokenInfo> tokens{initialized(1, "org", "111"), initialized(2, "org", "222"),
                                      initialized(3, "other", "333"), TokenInfo{4, "", "", "", "", "", 0}};
  EXPECT_EQ(select_token(tokens, TokenSelector::by_label("other")).slot_id, 3UL);
  EXPECT_EQ(select_token(tokens, TokenSelector::by_serial("222")).slot_id, 2UL);
  EXPECT_EQ(select_token(tokens, TokenSelector::from_uri(parse_pkcs11_uri("pkcs11:token=org;serial=111"))).slot_id,
            1UL);
  EXPECT_THROW(select_token(tokens, TokenSelector::by_label("org")), InputError);
  EXPECT_THROW(select_token(tokens, TokenSelector::by_label("absent")), NotFoundError);
  EXPECT_THROW(select_token(tokens, TokenSelector{}), InputError);
  TokenSelector by_slot;
  by_slot.slot_id = 4;
  EXPECT_EQ(select_token(tokens, by_slot).slot_id, 4UL);
}

}  // namespace
}  // namespace v6hsm::token
