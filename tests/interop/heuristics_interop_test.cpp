// OutputMode::vantage6 must return exactly what vantage6's decrypt returns, and fail exactly where it
// raises. The judge is the Python reference, which runs the real json.loads, UTF-8 decoder and lenient
// base64 decoder on the same payloads; Python-style and web-UI-style envelopes are both checked.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "interop_support.hpp"
#include "python_reference.hpp"
#include "temp_directory.hpp"
#include "v6hsm/base64.hpp"
#include "v6hsm/cryptor.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/public_key.hpp"
#include "v6hsm/software_key.hpp"

namespace v6hsm::interop {
namespace {

std::string nested_arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A larger JSON document with random content, as a task input or result would be.
std::string random_json_document() {
  std::string document = R"({"method": "partial_average", "values": [)";
  const auto noise = random_payload(3000);
  for (std::size_t i = 0; i < noise.size(); i += 3) {
    document += (i == 0 ? "" : ", ") + std::to_string(noise[i] * 65536 + noise[i + 1] * 256 + noise[i + 2]);
  }
  return document + R"(], "note": ")" + base64_encode(noise) + R"("})";
}

// JSON that Python accepts (including its extensions), text that is not JSON but decodes as lenient
// base64, text that is neither, and bytes that are not UTF-8.
std::vector<std::string> plaintexts() {
  return {
      R"({"a": 1})", "NaN", " 42 ", R"("str")", "-Infinity", "Infinity", "[1, 2]", "{}", "\t{}\r\n", "1e400",
      "-0.0e-5", "1E+2", R"("\ud800")", R"("\u00e9\n")", "true", "null",
      R"({"method": "partial_average", "kwargs": {"column_name": "age"}})", nested_arrays(500),
      random_json_document(),
      "[1,2", "tru", "01", "1.", ".5", "-", "nan", "-NaN", "+1", R"({"a":1} x)", "\"a\x01\"", "{'a': 1}",
      "[1,]", R"("\x")",
      "", "test", "abcd1234", "QUJD", "YQ", "YQ==", "YQ=", "YQ===", "YQ==junk", "=YQ==", "Y Q = =", "YWJj\nZA==",
      "caf\xc3\xa9" "e", "hello world", "caf\xc3\xa9",
      std::string("\xff\x00" "binary", 8), "\xc3\x28", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
  };
}

std::string printable(const std::string& plaintext) {
  return plaintext.size() > 40 ? plaintext.substr(0, 40) + "... (" + std::to_string(plaintext.size()) + " bytes)"
                               : plaintext;
}

// What a decryption in vantage6 mode gave: the plaintext, or nothing when it raised.
using Outcome = std::optional<Bytes>;

class HeuristicsInterop : public ::testing::Test {
 protected:
  std::filesystem::path file(std::size_t index, const std::string& role) const {
    return work_ / ("case" + std::to_string(index) + "." + role);
  }

  Outcome python_outcome(const nlohmann::json& result, std::size_t index, const std::string& role) const {
    if (!result.at("ok").get<bool>()) return std::nullopt;
    return read_file(file(index, role));
  }

  Outcome cpp_outcome(std::size_t index, const std::string& role) const {
    try {
      return decrypt_string(key_, to_string(read_file(file(index, role))), OutputMode::vantage6);
    } catch (const PlaintextFormatError&) {
      return std::nullopt;
    }
  }

  static nlohmann::json decrypt_job(const ReferenceKeyFiles& key, const std::filesystem::path& in,
                                    const std::filesystem::path& out) {
    return {{"op", "decrypt"}, {"key", key.private_pem.string()}, {"in", in.string()}, {"out", out.string()},
            {"vantage6", true}};
  }

  TempDirectory work_;
  PythonReference reference_{work_.path()};
  ReferenceKeyFiles key_files_ = reference_.generate_key(2048);
  SoftwareKey key_ = SoftwareKey::from_file(key_files_.private_pem);
};

TEST_F(HeuristicsInterop, CppAndPythonAgreeOnEveryPlaintext) {
  const auto cases = plaintexts();
  const auto recipient = PublicKey::from_file(key_files_.public_pem);
  auto jobs = nlohmann::json::array();
  for (std::size_t i = 0; i < cases.size(); ++i) {
    write_file(file(i, "plain"), as_bytes(cases[i]));
    write_file(file(i, "cpp-wire"), as_bytes(encrypt_to_string(as_bytes(cases[i]), recipient)));
    for (const bool ui : {false, true}) {
      const std::string wire = ui ? "ui-wire" : "python-wire";
      jobs.push_back({{"op", "encrypt"}, {"pub", key_files_.public_api.string()}, {"in", file(i, "plain").string()},
                      {"out", file(i, wire).string()}, {"ui", ui}});
    }
    jobs.push_back(decrypt_job(key_files_, file(i, "python-wire"), file(i, "python-back")));
    jobs.push_back(decrypt_job(key_files_, file(i, "ui-wire"), file(i, "ui-back")));
    jobs.push_back(decrypt_job(key_files_, file(i, "cpp-wire"), file(i, "cpp-back")));
  }
  const auto results = reference_.run_batch(jobs);

  constexpr std::size_t kJobsPerCase = 5;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SCOPED_TRACE("plaintext " + printable(cases[i]));
    ASSERT_TRUE(results[kJobsPerCase * i].at("ok").get<bool>()) << results[kJobsPerCase * i];
    ASSERT_TRUE(results[kJobsPerCase * i + 1].at("ok").get<bool>()) << results[kJobsPerCase * i + 1];
    const auto python_style = python_outcome(results[kJobsPerCase * i + 2], i, "python-back");
    const auto ui_style = python_outcome(results[kJobsPerCase * i + 3], i, "ui-back");
    const auto cpp_encrypted = python_outcome(results[kJobsPerCase * i + 4], i, "cpp-back");

    EXPECT_EQ(cpp_outcome(i, "python-wire"), python_style) << "Python-style envelope, " << results[kJobsPerCase * i + 2];
    EXPECT_EQ(cpp_outcome(i, "ui-wire"), ui_style) << "web-UI-style envelope, " << results[kJobsPerCase * i + 3];
    EXPECT_EQ(cpp_encrypted, python_style) << "v6hsm-encrypted envelope read by the reference";
  }
}

TEST_F(HeuristicsInterop, RawModeReturnsWhatTheUiEncrypted) {
  const std::string json = R"({"method":"partial_average","kwargs":{"column_name":"age"}})";
  write_file(work_ / "plain", as_bytes(json));
  reference_.run_all(nlohmann::json::array({{{"op", "encrypt"}, {"ui", true}, {"pub", key_files_.public_api.string()},
                                             {"in", (work_ / "plain").string()}, {"out", (work_ / "wire").string()}}}));
  const auto wire = to_string(read_file(work_ / "wire"));
  EXPECT_EQ(to_string(decrypt_string(key_, wire, OutputMode::raw)), base64_encode(as_bytes(json)));
  EXPECT_EQ(to_string(decrypt_string(key_, wire, OutputMode::vantage6)), json);
}

}  // namespace
}  // namespace v6hsm::interop
