// The bounds a misbehaving server must not push the client past: wall-clock time (a slow or failing
// server ends the call within the configured total timeout, retries included), memory (a body over the
// size limit is refused without being buffered whole), and the number of repeated requests.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

#include "credentials_for_tests.hpp"
#include "server_error_of.hpp"
#include "v6hsm/publish/vantage6_client.hpp"
#include "support/v6server_process.hpp"

namespace v6hsm::test {
namespace {

using publish::Vantage6Client;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kMiB = 1024 * 1024;

// Peak resident memory of this process so far, in bytes.
std::size_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

template <class Call>
std::chrono::milliseconds time_of(Call&& call) {
  const auto start = Clock::now();
  call();
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

class FaultBoundsTest : public ::testing::Test {
 protected:
  // Options whose total timeout is 2 s, with retry pauses long enough that they count.
  publish::ServerOptions two_second_options() const {
    auto options = server.options();
    options.total_timeout = std::chrono::milliseconds(2000);
    options.retry_backoff = std::chrono::milliseconds(200);
    return options;
  }

  std::string read_key_error(Vantage6Client& client) {
    return message_of(server_error_of([&] { client.organization_key(1); }));
  }

  V6ServerProcess server;
};

// Without an overall deadline, each of the 4 attempts would get the full 2 s: at least 8 s in all.
constexpr auto kTwoSecondCallBound = std::chrono::milliseconds(6000);

TEST_F(FaultBoundsTest, SlowServerEndsWithinTheTotalTimeoutRetriesIncluded) {
  auto client = Vantage6Client::connect(two_second_options(), node_credentials(kNodeAlpha));
  server.control({{"delay_ms", 5000}});
  std::string message;
  const auto elapsed = time_of([&] { message = read_key_error(client); });
  EXPECT_NE(message.find("within the timeout"), std::string::npos) << message;
  EXPECT_NE(message.find("total 2000 ms"), std::string::npos) << message;
  EXPECT_LT(elapsed, kTwoSecondCallBound);
  EXPECT_GE(elapsed, std::chrono::milliseconds(1900)) << "the whole budget is used before giving up";
}

TEST_F(FaultBoundsTest, SlowFailingServerStopsRetryingAtTheDeadline) {
  auto client = Vantage6Client::connect(two_second_options(), node_credentials(kNodeAlpha));
  server.control({{"delay_ms", 700}, {"fail_next", 10}});
  std::string message;
  const auto elapsed = time_of([&] { message = read_key_error(client); });
  EXPECT_NE(message.find("HTTP 503"), std::string::npos) << message;
  EXPECT_LT(elapsed, kTwoSecondCallBound);
  const int reads = server.count("GET", "/api/organization/1");
  EXPECT_GE(reads, 1);
  EXPECT_LE(reads, 3) << "700 ms answers and growing pauses leave room for at most 3 attempts in 2 s";
}

TEST_F(FaultBoundsTest, RepeatedDropsAreRetriedAtMostThreeTimes) {
  auto client = Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha));
  server.control({{"drop_next", 100}});
  EXPECT_NE(read_key_error(client).find("after 4 attempts"), std::string::npos);
  // 4 attempts, plus the one silent retry libcurl itself makes when a reused keep-alive connection turns
  // out dead: never more.
  const int reads = server.count("GET", "/api/organization/1");
  EXPECT_GE(reads, 4);
  EXPECT_LE(reads, 5);
}

TEST_F(FaultBoundsTest, PatchIsRetriedOn5xxButLoginIsNot) {
  server.control({{"fail_next", 1}});
  EXPECT_EQ(server_error_of([&] { Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha)); })
                .http_status(),
            503);
  EXPECT_EQ(server.count("POST", "/api/token/node"), 1) << "a POST is not safe to repeat";

  auto client = Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha));
  server.control({{"fail_next", 2}, {"fail_status", 500}});
  client.set_public_key(1, "");
  EXPECT_EQ(server.count("PATCH", "/api/organization/1"), 3);
}

TEST_F(FaultBoundsTest, BodyOverTheDefault16MiBLimitIsRefusedBeforeItIsRead) {
  auto client = Vantage6Client::connect(server.options(), node_credentials(kNodeAlpha));
  constexpr std::size_t kBody = 64 * kMiB;
  server.control({{"huge_next", 1}, {"huge_bytes", kBody}});
  const auto before = peak_rss_bytes();
  EXPECT_NE(read_key_error(client).find("larger than the 16777216-byte limit"), std::string::npos);
  EXPECT_LT(peak_rss_bytes() - before, kBody / 4);
  EXPECT_EQ(server.count("GET", "/api/organization/1"), 1) << "a refused size is not retried";
}

// A server that streams an endless body without announcing its length, so the size limit can only be
// enforced while reading. It serves one connection and stops when the client hangs up.
class StreamingServer {
 public:
  StreamingServer() : listener_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        listen(listener_, 1) != 0 || getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve_one(); });
  }
  StreamingServer(const StreamingServer&) = delete;
  StreamingServer& operator=(const StreamingServer&) = delete;
  ~StreamingServer() {
    shutdown(listener_, SHUT_RDWR);
    thread_.join();
    close(listener_);
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  void serve_one() {
    const int connection = accept(listener_, nullptr, nullptr);
    if (connection < 0) return;
    char request[4096];
    (void)recv(connection, request, sizeof(request), 0);
    const std::string head = "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
    const std::string chunk(64 * 1024, ' ');
    bool open = send(connection, head.data(), head.size(), MSG_NOSIGNAL) > 0;
    while (open && sent_ < kLimit) {
      const auto written = send(connection, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      open = written > 0;
      if (open) sent_ += static_cast<std::size_t>(written);
    }
    close(connection);
  }

  static constexpr std::size_t kLimit = 256 * kMiB;  // ends the test even if the client read everything
  int listener_;
  int port_ = 0;
  std::size_t sent_ = 0;
  std::thread thread_;
};

TEST(UnannouncedBodyTest, StreamOverTheLimitIsCutOffWhileReading) {
  StreamingServer stream;
  auto options = publish::ServerOptions::for_url(stream.url());
  options.max_response_bytes = 4 * kMiB;
  const auto before = peak_rss_bytes();
  const auto error = server_error_of([&] { publish::fetch_server_version(options); });
  EXPECT_NE(message_of(error).find("larger than the 4194304-byte limit"), std::string::npos) << message_of(error);
  EXPECT_LT(peak_rss_bytes() - before, 32 * kMiB) << "only the limit's worth is buffered, not the stream";
}

}  // namespace
}  // namespace v6hsm::test
