#include "io/postgres/sink_staging.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <utility>

#include "io/postgres/quote.h"

namespace veil::postgres {
namespace {

constexpr char kDoneByte = 'D';
constexpr size_t kMaxNameBytes = 63;  // PostgreSQL's NAMEDATALEN - 1
// A server that went down with veil may take a while to come back.
constexpr int kGuardianAttempts = 120;
constexpr useconds_t kGuardianPause = 500000;  // between attempts: a minute in all

std::string RandomHex() {
  std::random_device device;
  const uint64_t value = (static_cast<uint64_t>(device()) << 32) ^ device();
  return fmt::format("{:016x}", value);
}

// "<target>__veil_<hex>", the target cut at a UTF-8 character boundary to fit.
std::string StagedName(const std::string& target) {
  const std::string suffix = "__veil_" + RandomHex();
  size_t keep = std::min(target.size(), kMaxNameBytes - suffix.size());
  while (keep > 0 && keep < target.size() &&
         (static_cast<unsigned char>(target[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  return target.substr(0, keep) + suffix;
}

// Whether this process has one thread: only then may a forked child use libpq.
bool SingleThreaded() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8)) == 1;
  }
  return false;
}

void CloseAllBut(int keep) {
  const auto kept = static_cast<unsigned>(keep);
  if ((kept > 0 && ::close_range(0, kept - 1, 0) != 0) || ::close_range(kept + 1, ~0U, 0) != 0) {
    struct rlimit limit = {};
    const int max_fd = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536
                           ? static_cast<int>(limit.rlim_cur)
                           : 65536;
    for (int fd = 0; fd < max_fd; ++fd) {
      if (fd != keep) ::close(fd);
    }
  }
}

bool RunDrop(const ConnectOptions& options, const std::string& sql) {
  ConnPtr conn = Connect(options, "postgres");
  if (!Connected(conn)) return false;
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  const ResultPtr result(PQexec(conn.get(), sql.c_str()));
  return result && PQresultStatus(result.get()) == PGRES_COMMAND_OK;
}

// Runs in the forked guardian (the parent had no other thread, so libpq is safe here):
// waits until the parent says it is done or goes away; in the second case drops the
// staged database. Never returns.
[[noreturn]] void RunGuardian(int socket, const ConnectOptions& options, const std::string& sql) {
  ::setsid();
  CloseAllBut(socket);
  // Standard streams on /dev/null, so that no connection of ours lands on them.
  const int null = ::open("/dev/null", O_RDWR);
  for (int fd = 0; fd <= 2 && null >= 0; ++fd) {
    if (fd != null && fd != socket) ::dup2(null, fd);
  }
  char byte = 0;
  ssize_t n = 0;
  do {
    n = ::read(socket, &byte, 1);
  } while (n < 0 && errno == EINTR);
  if (n == 1 && byte == kDoneByte) ::_exit(0);
  for (int attempt = 0; attempt < kGuardianAttempts; ++attempt) {
    if (RunDrop(options, sql)) ::_exit(0);
    ::usleep(kGuardianPause);
  }
  ::_exit(1);
}

std::string DropSql(const std::string& name) {
  return fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", QuoteIdentifier(name));
}

std::string ConninfoValue(const std::string& value) {
  std::string quoted = "'";
  for (const char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

}  // namespace

Result<std::unique_ptr<StagedDatabase>> StagedDatabase::Create(const ConnectOptions& options,
                                                               const std::string& target,
                                                               const std::string& label) {
  if (!SingleThreaded()) {
    return InternalError(fmt::format(
        "{}: cannot start the guardian of the new database while other threads run", label));
  }
  std::unique_ptr<StagedDatabase> staged(
      new StagedDatabase(options, target, StagedName(target), label));
  const std::string sql = DropSql(staged->name_);  // prepared before fork()
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return IoError(fmt::format("{}: cannot start the guardian of the new database: {}", label,
                               std::strerror(errno)));
  }
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    return IoError(fmt::format("{}: cannot start the guardian of the new database: {}", label,
                               std::strerror(error)));
  }
  if (child == 0) RunGuardian(fds[0], staged->options_, sql);
  ::close(fds[0]);
  staged->guardian_socket_ = fds[1];
  staged->guardian_pid_ = child;

  ConnPtr maintenance = Connect(options, "postgres");
  if (!Connected(maintenance)) return ConnectError(maintenance);
  const Connection admin(std::move(maintenance), label);
  VEIL_RETURN_IF_ERROR(
      admin.Execute("CREATE DATABASE " + QuoteIdentifier(staged->name_),
                    fmt::format("creating database {}", QuoteIdentifier(staged->name_))));
  return Result<std::unique_ptr<StagedDatabase>>(std::move(staged));
}

StagedDatabase::~StagedDatabase() {
  Drop();
}

std::string StagedDatabase::Conninfo() const {
  std::string conninfo;
  for (size_t i = 0; i < options_.keys.size(); ++i) {
    if (options_.keys[i] == "dbname") continue;
    conninfo += options_.keys[i] + "=" + ConninfoValue(options_.values[i]) + " ";
  }
  return conninfo + "dbname=" + ConninfoValue(name_);
}

Status StagedDatabase::Publish() {
  if (finished_) return InternalError(fmt::format("{}: published twice or after a drop", label_));
  ConnPtr conn = Connect(options_, "postgres");
  if (!Connected(conn)) return ConnectError(conn);
  const Connection admin(std::move(conn), label_);
  const Status renamed =
      admin.Execute(fmt::format("ALTER DATABASE {} RENAME TO {}", QuoteIdentifier(name_),
                                QuoteIdentifier(target_)),
                    fmt::format("renaming the finished copy {} to {}", QuoteIdentifier(name_),
                                QuoteIdentifier(target_)));
  if (!renamed.ok()) {
    const auto found =
        admin.Rows("SELECT 1 FROM pg_database WHERE datname = $1", {target_}, "finding the target");
    Drop();
    if (found.ok() && !found->empty()) {
      return ConflictError(fmt::format(
          "{}: database {} was created by another run while this copy was written; this copy "
          "was discarded",
          label_, QuoteIdentifier(target_)));
    }
    return renamed;
  }
  finished_ = true;
  ReleaseGuardian(true);
  return Status::Ok();
}

void StagedDatabase::Drop() {
  if (finished_) return;
  finished_ = true;
  // If this drop fails, the guardian tries again.
  ReleaseGuardian(RunDrop(options_, DropSql(name_)));
}

void StagedDatabase::ReleaseGuardian(bool done) {
  if (guardian_socket_ >= 0) {
    if (done) ::send(guardian_socket_, &kDoneByte, 1, MSG_NOSIGNAL);
    ::close(std::exchange(guardian_socket_, -1));
  }
  // A guardian left to drop the database (the server may be down for a while) goes on
  // alone: veil does not wait for it. One told it is done exits at once and is reaped.
  const pid_t pid = std::exchange(guardian_pid_, -1);
  if (pid > 0 && done) {
    while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
}

}  // namespace veil::postgres
