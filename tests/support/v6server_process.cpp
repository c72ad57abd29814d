#include "support/v6server_process.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strings.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <utility>

extern char** environ;

namespace v6hsm::test {
namespace {

std::string read_line(int fd) {
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  return line;
}

std::size_t collect(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* user) {
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (!line.empty()) static_cast<std::vector<std::string>*>(user)->push_back(line);
  return size * count;
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using HeaderList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

HeaderList request_headers(const RawRequest& request) {
  curl_slist* list = nullptr;
  if (!request.content_type.empty()) list = curl_slist_append(list, ("Content-Type: " + request.content_type).c_str());
  if (!request.bearer.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + request.bearer).c_str());
  return HeaderList(list, &curl_slist_free_all);
}

}  // namespace

nlohmann::json standard_seed() {
  return {
      {"organizations",
       {{{"id", 1}, {"name", "org-alpha"}}, {{"id", 2}, {"name", "org-beta"}}, {{"id", 9}, {"name", "org-outsider"}}}},
      {"collaborations", {{{"id", 1}, {"name", "collab-test"}, {"organizations", {1, 2}}, {"encrypted", true}}}},
      {"nodes",
       {{{"id", 3}, {"organization", 1}, {"api_key", kNodeAlpha}, {"name", "alpha"}},
        {{"id", 5}, {"organization", 1}, {"api_key", kNodeAlphaSpare}, {"name", "alpha-spare"}},
        {{"id", 4}, {"organization", 2}, {"api_key", kNodeBeta}, {"name", "beta"}}}},
      {"users",
       {{{"id", 2}, {"organization", 1}, {"username", "alice"}, {"password", kAlicePassword},
         {"edit_own_organization", true}},
        {{"id", 6}, {"organization", 2}, {"username", "bob"}, {"password", kBobPassword}, {"mfa", "on"},
         {"mfa_code", kBobMfaCode}, {"edit_own_organization", true}},
        {{"id", 7}, {"organization", 2}, {"username", "carol"}, {"password", "carol-pw"}, {"mfa", "setup"}},
        {{"id", 8}, {"organization", 2}, {"username", "dave"}, {"password", "dave-pw"}}}},
  };
}

V6ServerProcess::V6ServerProcess(std::vector<std::string> extra_arguments)
    : V6ServerProcess(standard_seed(), std::move(extra_arguments)) {}

V6ServerProcess::V6ServerProcess(const nlohmann::json& seed, std::vector<std::string> extra_arguments) {
  std::vector<std::string> arguments = {V6HSM_PYTHON3, V6HSM_TEST_SERVER, "--exit-on-stdin-eof", "--seed-json",
                                        seed.dump()};
  arguments.insert(arguments.end(), extra_arguments.begin(), extra_arguments.end());
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  int to_child[2];
  int from_child[2];
  if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  const int spawned = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_child[0]);
  ::close(from_child[1]);
  stdin_fd_ = to_child[1];
  if (spawned != 0) throw std::runtime_error("cannot start the test server");

  const auto banner = read_line(from_child[0]);
  ::close(from_child[0]);
  char kind[32] = {};
  if (std::sscanf(banner.c_str(), "%31s 127.0.0.1 %d", kind, &port_) != 2) {
    stop();  // the destructor does not run when the constructor throws
    throw std::runtime_error("test server did not start: '" + banner + "'");
  }
  tls_ = std::string(kind) == "listening-tls";
}

V6ServerProcess::~V6ServerProcess() { stop(); }

void V6ServerProcess::stop() noexcept {
  ::close(stdin_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

std::string V6ServerProcess::origin() const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_);
}

publish::ServerOptions V6ServerProcess::options() const {
  auto options = publish::ServerOptions::for_url(origin());
  options.retry_backoff = std::chrono::milliseconds(20);
  options.total_timeout = std::chrono::milliseconds(5000);
  return options;
}

std::string RawAnswer::header(const std::string& name) const {
  for (const auto& line : headers) {
    const auto colon = line.find(':');
    if (colon != name.size() || strncasecmp(line.c_str(), name.c_str(), colon) != 0) continue;
    return line.substr(line.find_first_not_of(' ', colon + 1));
  }
  return {};
}

RawAnswer V6ServerProcess::raw(const RawRequest& request) const {
  CurlHandle curl(curl_easy_init(), &curl_easy_cleanup);
  const auto headers = request_headers(request);
  const auto url = origin() + request.path;
  RawAnswer answer;
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_CUSTOMREQUEST, request.method.c_str());
  if (request.method != "GET") curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &answer.body);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, &collect_header);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &answer.headers);
  if (curl_easy_perform(curl.get()) != CURLE_OK) throw std::runtime_error("test request failed: " + url);
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

nlohmann::json V6ServerProcess::control(const nlohmann::json& knobs) const {
  return nlohmann::json::parse(raw({"POST", "/_control", knobs.dump(), "application/json", ""}).body);
}

nlohmann::json V6ServerProcess::requests() const {
  return nlohmann::json::parse(raw({"GET", "/_control", "", "", ""}).body)["requests"];
}

int V6ServerProcess::count(const std::string& method, const std::string& path) const {
  int matches = 0;
  for (const auto& entry : requests()) {
    if (entry["method"] == method && entry["path"] == path) ++matches;
  }
  return matches;
}

int unused_local_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd >= 0) ::close(fd);
    throw std::runtime_error("cannot find a free local port");
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace v6hsm::test
