#include "io/staged_output.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <utility>

namespace veil {
namespace {

namespace fs = std::filesystem;

constexpr char kCommitByte = 'C';

std::string RandomHex() {
  std::random_device device;
  const uint64_t value = (static_cast<uint64_t>(device()) << 32) ^ device();
  return fmt::format("{:016x}", value);
}

bool Exists(const fs::path& path) {
  std::error_code ec;
  return fs::symlink_status(path, ec).type() != fs::file_type::not_found;
}

fs::path HiddenSibling(const fs::path& target, const char* tag) {
  const std::string name =
      fmt::format(".{}.veil-{}-{}-{}", target.filename().string(), tag, ::getpid(), RandomHex());
  return target.parent_path() / name;
}

// Runs in the forked guardian: waits for the commit byte; if the parent goes away
// without sending it, removes `temp`. Only async-signal-safe calls: the parent may have
// had other threads.
[[noreturn]] void RunGuardian(int read_fd, int max_fd, char* const argv[]) {
  ::setsid();
  const auto keep = static_cast<unsigned>(read_fd);
  if ((keep > 0 && ::close_range(0, keep - 1, 0) != 0) || ::close_range(keep + 1, ~0U, 0) != 0) {
    for (int fd = 0; fd < max_fd; ++fd) {
      if (fd != read_fd) ::close(fd);
    }
  }
  char byte = 0;
  ssize_t n = 0;
  do {
    n = ::read(read_fd, &byte, 1);
  } while (n < 0 && errno == EINTR);
  if (n == 1 && byte == kCommitByte) ::_exit(0);
  char* const env[] = {nullptr};
  ::execve("/bin/rm", argv, env);
  ::_exit(1);
}

void SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);  // best effort: the rename itself already happened
  ::close(fd);
}

// Forks the guardian for `temp`; on success sets `pipe_fd` (our end, close-on-exec) and
// `pid`.
Status StartGuardian(const fs::path& temp, int& pipe_fd, int& pid) {
  std::error_code ec;
  std::string path = fs::absolute(temp, ec).string();
  if (ec) return IoError(fmt::format("cannot resolve {}: {}", temp.string(), ec.message()));
  // Everything the child needs is prepared before fork().
  std::string rm = "rm", flags = "-rf", dashes = "--";
  char* const argv[] = {rm.data(), flags.data(), dashes.data(), path.data(), nullptr};
  struct rlimit limit = {};
  const int max_fd = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536
                         ? static_cast<int>(limit.rlim_cur)
                         : 65536;
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return IoError(fmt::format("cannot start the cleanup guardian: {}", std::strerror(errno)));
  }
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return IoError(fmt::format("cannot start the cleanup guardian: {}", std::strerror(error)));
  }
  if (child == 0) RunGuardian(fds[0], max_fd, argv);
  ::close(fds[0]);
  pipe_fd = fds[1];
  pid = child;
  return Status::Ok();
}

// With `commit`, tells the guardian to leave the temporary path alone; otherwise it
// removes it (again). Either way the guardian exits and is reaped.
void ReleaseGuardian(int& pipe_fd, int& pid, bool commit) {
  if (pipe_fd >= 0) {
    if (commit) ::send(pipe_fd, &kCommitByte, 1, MSG_NOSIGNAL);
    ::close(std::exchange(pipe_fd, -1));
  }
  if (const pid_t child = std::exchange(pid, -1); child > 0) {
    while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {  // the same child again
    }
  }
}

Status MoveError(const fs::path& from, const fs::path& to, int error) {
  return IoError(
      fmt::format("cannot move {} to {}: {}", from.string(), to.string(), std::strerror(error)));
}

Status TargetExists(const fs::path& target) {
  return ConflictError(fmt::format("target {} exists; use --force to replace it", target.string()));
}

bool Unsupported(int error) {
  return error == EINVAL || error == ENOSYS || error == EOPNOTSUPP;
}

Status RenameNoReplace(const fs::path& temp, const fs::path& target) {
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) {
    return Status::Ok();
  }
  if (errno == EEXIST) return TargetExists(target);
  if (!Unsupported(errno)) return MoveError(temp, target, errno);
  // The file system cannot refuse atomically: check, then rename.
  if (Exists(target)) return TargetExists(target);
  if (::rename(temp.c_str(), target.c_str()) != 0) return MoveError(temp, target, errno);
  return Status::Ok();
}

// Swaps the new output with the existing target atomically where the file system allows
// it (the old target then sits at the temporary path, which the guardian would remove if
// we died now); otherwise moves the old target aside first.
Status Replace(const fs::path& temp, const fs::path& target) {
  std::error_code ignored;
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
    fs::remove_all(temp, ignored);
    return Status::Ok();
  }
  if (!Unsupported(errno)) return MoveError(temp, target, errno);
  const fs::path aside = HiddenSibling(target, "old");
  if (::rename(target.c_str(), aside.c_str()) != 0) return MoveError(target, aside, errno);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const Status error = MoveError(temp, target, errno);
    ::rename(aside.c_str(), target.c_str());  // put the original back
    return error;
  }
  fs::remove_all(aside, ignored);
  return Status::Ok();
}

}  // namespace

Result<StagedOutput> StagedOutput::Create(const fs::path& target, bool replace_existing) {
  fs::path path = target.has_filename() ? target : target.parent_path();
  if (path.empty() || path.filename() == "." || path.filename() == "..") {
    return InvalidArgument(
        fmt::format("target {} is not a file or directory name", target.string()));
  }
  const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) {
    return IoError(fmt::format("cannot create {}: directory {} does not exist", path.string(),
                               parent.string()));
  }
  if (!replace_existing && Exists(path)) {
    return ConflictError(fmt::format("target {} exists; use --force to replace it", path.string()));
  }
  StagedOutput staged;
  staged.target_ = path;
  staged.temp_ = HiddenSibling(path, "tmp");
  staged.replace_existing_ = replace_existing;
  VEIL_RETURN_IF_ERROR(StartGuardian(staged.temp_, staged.guardian_pipe_, staged.guardian_pid_));
  staged.committed_ = false;
  return Result<StagedOutput>(std::move(staged));
}

StagedOutput::StagedOutput(StagedOutput&& other) noexcept
    : target_(std::move(other.target_)),
      temp_(std::move(other.temp_)),
      replace_existing_(other.replace_existing_),
      committed_(std::exchange(other.committed_, true)),
      guardian_pipe_(std::exchange(other.guardian_pipe_, -1)),
      guardian_pid_(std::exchange(other.guardian_pid_, -1)) {}

StagedOutput& StagedOutput::operator=(StagedOutput&& other) noexcept {
  if (this != &other) {
    Abandon();
    target_ = std::move(other.target_);
    temp_ = std::move(other.temp_);
    replace_existing_ = other.replace_existing_;
    committed_ = std::exchange(other.committed_, true);
    guardian_pipe_ = std::exchange(other.guardian_pipe_, -1);
    guardian_pid_ = std::exchange(other.guardian_pid_, -1);
  }
  return *this;
}

StagedOutput::~StagedOutput() {
  Abandon();
}

void StagedOutput::Abandon() {
  if (!committed_) {
    std::error_code ignored;
    fs::remove_all(temp_, ignored);
    committed_ = true;
  }
  ReleaseGuardian(guardian_pipe_, guardian_pid_, false);
}

Status StagedOutput::Commit() {
  if (committed_) return InternalError(fmt::format("{} was already committed", target_.string()));
  if (!Exists(temp_)) {
    return InternalError(fmt::format("nothing was written for {}", target_.string()));
  }
  VEIL_RETURN_IF_ERROR(replace_existing_ && Exists(target_) ? Replace(temp_, target_)
                                                            : RenameNoReplace(temp_, target_));
  committed_ = true;
  SyncDirectory(target_.parent_path());
  ReleaseGuardian(guardian_pipe_, guardian_pid_, true);
  return Status::Ok();
}

}  // namespace veil
