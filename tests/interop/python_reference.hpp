// Drives the independent Python reference (vantage6_reference.py) from C++ tests. Python starts slowly
// (~100 ms), so jobs go in batches: one process runs a whole list of them.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace v6hsm::interop {

// The files of a key pair that the reference generated and exported.
struct ReferenceKeyFiles {
  std::filesystem::path private_pem;
  std::filesystem::path public_pem;   // SPKI PEM as pyca/cryptography writes it
  std::filesystem::path public_api;   // the vantage6 API string: base64 of the PEM
};

class PythonReference {
 public:
  // Job, output and error files of the batches go to `work_directory`.
  explicit PythonReference(std::filesystem::path work_directory);

  // One result object per job, in order: {"ok": true} or {"ok": false, "error": ..., "message": ...}.
  // Throws std::runtime_error, quoting the reference's stderr, when the process itself fails.
  nlohmann::json run_batch(const nlohmann::json& jobs) const;
  // Like run_batch, but throws unless every job succeeded.
  void run_all(const nlohmann::json& jobs) const;

  // Fresh RSA key (exponent 65537) written as `format` ("pkcs1" or "pkcs8"), plus its public exports.
  ReferenceKeyFiles generate_key(int bits, const std::string& format = "pkcs1") const;

 private:
  std::filesystem::path work_directory_;
};

}  // namespace v6hsm::interop
