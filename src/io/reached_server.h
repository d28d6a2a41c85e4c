// ReachedServer: who a PostgreSQL connection actually reached, as the server and the
// socket report it after connecting (not what the connection string typed). Plain data:
// no libpq here, so that the policy's in-place guard can judge it without depending on io.
//
// The in-place sink fills it on its own connection before sending any statement that
// writes or locks, and passes it to an AdmitServer callback, which decides whether the
// database may be scrubbed (see policy/in_place_guard.h).
#pragma once

#include <functional>
#include <string>

#include "veil/status.h"

namespace veil {

struct ReachedServer {
  // What the server says, on the connection itself.
  std::string database;           // current_database()
  std::string server_address;     // inet_server_addr() without mask, "" on a Unix socket
  std::string server_port;        // inet_server_port(), "" on a Unix socket
  std::string system_identifier;  // pg_control_system(), "" when the role may not read it
  std::string backend_pid;        // pg_backend_pid() of the connection
  bool comment_marker = false;    // COMMENT ON DATABASE ... IS 'veil: scrub allowed'
  bool table_marker = false;      // a table veil.scrub_allowed exists

  // What libpq reports it used (PQdb, PQhost, PQhostaddr, PQport): after service files,
  // PG* variables, URI parameters and multi-host selection, the host actually connected.
  std::string libpq_database;
  std::string libpq_host;
  std::string libpq_hostaddr;
  std::string libpq_port;

  // What the socket is connected to (getpeername).
  bool unix_socket = false;
  std::string peer_address;      // the peer's IP address ("" on a Unix socket)
  std::string socket_directory;  // the socket's directory (Unix socket only)
  // Whether libpq_host, looked up (getaddrinfo), has peer_address among its addresses.
  bool host_resolves_to_peer = false;
};

// Decides whether a reached server may be used: Ok to go on, an error (returned to the
// caller unchanged) to stop before anything is changed.
using AdmitServer = std::function<Status(const ReachedServer&)>;

}  // namespace veil
