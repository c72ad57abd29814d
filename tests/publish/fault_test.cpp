// Every fault knob of the test server either ends in the documented clear error or in a successful retry.
#include <gtest/gtest.h>

#include "credentials_for_tests.hpp"
#include "server_error_of.hpp"
#include "v6hsm/publish/vantage6_client.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

using publish::Vantage6Client;

class FaultTest : public ::testing::Test {
 protected:
  Vantage6Client connect() { return Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha)); }

  // Reads organization 1's key and returns the error message (empty when it worked).
  std::string read_key_error(Vantage6Client& client) {
    try {
      client.organization_key(1);
      return {};
    } catch (const publish::ServerError& error) {
      EXPECT_EQ(error.kind(), ErrorKind::server);
      return error.what();
    }
  }
  int organization_reads() const { return server.count("GET", "/api/organization/1"); }

  V6ServerProcess server;
};

TEST_F(FaultTest, ServerErrorsAreRetriedUntilSuccess) {
  auto client = connect();
  server.control({{"fail_next", 3}});
  EXPECT_EQ(read_key_error(client), "");
  EXPECT_EQ(organization_reads(), 4);
}

TEST_F(FaultTest, PersistentServerErrorsGiveUpAfterThreeRetries) {
  auto client = connect();
  server.control({{"fail_next", 10}, {"fail_status", 502}});
  const auto message = read_key_error(client);
  EXPECT_NE(message.find("HTTP 502"), std::string::npos);
  EXPECT_NE(message.find("injected fault"), std::string::npos);
  EXPECT_EQ(organization_reads(), 4);
}

TEST_F(FaultTest, DroppedConnectionIsRetried) {
  auto client = connect();
  server.control({{"drop_next", 2}});
  EXPECT_EQ(read_key_error(client), "");
  EXPECT_EQ(organization_reads(), 3);
}

TEST_F(FaultTest, ConnectionThatKeepsDroppingIsAClearError) {
  auto client = connect();
  server.control({{"drop_next", 10}});
  const auto message = read_key_error(client);
  EXPECT_NE(message.find("closed before a complete answer"), std::string::npos);
  EXPECT_NE(message.find("after 4 attempts"), std::string::npos);
}

TEST_F(FaultTest, LoginIsNotRepeated) {
  server.control({{"drop_next", 1}});
  EXPECT_THROW(connect(), publish::ServerError);
  EXPECT_EQ(server.count("POST", "/api/token/node"), 1);
}

TEST_F(FaultTest, MalformedJsonIsAClearError) {
  auto client = connect();
  server.control({{"malformed_next", 1}});
  EXPECT_NE(read_key_error(client).find("is not valid JSON"), std::string::npos);
  EXPECT_EQ(organization_reads(), 1) << "a 200 answer is not retried";
}

TEST_F(FaultTest, MalformedLoginAnswerIsAClearError) {
  server.control({{"malformed_next", 1}});
  EXPECT_NE(message_of(server_error_of([&] { connect(); })).find("/api/token/node is not valid JSON"),
            std::string::npos);
}

TEST_F(FaultTest, HugeBodyIsCutOffAtTheLimit) {
  auto options = server.options();
  options.max_response_bytes = 1024 * 1024;
  auto client = Vantage6Client::connect(options, node_credentials(kNodeAlpha));
  server.control({{"huge_next", 1}, {"huge_bytes", 8 * 1024 * 1024}});
  EXPECT_NE(read_key_error(client).find("larger than the 1048576-byte limit"), std::string::npos);
  EXPECT_EQ(organization_reads(), 1);
}

TEST_F(FaultTest, SlowServerTimesOut) {
  auto options = server.options();
  options.total_timeout = std::chrono::milliseconds(300);
  auto client = Vantage6Client::connect(options, node_credentials(kNodeAlpha));
  server.control({{"delay_ms", 1000}});
  const auto message = read_key_error(client);
  EXPECT_NE(message.find("within the timeout"), std::string::npos);
  EXPECT_NE(message.find("total 300 ms"), std::string::npos);
}

TEST_F(FaultTest, DelayWithinTheTimeoutIsFine) {
  auto client = connect();
  server.control({{"delay_ms", 200}});
  EXPECT_EQ(read_key_error(client), "");
}

TEST(ConnectionTest, RefusedConnectionIsAClearError) {
  auto options = publish::ServerOptions::for_url("http://127.0.0.1:" + std::to_string(unused_local_port()));
  options.retry_backoff = std::chrono::milliseconds(10);
  const auto error = server_error_of([&] { publish::fetch_server_version(options); });
  EXPECT_EQ(error.http_status(), 0);
  EXPECT_NE(message_of(error).find("could not connect"), std::string::npos);
  EXPECT_NE(message_of(error).find("after 4 attempts"), std::string::npos);
}

}  // namespace
}  // namespace v6hsm::test
