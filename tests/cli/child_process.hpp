// A program run as a real child process with pipes and an explicit environment: no shell, so secrets
// never pass through a command line that another process could read.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v6hsm::cli_test {

using Environment = std::map<std::string, std::string>;

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when the child was killed by a signal
  std::string out;
  std::string err;
};

struct ProcessSpec {
  std::filesystem::path program;
  std::vector<std::string> arguments;  // without argv[0]
  Environment environment;             // the child's whole environment
  // Where the child's stderr goes when it is not collected (long-running servers); nullopt: a pipe.
  std::optional<std::filesystem::path> stderr_file;
};

class ChildProcess {
 public:
  explicit ChildProcess(const ProcessSpec& spec);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Closes stdin, asks the child to stop (SIGTERM) if it still runs, and reaps it.
  ~ChildProcess();

  // Writes `input` to stdin, closes it, collects stdout and stderr until both close, and waits for the
  // exit. A child still running after `timeout` is killed and reported with exit code 128 + SIGKILL.
  ProcessResult communicate(std::string_view input, std::chrono::seconds timeout);

  // One line from stdout (without its '\n'), for a server announcing its port; throws on timeout or EOF.
  std::string read_stdout_line(std::chrono::seconds timeout);

 private:
  int wait_for_exit();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;
};

// The common case: run to completion.
ProcessResult run_process(const ProcessSpec& spec, std::string_view input = {},
                          std::chrono::seconds timeout = std::chrono::seconds(120));

// Variables the sanitizers read, copied from the test's own environment so children report the same way.
Environment sanitizer_environment();

}  // namespace v6hsm::cli_test
