#include "v6hsm/token/module.hpp"

#include <dlfcn.h>

#include <cstdio>
#include <utility>

#include "token/module_impl.hpp"
#include "token/padded_text.hpp"
#include "token/softhsm_configuration.hpp"
#include "v6hsm/error.hpp"
#include "v6hsm/token/pkcs11_error.hpp"

namespace v6hsm::token {
namespace {

struct LibraryCloser {
  void operator()(void* library) const noexcept { dlclose(library); }
};
using LibraryHandle = std::unique_ptr<void, LibraryCloser>;

LibraryHandle open_library(const std::filesystem::path& path) {
  // RTLD_LOCAL keeps the module's symbols out of the global namespace, as every PKCS#11 consumer does.
  LibraryHandle library(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!library) {
    const char* reason = dlerror();
    throw InputError("cannot load PKCS#11 module " + path.string() + ": " +
                     (reason != nullptr ? reason : "unknown reason"));
  }
  return library;
}

CK_FUNCTION_LIST* function_list_of(void* library, const std::filesystem::path& path) {
  auto* get_function_list = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library, "C_GetFunctionList"));
  CK_FUNCTION_LIST* functions = nullptr;
  if (get_function_list == nullptr) {
    throw InputError(path.string() + " is not a PKCS#11 module: it has no C_GetFunctionList");
  }
  check(get_function_list(&functions), "C_GetFunctionList", "loading PKCS#11 module " + path.string());
  return functions;
}

// Returns whether we own the initialization (see the ownership rules in module.hpp).
bool initialize(const CK_FUNCTION_LIST& functions, const std::filesystem::path& path) {
  CK_C_INITIALIZE_ARGS arguments{};
  arguments.flags = CKF_OS_LOCKING_OK;
  const CK_RV rv = functions.C_Initialize(&arguments);
  if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
    return false;
  }
  if (rv != CKR_OK && looks_like_softhsm(path)) {
    if (const auto problem = diagnose_softhsm_configuration()) {
      throw TokenError(*problem);
    }
  }
  check(rv, "C_Initialize", "initializing PKCS#11 module " + path.string());
  return true;
}

std::string version_text(const CK_VERSION& version) {
  char text[16];
  std::snprintf(text, sizeof text, "%u.%u", version.major, version.minor);
  return text;
}

}  // namespace

void check(CK_RV rv, std::string_view function, std::string_view operation) {
  if (rv != CKR_OK) {
    throw Pkcs11Error(function, rv, operation);
  }
}

std::shared_ptr<Module> Module::load(const std::filesystem::path& path) {
  LibraryHandle library = open_library(path);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->functions = function_list_of(library.get(), path);
  impl->owns_initialization = initialize(*impl->functions, path);
  impl->library = library.release();
  return std::shared_ptr<Module>(new Module(std::move(impl)));
}

Module::Module(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Module::~Module() {
  if (impl_->owns_initialization) {
    static_cast<void>(impl_->functions->C_Finalize(nullptr));
  }
  dlclose(impl_->library);
}

const std::filesystem::path& Module::path() const noexcept { return impl_->path; }

ModuleInfo Module::info() const {
  CK_INFO info{};
  check(impl_->functions->C_GetInfo(&info), "C_GetInfo", "reading the module information");
  return ModuleInfo{impl_->path,
                    padded_text(info.manufacturerID),
                    padded_text(info.libraryDescription),
                    version_text(info.cryptokiVersion),
                    version_text(info.libraryVersion),
                    impl_->owns_initialization};
}

std::vector<TokenInfo> Module::tokens() const {
  const auto& functions = impl_->api();
  CK_ULONG count = 0;
  check(functions.C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList", "listing the slots");
  std::vector<CK_SLOT_ID> slots(count);
  check(functions.C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList", "listing the slots");
  slots.resize(count);
  std::vector<TokenInfo> tokens;
  tokens.reserve(slots.size());
  for (const CK_SLOT_ID slot : slots) {
    tokens.push_back(token_info(slot));
  }
  return tokens;
}

TokenInfo Module::token_info(unsigned long slot_id) const {
  const auto& functions = impl_->api();
  CK_SLOT_INFO slot{};
  check(functions.C_GetSlotInfo(slot_id, &slot), "C_GetSlotInfo", "reading slot information");
  CK_TOKEN_INFO token{};
  check(functions.C_GetTokenInfo(slot_id, &token), "C_GetTokenInfo", "reading token information");
  return TokenInfo{slot_id,
                   padded_text(slot.slotDescription),
                   padded_text(token.label),
                   padded_text(token.serialNumber),
                   padded_text(token.manufacturerID),
                   padded_text(token.model),
                   token.flags};
}

}  // namespace v6hsm::token
