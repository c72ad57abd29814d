#include "python_reference.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

extern char** environ;

namespace v6hsm::interop {
namespace {

const std::filesystem::path kScript = std::filesystem::path(V6HSM_SOURCE_DIR) / "tests/interop/vantage6_reference.py";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

// posix_spawn, not system(): the paths need no shell quoting and stdout/stderr go straight to files.
int run_process(std::vector<std::string> arguments, const std::filesystem::path& stdout_file,
                const std::filesystem::path& stderr_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, stdout_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) throw std::runtime_error("cannot start " + arguments[0]);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) throw std::runtime_error("waitpid failed for " + arguments[0]);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

PythonReference::PythonReference(std::filesystem::path work_directory)
    : work_directory_(std::move(work_directory)) {}

nlohmann::json PythonReference::run_batch(const nlohmann::json& jobs) const {
  const auto jobs_file = work_directory_ / "reference-jobs.json";
  const auto stdout_file = work_directory_ / "reference-stdout.json";
  const auto stderr_file = work_directory_ / "reference-stderr.txt";
  write_text(jobs_file, jobs.dump(1));
  // -B: never leave bytecode in the source tree.
  const int status = run_process({V6HSM_PYTHON3, "-B", kScript.string(), "batch", "--jobs", jobs_file.string()},
                                 stdout_file, stderr_file);
  if (status != 0) {
    throw std::runtime_error("the Python reference exited with " + std::to_string(status) + ": " +
                             read_text(stderr_file));
  }
  auto results = nlohmann::json::parse(read_text(stdout_file));
  if (!results.is_array() || results.size() != jobs.size()) {
    throw std::runtime_error("the Python reference returned " + results.dump() + " for " +
                             std::to_string(jobs.size()) + " jobs");
  }
  return results;
}

void PythonReference::run_all(const nlohmann::json& jobs) const {
  const auto results = run_batch(jobs);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].at("ok").get<bool>()) {
      throw std::runtime_error("reference job " + jobs[i].dump() + " failed: " + results[i].dump());
    }
  }
}

ReferenceKeyFiles PythonReference::generate_key(int bits, const std::string& format) const {
  const auto stem = (work_directory_ / ("rsa" + std::to_string(bits))).string();
  ReferenceKeyFiles files{stem + ".key.pem", stem + ".pub.pem", stem + ".pub.api"};
  run_all(nlohmann::json::array({
      {{"op", "genkey"}, {"bits", bits}, {"format", format}, {"out", files.private_pem.string()}},
      {{"op", "pubkey"},
       {"key", files.private_pem.string()},
       {"pem-out", files.public_pem.string()},
       {"api-out", files.public_api.string()}},
  }));
  return files;
}

}  // namespace v6hsm::interop
