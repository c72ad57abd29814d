// A one-line elapsed-time ticker on stderr while a slow token operation runs (only on a terminal, so
// logs and pipes stay clean).
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

namespace v6hsm::cli {

class ProgressTicker {
 public:
  explicit ProgressTicker(std::string message) : message_(std::move(message)) {
    if (::isatty(STDERR_FILENO) == 0) return;
    worker_ = std::thread([this] { tick(); });
  }

  ~ProgressTicker() {
    if (!worker_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_one();
    worker_.join();
    std::cerr << "\r\033[K" << std::flush;
  }

  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

 private:
  void tick() {
    const auto start = std::chrono::steady_clock::now();
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return done_; })) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
      std::cerr << "\r" << message_ << " " << seconds.count() << "s" << std::flush;
    }
  }

  std::string message_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread worker_;
};

}  // namespace v6hsm::cli
