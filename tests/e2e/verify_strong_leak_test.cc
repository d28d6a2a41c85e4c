// End-to-end: `veil verify` finds a strong original (an e-mail address, an NHS number)
// embedded in a cell a rule produced, while a weak original (a first name) counts in such
// a cell only as its whole value.
#include <nlohmann/json.hpp>

#include "e2e/e2e_support.h"

namespace veil::e2e {
namespace {

using Json = nlohmann::json;

const std::map<std::string, std::string> kEnv = {
    {"VEIL_TEST_SECRET", "strong-leak-secret-0123456789abcdef"}};

constexpr const char* kChildren =
    "child_id,first_name,last_name,email,nhs_number\n"
    "C1001,Amelia,Hartley,amelia.hartley@mailbox.co.uk,9434765919\n"
    "C1002,Ann,Pemberton,oscar.p@homemail.co.uk,4010232137\n"
    "C1003,Isla,Fenwick,isla.fenwick@mailbox.co.uk,4857773457\n"
    "C1004,Jacob,Whitlock,jwhitlock@webpost.co.uk,1234567881\n";
constexpr const char* kContacts =
    "contact_id,child_id,notes\n"
    "K01,C1001,Home visit completed\n"
    "K02,C1002,Phone call with school\n"
    "K03,C1001,Annual review booked\n"
    "K04,C1003,Letter sent to carer\n";
constexpr const char* kPolicy = R"(version: 1
secret: {env: VEIL_TEST_SECRET}
entities:
  child:
    pseudonym: {alphabet: upper_alnum, length: 10, prefix: "X"}
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
      nhs_number: {fake: nhs_number}
  contacts:
    keys: {child: child_id}
    columns:
      contact_id: {pseudonymise: contact}
      child_id: {pseudonymise: child}
      notes: keep
)";

class VerifyStrongLeakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "in");
    std::ofstream(dir_ / "in/children.csv") << kChildren;
    std::ofstream(dir_ / "in/contacts.csv") << kContacts;
    std::ofstream(dir_ / "policy.yaml") << kPolicy;
    const auto r =
        RunVeil({"anonymise", "--policy", dir_ / "policy.yaml", dir_ / "in", dir_ / "out"}, kEnv);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  Json VerifyJson(int& code) {
    const auto r = RunVeil(
        {"verify", "--policy", dir_ / "policy.yaml", dir_ / "in", dir_ / "out", "--format", "json"},
        kEnv);
    code = r.exit_code;
    Json report = Json::parse(r.out, nullptr, false);
    EXPECT_FALSE(report.is_discarded()) << r.out << r.err;
    return report;
  }

  // Sets the cell of 1-based data row `row`, column `column` of the copy's `table`.
  void Plant(const std::string& table, size_t row, const std::string& column,
             const std::string& text) {
    const fs::path path = dir_ / "out" / (table + ".csv");
    Table copy = ReadCsvTable(path);
    copy.rows[row - 1][copy.Col(column)] = text;
    WriteCsvTable(path, copy);
  }

  // The leak findings of `report`.
  static std::vector<Json> Leaks(const Json& report) {
    std::vector<Json> leaks;
    for (const auto& f : report["findings"]) {
      if (f["check"] == "leak") leaks.push_back(f);
    }
    return leaks;
  }

  static const Json* ForColumn(const std::vector<Json>& findings, const std::string& table,
                               const std::string& column) {
    for (const auto& f : findings) {
      if (f["table"] == table && f["column"] == column) return &f;
    }
    return nullptr;
  }

  ScratchDir dir_;
};

TEST_F(VerifyStrongLeakTest, AnHonestCopyIsClean) {
  int code = -1;
  const Json report = VerifyJson(code);
  EXPECT_EQ(code, 0) << report.dump(2);
}

TEST_F(VerifyStrongLeakTest, FindsStrongOriginalsInsideCellsARuleProduced) {
  // An e-mail in a fake-name column, an NHS number inside a pseudonym.
  Plant("children", 2, "first_name", "Seen at Amelia.Hartley@mailbox.co.uk");
  Plant("contacts", 3, "contact_id", "ref 9434765919/A");
  int code = -1;
  const Json report = VerifyJson(code);
  EXPECT_EQ(code, 1);
  const std::vector<Json> leaks = Leaks(report);
  ASSERT_EQ(leaks.size(), 2u) << report.dump(2);
  const Json* name = ForColumn(leaks, "children", "first_name");
  ASSERT_NE(name, nullptr) << report.dump(2);
  EXPECT_EQ((*name)["severity"], "error");
  EXPECT_EQ((*name)["rows"], Json::array({2}));
  EXPECT_NE((*name)["detail"].get<std::string>().find("children.email (fake)"), std::string::npos)
      << (*name)["detail"];
  EXPECT_NE((*name)["detail"].get<std::string>().find("inside the text"), std::string::npos)
      << (*name)["detail"];
  const Json* pseudonym = ForColumn(leaks, "contacts", "contact_id");
  ASSERT_NE(pseudonym, nullptr) << report.dump(2);
  EXPECT_EQ((*pseudonym)["rows"], Json::array({3}));
  EXPECT_NE((*pseudonym)["detail"].get<std::string>().find("children.nhs_number"),
            std::string::npos)
      << (*pseudonym)["detail"];
  // No value reaches the report.
  const std::string text = report.dump();
  EXPECT_EQ(text.find("mailbox"), std::string::npos);
  EXPECT_EQ(text.find("5919"), std::string::npos);
}

TEST_F(VerifyStrongLeakTest, AWeakOriginalInsideAGeneratedCellIsNoLeak) {
  // "Ann" is a first name of the original: as a token of a fake, it is chance.
  Plant("children", 1, "last_name", "Annabel Jones");
  Plant("children", 3, "last_name", "met Ann today");
  int code = -1;
  Json report = VerifyJson(code);
  EXPECT_EQ(code, 0) << report.dump(2);
  EXPECT_TRUE(Leaks(report).empty()) << report.dump(2);

  // As the whole value of a generated cell it is a leak.
  Plant("children", 4, "last_name", "Ann");
  report = VerifyJson(code);
  EXPECT_EQ(code, 1);
  const std::vector<Json> leaks = Leaks(report);
  ASSERT_EQ(leaks.size(), 1u) << report.dump(2);
  EXPECT_EQ(leaks[0]["column"], "last_name");
  EXPECT_EQ(leaks[0]["rows"], Json::array({4}));
  EXPECT_NE(leaks[0]["detail"].get<std::string>().find("as the whole value"), std::string::npos)
      << leaks[0]["detail"];
}

}  // namespace
}  // namespace veil::e2e
