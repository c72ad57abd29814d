#include "support/tls_material.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace v6hsm::test {
namespace {

void run_openssl(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "openssl");
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", 0, 0);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  if (spawned != 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("openssl " + arguments.at(1) + " failed");
  }
}

}  // namespace

TlsMaterial::TlsMaterial() {
  std::string pattern = (std::filesystem::temp_directory_path() / "v6hsm-tls-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
}

TlsMaterial::~TlsMaterial() {
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::filesystem::path TlsMaterial::make_ca(const std::string& name) {
  const auto certificate = directory_ / (name + ".pem");
  run_openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
               (directory_ / (name + ".key")).string(), "-out", certificate.string(), "-days", "2", "-subj",
               "/CN=" + name});
  return certificate;
}

std::filesystem::path TlsMaterial::make_server_certificate(const std::string& ca, const std::string& subject_alt_name) {
  const auto stem = directory_ / ("server" + std::to_string(++serial_));
  const auto key = stem.string() + ".key";
  const auto request = stem.string() + ".csr";
  const auto certificate = stem.string() + ".pem";
  const auto extensions = stem.string() + ".ext";
  std::ofstream(extensions) << "subjectAltName=" << subject_alt_name << "\n";
  run_openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
               request, "-subj", "/CN=v6hsm test server"});
  run_openssl({"x509", "-req", "-in", request, "-CA", (directory_ / (ca + ".pem")).string(), "-CAkey",
               (directory_ / (ca + ".key")).string(), "-set_serial", std::to_string(serial_), "-days", "2", "-out",
               certificate, "-extfile", extensions});
  return certificate;
}

std::vector<std::string> TlsMaterial::server_arguments(const std::filesystem::path& certificate) {
  auto key = certificate;
  key.replace_extension(".key");
  return {"--tls-cert", certificate.string(), "--tls-key", key.string()};
}

}  // namespace v6hsm::test
