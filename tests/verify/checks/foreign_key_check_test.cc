#include "verify/checks/foreign_key_check.h"

#include "verify/checks/check_fixture.h"

namespace veil {
namespace {

using testing::CheckFixture;
using testing::TextTable;

constexpr const char* kKeptPolicy = R"(version: 1
tables:
  parent: keep
  child: keep
)";

// child.parent_id references parent.id.
std::vector<TableSchema> ParentAndChild() {
  TableSchema parent = TextTable("parent", {"id"});
  TableSchema child = TextTable("child", {"id", "parent_id"});
  child.foreign_keys.push_back({{"parent_id"}, "parent", {"id"}, "", ""});
  return {parent, child};
}

TEST(ForeignKeyCheckTest, AReferenceThatNoLongerResolvesIsAnError) {
  const auto tables = ParentAndChild();
  CheckFixture f(kKeptPolicy, tables, tables);
  ForeignKeyCheck check(f.plan());
  f.Feed(check, 0, {{"1", "2"}}, {{"1", "2"}});
  // Row 2 now points nowhere; row 3 pointed nowhere already; row 4 is NULL.
  f.Feed(check, 1, {{"a", "b", "c", "d"}, {"1", "2", "9", std::nullopt}},
         {{"a", "b", "c", "d"}, {"1", "3", "9", std::nullopt}});
  CheckOutcome outcome;
  const auto findings = f.Finish(check, outcome);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].table, "child");
  EXPECT_EQ(findings[0].column, "parent_id");
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{2}));
  // The whole sentence (its verb was once dropped: four arguments for three {}).
  EXPECT_EQ(findings[0].detail,
            "1 reference (parent_id) -> parent finds no row in the copy, though it did in the "
            "original");
  EXPECT_EQ(outcome.errors, 1);
  EXPECT_NE(outcome.coverage.find("1 references were already dangling"), std::string::npos)
      << outcome.coverage;
}

TEST(ForeignKeyCheckTest, ReferencesThatStillResolvePass) {
  const auto tables = ParentAndChild();
  CheckFixture f(kKeptPolicy, tables, tables);
  ForeignKeyCheck check(f.plan());
  f.Feed(check, 0, {{"1", "2"}}, {{"1", "2"}});
  f.Feed(check, 1, {{"a", "b"}, {"2", "1"}}, {{"a", "b"}, {"2", "2"}});
  CheckOutcome outcome;
  EXPECT_TRUE(f.Finish(check, outcome).empty());
  EXPECT_EQ(outcome.coverage, "1 declared foreign keys, 0 pseudonymised entities");
}

constexpr const char* kPseudonymPolicy = R"(version: 1
entities:
  person: {pseudonym: {alphabet: hex, length: 4}}
tables:
  t:
    columns:
      a: {pseudonymise: person}
      b: {pseudonymise: person}
)";

TEST(ForeignKeyCheckTest, OneIdentifierWithTwoPseudonymsBreaksJoins) {
  CheckFixture f(kPseudonymPolicy, {"a", "b"});
  ForeignKeyCheck check(f.plan());
  const auto findings =
      f.Run(check, {{"x", "y"}, {"y", "x"}}, {{"0001", "0002"}, {"0002", "0009"}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, "b");
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{2}));
  EXPECT_NE(findings[0].detail.find("different pseudonym than the same original identifier "
                                    "elsewhere (first seen at t.a row 1), so joins on person"),
            std::string::npos)
      << findings[0].detail;
}

TEST(ForeignKeyCheckTest, TwoIdentifiersSharingAPseudonymMergePeople) {
  CheckFixture f(kPseudonymPolicy, {"a", "b"});
  ForeignKeyCheck check(f.plan());
  const auto findings = f.Run(check, {{"x", "y"}, {"", ""}}, {{"0001", "0001"}, {"", ""}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].column, "a");
  EXPECT_EQ(findings[0].rows, (std::vector<int64_t>{2}));
  EXPECT_NE(findings[0].detail.find("shares a pseudonym with a different original identifier"),
            std::string::npos)
      << findings[0].detail;
}

TEST(ForeignKeyCheckTest, ConsistentPseudonymsPass) {
  CheckFixture f(kPseudonymPolicy, {"a", "b"});
  ForeignKeyCheck check(f.plan());
  EXPECT_TRUE(f.Run(check, {{"x", "y"}, {"y", "x"}}, {{"0001", "0002"}, {"0002", "0001"}}).empty());
}

}  // namespace
}  // namespace veil
