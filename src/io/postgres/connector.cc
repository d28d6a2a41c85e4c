#include "io/postgres/connector.h"

#include <optional>

#include "io/postgres/in_place.h"
#include "io/postgres/sink.h"
#include "io/postgres/source.h"

namespace veil {
namespace {

class Postgres final : public Connector {
 public:
  std::string_view name() const override { return "postgresql"; }
  std::string_view format() const override { return "postgresql"; }
  std::string_view description() const override {
    return "PostgreSQL databases (postgresql://...)";
  }
  bool stores_files() const override { return false; }

  Result<LocationClaim> Claim(const std::string& spec, LocationRole /*role*/) const override {
    if (spec.starts_with("postgresql://") || spec.starts_with("postgres://")) {
      return LocationClaim{true, spec};
    }
    return LocationClaim{};
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& path,
                                             const SourceOptions& /*options*/) const override {
    return OpenPostgresSource(path);
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& path,
                                         const SinkOptions& options) const override {
    return OpenPostgresSink(path, options.force);
  }
  std::string TargetName(const std::string& /*path*/, const Sink& sink) const override {
    return sink.Describe();
  }

  bool scrubs_in_place() const override { return true; }
  Result<InPlaceScrub> OpenInPlace(const std::string& path, const InPlaceRecord& record,
                                   const AdmitServer& admit) const override {
    // What the guard let through, for the source to match.
    std::optional<ReachedServer> admitted;
    const AdmitServer remember = [&admit, &admitted](const ReachedServer& server) -> Status {
      VEIL_RETURN_IF_ERROR(admit(server));
      admitted = server;
      return Status::Ok();
    };
    InPlaceScrub scrub;
    VEIL_ASSIGN_OR_RETURN(scrub.sink, OpenPostgresInPlaceSink(path, record, remember));
    if (!admitted) return InternalError("the in-place sink opened without asking the guard");
    VEIL_ASSIGN_OR_RETURN(scrub.source, OpenPostgresSource(path, admitted));
    return scrub;
  }
};

}  // namespace

std::shared_ptr<const Connector> PostgresConnector() {
  return std::make_shared<Postgres>();
}

}  // namespace veil
