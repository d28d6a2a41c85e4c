#include "io/postgres/identity.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "io/postgres/connection.h"
#include "io/postgres/errors.h"

namespace veil::postgres {
namespace {

constexpr const char* kMarkerComment = "veil: scrub allowed";

// The server's own view of the connection, and veil's opt-in markers.
constexpr const char* kServerSql =
    "SELECT pg_catalog.current_database(), "
    "coalesce(pg_catalog.host(pg_catalog.inet_server_addr()), ''), "
    "coalesce(pg_catalog.inet_server_port()::text, ''), pg_catalog.pg_backend_pid()::text, "
    "EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datname = "
    "pg_catalog.current_database() AND pg_catalog.shobj_description(d.oid, 'pg_database') = $1), "
    "EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
    "c.relnamespace WHERE n.nspname = 'veil' AND c.relname = 'scrub_allowed' AND c.relkind IN "
    "('r', 'p'))";

constexpr const char* kSystemIdentifierSql =
    "SELECT system_identifier::text FROM pg_catalog.pg_control_system()";

// Whether backend $1 holds veil's advisory lock in this database.
constexpr const char* kLockHolderSql =
    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_database d ON d.oid = "
    "l.database WHERE l.locktype = 'advisory' AND l.granted AND l.pid = $1::integer AND "
    "d.datname = pg_catalog.current_database() AND l.classid = $2::bigint::oid AND l.objid = "
    "$3::bigint::oid AND l.objsubid = 1)";

std::string Text(const char* value) {
  return value ? value : "";
}

// The first row of `sql` (with `params`), every cell as text. `state` gets the SQLSTATE
// of a failure.
Result<std::vector<std::string>> FirstRow(PGconn* conn, const char* sql,
                                          const std::vector<std::string>& params,
                                          const std::string& what, std::string* state = nullptr) {
  std::vector<const char*> values;
  for (const auto& param : params) values.push_back(param.c_str());
  const ResultPtr result(PQexecParams(conn, sql, static_cast<int>(values.size()), nullptr,
                                      values.data(), nullptr, nullptr, 0));
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) < 1) {
    if (state) *state = PgErrorField(result.get(), PG_DIAG_SQLSTATE);
    return PgServerError(conn, result.get(), fmt::format("{}: {}", PgConnectionLabel(conn), what));
  }
  std::vector<std::string> row;
  for (int c = 0; c < PQnfields(result.get()); ++c) row.push_back(PQgetvalue(result.get(), 0, c));
  return row;
}

// An IP address as text; an IPv4 address mapped into IPv6 as plain IPv4.
std::string AddressText(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof(text));
  } else if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
      inet_ntop(AF_INET, &v6->sin6_addr.s6_addr[12], text, sizeof(text));
    } else {
      inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof(text));
    }
  }
  return text;
}

bool ResolvesTo(const std::string& host, const std::string& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return false;
  bool match = false;
  for (const addrinfo* entry = found; entry; entry = entry->ai_next) {
    if (entry->ai_addr && AddressText(entry->ai_addr) == address) match = true;
  }
  freeaddrinfo(found);
  return match;
}

// What the connection's socket is connected to.
Status ReadPeer(PGconn* conn, ReachedServer& server) {
  sockaddr_storage peer{};
  socklen_t length = sizeof(peer);
  const int fd = PQsocket(conn);
  if (fd < 0 || getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) {
    return IoError(fmt::format("{}: cannot tell which address the connection reached",
                               PgConnectionLabel(conn)));
  }
  if (peer.ss_family == AF_UNIX) {
    server.unix_socket = true;
    const auto* local = reinterpret_cast<const sockaddr_un*>(&peer);
    const size_t path_length =
        length > offsetof(sockaddr_un, sun_path)
            ? strnlen(local->sun_path, length - offsetof(sockaddr_un, sun_path))
            : 0;
    const std::string path(local->sun_path, path_length);
    server.socket_directory = path.empty() || path[0] != '/'
                                  ? server.libpq_host
                                  : std::filesystem::path(path).parent_path().string();
    return Status::Ok();
  }
  server.peer_address = AddressText(reinterpret_cast<const sockaddr*>(&peer));
  if (server.peer_address.empty()) {
    return IoError(fmt::format("{}: the connection reached an address of an unknown kind",
                               PgConnectionLabel(conn)));
  }
  server.host_resolves_to_peer =
      !server.libpq_host.empty() && ResolvesTo(server.libpq_host, server.peer_address);
  return Status::Ok();
}

std::string Describe(const ReachedServer& server) {
  if (server.unix_socket) {
    return fmt::format("'{}' over the Unix socket in {}", server.database, server.socket_directory);
  }
  return fmt::format("'{}' on {} port {}", server.database, server.server_address,
                     server.server_port);
}

}  // namespace

Result<ReachedServer> ReadReachedServer(PGconn* conn) {
  ReachedServer server;
  server.libpq_database = Text(PQdb(conn));
  server.libpq_host = Text(PQhost(conn));
  server.libpq_hostaddr = Text(PQhostaddr(conn));
  server.libpq_port = Text(PQport(conn));
  VEIL_ASSIGN_OR_RETURN(
      const std::vector<std::string> row,
      FirstRow(conn, kServerSql, {kMarkerComment}, "asking the server who it is"));
  server.database = row[0];
  server.server_address = row[1];
  server.server_port = row[2];
  server.backend_pid = row[3];
  server.comment_marker = row[4] == "t";
  server.table_marker = row[5] == "t";
  std::string state;
  Result<std::vector<std::string>> id =
      FirstRow(conn, kSystemIdentifierSql, {}, "reading the server's system identifier", &state);
  if (id.ok()) {
    server.system_identifier = (*id)[0];
  } else if (state.rfind("42", 0) != 0) {
    return id.status();
  }
  VEIL_RETURN_IF_ERROR(ReadPeer(conn, server));
  return server;
}

Status TakeScrubLock(PGconn* conn, const ReachedServer& server) {
  VEIL_ASSIGN_OR_RETURN(
      const std::vector<std::string> row,
      FirstRow(conn, "SELECT pg_catalog.pg_try_advisory_lock($1::bigint)",
               {std::to_string(kScrubLockKey)}, "taking veil's advisory lock on the database"));
  if (row[0] == "t") return Status::Ok();
  return ConflictError(fmt::format(
      "{}: another veil run is scrubbing database {} (a session holds veil's advisory lock {}); "
      "refusing to start a second one",
      PgConnectionLabel(conn), Describe(server), kScrubLockKey));
}

Status CheckSameServer(PGconn* conn, const ReachedServer& admitted) {
  VEIL_ASSIGN_OR_RETURN(const ReachedServer reached, ReadReachedServer(conn));
  bool same = reached.database == admitted.database &&
              reached.system_identifier == admitted.system_identifier &&
              reached.unix_socket == admitted.unix_socket &&
              reached.server_address == admitted.server_address &&
              reached.server_port == admitted.server_port;
  if (same) {
    VEIL_ASSIGN_OR_RETURN(const std::vector<std::string> row,
                          FirstRow(conn, kLockHolderSql,
                                   {admitted.backend_pid, std::to_string(kScrubLockKey >> 32),
                                    std::to_string(kScrubLockKey & 0xffffffff)},
                                   "checking that the source reads the database being scrubbed"));
    same = row[0] == "t";
  }
  if (same) return Status::Ok();
  return ConflictError(fmt::format(
      "{}: the source's connection reached database {}, not the database {} the in-place guard "
      "admitted; refusing to read it",
      PgConnectionLabel(conn), Describe(reached), Describe(admitted)));
}

}  // namespace veil::postgres
