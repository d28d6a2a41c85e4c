// Who a live libpq connection reached (io/reached_server.h), and the lock that keeps two
// in-place scrubs of one database apart.
//
// Guarantees:
// - ReadReachedServer() sends only SELECTs, outside any transaction, so it writes and
//   locks nothing. It fills every field of ReachedServer: the server's current_database(),
//   inet_server_addr()/inet_server_port(), system identifier (pg_control_system(); left
//   "" when the server refuses it with an error of class 42, e.g. a role without
//   EXECUTE on it), backend pid and veil's opt-in markers; libpq's PQdb/PQhost/
//   PQhostaddr/PQport; the socket's peer (getpeername: IP address, or Unix socket and
//   its directory); and whether PQhost's name resolves (getaddrinfo) to the peer's
//   address. Any other failure is an error naming the connection, never a password.
// - TakeScrubLock() takes veil's session advisory lock (key kScrubLockKey) on the
//   connection's database with pg_try_advisory_lock: held until the connection closes.
//   If another session holds it, a kConflict error: "another veil run is scrubbing
//   database 'X' ...".
// - CheckSameServer() reads `conn`'s ReachedServer and fails (kConflict) unless it is the
//   same database on the same server as `admitted`: same database name, system
//   identifier, server address and port and socket kind, and `admitted`'s backend still
//   holds veil's advisory lock in this database (which no other server can show).
#pragma once

#include <libpq-fe.h>

#include <cstdint>

#include "io/reached_server.h"
#include "veil/status.h"

namespace veil::postgres {

// 'veil' in ASCII: the advisory lock (bigint form) an in-place scrub holds.
inline constexpr int64_t kScrubLockKey = 0x7665696C;

Result<ReachedServer> ReadReachedServer(PGconn* conn);

Status TakeScrubLock(PGconn* conn, const ReachedServer& server);

Status CheckSameServer(PGconn* conn, const ReachedServer& admitted);

}  // namespace veil::postgres
