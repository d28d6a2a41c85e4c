#include "core/bounded_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace veil {
namespace {

// Closes a descriptor when the read ends, however it ends.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string DescribeByteCount(size_t bytes) {
  constexpr size_t kKiB = 1024;
  constexpr size_t kMiB = kKiB * 1024;
  constexpr size_t kGiB = kMiB * 1024;
  if (bytes >= kGiB && bytes % kGiB == 0) return fmt::format("{} GiB", bytes / kGiB);
  if (bytes >= kMiB && bytes % kMiB == 0) return fmt::format("{} MiB", bytes / kMiB);
  if (bytes >= kKiB && bytes % kKiB == 0) return fmt::format("{} KiB", bytes / kKiB);
  return fmt::format("{} bytes", bytes);
}

Result<std::string> ReadFileWithLimit(const std::string& path, size_t max_bytes,
                                      std::string_view what) {
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.get() < 0) {
    return IoError(fmt::format("cannot read the {} {}: {}", what, path, std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(file.get(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return IoError(fmt::format("cannot read the {} {}: it is a directory", what, path));
  }
  std::string bytes;
  constexpr size_t kChunk = 64 * 1024;
  while (true) {
    const size_t room = std::min(kChunk, max_bytes + 1 - bytes.size());
    const size_t used = bytes.size();
    bytes.resize(used + room);
    const ssize_t got = ::read(file.get(), bytes.data() + used, room);
    if (got < 0 && errno == EINTR) {
      bytes.resize(used);
      continue;
    }
    if (got < 0) {
      return IoError(fmt::format("cannot read the {} {}: {}", what, path, std::strerror(errno)));
    }
    bytes.resize(used + static_cast<size_t>(got));
    if (got == 0) return bytes;
    if (bytes.size() > max_bytes) {
      return IoError(fmt::format("the {} {} is larger than {}, the most veil reads", what, path,
                                 DescribeByteCount(max_bytes)));
    }
  }
}

}  // namespace veil
