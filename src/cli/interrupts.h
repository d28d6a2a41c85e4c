// Interrupts: SIGINT and SIGTERM handled like an error, for the `veil` process.
//
// Start() installs a handler for SIGINT and SIGTERM. When one arrives outside a publishing
// step (see veil/publish_gate.h), the handler prints one line on stderr —
//   "veil: interrupted by SIGTERM; nothing was written", or, once output was published,
//   "veil: interrupted by SIGTERM after the output was written" —
// and ends the process at once with _exit(128 + signal): 130 for SIGINT, 143 for
// SIGTERM. During a publishing step the signal is held and acted on by EndPublishing().
// Nothing else needs to run: staged copies are removed by their guardian processes when
// veil is gone, and database transactions roll back when their connections drop.
//
// The handler runs on whichever thread the signal reaches and uses only async-signal-safe
// calls (atomics, write, _exit); no thread is started, so forked guardian processes are
// made by a single-threaded process. A forked child keeps the handler but ignores the
// signals (a guardian must outlive veil to clean up after it; Ctrl-C reaches the whole
// process group). The state is the process's, as signal dispositions are: at most one
// Interrupts may exist at a time, in the CLI only; the library sees a PublishGate.
// Start() fails (an IoError) only if a handler cannot be installed. The destructor
// restores the default dispositions. Not copyable or movable.
#pragma once

#include <memory>

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
  // Acts on a signal held during the step (so it may not return).
  void EndPublishing(bool published) override;

 private:
  Interrupts() = default;
};

}  // namespace veil
