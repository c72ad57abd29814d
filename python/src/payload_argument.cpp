#include "payload_argument.hpp"

namespace py = pybind11;

namespace v6hsm::python {
namespace {

// PyBUF_SIMPLE refuses non-contiguous buffers (a strided memoryview) instead of handing out wrong bytes.
std::string copy_contiguous_buffer(const py::handle& object) {
  struct BufferView {
    Py_buffer buffer{};
    ~BufferView() { PyBuffer_Release(&buffer); }
  };
  BufferView view;
  if (PyObject_GetBuffer(object.ptr(), &view.buffer, PyBUF_SIMPLE) != 0) throw py::error_already_set();
  return {static_cast<const char*>(view.buffer.buf), static_cast<std::size_t>(view.buffer.len)};
}

}  // namespace

PayloadArgument::PayloadArgument(const py::handle& object, std::string_view what)
    : owner_(py::reinterpret_borrow<py::object>(object)) {
  if (PyUnicode_Check(object.ptr())) {
    Py_ssize_t size = 0;
    // The UTF-8 form is cached inside the str object, so the pointer stays valid while owner_ lives.
    const char* data = PyUnicode_AsUTF8AndSize(object.ptr(), &size);
    if (data == nullptr) throw py::error_already_set();
    view_ = {data, static_cast<std::size_t>(size)};
    is_text_ = true;
  } else if (PyBytes_Check(object.ptr())) {
    view_ = {PyBytes_AS_STRING(object.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(object.ptr()))};
  } else if (PyObject_CheckBuffer(object.ptr())) {
    copy_ = copy_contiguous_buffer(object);
    view_ = copy_;
  } else {
    throw py::type_error(std::string(what) + " must be str or bytes, not " +
                         std::string(py::str(py::type::handle_of(object).attr("__name__"))));
  }
}

py::bytes to_python_bytes(ByteView data) { return {reinterpret_cast<const char*>(data.data()), data.size()}; }

}  // namespace v6hsm::python
