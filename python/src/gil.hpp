// Token operations and bulk crypto run without the GIL, so several Python threads can decrypt at once
// (the token key borrows one PKCS#11 session per call). Only C++ data may be touched inside `work`.
#pragma once

#include <pybind11/pybind11.h>

#include <utility>

namespace v6hsm::python {

template <class Work>
auto without_gil(Work&& work) {
  const pybind11::gil_scoped_release release;
  return std::forward<Work>(work)();
}

}  // namespace v6hsm::python
