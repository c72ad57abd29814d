// A loaded PKCS#11 module (a shared library such as SoftHSM2's libsofthsm2.so).
//
// Ownership, for everyone who touches the same module in one process:
//   - Module::load() dlopen()s the library, takes its function list with C_GetFunctionList and calls
//     C_Initialize with CKF_OS_LOCKING_OK, so the module does its own locking for our threads.
//   - If C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED, someone else in the process (libp11, a
//     PKCS#11 provider, another Module) owns the initialization: we use the module but never call
//     C_Finalize, because that would pull it out from under the owner.
//   - If we initialized it, the Module calls C_Finalize when the last reference goes away. Tokens, keys
//     and sessions hold a std::shared_ptr<Module>, so every session they own is closed before that.
//   - Sessions belong to the Token that opened them (one login session plus a pool, see token.hpp).
//     Nothing here shares a session between threads: SoftHSM2 crashes when two threads use one session.
//
// libp11 0.4.12 is deliberately not used underneath: its key storage and generation set CKA_SIGN and leave
// CKA_EXTRACTABLE to the token default, it cannot unwrap, and it hides session and object handles, so a
// second layer beside it would own half the sessions. One raw layer keeps the ownership above simple.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "v6hsm/token/token_info.hpp"

namespace v6hsm::token {

inline constexpr const char* kModuleEnvironmentVariable = "V6HSM_MODULE";

// The module to load: `explicit_path` if given, else $V6HSM_MODULE if set and non-empty, else SoftHSM2's
// module. Throws InputError when the chosen file does not exist, saying where the path came from.
std::filesystem::path resolve_module_path(const std::optional<std::filesystem::path>& explicit_path = {});

struct ModuleInfo {
  std::filesystem::path path;
  std::string manufacturer;
  std::string description;
  std::string cryptoki_version;  // "2.40"
  std::string library_version;   // "2.6"
  bool owns_initialization = false;  // false when someone else had already initialized the module
};

class Module {
 public:
  // Throws InputError when the file cannot be loaded or is not a PKCS#11 module, and Pkcs11Error when
  // C_Initialize fails (with a SoftHSM2-specific message when its configuration is the cause).
  static std::shared_ptr<Module> load(const std::filesystem::path& path);

  ~Module();
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  const std::filesystem::path& path() const noexcept;
  ModuleInfo info() const;

  // Every slot that has a token, initialized or not.
  std::vector<TokenInfo> tokens() const;
  TokenInfo token_info(unsigned long slot_id) const;

  // The raw layer (src/token) reaches the function list through this; it is opaque to everyone else.
  struct Impl;
  const Impl& impl() const noexcept { return *impl_; }

 private:
  explicit Module(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace v6hsm::token
