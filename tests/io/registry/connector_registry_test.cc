#include "io/registry/connector_registry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "io/csv/connector.h"
#include "io/registry/location.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

std::string ConnectorOf(const Result<Location>& location) {
  return location.ok() ? std::string(location->connector->name()) : location.status().message();
}

TEST(LocationTest, TargetsAreClassifiedByForm) {
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("sqlite:/x/y.data")), "sqlite");
  EXPECT_EQ(ResolveTargetLocation("sqlite:/x/y.data")->path, "/x/y.data");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("a.db")), "sqlite");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("a.sqlite3")), "sqlite");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("a.csv")), "csv file");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("outdir")), "csv directory");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("postgres://u@h/db")), "postgresql");
  EXPECT_EQ(ConnectorOf(ResolveTargetLocation("sqlite:")), "the target path is empty");
}

TEST(LocationTest, SourcesMustExistAndSqliteIsRecognisedByContent) {
  const fs::path dir = fs::temp_directory_path() / "veil-location-test";
  fs::create_directories(dir);
  const std::string missing = (dir / "missing.csv").string();
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation(missing)), "source " + missing + " does not exist");
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation(dir.string())), "csv directory");
  std::ofstream(dir / "plain.data") << "a,b\n1,2\n";
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation((dir / "plain.data").string())), "csv file");
  std::ofstream(dir / "disguised.csv") << std::string("SQLite format 3\0", 16) << "rest";
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation((dir / "disguised.csv").string())), "sqlite");
  fs::create_directories(dir / "tables.db");
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation((dir / "tables.db").string())),
            "source " + (dir / "tables.db").string() + " is a directory, not a SQLite file");
  fs::create_directories(dir / "tables.csv");
  EXPECT_EQ(ConnectorOf(ResolveSourceLocation((dir / "tables.csv").string())), "csv directory");
  fs::remove_all(dir);
}

TEST(LocationTest, TheSameFileUnderTwoNamesIsTheSameData) {
  const fs::path dir = fs::temp_directory_path() / "veil-location-same";
  fs::create_directories(dir);
  std::ofstream(dir / "people.csv") << "a\n1\n";
  auto source = ResolveSourceLocation((dir / "people.csv").string());
  auto same = ResolveTargetLocation((dir / "." / "people.csv").string());
  auto other = ResolveTargetLocation((dir / "other.csv").string());
  ASSERT_TRUE(source.ok() && same.ok() && other.ok());
  EXPECT_TRUE(source->SameDataAs(*same));
  EXPECT_FALSE(source->SameDataAs(*other));
  auto database = ResolveTargetLocation("postgresql://u@h/db");
  auto same_database = ResolveSourceLocation("postgresql://u@h/db");
  auto other_database = ResolveSourceLocation("postgresql://u@h/other");
  ASSERT_TRUE(database.ok() && same_database.ok() && other_database.ok());
  EXPECT_TRUE(database->SameDataAs(*same_database));
  EXPECT_FALSE(database->SameDataAs(*other_database));
  fs::remove_all(dir);
}

TEST(ConnectorRegistryTest, OnlyPostgresScrubsInPlaceAndTheRefusalNamesIt) {
  const ConnectorRegistry registry = BuiltinConnectors();
  EXPECT_TRUE(
      registry.Resolve("postgresql://h/db", LocationRole::kSource)->connector->scrubs_in_place());
  EXPECT_FALSE(registry.Resolve("out.csv", LocationRole::kTarget)->connector->scrubs_in_place());
  EXPECT_EQ(registry.InPlaceRefusal().message(),
            "--in-place scrubs PostgreSQL databases (postgresql://...) only; files are "
            "anonymised into a new copy");
}

// A connector written outside io/ plugs in by registration alone.
class MemoryConnector final : public Connector {
 public:
  std::string_view name() const override { return "memory"; }
  std::string_view format() const override { return "memory"; }
  std::string_view description() const override { return "memory tables (memory:NAME)"; }
  bool stores_files() const override { return false; }
  Result<LocationClaim> Claim(const std::string& spec, LocationRole /*role*/) const override {
    if (spec.rfind("memory:", 0) != 0) return LocationClaim{};
    if (spec.size() == 7) return InvalidArgument("a memory location needs a name");
    return LocationClaim{true, spec.substr(7)};
  }
  Result<std::unique_ptr<Source>> OpenSource(const std::string& /*path*/,
                                             const SourceOptions& /*options*/) const override {
    return InvalidArgument("not implemented in this test");
  }
  Result<std::unique_ptr<Sink>> OpenSink(const std::string& /*path*/,
                                         const SinkOptions& /*options*/) const override {
    return InvalidArgument("not implemented in this test");
  }
  bool scrubs_in_place() const override { return true; }
};

TEST(ConnectorRegistryTest, ConnectorsClaimInRegistrationOrder) {
  ConnectorRegistry registry;
  registry.Register(std::make_shared<MemoryConnector>());
  registry.Register(CsvDirectoryConnector());
  EXPECT_EQ(ConnectorOf(registry.Resolve("memory:people", LocationRole::kTarget)), "memory");
  EXPECT_EQ(registry.Resolve("memory:people", LocationRole::kTarget)->path, "people");
  EXPECT_EQ(ConnectorOf(registry.Resolve("memory:", LocationRole::kTarget)),
            "a memory location needs a name");
  EXPECT_EQ(ConnectorOf(registry.Resolve("people", LocationRole::kTarget)), "csv directory");
  EXPECT_EQ(registry.InPlaceRefusal().message(),
            "--in-place scrubs memory tables (memory:NAME) only; files are anonymised into a "
            "new copy");
}

TEST(ConnectorRegistryTest, ASpecNobodyClaimsIsRefusedWithoutQuotingIt) {
  ConnectorRegistry registry;
  registry.Register(std::make_shared<MemoryConnector>());
  auto refused = registry.Resolve("postgresql://u:hunter2@h/db", LocationRole::kSource);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "no connector reads this source");
}

}  // namespace
}  // namespace veil
