#include "v6hsm/secret_source.hpp"

#include <gtest/gtest.h>

#include "test_helpers.hpp"
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "v6hsm/error.hpp"

namespace v6hsm {
namespace {

TEST(SecretSource, ReadsEnvironmentVariable) {
  ::setenv("V6HSM_TEST_SECRET", "s3cret-value", 1);
  const auto source = SecretSource::parse("env:V6HSM_TEST_SECRET");
  EXPECT_EQ(as_chars(source.read("user PIN")), "s3cret-value");
  EXPECT_EQ(source.describe(), "env:V6HSM_TEST_SECRET");
  ::unsetenv("V6HSM_TEST_SECRET");
}

TEST(SecretSource, MissingVariableIsNamedInTheError) {
  ::unsetenv("V6HSM_TEST_UNSET");
  const std::string message = test::input_error_text([] { SecretSource::parse("env:V6HSM_TEST_UNSET").read("API key"); });
  EXPECT_NE(message.find("V6HSM_TEST_UNSET"), std::string::npos);
  EXPECT_NE(message.find("API key"), std::string::npos);
}

TEST(SecretSource, FileDropsOneTrailingNewline) {
  const auto path = std::filesystem::temp_directory_path() / ("v6hsm-secret-" + std::to_string(::getpid()));
  for (const auto& [content, expected] : {std::pair{"1234\n", "1234"}, std::pair{"1234\r\n", "1234"},
                                          std::pair{"1234", "1234"}, std::pair{"12 34\n\n", "12 34\n"}}) {
    std::ofstream(path, std::ios::binary) << content;
    EXPECT_EQ(as_chars(SecretSource::parse("file:" + path.string()).read("PIN")), expected);
  }
  std::filesystem::remove(path);
  EXPECT_NE(test::input_error_text([&] { SecretSource::parse("file:" + path.string()).read("PIN"); }).find(path.string()),
            std::string::npos);
}

TEST(SecretSource, PromptNeedsATerminal) {
  if (::isatty(STDIN_FILENO) != 0) GTEST_SKIP() << "stdin is a terminal";
  EXPECT_NE(test::input_error_text([] { SecretSource::parse("prompt").read("user PIN"); }).find("not a terminal"),
            std::string::npos);
}

TEST(SecretSource, InvalidSpecIsRefusedWithoutRepeatingIt) {
  for (const char* spec : {"123456", "env:", "file:", "pin:123456", "", "Prompt", "--pin=123456"}) {
    const std::string message = test::input_error_text([&] { SecretSource::parse(spec); });
    EXPECT_NE(message.find("env:NAME"), std::string::npos) << spec;
    EXPECT_EQ(message.find("123456"), std::string::npos) << spec;
  }
}

}  // namespace
}  // namespace v6hsm
