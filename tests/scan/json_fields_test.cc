// JsonFields: member paths of a column's documents, each profiled as a column, and the
// member names a report may never show (data-shaped, capitalised listed names, rare).
#include "scan/json_fields.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "scan/classify.h"
#include "scan/reference_sets_test_base.h"

namespace veil::scan {
namespace {

class JsonFieldsTest : public ReferenceSetsTest {
 protected:
  static std::vector<std::string> Paths(const JsonFields& fields) {
    std::vector<std::string> paths;
    for (const JsonFieldPath* p : fields.Listed()) paths.push_back(p->path);
    return paths;
  }
  static const JsonFieldPath* Find(const JsonFields& fields, const std::string& path) {
    for (const JsonFieldPath* p : fields.Listed()) {
      if (p->path == path) return p;
    }
    return nullptr;
  }
};

TEST_F(JsonFieldsTest, MembersAndArrayElementsBecomePathsProfiledAsColumns) {
  JsonFields fields(references());
  for (int i = 0; i < 30; ++i) {
    fields.Add(fmt::format(
        R"( {{"child": {{"name": "Olivia Smith", "dob": "2015-03-0{}"}},
             "contacts": [{{"phone": "07700 900{:03}"}}, {{"phone": null}}], "n": {}}})",
        i % 9 + 1, i, i));
  }
  EXPECT_EQ(fields.documents(), 30);
  EXPECT_EQ(fields.broken(), 0);
  EXPECT_EQ(Paths(fields),
            (std::vector<std::string>{"$.child", "$.child.name", "$.child.dob", "$.contacts",
                                      "$.contacts[*]", "$.contacts[*].phone", "$.n"}));
  const JsonFieldPath* phone = Find(fields, "$.contacts[*].phone");
  ASSERT_NE(phone, nullptr);
  EXPECT_EQ(phone->words, "contacts.phone");
  EXPECT_EQ(phone->documents, 30);
  EXPECT_EQ(phone->values->values(), 30);  // one phone and one null per document
  EXPECT_EQ(phone->values->empty(), 30);
  EXPECT_EQ(Find(fields, "$.child.dob")->values->dates(), 30);
  EXPECT_EQ(Find(fields, "$.n")->values->integers(), 30);
  EXPECT_EQ(Find(fields, "$.child")->containers, 30);
  EXPECT_EQ(fields.hidden(), 0);
}

TEST_F(JsonFieldsTest, MemberNamesThatMayBeDataAreCountedNeverListed) {
  JsonFields fields(references());
  for (int i = 0; i < 40; ++i) {
    // An object keyed by a person's name, by a capitalised listed first name, and by an
    // identifier seen once: none may appear in a report.
    fields.Add(fmt::format(R"({{"code": "A{}", "Jane Smith": {{"seen": true}}, "Oliver": 1,
                               "P{}": {{"x": 2}}}})",
                           i, 1000 + i));
  }
  EXPECT_EQ(Paths(fields), (std::vector<std::string>{"$.code"}));
  // "Jane Smith" and "Oliver" once per document, "$.P..." paths (rare) and their "x".
  EXPECT_EQ(fields.hidden(), 40 + 40 + 40 * 2);
}

TEST_F(JsonFieldsTest, BrokenDeepAndCrowdedDocumentsAreBounded) {
  JsonFields fields(references());
  fields.Add(R"({"a": )");
  fields.Add(std::string(600, '[') + std::string(600, ']'));
  fields.Add(std::string(JsonFields::kMaxDocumentBytes + 1, ' ') + "{}");
  EXPECT_EQ(fields.broken(), 3);
  EXPECT_EQ(fields.documents(), 0);
  std::string deep = R"({"v": 1})";
  for (size_t i = 0; i < JsonFields::kMaxDepth + 2; ++i) deep = R"({"a": )" + deep + "}";
  std::string crowded = "{";
  for (size_t i = 0; i < JsonFields::kMaxPaths + 10; ++i) {
    crowded += fmt::format(R"({}"m{}": {})", i == 0 ? "" : ",", i, i);
  }
  crowded += "}";
  for (int i = 0; i < 2; ++i) {
    fields.Add(deep);
    fields.Add(crowded);
  }
  EXPECT_EQ(fields.documents(), 4);
  // The deep document takes kMaxDepth paths ($.a, $.a.a, ...) and hides what lies below;
  // the crowded one gets the paths left, and each member beyond them is hidden.
  EXPECT_EQ(Paths(fields).size(), JsonFields::kMaxPaths);
  const int64_t crowded_hidden = 10 + static_cast<int64_t>(JsonFields::kMaxDepth);
  EXPECT_EQ(fields.hidden(), 2 * (1 + crowded_hidden));
}

TEST_F(JsonFieldsTest, EachPathIsJudgedAsAColumnAndTheRuleDropsTheRest) {
  JsonFields fields(references());
  const char* first[] = {"Olivia", "George", "Harry", "Amelia"};
  for (int i = 0; i < 40; ++i) {
    fields.Add(fmt::format(R"({{"child_name": "{} Smith", "email": "p{}@mail.co.uk",
                               "status": "{}", "mixed": {}}})",
                           first[i % 4], i, i % 2 ? "open" : "closed",
                           i % 2 ? R"("x")" : R"({"y": 1})"));
  }
  const std::vector<Classification> paths = ClassifyJsonPaths(fields);
  std::map<std::string, std::string> rules;
  for (const Classification& path : paths) rules[path.finding.column] = path.finding.rule;
  EXPECT_EQ(rules["$.child_name"], "{fake: full_name}");
  EXPECT_EQ(rules["$.email"], "{fake: email}");
  EXPECT_EQ(rules["$.status"], "keep");
  EXPECT_EQ(rules["$.mixed"], "null") << "sometimes an object: a rule there would stop the run";
  EXPECT_EQ(rules["$.mixed.y"], "keep");
  std::vector<ColumnFinding> findings;
  for (const Classification& path : paths) findings.push_back(path.finding);
  const std::string rule = ComposeJsonRule(findings);
  EXPECT_EQ(rule.rfind(R"({json: {"$.child_name": {fake: full_name}, )", 0), 0u) << rule;
  EXPECT_NE(rule.find(", unlisted: drop}}"), std::string::npos) << rule;

  // The column: a json rule when every value is a document, else null.
  ValueProfile cells(references());
  for (int i = 0; i < 40; ++i) cells.Add(R"({"status": "open"})");
  ColumnSchema column;
  column.name = "details_json";
  const Classification whole = ClassifyColumn(column, false, cells, &fields);
  EXPECT_EQ(whole.finding.rule, "json");  // composed once entities are known
  EXPECT_EQ(whole.paths.size(), paths.size());
  cells.Add("not a document");
  cells.Add("{ broken");
  EXPECT_EQ(ClassifyColumn(column, false, cells, &fields).finding.rule, "null");
}

}  // namespace
}  // namespace veil::scan
