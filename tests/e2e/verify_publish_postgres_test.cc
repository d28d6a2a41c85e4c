// End-to-end: a copy into a PostgreSQL database that veil creates is built under a
// temporary name and renamed into place only at the end, so that a run killed during
// the load leaves no database at all, and of two runs creating the same database one
// wins and the other leaves nothing behind.
#include "e2e/e2e_support.h"
#include "e2e/publish_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using std::chrono::milliseconds;
using veil::testing::SharedPostgres;

constexpr const char* kPolicy = R"(version: 1
secret: {env: VEIL_SECRET}
tables:
  people:
    columns:
      id: keep
      name: {fake: full_name}
      note: keep
)";

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "pg-publish-secret-0123456789"}};

void MakeSource(const std::string& db, int rows) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  pg.CreateDatabase(db);
  pg.Execute(db,
             "CREATE TABLE people (id integer PRIMARY KEY, name text, note text);"
             "INSERT INTO people SELECT g, 'Person Number' || g, 'routine visit' "
             "FROM generate_series(1, " +
                 std::to_string(rows) + ") g;");
}

// The databases whose names start with `prefix` (the target and any temporary one).
std::vector<std::vector<std::string>> DatabasesNamed(const std::string& prefix) {
  return SharedPostgres().Query(
      "postgres", "SELECT datname FROM pg_database WHERE starts_with(datname, '" + prefix +
                      "') ORDER BY datname");
}

TEST(VerifyPublishPostgresTest, AKilledLoadLeavesNoDatabase) {
  auto& pg = SharedPostgres();
  MakeSource("publish_src", 400000);
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  KillableVeil run({"anonymise", "-q", "--policy", dir / "policy.yaml", pg.Uri("publish_src"),
                    pg.Uri("publish_killed")},
                   kEnv);
  const bool loading = PollUntil(
      [&] {
        return pg.Query(
                   "postgres",
                   "SELECT count(*) FROM pg_stat_activity WHERE "
                   "starts_with(datname, 'publish_killed') AND query LIKE 'COPY%FROM STDIN%'") ==
               std::vector<std::vector<std::string>>{{"1"}};
      },
      milliseconds(20000));
  ASSERT_TRUE(loading) << "the load never started";
  run.Kill();
  EXPECT_TRUE(
      PollUntil([] { return DatabasesNamed("publish_killed").empty(); }, milliseconds(10000)))
      << ::testing::PrintToString(DatabasesNamed("publish_killed"));
}

TEST(VerifyPublishPostgresTest, OfTwoRunsCreatingTheSameDatabaseOneWins) {
  auto& pg = SharedPostgres();
  MakeSource("publish_race_src", 20000);
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const std::vector<std::string> args{
      "anonymise",           "-q", "--policy", dir / "policy.yaml", pg.Uri("publish_race_src"),
      pg.Uri("publish_race")};
  int codes[2];
  {
    KillableVeil first(args, kEnv, dir / "first.err");
    KillableVeil second(args, kEnv, dir / "second.err");
    codes[0] = first.Wait();
    codes[1] = second.Wait();
  }
  const std::string errors = ReadFile(dir / "first.err") + ReadFile(dir / "second.err");
  EXPECT_EQ(std::min(codes[0], codes[1]), 0) << errors;
  EXPECT_EQ(std::max(codes[0], codes[1]), 1) << errors;
  EXPECT_TRUE(PollUntil(
      [] {
        return DatabasesNamed("publish_race_") ==
               std::vector<std::vector<std::string>>{{"publish_race_src"}};
      },
      milliseconds(5000)))
      << ::testing::PrintToString(DatabasesNamed("publish_race_"));
  EXPECT_EQ(pg.Query("publish_race", "SELECT count(*) FROM people"),
            (std::vector<std::vector<std::string>>{{"20000"}}));
}

// The load into an existing database is one transaction that the verifier cannot read
// before it is committed: --verify refuses it before writing anything.
TEST(VerifyPublishPostgresTest, VerifyIntoAnExistingDatabaseIsRefusedBeforeWriting) {
  auto& pg = SharedPostgres();
  MakeSource("publish_existing_src", 100);
  pg.CreateDatabase("publish_existing");
  ScratchDir dir;
  std::ofstream(dir / "policy.yaml") << kPolicy;
  const auto r = RunVeil({"anonymise", "-q", "--verify", "--policy", dir / "policy.yaml",
                          pg.Uri("publish_existing_src"), pg.Uri("publish_existing")},
                         kEnv);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("existing database"), std::string::npos) << r.err;
  EXPECT_EQ(
      pg.Query("publish_existing", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
      (std::vector<std::vector<std::string>>{{"0"}}));
}

}  // namespace
}  // namespace veil::e2e
