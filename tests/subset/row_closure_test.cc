// The closure --subset computes, held to an independent brute-force fixpoint: naive
// repeated passes over every row of every table, with the fixture's references listed
// by hand (declared foreign keys and the one the policy's entity implies), on a SQLite
// database with a parent/child/grandchild chain, a shared worker table, a cycle (a → b
// → a, nullable) and a self-reference (employees.manager_id → employees.id).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "core/secret.h"
#include "io/sqlite/source.h"
#include "policy/policy.h"
#include "subset/subset_source.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

using Ids = std::set<std::string>;
using TableIds = std::map<std::string, Ids>;

void Exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
}

std::string Ref(std::mt19937& random, int n, int null_in = 0) {
  if (null_in > 0 && random() % null_in == 0) return "NULL";
  return std::to_string(1 + random() % n);
}

// Writes the fixture; `seed` varies the references.
void MakeFixture(const fs::path& path, unsigned seed) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  Exec(db, R"(
    CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees(id));
    CREATE TABLE worker (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team(id),
                         employee_id INTEGER REFERENCES employees(id));
    CREATE TABLE parent (id TEXT PRIMARY KEY, name TEXT);
    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id TEXT REFERENCES parent(id),
                        worker_id INTEGER REFERENCES worker(id));
    CREATE TABLE grandchild (id INTEGER PRIMARY KEY, child_id INTEGER REFERENCES child(id));
    CREATE TABLE a (id INTEGER PRIMARY KEY, parent_id TEXT REFERENCES parent(id),
                    b_id INTEGER REFERENCES b(id));
    CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));
    CREATE TABLE notes (note TEXT, about TEXT);
    CREATE TABLE lonely (x TEXT);
    INSERT INTO lonely VALUES ('one'), ('two');
  )");
  std::mt19937 random(seed);
  std::string sql;
  for (int i = 1; i <= 4; ++i) sql += "INSERT INTO team VALUES (" + std::to_string(i) + ", 't');";
  // Managers: mostly a tree, with one employee managing itself and a 2-cycle.
  for (int i = 1; i <= 20; ++i) {
    const std::string manager = i == 7 ? "7" : i == 8 ? "9" : i == 9 ? "8" : Ref(random, 20, 4);
    sql += "INSERT INTO employees VALUES (" + std::to_string(i) + ", " + manager + ");";
  }
  for (int i = 1; i <= 10; ++i) {
    sql += "INSERT INTO worker VALUES (" + std::to_string(i) + ", " + Ref(random, 4, 5) + ", " +
           Ref(random, 20) + ");";
  }
  for (int i = 1; i <= 30; ++i) {
    sql += "INSERT INTO parent VALUES ('P" + std::to_string(i) + "', 'n');";
  }
  // Worker 1 has cases of P1 (child 1) and of P2 (child 2): the worker's other case.
  sql += "INSERT INTO child VALUES (1, 'P1', 1), (2, 'P2', 1);";
  for (int i = 3; i <= 80; ++i) {
    sql += "INSERT INTO child VALUES (" + std::to_string(i) + ", 'P" + Ref(random, 30) + "', " +
           Ref(random, 10, 6) + ");";
  }
  for (int i = 1; i <= 150; ++i) {
    sql +=
        "INSERT INTO grandchild VALUES (" + std::to_string(i) + ", " + Ref(random, 80, 10) + ");";
  }
  for (int i = 1; i <= 25; ++i) {
    sql += "INSERT INTO a VALUES (" + std::to_string(i) + ", " +
           (random() % 3 == 0 ? "NULL" : "'P" + Ref(random, 30) + "'") + ", " + Ref(random, 25, 3) +
           ");";
    sql += "INSERT INTO b VALUES (" + std::to_string(i) + ", " + Ref(random, 25, 3) + ");";
  }
  for (int i = 1; i <= 40; ++i) {  // notes.about names a person: implied by the policy
    sql +=
        "INSERT INTO notes VALUES ('note " + std::to_string(i) + "', 'P" + Ref(random, 30) + "');";
  }
  Exec(db, "BEGIN;" + sql + "COMMIT;");
  sqlite3_close(db);
}

const char* kPolicy = R"(version: 1
secret: {env: VEIL_UNUSED}
entities:
  person: {pseudonym: {alphabet: digits, length: 9}}
tables:
  parent:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
  notes:
    columns:
      about: {pseudonymise: person}
)";

// The references of the fixture, by hand: child table, column, parent table (its key is
// its first column).
struct Reference {
  std::string child, column, parent;
};
const std::vector<Reference> kReferences = {{"employees", "manager_id", "employees"},
                                            {"worker", "team_id", "team"},
                                            {"worker", "employee_id", "employees"},
                                            {"child", "parent_id", "parent"},
                                            {"child", "worker_id", "worker"},
                                            {"grandchild", "child_id", "child"},
                                            {"a", "parent_id", "parent"},
                                            {"a", "b_id", "b"},
                                            {"b", "a_id", "a"},
                                            {"notes", "about", "parent"}};

// Every table's rows, each as column -> text ("" for NULL), read straight from SQLite.
using Rows = std::vector<std::map<std::string, std::string>>;
std::map<std::string, Rows> ReadAll(const fs::path& path) {
  std::map<std::string, Rows> all;
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  for (const char* table : {"team", "employees", "worker", "parent", "child", "grandchild", "a",
                            "b", "notes", "lonely"}) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, ("SELECT * FROM " + std::string(table)).c_str(), -1, &stmt, nullptr);
    Rows& rows = all[table];
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      rows.emplace_back();
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        const auto* text = sqlite3_column_text(stmt, c);
        rows.back()[sqlite3_column_name(stmt, c)] = text ? reinterpret_cast<const char*>(text) : "";
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return all;
}

// The first column of a row: its key in every table of the fixture.
std::string KeyOf(const std::string& table, const std::map<std::string, std::string>& row) {
  return row.at(table == "notes" ? "note" : table == "lonely" ? "x" : "id");
}

// Naive passes until nothing changes: `down` holds rows whose referrers come in, `in`
// every row in.
TableIds BruteForce(const std::map<std::string, Rows>& all, const std::string& table,
                    const Ids& chosen) {
  TableIds down, in;
  down[table] = chosen;
  in[table] = chosen;
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& ref : kReferences) {
      for (const auto& row : all.at(ref.child)) {
        const std::string& value = row.at(ref.column);
        if (value.empty()) continue;
        const std::string key = KeyOf(ref.child, row);
        if (down[ref.parent].count(value) > 0 && down[ref.child].insert(key).second) {
          in[ref.child].insert(key);
          changed = true;
        }
        if (in[ref.child].count(key) > 0 && in[ref.parent].insert(value).second) changed = true;
      }
    }
  }
  return in;
}

// The SQLite source as a source that does not evaluate SQL (as CSV is): the subset then
// takes its single pass over every related table instead of asking for keys.
class WithoutSql final : public Source {
 public:
  explicit WithoutSql(std::unique_ptr<Source> inner) : inner_(std::move(inner)) {}
  std::string Describe() const override { return inner_->Describe(); }
  std::vector<std::string> TableNames() const override { return inner_->TableNames(); }
  Result<TableSchema> Schema(const std::string& table) const override {
    return inner_->Schema(table);
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    return inner_->Open(table);
  }

 private:
  std::unique_ptr<Source> inner_;
};

// What the subset source yields, table by table, by first column; `by_queries`: the
// closure asks the source for keys (SQL), else reads every related table.
TableIds SubsetOf(const fs::path& path, const std::vector<std::string>& options,
                  SubsetSummary& summary, bool by_queries) {
  TableIds yielded;
  Result<std::unique_ptr<Source>> source = OpenSqliteSource(path.string());
  EXPECT_TRUE(source.ok());
  if (!by_queries && source.ok()) {
    source = std::unique_ptr<Source>(new WithoutSql(std::move(source).value()));
  }
  auto policy = ParsePolicy(kPolicy, "policy.yaml");
  EXPECT_TRUE(policy.ok()) << policy.status().message();
  auto secret = Secret::FromBytes("closure-test-secret-0123");
  auto subset = OpenSubset(std::move(source).value(), SubsetRequest{options, false}, *policy,
                           *secret, summary);
  EXPECT_TRUE(subset.ok()) << subset.status().message();
  if (!subset.ok()) return yielded;
  for (const auto& table : (*subset)->TableNames()) {
    auto reader = (*subset)->Open(table);
    EXPECT_TRUE(reader.ok());
    Batch batch;
    yielded[table];
    while (reader.ok() && (*reader)->Next(batch).value()) {
      for (size_t r = 0; r < batch.rows(); ++r) {
        yielded[table].insert(std::string(batch.columns[0].Text(r)));
      }
    }
  }
  return yielded;
}

// The brute force's answer with every table present (empty ones too).
TableIds Complete(TableIds in) {
  for (const char* table : {"team", "employees", "worker", "parent", "child", "grandchild", "a",
                            "b", "notes", "lonely"}) {
    in[table];
  }
  return in;
}

// Parameters: the fixture's seed, and whether the closure asks the source for keys.
class RowClosureTest : public ::testing::TestWithParam<std::tuple<unsigned, bool>> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("veil-closure-" + std::to_string(getpid()) + "-" +
            std::to_string(std::get<0>(GetParam())) + (std::get<1>(GetParam()) ? "q" : "s"));
    fs::create_directories(dir_);
    MakeFixture(dir_ / "live.sqlite", std::get<0>(GetParam()));
    all_ = ReadAll(dir_ / "live.sqlite");
  }
  void TearDown() override { fs::remove_all(dir_); }
  TableIds Subset(const fs::path& path, const std::vector<std::string>& options,
                  SubsetSummary& summary) {
    return SubsetOf(path, options, summary, std::get<1>(GetParam()));
  }

  fs::path dir_;
  std::map<std::string, Rows> all_;
};

TEST_P(RowClosureTest, OneParentEqualsTheBruteForce) {
  SubsetSummary summary;
  const TableIds got = Subset(dir_ / "live.sqlite", {"parent: id = 'P1'"}, summary);
  const TableIds expected = Complete(BruteForce(all_, "parent", {"P1"}));
  EXPECT_EQ(got, expected);
  // The worker of P1's case is in; the worker's other case (P2's child 2) is not.
  EXPECT_EQ(got.at("worker").count("1"), 1u);
  EXPECT_EQ(got.at("child").count("1"), 1u);
  EXPECT_EQ(got.at("child").count("2"), 0u);
  EXPECT_TRUE(got.at("lonely").empty());    // unrelated: empty by default
  EXPECT_LT(got.at("worker").size(), 10u);  // not everything came in
  EXPECT_FALSE(got.at("employees").empty());
  EXPECT_TRUE(summary.warnings.empty());
}

TEST_P(RowClosureTest, SeveralOptionsAreTheirUnion) {
  SubsetSummary summary;
  const TableIds got =
      Subset(dir_ / "live.sqlite", {"parent: id IN ('P3', 'P4')", "parent: id = 'P9'"}, summary);
  EXPECT_EQ(got, Complete(BruteForce(all_, "parent", {"P3", "P4", "P9"})));
}

TEST_P(RowClosureTest, StartingInsideTheCycleAndTheSelfReference) {
  SubsetSummary summary;
  EXPECT_EQ(Subset(dir_ / "live.sqlite", {"a: id = 5"}, summary),
            Complete(BruteForce(all_, "a", {"5"})));
  EXPECT_EQ(Subset(dir_ / "live.sqlite", {"employees: id IN (8, 3)"}, summary),
            Complete(BruteForce(all_, "employees", {"8", "3"})));
}

TEST_P(RowClosureTest, ASampleIsTheClosureOfTheRowsItChose) {
  SubsetSummary summary;
  const TableIds got = Subset(dir_ / "live.sqlite", {"child: 10%"}, summary);
  ASSERT_EQ(got.at("child").size(), 8u);  // ceil(10% of 80)
  // Recover the chosen rows from the summary's count: the sample is 8 rows of 80; the
  // closure of the chosen rows must equal the brute force from them. The chosen rows are
  // those of child in the subset that no other included row pulled in going down, which
  // in this fixture (child is referenced only by grandchild) is every child row in.
  EXPECT_EQ(summary.tables.size(), 10u);
  for (const auto& t : summary.tables) {
    if (t.table == "child") {
      EXPECT_EQ(t.chosen, 8);
    }
  }
  EXPECT_EQ(got, Complete(BruteForce(all_, "child", got.at("child"))));
  SubsetSummary again;
  EXPECT_EQ(Subset(dir_ / "live.sqlite", {"child: 10%"}, again), got);  // deterministic
}

TEST_P(RowClosureTest, AskingForKeysAndReadingEverythingChooseTheSameSample) {
  for (const char* option : {"child: 10%", "employees: 3 rows", "parent: 50%"}) {
    SubsetSummary by_queries, by_scan;
    const TableIds asked = SubsetOf(dir_ / "live.sqlite", {option}, by_queries, true);
    EXPECT_EQ(asked, SubsetOf(dir_ / "live.sqlite", {option}, by_scan, false)) << option;
    EXPECT_FALSE(asked.empty()) << option;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, RowClosureTest,
                         ::testing::Combine(::testing::Values(1u, 2u, 3u), ::testing::Bool()));

}  // namespace
}  // namespace veil
