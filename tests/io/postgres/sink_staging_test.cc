// A PostgreSQL copy into a database that does not exist is built in a database of a
// temporary name, which becomes the target only in Commit().
#include <gtest/gtest.h>

#include "io/postgres/sink_support.h"

namespace veil::postgres {
namespace {

// The databases whose names start with `prefix`.
std::vector<std::string> DatabasesStartingWith(const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& row :
       Query("postgres", "SELECT datname FROM pg_database WHERE starts_with(datname, '" + prefix +
                             "') ORDER BY datname")) {
    names.push_back(row[0].value_or("NULL"));
  }
  return names;
}

Batch OnePerson() {
  return MakeBatch(8, {{"1", "Ann", std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                        std::nullopt, std::nullopt}});
}

TEST_F(PostgresSinkTest, ALongTargetIsStagedUnderANameThatFitsAndRenamedOnCommit) {
  std::string target = "pgsink_long";  // 11 bytes, then 26 two-byte characters: 63 bytes
  for (int i = 0; i < 26; ++i) target += "\xc3\xa9";
  ASSERT_EQ(target.size(), 63u);
  FreshName(target);
  auto sink = OpenOrDie(target);
  ASSERT_TRUE(sink);
  ASSERT_TRUE(WriteTable(*sink, People(), {OnePerson()}).ok());
  const std::vector<std::string> staged = DatabasesStartingWith("pgsink_long");
  ASSERT_EQ(staged.size(), 1u);
  EXPECT_LE(staged[0].size(), 63u);
  EXPECT_NE(staged[0].find("__veil_"), std::string::npos);
  // Cut at a character boundary: 11 + 28 bytes of the target before the suffix.
  EXPECT_EQ(staged[0].substr(0, staged[0].find("__veil_")), target.substr(0, 39));
  EXPECT_NE(sink->Describe().find(target), std::string::npos) << "named as its target";

  const Status committed = sink->Commit();
  ASSERT_TRUE(committed.ok()) << committed.message();
  EXPECT_EQ(DatabasesStartingWith("pgsink_long"), std::vector<std::string>{target});
  EXPECT_EQ(Value(target, "SELECT name FROM people"), "Ann");
}

TEST_F(PostgresSinkTest, AnUncommittedSinkLeavesNeitherTheTargetNorItsStagedDatabase) {
  const std::string target = FreshName("pgsink_uncommitted");
  {
    auto sink = OpenOrDie(target);
    ASSERT_TRUE(sink);
    ASSERT_TRUE(WriteTable(*sink, People(), {OnePerson()}).ok());
    ASSERT_TRUE(sink->Prepare().ok());
    EXPECT_EQ(DatabasesStartingWith("pgsink_uncommitted").size(), 1u);
    auto source = sink->OpenStaged();
    ASSERT_TRUE(source.ok()) << source.status().message();
    EXPECT_EQ((*source)->TableNames(), std::vector<std::string>{"people"});
  }
  EXPECT_TRUE(DatabasesStartingWith("pgsink_uncommitted").empty());
}

}  // namespace
}  // namespace veil::postgres
