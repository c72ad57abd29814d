#include "cli/cli_sandbox.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace v6hsm::cli_test {

CliSandbox::CliSandbox() { sandbox_.create_token(kTokenLabel); }

Environment CliSandbox::environment() const {
  Environment environment = sanitizer_environment();
  environment["PATH"] = "/usr/bin:/bin";
  environment["HOME"] = directory().string();
  environment["SOFTHSM2_CONF"] = sandbox_.config_file().string();
  environment[testing::kUserPinVariable] = std::string(testing::kUserPin);
  return environment;
}

ProcessResult CliSandbox::run(const Arguments& arguments, std::string_view input, const Environment& extra) const {
  ProcessSpec spec{V6HSM_CLI_BINARY, arguments, environment(), std::nullopt};
  for (const auto& [name, value] : extra) spec.environment[name] = value;
  return run_process(spec, input);
}

ProcessResult CliSandbox::run_on_token(const Arguments& arguments, std::string_view input,
                                       const Environment& extra) const {
  return run(token_options() + arguments, input, extra);
}

std::filesystem::path CliSandbox::write_file(const std::string& name, std::string_view content) const {
  const auto path = directory() / name;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!file.flush()) throw std::runtime_error("cannot write " + path.string());
  return path;
}

Arguments operator+(Arguments first, const Arguments& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

Arguments token_options() {
  return {"--token", kTokenLabel, "--pin-source", std::string("env:") + testing::kUserPinVariable};
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

namespace {

std::string run_openssl(const CliSandbox& sandbox, const Arguments& arguments) {
  const auto result = run_process({"/usr/bin/openssl", arguments, sandbox.environment(), std::nullopt});
  if (result.exit_code != 0) throw std::runtime_error("openssl failed: " + result.err);
  return result.out;
}

}  // namespace

std::string openssl_private_key_pem(const CliSandbox& sandbox, int bits) {
  return run_openssl(sandbox, {"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + std::to_string(bits)});
}

std::string openssl_public_key_pem(const CliSandbox& sandbox, const std::filesystem::path& private_key) {
  return run_openssl(sandbox, {"pkey", "-in", private_key.string(), "-pubout"});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string describe(const ProcessResult& result) {
  return "exit code " + std::to_string(result.exit_code) + "\n--- stdout:\n" + result.out.substr(0, 4000) +
         "\n--- stderr:\n" + result.err.substr(0, 4000);
}

std::unique_ptr<CliSandbox> CliSuite::sandbox_;
std::unique_ptr<PublicKey> CliSuite::default_key_;

void CliSuite::SetUpTestSuite() { sandbox_ = std::make_unique<CliSandbox>(); }

void CliSuite::TearDownTestSuite() {
  default_key_.reset();
  sandbox_.reset();
}

CliSandbox& CliSuite::sandbox() { return *sandbox_; }

const PublicKey& CliSuite::default_key() {
  if (!default_key_) {
    const auto created = sandbox_->run_on_token({"key", "create", "--bits", "2048"});
    if (created.exit_code != 0) throw std::runtime_error("key create failed: " + describe(created));
    const auto shown = sandbox_->run_on_token({"key", "show", "--format", "pem"});
    if (shown.exit_code != 0) throw std::runtime_error("key show failed: " + describe(shown));
    default_key_ = std::make_unique<PublicKey>(PublicKey::from_pem(shown.out));
  }
  return *default_key_;
}

}  // namespace v6hsm::cli_test
