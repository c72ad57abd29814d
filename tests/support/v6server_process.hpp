// Runs tests/support/v6server.py as a real HTTP server process on 127.0.0.1 for one test, and drives its
// fault knobs through POST /_control. The one way every C++ suite starts the test server: the publish
// suite with standard_seed(), the CLI suite with its own seed (tests/cli/test_server.hpp).
#pragma once

#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "v6hsm/publish/server_options.hpp"

namespace v6hsm::test {

// Seed data shared by the publish tests: two organizations in one collaboration, plus a third outside it.
//   org 1 "org-alpha": node 3 (kNodeAlpha), node 5 (kNodeAlphaSpare, name "alpha-spare"), user 2 "alice"
//   org 2 "org-beta":  node 4 (kNodeBeta, name "beta"), user 6 "bob" (MFA on, code kBobMfaCode),
//                      user 7 "carol" (MFA set-up pending), user 8 "dave" (may not edit the organization)
//   org 9 "org-outsider": no nodes
inline constexpr const char* kNodeAlpha = "6f1c1b1e-2f57-4c43-9a8e-1a2b3c4d5e6f";
inline constexpr const char* kNodeAlphaSpare = "0b6e8a47-91c3-4d0e-8f55-5b7c2a9d4e11";
inline constexpr const char* kNodeBeta = "a3d1c9e4-7b2f-4f6a-9c8d-2e4f6a8b0c1d";
inline constexpr const char* kAlicePassword = "correct horse battery staple";
inline constexpr const char* kBobPassword = "bob-password-1";
inline constexpr const char* kBobMfaCode = "424242";
nlohmann::json standard_seed();

// A request made by the test itself, independent of the library under test.
struct RawRequest {
  std::string method = "GET";
  std::string path;  // "/api/version"
  std::string body;
  std::string content_type;  // sent when not empty
  std::string bearer;        // sent as "Authorization: Bearer ..." when not empty
};

struct RawAnswer {
  long status = 0;
  std::string body;
  std::vector<std::string> headers;  // "name: value" lines as received

  // The value of header `name` (case-insensitive), or "" when absent.
  std::string header(const std::string& name) const;
};

class V6ServerProcess {
 public:
  // Starts the server with the standard seed plus `extra_arguments`, and waits for its "listening" line.
  explicit V6ServerProcess(std::vector<std::string> extra_arguments = {});
  // The same with another seed (the JSON that v6server.py's --seed-json takes).
  V6ServerProcess(const nlohmann::json& seed, std::vector<std::string> extra_arguments);
  V6ServerProcess(const V6ServerProcess&) = delete;
  V6ServerProcess& operator=(const V6ServerProcess&) = delete;
  ~V6ServerProcess();

  int port() const noexcept { return port_; }
  bool tls() const noexcept { return tls_; }
  std::string origin() const;  // "http://127.0.0.1:PORT" (https in TLS mode)
  // Options for this server with short retry pauses, so retry tests stay fast.
  publish::ServerOptions options() const;

  RawAnswer raw(const RawRequest& request) const;

  // POST /_control with `knobs`; returns the control answer. Only valid in plain-HTTP mode.
  nlohmann::json control(const nlohmann::json& knobs) const;
  // The request log: [{"method", "path", "status"}, ...]
  nlohmann::json requests() const;
  // How many logged requests match `method` and `path`.
  int count(const std::string& method, const std::string& path) const;

 private:
  void stop() noexcept;

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int port_ = 0;
  bool tls_ = false;
};

// A port on 127.0.0.1 where nothing listens (bound, then released).
int unused_local_port();

}  // namespace v6hsm::test
