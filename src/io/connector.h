// Connector: one kind of place veil reads from and writes to (a CSV file, a directory of
// CSV files, a SQLite file, a PostgreSQL database...). A connector claims the location
// strings it understands, opens sources and sinks there, and may offer the optional
// capabilities below; the engine and the verifier reach backends only through it.
//
// Adding a connector: a class deriving from Connector in its wing (src/io/<name>/), a
// factory function in the wing's connector.h, and one Register line in
// io/registry/builtin_connectors.cc. Connectors are stateless and immutable: safe to share.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "io/reached_server.h"
#include "io/sink.h"
#include "io/source.h"
#include "veil/status.h"

namespace veil {

// Which side of a run a location string names: a source must already exist, a target
// need not.
enum class LocationRole { kSource, kTarget };

// What a connector says of a location string.
struct LocationClaim {
  bool claimed = false;
  std::string path;  // what the connector opens: the file or directory path, or the URI
};

// How to open a source. `delimiter`: the field delimiter of sources that read delimited
// text (0: detect it from the header line); other sources ignore it.
struct SourceOptions {
  char delimiter = 0;
};

// How to open a sink. `force`: replace an existing target.
struct SinkOptions {
  bool force = false;
};

// What a successful in-place scrub records in the database it changed.
struct InPlaceRecord {
  std::string policy_sha256;
  std::string secret_fingerprint;
  std::string veil_version;
};

// A database opened to be scrubbed where it stands: the sink that rewrites it and the
// source that reads it, opened in the order the connector needs (for PostgreSQL, the
// sink first, so that its locks are taken before the source's snapshot). Destroy the
// source before committing the sink.
struct InPlaceScrub {
  std::unique_ptr<Sink> sink;
  std::unique_ptr<Source> source;
};

class Connector {
 public:
  virtual ~Connector() = default;

  // A short lower-case name ("csv file", "sqlite", "postgresql"), unique in a registry.
  virtual std::string_view name() const = 0;
  // The storage format the connector reads and writes; connectors sharing a format
  // (a CSV file and a directory of CSV files) store the same kinds of values, which is
  // what `veil verify` needs to know to compare declared types.
  virtual std::string_view format() const = 0;
  // What it connects to, in the plural, for messages: "PostgreSQL databases
  // (postgresql://...)".
  virtual std::string_view description() const = 0;
  // True if a location is a path in the file system (two such locations name the same
  // data when they are the same file); false if it is an address (a URI).
  virtual bool stores_files() const = 0;

  // Whether this connector understands `spec` in `role`. On a claim, `path` is what
  // Open*() take. An error means the connector owns `spec` but it cannot be used (a
  // directory named as a SQLite file): it is returned to the user as it is. Claims are
  // asked in registration order, so a connector may leave a spec to a later one.
  virtual Result<LocationClaim> Claim(const std::string& spec, LocationRole role) const = 0;

  virtual Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                                     const SourceOptions& options) const = 0;
  virtual Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                                 const SinkOptions& options) const = 0;

  // How the run summary names the target at `path` once `sink` is open there: the path
  // itself for files; a connector whose locations may hold a password names it the way
  // its sink describes it.
  virtual std::string TargetName(const std::string& path, const Sink& /*sink*/) const {
    return path;
  }

  // Whether the connector can scrub a database where it stands (OpenInPlace).
  virtual bool scrubs_in_place() const { return false; }
  // Opens the database at `path` to be scrubbed in place. `admit` is asked which server
  // and database the connection reached before anything is written or locked; its error
  // is returned unchanged. Connectors that cannot (scrubs_in_place() false) return
  // InvalidArgument.
  virtual Result<InPlaceScrub> OpenInPlace(const std::string& /*path*/,
                                           const InPlaceRecord& /*record*/,
                                           const AdmitServer& /*admit*/) const {
    return InvalidArgument(std::string(name()) + " locations cannot be scrubbed in place");
  }
};

}  // namespace veil
