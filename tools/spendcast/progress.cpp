#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <ostream>

namespace spendcast::cli {

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::ostream& err, bool enabled)
    : err_(err), enabled_(enabled), start_(std::chrono::steady_clock::now()) {
  if (!enabled_) return;
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return finished_; }))
      draw();
  });
}

ProgressBar::~ProgressBar() {
  if (!enabled_) return;
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  wake_.notify_one();
  thread_.join();
  err_ << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  total_.store(total, std::memory_order_relaxed);
  done_.store(done, std::memory_order_relaxed);
}

void ProgressBar::add(std::uint64_t paths, std::uint64_t total) {
  total_.store(total, std::memory_order_relaxed);
  done_.fetch_add(paths, std::memory_order_relaxed);
}

void ProgressBar::draw() {
  const std::uint64_t total = total_.load(), done = std::min(done_.load(), total);
  if (total == 0) return;
  const double fraction = static_cast<double>(done) / static_cast<double>(total);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  constexpr int bar = 40;
  const int filled = static_cast<int>(fraction * bar);
  std::string eta =
      fraction > 0.01 ? fmt::format("ETA {:.0f} s", elapsed * (1 - fraction) / fraction) : "ETA --";
  err_ << fmt::format("\r[{}{}] {:5.1f}%  {} / {} paths  {}\033[K", std::string(filled, '#'),
                      std::string(bar - filled, '.'), 100 * fraction, done, total, eta)
       << std::flush;
}

}  // namespace spendcast::cli
