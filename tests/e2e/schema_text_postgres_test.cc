// End-to-end: schema text is data too (PostgreSQL). Defaults and table, column and view
// comments that hold an original value are left out of a copy and removed by an
// in-place scrub, and the summary names them; `veil verify` searches a copy's defaults,
// comments, CHECK constraints, view definitions and enum labels for originals.
#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;
using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-schema-text-0123456789"}};

constexpr const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
in_place: {allow: ['staging_*']}
entities:
  child:
    pseudonym: {alphabet: digits, length: 9}
tables:
  children:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      first_name: {fake: first_name}
      last_name: {fake: last_name}
      status: keep
      feeling: keep
)";

// Originals in every kind of schema text. Removable: the defaults of first_name and
// last_name, the comments on the table, on last_name and on the view. Not removable
// (verify must report them): the CHECK, the view's definition, the enum's labels.
constexpr const char* kSourceSql = R"sql(
CREATE TYPE mood AS ENUM ('calm', 'Pemberton');
CREATE TABLE children (
  child_id text PRIMARY KEY,
  first_name text NOT NULL DEFAULT 'Amelia',
  last_name text DEFAULT 'Zoë-Fenwick'::text,
  status text DEFAULT 'open' CONSTRAINT not_whitlock CHECK (status <> 'Whitlock'),
  feeling mood);
COMMENT ON TABLE children IS 'Children, e.g. Oscar Hartley';
COMMENT ON COLUMN children.last_name IS 'Surname such as HARTLEY';
COMMENT ON COLUMN children.status IS 'open or closed';
CREATE VIEW open_children AS SELECT child_id FROM children WHERE last_name <> 'Whitlock';
COMMENT ON VIEW open_children IS 'Everyone but Whitlock';
INSERT INTO children VALUES ('C1001', 'Amelia', 'Hartley', 'open', 'calm'),
                            ('C1002', 'Oscar', 'Zoe-Fenwick', 'closed', 'calm'),
                            ('C1003', 'Isla', 'Whitlock', 'open', NULL),
                            ('C1004', 'Jacob', 'Pemberton', 'open', NULL);
)sql";

const std::vector<std::string> kRemoved = {
    "the comment on table children",
    "the default of column first_name of table children",
    "the default of column last_name of table children",
    "the comment on column last_name of table children",
    "the comment on view open_children",
};

// Defaults and comments of children's columns, the table's and the view's comments.
constexpr const char* kSchemaTextSql = R"sql(
SELECT a.attname, coalesce(pg_get_expr(d.adbin, d.adrelid), '<none>'),
       coalesce(col_description(c.oid, a.attnum), '<none>'),
       coalesce(obj_description(c.oid, 'pg_class'), '<none>'),
       coalesce(obj_description('open_children'::regclass, 'pg_class'), '<none>')
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relname = 'children' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)sql";

const Rows kCleanSchemaText = {
    {"child_id", "<none>", "<none>", "<none>", "<none>"},
    {"first_name", "<none>", "<none>", "<none>", "<none>"},
    {"last_name", "<none>", "<none>", "<none>", "<none>"},
    {"status", "'open'::text", "open or closed", "<none>", "<none>"},
    {"feeling", "<none>", "<none>", "<none>", "<none>"},
};

std::vector<std::string> RemovedIn(const std::string& out) {
  std::vector<std::string> removed;
  for (size_t at = out.find("  removed "); at != std::string::npos;
       at = out.find("  removed ", at + 1)) {
    const size_t end = out.find(": it held an original value", at);
    if (end == std::string::npos) break;
    removed.push_back(out.substr(at + 10, end - at - 10));
  }
  return removed;
}

class SchemaTextPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg().ok()) << pg().error();
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
  }
  static const veil::testing::PostgresServer& pg() { return SharedPostgres(); }
  void MakeSource(const std::string& db) {
    pg().CreateDatabase(db);
    pg().Execute(db, kSourceSql);
  }
  RunResult Run(const std::vector<std::string>& args) { return RunVeil(args, kEnv); }

  ScratchDir dir_;
};

TEST_F(SchemaTextPostgresTest, ACopyLeavesOutDefaultsAndCommentsHoldingOriginals) {
  MakeSource("text_source_a");
  const auto r = Run({"anonymise", "--policy", dir_ / "policy.yaml", pg().Uri("text_source_a"),
                      pg().Uri("text_copy_a")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(RemovedIn(r.out), kRemoved) << r.out;
  EXPECT_EQ(pg().Query("text_copy_a", kSchemaTextSql), kCleanSchemaText);
  // The source is untouched.
  EXPECT_EQ(pg().Query("text_source_a", "SELECT obj_description('children'::regclass)"),
            Rows{{"Children, e.g. Oscar Hartley"}});
}

TEST_F(SchemaTextPostgresTest, VerifyReportsTheSchemaTextACopyStillHolds) {
  MakeSource("text_source_b");
  ASSERT_EQ(Run({"anonymise", "--policy", dir_ / "policy.yaml", pg().Uri("text_source_b"),
                 pg().Uri("text_copy_b")})
                .exit_code,
            0);
  // A comment planted in the copy is found as well as what the anonymiser cannot remove.
  pg().Execute("text_copy_b", "COMMENT ON COLUMN children.feeling IS 'ask Jacob'");
  const auto r = Run({"verify", "--policy", dir_ / "policy.yaml", pg().Uri("text_source_b"),
                      pg().Uri("text_copy_b"), "--format", "json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const Json report = Json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out << r.err;
  std::vector<std::string> details;
  for (const auto& f : report["findings"]) {
    EXPECT_EQ(f["check"], "leak") << f.dump();
    details.push_back(f["detail"].get<std::string>());
  }
  const std::string prefix = "the copy's schema text: ";
  const std::vector<std::string> expected = {
      prefix +
          "the comment on column feeling of table children holds an original value of "
          "children.first_name (fake)",
      prefix +
          "CHECK constraint 1 of table children holds an original value of "
          "children.last_name (fake)",
      prefix +
          "the definition of type public.mood holds an original value of "
          "children.last_name (fake)",
      prefix +
          "the definition of view open_children holds an original value of "
          "children.last_name (fake)",
  };
  EXPECT_EQ(details, expected) << report.dump(2);
  for (const char* value : {"Jacob", "Pemberton", "Whitlock"}) {
    EXPECT_EQ(r.out.find(value), std::string::npos) << value;
  }
}

TEST_F(SchemaTextPostgresTest, AnInPlaceScrubRemovesThemToo) {
  MakeSource("staging_text");
  const auto r =
      Run({"anonymise", "--policy", dir_ / "policy.yaml", "--in-place", pg().Uri("staging_text")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(RemovedIn(r.out), kRemoved) << r.out;
  EXPECT_EQ(pg().Query("staging_text", kSchemaTextSql), kCleanSchemaText);
}

}  // namespace
}  // namespace veil::e2e
