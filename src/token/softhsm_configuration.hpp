// SoftHSM2 fails C_Initialize with a bare CKR_GENERAL_ERROR when its configuration file or token directory
// is missing (and says why only in syslog), so we look for those causes ourselves.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace v6hsm::token {

bool looks_like_softhsm(const std::filesystem::path& module_path);

// A message naming the missing file or directory and how to fix it, or nothing when both exist.
std::optional<std::string> diagnose_softhsm_configuration();

}  // namespace v6hsm::token
