#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <thread>

namespace spendcast::cli {

/// A progress bar with an ETA on a terminal's stderr, redrawn ten times a second from its
/// own thread; workers only store a counter. Does nothing when `enabled` is false (stderr
/// is not a terminal, or --quiet). Erases itself when done.
class ProgressBar {
 public:
  ProgressBar(std::ostream& err, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// Records progress: `done` of `total` paths in the current round (thread-safe).
  void update(std::uint64_t done, std::uint64_t total);

  /// Records `paths` more paths done of `total` in the current round (thread-safe).
  void add(std::uint64_t paths, std::uint64_t total);

 private:
  void draw();

  std::ostream& err_;
  bool enabled_;
  std::atomic<std::uint64_t> done_{0}, total_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool finished_ = false;
  std::thread thread_;
};

/// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace spendcast::cli
