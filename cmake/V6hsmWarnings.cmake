# Project-wide warning and sanitizer flags, applied to every target through one interface library.
#   V6HSM_SANITIZE=ON      AddressSanitizer + UndefinedBehaviorSanitizer (with LeakSanitizer)
#   V6HSM_SANITIZE=thread  ThreadSanitizer, for the concurrency tests (scripts/test-tsan)
add_library(v6hsm_build_flags INTERFACE)
target_compile_options(v6hsm_build_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                       -Wno-sign-conversion $<$<BOOL:${V6HSM_WERROR}>:-Werror>)

if(V6HSM_SANITIZE STREQUAL "thread")
  target_compile_options(v6hsm_build_flags INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(v6hsm_build_flags INTERFACE -fsanitize=thread)
elseif(V6HSM_SANITIZE)
  target_compile_options(v6hsm_build_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(v6hsm_build_flags INTERFACE -fsanitize=address,undefined)
endif()
