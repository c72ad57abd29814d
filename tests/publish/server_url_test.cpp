// Parsing the server URL and the warnings about risky options; no network involved.
#include <gtest/gtest.h>

#include "v6hsm/error.hpp"
#include "v6hsm/publish/server_options.hpp"

namespace v6hsm::test {
namespace {

using publish::ServerOptions;
using publish::ServerUrl;

TEST(ServerUrlTest, DefaultsPortAndApiPath) {
  const auto url = ServerUrl::parse("https://v6.example.org");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_EQ(url.host, "v6.example.org");
  EXPECT_EQ(url.port, 443);
  EXPECT_EQ(url.api_path, "/api");
  EXPECT_EQ(url.endpoint("/version"), "https://v6.example.org:443/api/version");
  EXPECT_EQ(ServerUrl::parse("http://v6.example.org").port, 80);
}

TEST(ServerUrlTest, KeepsExplicitPortAndPath) {
  const auto url = ServerUrl::parse("http://127.0.0.1:7601/v6/api/");
  EXPECT_EQ(url.port, 7601);
  EXPECT_EQ(url.api_path, "/v6/api");
  EXPECT_EQ(url.to_string(), "http://127.0.0.1:7601/v6/api");
}

TEST(ServerUrlTest, AcceptsBracketedIpv6) {
  const auto url = ServerUrl::parse("https://[::1]:5000");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 5000);
  EXPECT_TRUE(url.is_loopback());
  EXPECT_EQ(url.origin(), "https://[::1]:5000");
}

TEST(ServerUrlTest, RejectsWhatItCannotUse) {
  for (const char* bad : {"v6.example.org", "ftp://v6.example.org", "https://", "https://host:0", "https://host:99999",
                          "https://host:12ab", "https://user:pw@host", "https://host/api?x=1", "https://[::1"}) {
    EXPECT_THROW(ServerUrl::parse(bad), InputError) << bad;
  }
}

TEST(ServerUrlTest, ErrorDoesNotEchoUserInformation) {
  try {
    ServerUrl::parse("https://admin@host");
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("user information"), std::string::npos);
  }
}

TEST(ServerOptionsTest, WarnsAboutPlainHttpToRemoteHostsOnly) {
  EXPECT_EQ(ServerOptions::for_url("http://v6.example.org").warnings().size(), 1U);
  EXPECT_TRUE(ServerOptions::for_url("https://v6.example.org").warnings().empty());
  EXPECT_TRUE(ServerOptions::for_url("http://127.0.0.1:5000").warnings().empty());
  EXPECT_TRUE(ServerOptions::for_url("http://localhost:5000").warnings().empty());
}

TEST(ServerOptionsTest, HasDocumentedDefaults) {
  const auto options = ServerOptions::for_url("https://v6.example.org");
  EXPECT_EQ(options.connect_timeout, std::chrono::seconds(10));
  EXPECT_EQ(options.total_timeout, std::chrono::seconds(30));
  EXPECT_EQ(options.max_response_bytes, 16U * 1024 * 1024);
  EXPECT_FALSE(options.ca_bundle.has_value());
}

}  // namespace
}  // namespace v6hsm::test
