#include "cli/interrupts.h"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace veil {
namespace {

// The process's interrupt state, shared with the signal handler (lock-free atomics only).
std::atomic<pid_t> owner_pid{0};      // the process that handles; 0: not installed
std::atomic<bool> publishing{false};  // a publishing step is under way
std::atomic<bool> published{false};   // output has been published
std::atomic<int> pending{0};          // a signal held during publishing, or being acted on
std::atomic<bool> clear_line{false};  // stderr is a terminal: clear a progress line first

static_assert(std::atomic<pid_t>::is_always_lock_free && std::atomic<int>::is_always_lock_free &&
              std::atomic<bool>::is_always_lock_free);

void WriteAll(const char* text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, text, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

// Prints the line and ends the process. Async-signal-safe.
[[noreturn]] void EndProcess(int signal) {
  if (clear_line.load()) WriteAll("\r\033[K");
  WriteAll(signal == SIGINT ? "veil: interrupted by SIGINT" : "veil: interrupted by SIGTERM");
  WriteAll(published.load() ? " after the output was written\n" : "; nothing was written\n");
  ::_exit(128 + signal);
}

void OnSignal(int signal) {
  if (::getpid() != owner_pid.load()) return;  // a forked guardian: it must outlive veil
  pending.store(signal);
  if (publishing.load()) return;  // EndPublishing() acts on it
  if (pending.exchange(0) != 0) EndProcess(signal);
}

Status Install(void (*handler)(int)) {
  struct sigaction action = {};
  action.sa_handler = handler;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  for (const int signal : {SIGINT, SIGTERM}) {
    if (::sigaction(signal, &action, nullptr) != 0) {
      return IoError(
          fmt::format("cannot set up the handling of interrupts: {}", std::strerror(errno)));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Interrupts>> Interrupts::Start() {
  clear_line.store(::isatty(STDERR_FILENO) == 1);
  owner_pid.store(::getpid());
  VEIL_RETURN_IF_ERROR(Install(OnSignal));
  return std::unique_ptr<Interrupts>(new Interrupts());
}

Interrupts::~Interrupts() {
  (void)Install(SIG_DFL);
  owner_pid.store(0);
}

void Interrupts::BeginPublishing() {
  publishing.store(true);
}

void Interrupts::EndPublishing(bool was_published) {
  if (was_published) published.store(true);
  publishing.store(false);
  if (const int signal = pending.exchange(0); signal != 0) EndProcess(signal);
}

}  // namespace veil
