// End-to-end: the `json` rule on PostgreSQL jsonb and json columns, against a real
// PostgreSQL 15 server started by the test harness, in copy mode and in place. Checks
// use PostgreSQL's own JSON operators.
#include <cctype>
#include <set>

#include "e2e/e2e_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
in_place: {allow: ['staging_*']}
entities:
  child:
    pseudonym: {alphabet: digits, length: 12}
    date_shift: {min_days: -30, max_days: 30}
tables:
  children:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      first_name: {fake: first_name}
      dob: {date_shift: child}
      details:
        json:
          '$.child.first_name': {fake: first_name}
          '$.child.id': {pseudonymise: child}
          '$.child.dob': {date_shift: child}
          '$.contacts[*].phone': {fake: mobile}
          '$.secret_field': drop
      notes:
        json:
          '$.author': {fake: full_name}
          '$.text': 'null'
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-json-secret-0123456789ab"}};

constexpr int kChildren = 200;

// 200 children whose details hold a nested first name (found in no plain column), the
// id (a number in even rows, a string in odd ones), a date 10 days after dob, two
// contacts and members no rule lists; notes->>'kept' is the row's number. Two more rows
// hold documents no path finds anything in, and NULLs.
void MakeSource(const std::string& db) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db, R"(
    CREATE TABLE children (child_id bigint PRIMARY KEY, first_name text NOT NULL, dob date,
                           details jsonb, notes json);
    INSERT INTO children SELECT g,
      (ARRAY['Oliver','Amelia','George','Isla','Harry','Ava','Noah','Mia'])[1 + g % 8],
      date '2012-01-01' + g,
      jsonb_build_object(
        'child', jsonb_build_object(
          'first_name', (ARRAY['Chidi','Zoë','Priya','Mateusz','Aoife','Kwame','Yusuf',
                               'Freya','Eilidh','Rhys','Siobhan','Tomasz'])[1 + g % 12],
          'id', CASE WHEN g % 2 = 0 THEN to_jsonb(g) ELSE to_jsonb(g::text) END,
          'dob', (date '2012-01-11' + g)::text,
          'age', 7 + g % 5),
        'contacts', jsonb_build_array(
          jsonb_build_object('rel', 'mother', 'phone', '07123 ' || lpad(g::text, 6, '0')),
          jsonb_build_object('rel', 'father', 'phone', '07987 ' || lpad(g::text, 6, '0'))),
        'school', 'Leeds Primary ' || g % 3,
        'secret_field', 'secret ' || g,
        'flag', g % 2 = 0),
      json_build_object('author', 'Worker ' || g, 'text', 'free text about ' || g, 'kept', g)
    FROM generate_series(1, 200) g;
    INSERT INTO children VALUES
      (201, 'Bo', '2013-01-01', NULL, '{"other": "kept as it is"}'),
      (202, 'Cy', '2013-01-02', '{"school": "no child member"}', NULL);
  )");
}

// One row per child, in the order of notes->>'kept' (the unlisted member that numbers
// the rows, so that rows before and after can be paired without the changed ids).
enum Col {
  kId,
  kFirstName,
  kDob,
  kNestedName,
  kNestedId,
  kNestedIdType,
  kNestedIdJoins,
  kNestedDobGap,
  kRels,
  kPhones,
  kRealPhoneLeft,
  kSchool,
  kFlag,
  kAge,
  kHasSecret,
  kAuthor,
  kTextType,
  kKept,
};

Rows Children(const std::string& db) {
  return SharedPostgres().Query(db, R"(
    SELECT child_id, first_name, dob,
           details->'child'->>'first_name',
           details #>> '{child,id}',
           jsonb_typeof(details #> '{child,id}'),
           (details #>> '{child,id}')::bigint = child_id,
           (details #>> '{child,dob}')::date - dob,
           jsonb_path_query_array(details, '$.contacts[*].rel')::text,
           jsonb_path_query_array(details, '$.contacts[*].phone')::text,
           jsonb_path_exists(details, '$.contacts[*].phone ? (!(@ starts with "07700 900"))'),
           details->'school', details->'flag', details #> '{child,age}',
           details ? 'secret_field',
           notes->>'author', json_typeof(notes->'text'), notes->>'kept'
    FROM children WHERE notes->>'kept' IS NOT NULL ORDER BY (notes->>'kept')::int)");
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Checks database `after` against the rows `before` had, as the policy says.
void ExpectAnonymised(const Rows& before, const std::string& after) {
  auto& pg = SharedPostgres();
  EXPECT_EQ(pg.Query(after,
                     "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                     "attrelid = 'children'::regclass AND attname IN ('details', 'notes') "
                     "ORDER BY attname"),
            (Rows{{"details", "jsonb"}, {"notes", "json"}}));
  const Rows rows = Children(after);
  ASSERT_EQ(before.size(), static_cast<size_t>(kChildren));
  ASSERT_EQ(rows.size(), before.size());
  std::set<std::string> real_names;  // plain and nested, ignoring case
  for (const auto& row : before) {
    real_names.insert(Upper(row[kFirstName]));
    real_names.insert(Upper(row[kNestedName]));
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& was = before[i];
    const auto& now = rows[i];
    SCOPED_TRACE("child " + was[kKept]);
    // The nested id is the plain column's pseudonym of the same row, in its JSON type.
    EXPECT_NE(now[kId], was[kId]);
    EXPECT_NE(now[kNestedId], was[kNestedId]);
    EXPECT_EQ(now[kNestedIdJoins], "t");
    EXPECT_EQ(now[kNestedIdType], was[kNestedIdType]);
    // Both dates moved by the child's offset: 10 days apart still.
    EXPECT_NE(now[kDob], was[kDob]);
    EXPECT_EQ(now[kNestedDobGap], "10");
    // Names are fakes that equal no real name, plain or nested.
    EXPECT_EQ(real_names.count(Upper(now[kNestedName])), 0u) << now[kNestedName];
    EXPECT_EQ(real_names.count(Upper(now[kFirstName])), 0u) << now[kFirstName];
    EXPECT_NE(now[kPhones], was[kPhones]);
    EXPECT_EQ(was[kRealPhoneLeft], "t");
    EXPECT_EQ(now[kRealPhoneLeft], "f") << now[kPhones];
    EXPECT_EQ(was[kHasSecret], "t");
    EXPECT_EQ(now[kHasSecret], "f");
    EXPECT_NE(now[kAuthor], was[kAuthor]);
    EXPECT_EQ(was[kTextType], "string");
    EXPECT_EQ(now[kTextType], "null");
    // Members no rule lists are unchanged.
    for (const Col unlisted : {kRels, kSchool, kFlag, kAge, kKept}) {
      EXPECT_EQ(now[unlisted], was[unlisted]) << "column " << unlisted;
    }
  }
  EXPECT_EQ(pg.Query(after,
                     "SELECT count(*), count(*) FILTER (WHERE p #>> '{}' LIKE '07700 900%') "
                     "FROM children, jsonb_path_query(details, '$.contacts[*].phone') p"),
            (Rows{{"400", "400"}}));
  EXPECT_EQ(pg.Query(after, "SELECT count(*) FROM children WHERE child_id BETWEEN 1 AND 202"),
            (Rows{{"0"}}));
  // Documents in which no path found anything are as they were.
  EXPECT_EQ(pg.Query(after, "SELECT notes::text FROM children WHERE details IS NULL"),
            (Rows{{R"({"other": "kept as it is"})"}}));
  EXPECT_EQ(pg.Query(after,
                     "SELECT details::text, notes IS NULL FROM children WHERE "
                     "details->>'school' = 'no child member'"),
            (Rows{{R"({"school": "no child member"})", "t"}}));
}

TEST(AnonymiseJsonPostgresTest, CopyModeRewritesNestedValuesAndKeepsTheRest) {
  auto& pg = SharedPostgres();
  MakeSource("json_src");
  const Rows before = Children("json_src");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", pg.Uri("json_src"), pg.Uri("json_copy")},
      kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAnonymised(before, "json_copy");
  EXPECT_EQ(Children("json_src"), before) << "the source changed";
}

TEST(AnonymiseJsonPostgresTest, InPlaceRewritesNestedValuesAndKeepsTheRest) {
  auto& pg = SharedPostgres();
  MakeSource("staging_json");
  const Rows before = Children("staging_json");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", "--in-place", pg.Uri("staging_json")},
      kEnv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectAnonymised(before, "staging_json");
}

}  // namespace
}  // namespace veil::e2e
