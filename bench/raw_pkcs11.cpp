#include "raw_pkcs11.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string_view>
#include <vector>

#include "v6hsm/error.hpp"

namespace v6hsm::bench {
namespace {

void require_ok(CK_RV rv, std::string_view function) {
  if (rv != CKR_OK) {
    throw Error(ErrorKind::token, std::string(function) + " failed in the raw benchmark loop (CKR 0x" +
                                      [rv] { char hex[17]; std::snprintf(hex, sizeof hex, "%lx", rv); return std::string(hex); }() + ")");
  }
}

std::string_view trimmed_label(const CK_UTF8CHAR (&label)[32]) {
  std::string_view text(reinterpret_cast<const char*>(label), sizeof label);
  return text.substr(0, text.find_last_not_of(' ') + 1);
}

}  // namespace

RawPkcs11::RawPkcs11(const std::filesystem::path& module_path, const std::string& token_label) {
  library_ = ::dlopen(module_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (library_ == nullptr) throw InputError("cannot load " + module_path.string() + " for the raw benchmark loop");
  auto* get_function_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(library_, "C_GetFunctionList"));
  if (get_function_list == nullptr) throw InputError(module_path.string() + " has no C_GetFunctionList");
  require_ok(get_function_list(&api_), "C_GetFunctionList");
  CK_C_INITIALIZE_ARGS arguments{};
  arguments.flags = CKF_OS_LOCKING_OK;
  const CK_RV initialized = api_->C_Initialize(&arguments);
  if (initialized != CKR_CRYPTOKI_ALREADY_INITIALIZED) require_ok(initialized, "C_Initialize");

  CK_ULONG count = 0;
  require_ok(api_->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList");
  std::vector<CK_SLOT_ID> slots(count);
  require_ok(api_->C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList");
  const auto found = std::find_if(slots.begin(), slots.begin() + static_cast<std::ptrdiff_t>(count), [&](CK_SLOT_ID slot) {
    CK_TOKEN_INFO info{};
    return api_->C_GetTokenInfo(slot, &info) == CKR_OK && trimmed_label(info.label) == token_label;
  });
  if (found == slots.begin() + static_cast<std::ptrdiff_t>(count)) throw NotFoundError("no token labelled " + token_label);
  slot_ = *found;
}

// The token layer owns the initialization (it initialized first), so no C_Finalize here; dlclose only
// drops our reference to the library.
RawPkcs11::~RawPkcs11() { ::dlclose(library_); }

RawPkcs11::Session::Session(const RawPkcs11& module, const std::string& key_label) : api_(*module.api_) {
  require_ok(api_.C_OpenSession(module.slot_, CKF_SERIAL_SESSION, nullptr, nullptr, &session_), "C_OpenSession");
  CK_OBJECT_CLASS private_key = CKO_PRIVATE_KEY;
  std::array<CK_ATTRIBUTE, 2> query{{{CKA_CLASS, &private_key, sizeof private_key},
                                     {CKA_LABEL, const_cast<char*>(key_label.data()), key_label.size()}}};
  require_ok(api_.C_FindObjectsInit(session_, query.data(), query.size()), "C_FindObjectsInit");
  CK_ULONG found = 0;
  const CK_RV rv = api_.C_FindObjects(session_, &key_, 1, &found);
  api_.C_FindObjectsFinal(session_);
  require_ok(rv, "C_FindObjects");
  if (found != 1) throw NotFoundError("no private key labelled " + key_label + " for the raw benchmark loop");
}

RawPkcs11::Session::~Session() { api_.C_CloseSession(session_); }

unsigned long RawPkcs11::Session::decrypt(ByteView wrapped) {
  CK_MECHANISM mechanism{CKM_RSA_PKCS, nullptr, 0};
  require_ok(api_.C_DecryptInit(session_, &mechanism, key_), "C_DecryptInit");
  std::array<CK_BYTE, 512> recovered{};
  CK_ULONG length = recovered.size();
  require_ok(api_.C_Decrypt(session_, const_cast<CK_BYTE*>(wrapped.data()), wrapped.size(), recovered.data(), &length),
             "C_Decrypt");
  return length;
}

}  // namespace v6hsm::bench
