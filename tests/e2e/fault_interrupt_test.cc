// End-to-end: the real binary interrupted mid-run by SIGINT or SIGTERM, and a PostgreSQL
// server that crashes under it. An interrupt is an error: exit 130 or 143 with one line
// saying so, and nothing left behind; a crash is an error naming no value and no
// password, after which the database is as it was.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <thread>

#include "e2e/fault_support.h"
#include "support/postgres_server.h"

namespace veil::e2e {
namespace {

using veil::testing::PostgresServer;
using veil::testing::SharedPostgres;
using Rows = std::vector<std::vector<std::string>>;

constexpr int kSqliteRows = 400000;
constexpr int kPostgresRows = 200000;

const char* kInPlaceAllow = "in_place:\n  allow: ['fault_*']\n";

// Waits until one of veil's backends (application_name `app`) runs a statement starting
// with `prefix`; false if veil ended first or it took too long.
bool WaitForStatement(const PostgresServer& pg, const std::string& app, const std::string& prefix,
                      VeilProcess& veil) {
  return Eventually(
             [&] {
               if (!veil.Running()) return true;
               const Rows rows = pg.Query(
                   "postgres", "SELECT count(*) FROM pg_stat_activity WHERE application_name = '" +
                                   app + "' AND state = 'active' AND query LIKE '" + prefix + "%'");
               return !rows.empty() && rows[0][0] != "0";
             },
             60) &&
         veil.Running();
}

// Waits until the server has no backend of `app` left (it noticed the lost client).
void WaitForBackendsToGo(const PostgresServer& pg, const std::string& app) {
  EXPECT_TRUE(Eventually(
      [&] {
        return pg.Query("postgres",
                        "SELECT count(*) FROM pg_stat_activity WHERE "
                        "application_name = '" +
                            app + "'")[0][0] == "0";
      },
      10));
}

// A database with one people table of `rows` rows, for the copy's source and the scrub.
void MakePeopleDatabase(const PostgresServer& pg, const std::string& db, int rows) {
  pg.CreateDatabase(db);
  pg.Execute(db, fmt::format(R"(
    CREATE TABLE people (id bigint PRIMARY KEY, name text NOT NULL, born date, score int);
    INSERT INTO people SELECT g, 'Zebedee' || g, date '1950-01-01' + g % 20000, g % 97
      FROM generate_series(1, {}) g;)",
                             rows));
}

std::string Fingerprint(const PostgresServer& pg, const std::string& db) {
  const Rows rows =
      pg.Query(db, "SELECT md5(string_agg(p::text, '|' ORDER BY id)) || count(*) FROM people p");
  return rows.empty() ? "" : rows[0][0];
}

size_t Count(const std::string& text, const std::string& word) {
  size_t count = 0;
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++count;
  return count;
}

std::string Expected(int signal) {
  return fmt::format("veil: interrupted by {}; nothing was written\n",
                     signal == SIGINT ? "SIGINT" : "SIGTERM");
}

void WritePolicy(const ScratchDir& dir, bool in_place) {
  std::string policy = kFaultPolicy;
  if (in_place) policy.insert(policy.find("entities:"), kInPlaceAllow);
  std::ofstream(dir / "policy.yaml") << policy;
}

void InterruptSqliteCopy(int signal) {
  ScratchDir dir;
  fs::create_directories(dir / "in");
  WritePeopleCsv(dir / "in/people.csv", kSqliteRows);
  WritePolicy(dir, false);
  VeilProcess veil(
      {"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "in", dir / "out.sqlite"},
      FaultEnv());
  ASSERT_TRUE(Eventually([&] { return !TempSiblings(dir.path()).empty() || !veil.Running(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // well into the rows
  ASSERT_TRUE(veil.Running()) << "the run ended before it could be interrupted: " << veil.err();
  veil.Signal(signal);
  EXPECT_EQ(veil.Wait(), fmt::format("exit {}", 128 + signal));
  EXPECT_EQ(veil.err(), Expected(signal));
  EXPECT_TRUE(Eventually([&] { return TempSiblings(dir.path()).empty(); }))
      << fmt::format("{}", fmt::join(TempSiblings(dir.path()), ", "));
  EXPECT_EQ(dir.Entries(), (std::vector<std::string>{"in", "policy.yaml"}));
}

TEST(InterruptTest, SigtermDuringASqliteCopyExits143AndLeavesNothing) {
  InterruptSqliteCopy(SIGTERM);
}

TEST(InterruptTest, SigintDuringASqliteCopyExits130AndLeavesNothing) {
  InterruptSqliteCopy(SIGINT);
}

TEST(InterruptTest, SigtermDuringAPostgresCopyExits143AndLeavesTheTargetEmpty) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  ScratchDir dir;
  fs::create_directories(dir / "in");
  WritePeopleCsv(dir / "in/people.csv", kPostgresRows);
  WritePolicy(dir, false);
  pg.CreateDatabase("fault_signal_copy");
  const std::string app = "veil_fault_signal_copy";
  VeilProcess veil({"anonymise", "-q", "--policy", dir / "policy.yaml", dir / "in",
                    pg.Uri("fault_signal_copy") + "?application_name=" + app},
                   FaultEnv());
  ASSERT_TRUE(WaitForStatement(pg, app, "COPY", veil)) << veil.err();
  veil.Signal(SIGTERM);
  EXPECT_EQ(veil.Wait(), "exit 143");
  EXPECT_EQ(veil.err(), Expected(SIGTERM));
  WaitForBackendsToGo(pg, app);
  EXPECT_EQ(
      pg.Query("fault_signal_copy", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
      (Rows{{"0"}}));
}

TEST(InterruptTest, SigintDuringAnInPlaceScrubExits130AndChangesNothing) {
  auto& pg = SharedPostgres();
  ASSERT_TRUE(pg.ok()) << pg.error();
  MakePeopleDatabase(pg, "fault_signal_scrub", kPostgresRows);
  const std::string before = Fingerprint(pg, "fault_signal_scrub");
  ScratchDir dir;
  WritePolicy(dir, true);
  const std::string app = "veil_fault_signal_scrub";
  VeilProcess veil({"anonymise", "-q", "--policy", dir / "policy.yaml", "--in-place",
                    pg.Uri("fault_signal_scrub") + "?application_name=" + app},
                   FaultEnv());
  ASSERT_TRUE(WaitForStatement(pg, app, "COPY", veil)) << veil.err();
  veil.Signal(SIGINT);
  EXPECT_EQ(veil.Wait(), "exit 130");
  EXPECT_EQ(veil.err(), Expected(SIGINT));
  WaitForBackendsToGo(pg, app);
  EXPECT_EQ(Fingerprint(pg, "fault_signal_scrub"), before);
  EXPECT_EQ(pg.Query("fault_signal_scrub", "SELECT to_regnamespace('veil') IS NULL"),
            (Rows{{"t"}}));
}

// A server of its own, stopped as if it crashed while veil ran `statement`; veil must
// fail with an error that names neither a value nor the password, and the server, once
// back, must hold what it held before.
class ServerCrashTest : public ::testing::Test {
 protected:
  std::string CrashDuring(const std::vector<std::string>& args, const std::string& app,
                          const std::string& statement) {
    VeilProcess veil(args, FaultEnv());
    const bool seen = WaitForStatement(pg_, app, statement, veil);
    EXPECT_TRUE(seen) << "never saw veil run " << statement << ": " << veil.err();
    EXPECT_TRUE(pg_.StopImmediately());
    EXPECT_EQ(veil.Wait(), "exit 1") << veil.err();
    const std::string err = veil.err();
    // One error line of veil's own (libpq may add the server's parting WARNING).
    EXPECT_EQ(Count(err, "veil: "), 1) << err;
    EXPECT_NE(Lower(err).find("connection"), std::string::npos) << err;
    EXPECT_EQ(err.find("Zebedee"), std::string::npos) << err;
    EXPECT_EQ(err.find(kPassword), std::string::npos) << err;
    const std::string restarted = pg_.StartAgain();
    EXPECT_EQ(restarted, "");
    return err;
  }
  // The server trusts every client; the password is there to be kept out of messages.
  std::string Uri(const std::string& db, const std::string& app) const {
    return fmt::format("postgresql://veil:{}@127.0.0.1:{}/{}?application_name={}", kPassword,
                       pg_.port(), db, app);
  }

  static constexpr const char* kPassword = "Crash-Pw-7f3a9";
  PostgresServer pg_;
  ScratchDir dir_;
};

TEST_F(ServerCrashTest, MidCopyFailsCleanlyAndLeavesNoTargetDatabase) {
  ASSERT_TRUE(pg_.ok()) << pg_.error();
  fs::create_directories(dir_ / "in");
  WritePeopleCsv(dir_ / "in/people.csv", kPostgresRows);
  WritePolicy(dir_, false);
  CrashDuring({"anonymise", "-q", "--policy", dir_ / "policy.yaml", dir_ / "in",
               Uri("fault_crash_target", "veil_crash_copy")},
              "veil_crash_copy", "COPY");
  // The target never existed: the load went into a temporary database, which veil's
  // guardian drops once the server is back (it keeps trying for a minute).
  const auto left = [this] {
    return pg_.Query("postgres",
                     "SELECT datname FROM pg_database WHERE datname LIKE "
                     "'fault_crash_target%' ORDER BY 1");
  };
  for (int i = 0; i < 300 && !left().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(left(), Rows{});
}

TEST_F(ServerCrashTest, MidInPlaceScrubFailsCleanlyAndChangesNothing) {
  ASSERT_TRUE(pg_.ok()) << pg_.error();
  MakePeopleDatabase(pg_, "fault_crash_scrub", kPostgresRows);
  const std::string before = Fingerprint(pg_, "fault_crash_scrub");
  WritePolicy(dir_, true);
  CrashDuring({"anonymise", "-q", "--policy", dir_ / "policy.yaml", "--in-place",
               Uri("fault_crash_scrub", "veil_crash_scrub")},
              "veil_crash_scrub", "COPY");
  EXPECT_EQ(Fingerprint(pg_, "fault_crash_scrub"), before);
  EXPECT_EQ(pg_.Query("fault_crash_scrub", "SELECT to_regnamespace('veil') IS NULL"),
            (Rows{{"t"}}));
}

}  // namespace
}  // namespace veil::e2e
