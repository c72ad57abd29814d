// What a slot's token says about itself (C_GetTokenInfo), in plain C++ types, for listing, selecting and
// the capability report.
#pragma once

#include <string>
#include <vector>

namespace v6hsm::token {

struct TokenInfo {
  unsigned long slot_id = 0;
  std::string slot_description;
  std::string label;  // blank padding removed
  std::string serial;
  std::string manufacturer;
  std::string model;
  unsigned long flags = 0;  // CKF_* token flags, as reported

  bool initialized() const noexcept;
  bool login_required() const noexcept;
  bool protected_authentication_path() const noexcept;
  bool user_pin_initialized() const noexcept;
  bool user_pin_count_low() const noexcept;
  bool user_pin_final_try() const noexcept;
  bool user_pin_locked() const noexcept;
  bool write_protected() const noexcept;

  // "CKF_RNG", "CKF_LOGIN_REQUIRED", ... for every flag that is set.
  std::vector<std::string> flag_names() const;
};

}  // namespace v6hsm::token
