// Test support: a real, throw-away PostgreSQL 15 server.
//
// Guarantees:
// - Constructing a PostgresServer initialises a cluster in a fresh directory under /tmp
//   (superuser `veil`, trust authentication, UTF8, C locale, fsync off, every statement
//   logged with its application_name) and starts it on a free port of 127.0.0.1. When
//   the tests run as root (which initdb and pg_ctl refuse), the server runs as the user
//   `nobody`. A failure to start never throws or exits: ok() is false and error() says
//   why (e.g. the binaries are missing), so that each test using it fails with that
//   message. Tests must not skip when the server is missing: CI installs postgresql-15.
// - The binaries are taken from $VEIL_PG_BINDIR, else /usr/lib/postgresql/15/bin.
// - The destructor stops the server (pg_ctl stop -m fast) and removes the directory; in
//   a forked child it does nothing.
// - Execute() and Query() report failures as gtest failures (non-fatal) naming the SQL;
//   Query() returns every cell as text, NULL as "<null>".
// - StopImmediately() stops the server the way a crash would (pg_ctl stop -m immediate:
//   clients are cut off, no checkpoint); StartAgain() starts it again on the same port
//   and directory (it recovers from its log first). For a dedicated instance only.
// - SharedPostgres() is one server per test process, started on first use and stopped
//   at exit.
// Not thread-safe.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace veil::testing {

class PostgresServer {
 public:
  PostgresServer() : owner_pid_(getpid()) { error_ = Start(); }
  ~PostgresServer() {
    if (getpid() != owner_pid_) return;
    if (started_) Run({Bin("pg_ctl"), "-D", Data(), "-m", "fast", "-w", "stop"}, "pg_ctl_stop.out");
    std::error_code ec;
    if (!root_.empty()) std::filesystem::remove_all(root_, ec);
  }
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }

  // postgresql://veil@127.0.0.1:PORT/DB
  std::string Uri(const std::string& db = "postgres") const {
    return "postgresql://veil@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }

  // Runs one or more statements in database `db`.
  void Execute(const std::string& db, const std::string& sql) const {
    auto conn = Connect(db);
    if (!conn) return;
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      ADD_FAILURE() << "PostgreSQL test server: " << PQerrorMessage(conn.get()) << "in:\n" << sql;
    }
  }

  // The rows of `sql` in database `db`, each cell as text ("<null>" for NULL).
  std::vector<std::vector<std::string>> Query(const std::string& db, const std::string& sql) const {
    std::vector<std::vector<std::string>> rows;
    auto conn = Connect(db);
    if (!conn) return rows;
    std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      ADD_FAILURE() << "PostgreSQL test server: " << PQerrorMessage(conn.get()) << "in:\n" << sql;
      return rows;
    }
    for (int r = 0; r < PQntuples(result.get()); ++r) {
      rows.emplace_back();
      for (int c = 0; c < PQnfields(result.get()); ++c) {
        rows.back().push_back(PQgetisnull(result.get(), r, c) ? "<null>"
                                                              : PQgetvalue(result.get(), r, c));
      }
    }
    return rows;
  }

  // Creates database `name` afresh (dropping one of that name first).
  void CreateDatabase(const std::string& name) const {
    const std::string quoted = Quote(name);
    Execute("postgres", "DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
    Execute("postgres", "CREATE DATABASE " + quoted);
  }

  // Stops the server at once, as a crash would; true if it stopped.
  bool StopImmediately() {
    if (!started_) return false;
    const bool stopped =
        Run({Bin("pg_ctl"), "-D", Data(), "-m", "immediate", "-w", "stop"}, "pg_ctl_stop.out") == 0;
    if (stopped) started_ = false;
    return stopped;
  }

  // Starts a server stopped by StopImmediately() again, on the same port; returns "" or
  // why it could not.
  std::string StartAgain() {
    if (started_) return "";
    if (Run({Bin("pg_ctl"), "-D", Data(), "-o", ServerOptions(), "-l",
             (root_ / "server.log").string(), "-w", "-t", "60", "start"},
            "pg_ctl_start.out") != 0) {
      return "pg_ctl start (again) failed:\n" + ReadFile(root_ / "pg_ctl_start.out");
    }
    started_ = true;
    return "";
  }

  // Everything the server has logged so far, one line per statement:
  // "TIMESTAMP [PID] app=APPLICATION_NAME LOG:  statement: SQL".
  std::string ServerLog() const { return ReadFile(root_ / "server.log"); }

 private:
  using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

  static std::string Quote(const std::string& name) {
    std::string quoted = "\"";
    for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  }

  static std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  ConnPtr Connect(const std::string& db) const {
    ConnPtr conn(nullptr, &PQfinish);
    if (!ok()) {
      ADD_FAILURE() << error_;
      return conn;
    }
    conn.reset(PQconnectdb((Uri(db) + "?application_name=veil_test_harness").c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
      ADD_FAILURE() << "PostgreSQL test server: cannot connect to " << Uri(db) << ": "
                    << PQerrorMessage(conn.get());
      conn.reset();
    }
    return conn;
  }

  std::string Bin(const std::string& name) const { return bin_dir_ + "/" + name; }
  std::string Data() const { return (root_ / "data").string(); }

  // Starts the server; returns "" or why it could not.
  std::string Start() {
    const char* env_bin = std::getenv("VEIL_PG_BINDIR");
    bin_dir_ = env_bin != nullptr && *env_bin != '\0' ? env_bin : "/usr/lib/postgresql/15/bin";
    for (const char* tool : {"initdb", "pg_ctl", "postgres"}) {
      if (access(Bin(tool).c_str(), X_OK) != 0) {
        return "PostgreSQL 15 server binaries not found: " + Bin(tool) +
               " is missing (install the Debian package postgresql-15, or set VEIL_PG_BINDIR)";
      }
    }
    if (std::string error = MakeRoot(); !error.empty()) return error;
    const std::string initdb_out = "initdb.out";
    if (Run({Bin("initdb"), "-D", Data(), "-A", "trust", "-U", "veil", "--no-sync", "-E", "UTF8",
             "--no-locale", "--no-instructions"},
            initdb_out) != 0) {
      return "initdb failed:\n" + ReadFile(root_ / initdb_out);
    }
    std::ofstream(root_ / "data" / "postgresql.conf", std::ios::app)
        << "\nlog_line_prefix = '%m [%p] app=%a '\nshared_buffers = 32MB\nmax_connections = 50\n";
    std::string failures;
    for (int attempt = 0; attempt < 3; ++attempt) {  // another process may take the port
      port_ = FreePort();
      if (port_ == 0) return "no free TCP port on 127.0.0.1";
      if (Run({Bin("pg_ctl"), "-D", Data(), "-o", ServerOptions(), "-l",
               (root_ / "server.log").string(), "-w", "-t", "60", "start"},
              "pg_ctl_start.out") == 0) {
        started_ = true;
        return "";
      }
      failures += ReadFile(root_ / "pg_ctl_start.out") + ReadFile(root_ / "server.log");
    }
    return "pg_ctl start failed:\n" + failures;
  }

  // The postgres options: port, socket directory, logging.
  std::string ServerOptions() const {
    return "-p " + std::to_string(port_) + " -k " + (root_ / "socket").string() +
           " -c listen_addresses=127.0.0.1 -c fsync=off -c log_statement=all"
           " -c logging_collector=off";
  }

  // Creates the server's directory, owned by the user the server runs as.
  std::string MakeRoot() {
    std::string pattern = "/tmp/veil-pg-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) return "cannot create a directory in /tmp";
    root_ = pattern;
    std::filesystem::create_directory(root_ / "socket");
    if (geteuid() != 0) return "";
    const passwd* user = getpwnam("nobody");
    if (user == nullptr) return "tests run as root but there is no user nobody to run PostgreSQL";
    run_as_uid_ = user->pw_uid;
    const group* nogroup = getgrnam("nogroup");
    run_as_gid_ = nogroup != nullptr ? nogroup->gr_gid : user->pw_gid;
    for (const auto& dir : {root_, root_ / "socket"}) {
      if (chown(dir.c_str(), run_as_uid_, run_as_gid_) != 0) return "cannot chown " + dir.string();
    }
    return "";
  }

  static int FreePort() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof(address);
    int port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      port = ntohs(address.sin_port);
    }
    close(fd);
    return port;
  }

  // Runs `argv` in the server's directory, as the server's user, with its output in
  // the file `output` there; returns the exit status (-1 if it could not run).
  int Run(const std::vector<std::string>& argv, const std::string& output) const {
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const std::string out_path = (root_ / output).string();
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || in < 0) return -1;
    const pid_t pid = fork();
    if (pid == 0) {  // only async-signal-safe calls from here on
      const bool dropped =
          run_as_uid_ == 0 ||
          (setgroups(0, nullptr) == 0 && setgid(run_as_gid_) == 0 && setuid(run_as_uid_) == 0);
      if (!dropped || chdir(root_.c_str()) != 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
          dup2(out, 2) < 0) {
        _exit(127);
      }
      execv(args[0], args.data());
      _exit(127);
    }
    close(out);
    close(in);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  pid_t owner_pid_;
  std::string error_;
  std::string bin_dir_;
  std::filesystem::path root_;
  uid_t run_as_uid_ = 0;  // 0: run as the current user
  gid_t run_as_gid_ = 0;
  int port_ = 0;
  bool started_ = false;
};

// The server shared by the tests of this process.
inline PostgresServer& SharedPostgres() {
  static PostgresServer server;
  return server;
}

}  // namespace veil::testing
