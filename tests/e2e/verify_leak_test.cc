// End-to-end: `veil verify`'s leak search in free text, declared foreign keys in SQLite,
// and `veil anonymise --verify` removing a copy that fails.
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;

const std::map<std::string, std::string> kEnv = {
    {"VEIL_TEST_SECRET", "leak-secret-0123456789abcdef"}};

// Children and the contacts with them; contact notes are free text the policy keeps.
constexpr const char* kChildren =
    "child_id,first_name,last_name,email,dob\n"
    "C1001,Amelia,Hartley,amelia.hartley@mailbox.co.uk,2015-03-02\n"
    "C1002,Oscar,Pemberton,oscar.p@homemail.co.uk,2016-07-19\n"
    "C1003,Isla,Zoë-Fenwick,isla.fenwick@mailbox.co.uk,2014-11-30\n"
    "C1004,Jacob,Whitlock,jwhitlock@webpost.co.uk,2017-01-08\n";
constexpr const char* kContacts =
    "contact_id,child_id,contact_date,notes\n"
    "K01,C1001,2023-01-05,Home visit completed\n"
    "K02,C1002,2023-02-11,Phone call with school\n"
    "K03,C1001,2023-03-14,\"Review meeting, no concerns\"\n"
    "K04,C1003,2023-04-20,Annual review booked\n"
    "K05,C1004,2023-05-02,Letter sent to carer\n";
constexpr const char* kPolicy = R"(version: 1
secret: {env: VEIL_TEST_SECRET}
entities:
  child:
    pseudonym: {alphabet: upper_alnum, length: 10, prefix: "X"}
    date_shift: {min_days: -30, max_days: 30}
  contact:
    pseudonym: {alphabet: digits, length: 8}
tables:
  children:
    keys: {child: child_id}
    columns:
      child_id: {pseudonymise: child}
      first_name: {fake: first_name}
      last_name: {fake: last_name}
      email: {fake: email}
      dob: {date_shift: child}
  contacts:
    keys: {child: child_id}
    columns:
      contact_id: {pseudonymise: contact}
      child_id: {pseudonymise: child}
      contact_date: {date_shift: child}
      notes: keep
)";

class VerifyLeakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "in");
    std::ofstream(dir_ / "in/children.csv") << kChildren;
    std::ofstream(dir_ / "in/contacts.csv") << kContacts;
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
  }

  RunResult Anonymise(const fs::path& in, const fs::path& out, bool verify) {
    std::vector<std::string> args{"anonymise", "--policy", dir_ / "policy.yaml", in, out};
    if (verify) args.push_back("--verify");
    return RunVeil(args, kEnv);
  }

  Json VerifyJson(const fs::path& in, const fs::path& out, int& code) {
    const auto r =
        RunVeil({"verify", "--policy", dir_ / "policy.yaml", in, out, "--format", "json"}, kEnv);
    code = r.exit_code;
    Json report = Json::parse(r.out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
    return report;
  }

  // Replaces the notes of 1-based data row `row` of the copy's contacts.
  void PlantNote(size_t row, const std::string& text) {
    Table contacts = ReadCsvTable(dir_ / "out/contacts.csv");
    contacts.rows[row - 1][contacts.Col("notes")] = text;
    WriteCsvTable(dir_ / "out/contacts.csv", contacts);
  }

  ScratchDir dir_;
};

TEST_F(VerifyLeakTest, FindsAnEmailPastedIntoAnotherTablesNotes) {
  ASSERT_EQ(Anonymise(dir_ / "in", dir_ / "out", false).exit_code, 0);
  int code = -1;
  Json clean = VerifyJson(dir_ / "in", dir_ / "out", code);
  ASSERT_EQ(code, 0) << clean.dump(2);  // "Annual" is not the name "Ann..." of anyone

  PlantNote(3, "Spoke to carer, reply to OSCAR.P@homemail.co.uk by Friday");
  const Json report = VerifyJson(dir_ / "in", dir_ / "out", code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2);
  const Json& f = report["findings"][0];
  EXPECT_EQ(f["check"], "leak");
  EXPECT_EQ(f["table"], "contacts");
  EXPECT_EQ(f["column"], "notes");
  EXPECT_EQ(f["rows"], Json::array({3}));
  EXPECT_NE(f["detail"].get<std::string>().find("children.email"), std::string::npos);
  EXPECT_EQ(report.dump().find("homemail"), std::string::npos);
}

TEST_F(VerifyLeakTest, AFindingCountsRowsNotTheOriginalsFoundInThem) {
  ASSERT_EQ(Anonymise(dir_ / "in", dir_ / "out", false).exit_code, 0);
  // Two rows, each naming two children by e-mail and one by surname: 2 rows, 6 matches.
  PlantNote(2, "cc amelia.hartley@mailbox.co.uk and jwhitlock@webpost.co.uk re Pemberton");
  PlantNote(4, "Hartley family: see oscar.p@homemail.co.uk, isla.fenwick@mailbox.co.uk");
  int code = -1;
  const Json report = VerifyJson(dir_ / "in", dir_ / "out", code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2);
  const Json& f = report["findings"][0];
  EXPECT_EQ(f["count"], 2);
  EXPECT_EQ(f["rows"], Json::array({2, 4}));
  EXPECT_TRUE(f["detail"].get<std::string>().starts_with("2 rows hold")) << f["detail"];
}

TEST_F(VerifyLeakTest, FindsANameWithoutItsAccentsInFreeText) {
  ASSERT_EQ(Anonymise(dir_ / "in", dir_ / "out", false).exit_code, 0);
  PlantNote(5, "Met ZOE-FENWICK's teacher.");
  int code = -1;
  const Json report = VerifyJson(dir_ / "in", dir_ / "out", code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(report["findings"].size(), 1u) << report.dump(2);
  EXPECT_EQ(report["findings"][0]["rows"], Json::array({5}));
  EXPECT_NE(report["findings"][0]["detail"].get<std::string>().find("children.last_name"),
            std::string::npos);
}

TEST_F(VerifyLeakTest, AnonymiseVerifyKeepsAGoodCopy) {
  const auto r = Anonymise(dir_ / "in", dir_ / "out", true);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir_ / "out/contacts.csv"));
  EXPECT_NE(r.out.find("PASSED"), std::string::npos) << r.out;
}

TEST_F(VerifyLeakTest, AnonymiseVerifyRemovesACopyThatLeaks) {
  // The original notes name a child: keeping them is exactly the mistake --verify stops.
  std::string contacts = kContacts;
  contacts.replace(contacts.find("Letter sent to carer"), 20, "Letter sent to Jacob's carer");
  std::ofstream(dir_ / "in/contacts.csv") << contacts;
  const auto r = Anonymise(dir_ / "in", dir_ / "out", true);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
  EXPECT_NE(r.err.find("contacts.notes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("removed"), std::string::npos);
  EXPECT_EQ((r.out + r.err).find("Jacob"), std::string::npos);
  EXPECT_EQ(dir_.Entries(), (std::vector<std::string>{"in", "policy.yaml"}));
}

TEST_F(VerifyLeakTest, AnonymiseVerifyRefusesInPlace) {
  const auto r = RunVeil({"anonymise", "--policy", dir_ / "policy.yaml", "--in-place", "--verify",
                          "postgresql://nobody@localhost/none"},
                         kEnv);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--verify"), std::string::npos) << r.err;
}

// A SQLite copy with a declared foreign key: a reference pointed at no row is caught.
TEST_F(VerifyLeakTest, FindsADanglingDeclaredForeignKeyInSqlite) {
  const fs::path db = dir_ / "in.db";
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  const char* sql =
      "CREATE TABLE children (child_id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, "
      "email TEXT, dob TEXT);"
      "CREATE TABLE contacts (contact_id TEXT PRIMARY KEY, child_id TEXT REFERENCES "
      "children(child_id), contact_date TEXT, notes TEXT);"
      "INSERT INTO children VALUES ('C1','Amelia','Hartley','a.h@mailbox.co.uk','2015-03-02'),"
      "('C2','Oscar','Pemberton','o.p@mailbox.co.uk','2016-07-19');"
      "INSERT INTO contacts VALUES ('K1','C1','2023-01-05','Visit'),('K2','C2','2023-02-11',"
      "'Call'),('K3','C2','2023-03-01','Review');";
  ASSERT_EQ(sqlite3_exec(handle, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
  ASSERT_EQ(Anonymise(db, dir_ / "out.db", false).exit_code, 0);
  int code = -1;
  ASSERT_EQ(VerifyJson(db, dir_ / "out.db", code)["findings"].size(), 0u);
  ASSERT_EQ(code, 0);

  ASSERT_EQ(sqlite3_open((dir_ / "out.db").c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, "UPDATE contacts SET child_id = 'XNOSUCHCHILD' WHERE rowid = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(handle);
  const Json report = VerifyJson(db, dir_ / "out.db", code);
  EXPECT_EQ(code, 1);
  std::vector<Json> fk;
  for (const auto& f : report["findings"]) {
    if (f["check"] == "foreign_key") fk.push_back(f);
  }
  ASSERT_EQ(fk.size(), 2u) << report.dump(2);  // the declared key, and the entity's mapping
  for (const auto& f : fk) {
    EXPECT_EQ(f["table"], "contacts");
    EXPECT_EQ(f["column"], "child_id");
    EXPECT_EQ(f["rows"], Json::array({2}));
  }
}

}  // namespace
}  // namespace veil::e2e
