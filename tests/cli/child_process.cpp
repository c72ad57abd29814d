#include "cli/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace v6hsm::cli_test {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

Pipe make_pipe() {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) fail("pipe2");
  return {ends[0], ends[1]};
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// A child that exits before reading all of its input must not kill the test with SIGPIPE.
void ignore_sigpipe_once() {
  static const bool ignored = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)ignored;
}

class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  void dup_to(int fd, int target) { posix_spawn_file_actions_adddup2(&actions_, fd, target); }
  void open_as(int target, const std::string& path) {
    posix_spawn_file_actions_addopen(&actions_, target, path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

std::vector<char*> c_strings(std::vector<std::string>& texts) {
  std::vector<char*> pointers;
  for (auto& text : texts) pointers.push_back(text.data());
  pointers.push_back(nullptr);
  return pointers;
}

int milliseconds_until(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

// Reads what is available; false at end of file.
bool drain(int fd, std::string& into) {
  char buffer[65536];
  const ssize_t count = ::read(fd, buffer, sizeof buffer);
  if (count > 0) {
    into.append(buffer, static_cast<std::size_t>(count));
    return true;
  }
  return count < 0 && (errno == EINTR || errno == EAGAIN);
}

}  // namespace

ChildProcess::ChildProcess(const ProcessSpec& spec) {
  ignore_sigpipe_once();
  Pipe input = make_pipe();
  Pipe output = make_pipe();
  Pipe errors;
  SpawnActions actions;
  actions.dup_to(input.read_end, STDIN_FILENO);
  actions.dup_to(output.write_end, STDOUT_FILENO);
  if (spec.stderr_file) {
    actions.open_as(STDERR_FILENO, spec.stderr_file->string());
  } else {
    errors = make_pipe();
    actions.dup_to(errors.write_end, STDERR_FILENO);
  }
  std::vector<std::string> argv_texts{spec.program.string()};
  argv_texts.insert(argv_texts.end(), spec.arguments.begin(), spec.arguments.end());
  std::vector<std::string> environment_texts;
  for (const auto& [name, value] : spec.environment) environment_texts.push_back(name + "=" + value);
  auto argv = c_strings(argv_texts);
  auto envp = c_strings(environment_texts);
  const int spawned = ::posix_spawn(&pid_, argv_texts.front().c_str(), actions.get(), nullptr, argv.data(), envp.data());
  close_fd(input.read_end);
  close_fd(output.write_end);
  close_fd(errors.write_end);
  stdin_fd_ = input.write_end;
  stdout_fd_ = output.read_end;
  stderr_fd_ = errors.read_end;
  if (spawned != 0) {
    pid_ = -1;
    errno = spawned;
    fail("posix_spawn " + spec.program.string());
  }
}

ChildProcess::~ChildProcess() {
  close_fd(stdin_fd_);
  close_fd(stdout_fd_);
  close_fd(stderr_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    wait_for_exit();
  }
}

int ChildProcess::wait_for_exit() {
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) fail("waitpid");
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

ProcessResult ChildProcess::communicate(std::string_view input, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  ::fcntl(stdin_fd_, F_SETFL, O_NONBLOCK);
  if (input.empty()) close_fd(stdin_fd_);
  ProcessResult result;
  while (stdout_fd_ >= 0 || stderr_fd_ >= 0) {
    pollfd polled[3] = {{stdin_fd_, POLLOUT, 0}, {stdout_fd_, POLLIN, 0}, {stderr_fd_, POLLIN, 0}};
    const int ready = ::poll(polled, 3, milliseconds_until(deadline));
    if (ready == 0) {
      ::kill(pid_, SIGKILL);
      break;
    }
    if (ready < 0 && errno != EINTR) fail("poll");
    if (polled[0].revents != 0) {
      const ssize_t written = ::write(stdin_fd_, input.data(), input.size());
      if (written > 0) input.remove_prefix(static_cast<std::size_t>(written));
      if ((written < 0 && errno != EAGAIN && errno != EINTR) || input.empty()) close_fd(stdin_fd_);
    }
    if (polled[1].revents != 0 && !drain(stdout_fd_, result.out)) close_fd(stdout_fd_);
    if (polled[2].revents != 0 && !drain(stderr_fd_, result.err)) close_fd(stderr_fd_);
  }
  close_fd(stdin_fd_);
  result.exit_code = wait_for_exit();
  return result;
}

std::string ChildProcess::read_stdout_line(std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string line;
  char character = 0;
  while (true) {
    pollfd polled{stdout_fd_, POLLIN, 0};
    if (::poll(&polled, 1, milliseconds_until(deadline)) <= 0) throw std::runtime_error("no line on stdout in time");
    if (::read(stdout_fd_, &character, 1) != 1) throw std::runtime_error("stdout closed before a full line");
    if (character == '\n') return line;
    line.push_back(character);
  }
}

ProcessResult run_process(const ProcessSpec& spec, std::string_view input, std::chrono::seconds timeout) {
  ChildProcess child(spec);
  return child.communicate(input, timeout);
}

Environment sanitizer_environment() {
  Environment environment;
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name)) environment[name] = value;
  }
  return environment;
}

}  // namespace v6hsm::cli_test
