// Interrupts: SIGINT and SIGTERM handled like an error, for the `veil` process.
//
// Start() must be called in main() before any other thread exists: it blocks SIGINT and
// SIGTERM in the calling thread (every thread started later inherits the mask, and so
// do child processes) and starts one thread that waits for them. When one arrives, that
// thread waits until no publishing step is under way (see veil/publish_gate.h), prints
// one line on stderr —
//   "veil: interrupted by SIGTERM; nothing was written", or, once output was published,
//   "veil: interrupted by SIGTERM after the output was written" —
// and ends the process at once with _exit(128 + signal): 130 for SIGINT, 143 for
// SIGTERM. Nothing else needs to run: staged copies are removed by their guardian
// processes when veil is gone, and database transactions roll back when their
// connections drop.
// Start() fails (an IoError) only if the signal machinery cannot be set up. The
// destructor stops the thread; the signals stay blocked. Not copyable or movable.
// BeginPublishing()/EndPublishing() may be called from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "veil/publish_gate.h"
#include "veil/status.h"

namespace veil {

class Interrupts final : public PublishGate {
 public:
  static Result<std::unique_ptr<Interrupts>> Start();
  ~Interrupts() override;
  Interrupts(const Interrupts&) = delete;
  Interrupts& operator=(const Interrupts&) = delete;

  void BeginPublishing() override;
  void EndPublishing(bool published) override;

 private:
  Interrupts(int signal_fd, int stop_fd);
  void WaitForSignals();
  [[noreturn]] void EndProcess(int signal);

  const int signal_fd_;  // signalfd for SIGINT and SIGTERM
  const int stop_fd_;    // eventfd: the destructor's request to stop
  std::mutex mutex_;
  std::condition_variable idle_;
  bool publishing_ = false;
  bool published_ = false;
  std::thread thread_;
};

}  // namespace veil
