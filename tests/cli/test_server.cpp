#include "cli/test_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace v6hsm::cli_test {
namespace {

std::string seed() {
  const nlohmann::json document = {
      {"organizations",
       {{{"id", 1}, {"name", "org-alpha"}}, {{"id", 2}, {"name", "org-beta"}}, {{"id", 3}, {"name", "org-gamma"}}}},
      {"collaborations", {{{"id", 1}, {"name", "cli-collab"}, {"organizations", {1, 2, 3}}, {"encrypted", true}}}},
      {"nodes",
       {{{"id", 10}, {"organization", 1}, {"api_key", kAlphaApiKey}, {"name", "alpha"}},
        {{"id", 11}, {"organization", 2}, {"api_key", kBetaApiKey}, {"name", "beta"}},
        {{"id", 12}, {"organization", 3}, {"api_key", kGammaApiKey}, {"name", "gamma"}}}},
      {"users",
       {{{"id", 20},
         {"organization", 1},
         {"username", "alice"},
         {"password", kAlicePassword},
         {"mfa", "off"},
         {"edit_own_organization", true}}}}};
  return document.dump();
}

ProcessSpec server_spec(const std::filesystem::path& stderr_file) {
  ProcessSpec spec;
  spec.program = V6HSM_PYTHON3;
  spec.arguments = {V6HSM_SOURCE_DIR "/tests/support/v6server.py", "--seed-json", seed(), "--exit-on-stdin-eof"};
  spec.environment = {{"PATH", "/usr/bin:/bin"}};
  spec.stderr_file = stderr_file;
  return spec;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

}  // namespace

TestServer::TestServer(const std::filesystem::path& scratch)
    : stderr_file_(scratch / "v6server.err"), process_(server_spec(stderr_file_)) {
  try {
    std::istringstream banner(process_.read_stdout_line(std::chrono::seconds(20)));
    std::string word, host;
    banner >> word >> host >> port_;
    if (word != "listening" || port_ <= 0) throw std::runtime_error("unexpected banner");
  } catch (const std::exception& error) {
    throw std::runtime_error(std::string("the test server did not start (") + error.what() + "): " +
                             read_text(stderr_file_));
  }
}

std::string TestServer::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api"; }

Environment server_secrets() {
  return {{"ALPHA_API_KEY", kAlphaApiKey},
          {"BETA_API_KEY", kBetaApiKey},
          {"GAMMA_API_KEY", kGammaApiKey},
          {"ALICE_PASSWORD", kAlicePassword}};
}

std::vector<std::string> node_login(const std::string& url, const std::string& api_key_variable) {
  return {"--server", url, "--api-key-source", "env:" + api_key_variable};
}

std::string unreachable_server_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot find a free local port");
  }
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/api";
}

}  // namespace v6hsm::cli_test
