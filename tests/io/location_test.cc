#include "io/location.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace veil {
namespace {

namespace fs = std::filesystem;

TEST(LocationTest, TargetsAreClassifiedByForm) {
  EXPECT_EQ(ResolveTargetLocation("sqlite:/x/y.data")->kind, LocationKind::kSqlite);
  EXPECT_EQ(ResolveTargetLocation("sqlite:/x/y.data")->path, "/x/y.data");
  EXPECT_EQ(ResolveTargetLocation("a.db")->kind, LocationKind::kSqlite);
  EXPECT_EQ(ResolveTargetLocation("a.sqlite3")->kind, LocationKind::kSqlite);
  EXPECT_EQ(ResolveTargetLocation("a.csv")->kind, LocationKind::kCsvFile);
  EXPECT_EQ(ResolveTargetLocation("outdir")->kind, LocationKind::kCsvDirectory);
  EXPECT_FALSE(ResolveTargetLocation("sqlite:").ok());
}

TEST(LocationTest, SourcesMustExistAndSqliteIsRecognisedByContent) {
  const fs::path dir = fs::temp_directory_path() / "veil-location-test";
  fs::create_directories(dir);
  EXPECT_FALSE(ResolveSourceLocation((dir / "missing.csv").string()).ok());
  EXPECT_EQ(ResolveSourceLocation(dir.string())->kind, LocationKind::kCsvDirectory);
  std::ofstream(dir / "plain.data") << "a,b\n1,2\n";
  EXPECT_EQ(ResolveSourceLocation((dir / "plain.data").string())->kind, LocationKind::kCsvFile);
  std::ofstream(dir / "disguised.csv") << std::string("SQLite format 3\0", 16) << "rest";
  EXPECT_EQ(ResolveSourceLocation((dir / "disguised.csv").string())->kind, LocationKind::kSqlite);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace veil
