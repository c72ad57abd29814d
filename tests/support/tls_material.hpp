// A throwaway certificate authority and server certificates, made with the openssl command at test time.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace v6hsm::test {

class TlsMaterial {
 public:
  TlsMaterial();  // a fresh temporary directory
  TlsMaterial(const TlsMaterial&) = delete;
  TlsMaterial& operator=(const TlsMaterial&) = delete;
  ~TlsMaterial();

  // Makes a self-signed CA called `name`; returns its certificate file.
  std::filesystem::path make_ca(const std::string& name);
  // Makes a server key and certificate for `subject_alt_name` (e.g. "IP:127.0.0.1"), signed by CA `ca`.
  // Returns the certificate; the key is next to it with the extension ".key".
  std::filesystem::path make_server_certificate(const std::string& ca, const std::string& subject_alt_name);

  // The v6server.py options that serve `certificate` (made by make_server_certificate) over HTTPS.
  static std::vector<std::string> server_arguments(const std::filesystem::path& certificate);

 private:
  std::filesystem::path directory_;
  int serial_ = 0;
};

}  // namespace v6hsm::test
