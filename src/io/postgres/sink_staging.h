// StagedDatabase: the database a PostgreSQL copy is built in when its target database
// does not exist yet. It is created under a temporary name and becomes the target only
// in Publish(), by a rename, so that nothing named like the target exists before the
// copy is complete (and, with --verify, verified).
//
// Guarantees:
// - Create() names the database "<target>__veil_<16 hex digits>" (the target's name cut
//   at a character boundary so that the whole fits PostgreSQL's 63 bytes) and, before
//   creating it, starts a guardian: a child process that drops the database
//   (DROP DATABASE ... WITH (FORCE), retried for a minute, as the server may be down
//   too) if veil goes away
//   without publishing it, even when killed by SIGKILL. The guardian is forked only
//   while the process has no other thread (else Create() fails), so that the child may
//   use libpq; it closes every inherited file descriptor but its end of a socket pair.
// - Publish() renames the database to the target, from the maintenance database
//   `postgres`. Every connection to the staged database must be closed first. If the
//   target exists by then (another run created it), the staged database is dropped and
//   Publish() fails with a ConflictError; on any other failure the database is dropped
//   as well. After a successful Publish() the guardian exits without doing anything.
// - Destroying a StagedDatabase that was not published drops the database (on a fresh
//   connection) and releases the guardian, which, if that failed, goes on trying on its
//   own (veil does not wait for it).
// - Errors name the target (postgresql://user@host:port/db), never a password.
// Not copyable, not movable.
#pragma once

#include <memory>
#include <string>

#include "io/postgres/target.h"
#include "veil/status.h"

namespace veil::postgres {

class StagedDatabase {
 public:
  // `target` is the database's name, `label` how errors name it.
  static Result<std::unique_ptr<StagedDatabase>> Create(const ConnectOptions& options,
                                                        const std::string& target,
                                                        const std::string& label);
  ~StagedDatabase();
  StagedDatabase(const StagedDatabase&) = delete;
  StagedDatabase& operator=(const StagedDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& label() const { return label_; }
  // A libpq connection string (key='value' pairs) for the staged database. It holds the
  // options' password, if any: never show it.
  std::string Conninfo() const;

  Status Publish();
  // Drops the database now (if not published); the destructor then has nothing to do.
  void Drop();

 private:
  StagedDatabase(ConnectOptions options, std::string target, std::string name, std::string label)
      : options_(std::move(options)),
        target_(std::move(target)),
        name_(std::move(name)),
        label_(std::move(label)) {}
  void ReleaseGuardian(bool done);

  ConnectOptions options_;
  std::string target_;
  std::string name_;
  std::string label_;
  bool finished_ = false;  // published or dropped
  int guardian_socket_ = -1;
  int guardian_pid_ = -1;
};

}  // namespace veil::postgres
