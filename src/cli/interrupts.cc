#include "cli/interrupts.h"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace veil {
namespace {

sigset_t InterruptSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

Status SetupError(const char* what) {
  return IoError(
      fmt::format("cannot set up the handling of interrupts ({}): {}", what, std::strerror(errno)));
}

void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

Result<std::unique_ptr<Interrupts>> Interrupts::Start() {
  const sigset_t signals = InterruptSignals();
  const int blocked = ::pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  if (blocked != 0) {
    errno = blocked;
    return SetupError("blocking signals");
  }
  const int signal_fd = ::signalfd(-1, &signals, SFD_CLOEXEC);
  if (signal_fd < 0) return SetupError("signalfd");
  const int stop_fd = ::eventfd(0, EFD_CLOEXEC);
  if (stop_fd < 0) {
    const Status error = SetupError("eventfd");
    ::close(signal_fd);
    return error;
  }
  std::unique_ptr<Interrupts> interrupts(new Interrupts(signal_fd, stop_fd));
  interrupts->thread_ = std::thread([raw = interrupts.get()] { raw->WaitForSignals(); });
  return interrupts;
}

Interrupts::Interrupts(int signal_fd, int stop_fd) : signal_fd_(signal_fd), stop_fd_(stop_fd) {}

Interrupts::~Interrupts() {
  const uint64_t one = 1;
  if (::write(stop_fd_, &one, sizeof(one)) == sizeof(one) && thread_.joinable()) {
    thread_.join();
  } else if (thread_.joinable()) {
    thread_.detach();  // cannot be told to stop; it dies with the process
  }
  ::close(stop_fd_);
  ::close(signal_fd_);
}

void Interrupts::BeginPublishing() {
  const std::lock_guard lock(mutex_);
  publishing_ = true;
}

void Interrupts::EndPublishing(bool published) {
  {
    const std::lock_guard lock(mutex_);
    publishing_ = false;
    published_ = published_ || published;
  }
  idle_.notify_all();
}

void Interrupts::WaitForSignals() {
  pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  while (true) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    signalfd_siginfo info = {};
    if (::read(signal_fd_, &info, sizeof(info)) == sizeof(info)) {
      EndProcess(static_cast<int>(info.ssi_signo));
    }
  }
}

void Interrupts::EndProcess(int signal) {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return !publishing_; });
  const char* name = signal == SIGINT ? "SIGINT" : "SIGTERM";
  const std::string clear_line = ::isatty(STDERR_FILENO) ? "\r\033[K" : "";
  WriteAll(STDERR_FILENO,
           fmt::format("{}veil: interrupted by {}{}\n", clear_line, name,
                       published_ ? " after the output was written" : "; nothing was written"));
  ::_exit(128 + signal);
}

}  // namespace veil
