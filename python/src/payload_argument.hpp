// A str or bytes-like argument whose bytes can be read after the GIL is released. bytes and str are
// immutable, so they are borrowed (the argument keeps them alive); mutable buffers (bytearray,
// memoryview) are copied first, because another Python thread could change them while we work.
#pragma once

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>

#include "v6hsm/bytes.hpp"

namespace v6hsm::python {

class PayloadArgument {
 public:
  // `what` names the argument in the TypeError for anything that is neither text nor bytes-like.
  PayloadArgument(const pybind11::handle& object, std::string_view what);
  // The view may point into copy_, so the object stays where it was made.
  PayloadArgument(const PayloadArgument&) = delete;
  PayloadArgument& operator=(const PayloadArgument&) = delete;

  bool is_text() const noexcept { return is_text_; }
  ByteView bytes() const noexcept { return as_bytes(view_); }
  std::string_view text() const noexcept { return view_; }

 private:
  pybind11::object owner_;
  std::string copy_;
  std::string_view view_;
  bool is_text_ = false;
};

// A Python bytes object holding `data` (needs the GIL).
pybind11::bytes to_python_bytes(ByteView data);

}  // namespace v6hsm::python
