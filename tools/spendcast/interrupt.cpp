#include "interrupt.hpp"

#include <csignal>

namespace spendcast::cli {

namespace {

// A signal handler can reach only static storage: this flag is the CLI's one piece of
// process-wide state, and only InterruptGuard touches it.
std::atomic<bool> interrupted{false};
using Handler = void (*)(int);
Handler previous_int = SIG_DFL;
Handler previous_term = SIG_DFL;

extern "C" void on_signal(int signal) {
  interrupted.store(true);
  std::signal(signal, SIG_DFL);  // a second Ctrl-C ends the process at once
}

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupted.store(false);
  previous_int = std::signal(SIGINT, on_signal);
  previous_term = std::signal(SIGTERM, on_signal);
}

InterruptGuard::~InterruptGuard() {
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
}

const std::atomic<bool>* InterruptGuard::stop() const {
  return &interrupted;
}

}  // namespace spendcast::cli
