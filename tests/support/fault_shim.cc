// Test support: an LD_PRELOAD library that makes the disk "full" for the process it is
// loaded into, so that end-to-end tests can exercise ENOSPC without root or a tiny file
// system.
//
// Contract:
// - Without VEIL_FAULT_ENOSPC_AFTER in the environment (or with a value that is not a
//   decimal number), every call is passed straight to libc.
// - With VEIL_FAULT_ENOSPC_AFTER=N, the first N bytes written to regular files (by
//   write, pwrite, pwrite64, writev, pwritev, pwritev64) are written; a write that would
//   cross the limit writes only up to it (a short count, as a full disk does); every
//   later write to a regular file fails with ENOSPC, and so do fsync and fdatasync of a
//   regular file once the N bytes are used up (delayed allocation reports a full disk
//   there too).
// - Descriptors 0, 1 and 2 are never counted or refused: the error message must reach
//   the test even when stderr is redirected to a file.
// - Pipes, sockets, terminals and directories are never counted or refused.
// The byte budget is per process (children that keep LD_PRELOAD get their own).
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>

namespace {

constexpr int64_t kUnlimited = -1;

// The limit from the environment, read once: kUnlimited without one.
int64_t Limit() {
  static const int64_t limit = [] {
    const char* text = std::getenv("VEIL_FAULT_ENOSPC_AFTER");
    if (text == nullptr || *text == '\0') return kUnlimited;
    int64_t value = 0;
    for (const char* p = text; *p != '\0'; ++p) {
      if (*p < '0' || *p > '9') return kUnlimited;
      value = value * 10 + (*p - '0');
    }
    return value;
  }();
  return limit;
}

std::atomic<int64_t>& Written() {
  static std::atomic<int64_t> written{0};
  return written;
}

bool Counted(int fd) {
  if (fd <= 2 || Limit() == kUnlimited) return false;
  struct stat st = {};
  return ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// How many of `wanted` bytes may be written now: all of them, fewer (the rest of the
// budget), or none (-1, errno = ENOSPC). Reserves what it grants.
ssize_t Grant(int fd, size_t wanted) {
  if (!Counted(fd)) return static_cast<ssize_t>(wanted);
  std::atomic<int64_t>& written = Written();
  int64_t used = written.load();
  while (true) {
    const int64_t left = Limit() - used;
    if (left <= 0) {
      errno = ENOSPC;
      return -1;
    }
    const int64_t grant = static_cast<int64_t>(wanted) < left ? static_cast<int64_t>(wanted) : left;
    if (written.compare_exchange_weak(used, used + grant)) return static_cast<ssize_t>(grant);
  }
}

// Gives back what a failed or short real write did not use.
void Refund(int fd, ssize_t granted, ssize_t done) {
  if (!Counted(fd)) return;
  const ssize_t used = done < 0 ? 0 : done;
  if (granted > used) Written().fetch_sub(granted - used);
}

bool Full(int fd) {
  return Counted(fd) && Written().load() >= Limit();
}

template <typename Function>
Function Next(const char* name) {
  return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

size_t Total(const struct iovec* iov, int count) {
  size_t total = 0;
  for (int i = 0; i < count; ++i) total += iov[i].iov_len;
  return total;
}

// Writes at most `granted` bytes of `iov` with `write_at` (a write of one buffer).
template <typename WriteOne>
ssize_t WriteVector(const struct iovec* iov, int count, size_t granted, WriteOne write_at) {
  size_t done = 0;
  for (int i = 0; i < count && done < granted; ++i) {
    size_t length = iov[i].iov_len;
    if (length > granted - done) length = granted - done;
    const ssize_t n = write_at(iov[i].iov_base, length, done);
    if (n < 0) return done > 0 ? static_cast<ssize_t>(done) : -1;
    done += static_cast<size_t>(n);
    if (static_cast<size_t>(n) < length) break;
  }
  return static_cast<ssize_t>(done);
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buffer, size_t count) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t)>("write");
  const ssize_t granted = Grant(fd, count);
  if (granted < 0) return -1;
  const ssize_t n = real(fd, buffer, static_cast<size_t>(granted));
  Refund(fd, granted, n);
  return n;
}

ssize_t pwrite(int fd, const void* buffer, size_t count, off_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  const ssize_t granted = Grant(fd, count);
  if (granted < 0) return -1;
  const ssize_t n = real(fd, buffer, static_cast<size_t>(granted), offset);
  Refund(fd, granted, n);
  return n;
}

ssize_t pwrite64(int fd, const void* buffer, size_t count, off64_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  const ssize_t granted = Grant(fd, count);
  if (granted < 0) return -1;
  const ssize_t n = real(fd, buffer, static_cast<size_t>(granted), offset);
  Refund(fd, granted, n);
  return n;
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t)>("write");
  const ssize_t granted = Grant(fd, Total(iov, count));
  if (granted < 0) return -1;
  const ssize_t n =
      WriteVector(iov, count, static_cast<size_t>(granted),
                  [&](const void* data, size_t length, size_t) { return real(fd, data, length); });
  Refund(fd, granted, n);
  return n;
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  const ssize_t granted = Grant(fd, Total(iov, count));
  if (granted < 0) return -1;
  const ssize_t n = WriteVector(iov, count, static_cast<size_t>(granted),
                                [&](const void* data, size_t length, size_t done) {
                                  return real(fd, data, length, offset + static_cast<off_t>(done));
                                });
  Refund(fd, granted, n);
  return n;
}

ssize_t pwritev64(int fd, const struct iovec* iov, int count, off64_t offset) {
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  const ssize_t granted = Grant(fd, Total(iov, count));
  if (granted < 0) return -1;
  const ssize_t n = WriteVector(
      iov, count, static_cast<size_t>(granted), [&](const void* data, size_t length, size_t done) {
        return real(fd, data, length, offset + static_cast<off64_t>(done));
      });
  Refund(fd, granted, n);
  return n;
}

int fsync(int fd) {
  static const auto real = Next<int (*)(int)>("fsync");
  if (Full(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd);
}

int fdatasync(int fd) {
  static const auto real = Next<int (*)(int)>("fdatasync");
  if (Full(fd)) {
    errno = ENOSPC;
    return -1;
  }
  return real(fd);
}

}  // extern "C"
