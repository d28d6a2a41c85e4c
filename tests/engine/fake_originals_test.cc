#include "engine/fake_originals.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;
using Json = nlohmann::ordered_json;

// Columns of table t.
constexpr size_t kName = 1;
constexpr size_t kDetails = 2;
const std::vector<std::string> kColumns = {"id", "name", "details"};

// A policy for t whose `details` column has the json rule `json_lines` (one path a line).
std::string PolicyWith(const std::vector<std::string>& json_lines) {
  std::string policy =
      "version: 1\n"
      "tables:\n"
      "  t:\n"
      "    columns:\n"
      "      id: keep\n"
      "      name: {fake: first_name}\n"
      "      details:\n"
      "        json:\n";
  for (const auto& line : json_lines) policy += "          " + line + "\n";
  return policy;
}

// Serves table t's rows (one Cells per column) in one batch; counts the reads.
class RowsSource final : public Source {
 public:
  explicit RowsSource(std::vector<Cells> rows) : rows_(std::move(rows)) {}
  std::string Describe() const override { return "rows in memory"; }
  std::vector<std::string> TableNames() const override { return {"t"}; }
  Result<TableSchema> Schema(const std::string&) const override {
    return testing::TextTable("t", kColumns);
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string&) override {
    ++opens;
    return std::unique_ptr<TableReader>(std::make_unique<Reader>(rows_));
  }
  int opens = 0;

 private:
  class Reader final : public TableReader {
   public:
    explicit Reader(const std::vector<Cells>& rows)
        : rows_(rows), schema_(testing::TextTable("t", kColumns)) {}
    const TableSchema& schema() const override { return schema_; }
    Result<bool> Next(Batch& batch) override {
      batch.Reset(rows_.size());
      if (done_) return false;
      done_ = true;
      for (size_t c = 0; c < rows_.size(); ++c) {
        for (const auto& cell : rows_[c]) {
          if (cell) {
            batch.columns[c].Append(*cell);
          } else {
            batch.columns[c].AppendNull();
          }
        }
      }
      return true;
    }

   private:
    const std::vector<Cells>& rows_;
    TableSchema schema_;
    bool done_ = false;
  };

  std::vector<Cells> rows_;
};

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

Cells MustApply(RuleFixture& f, size_t column, const std::vector<Cells>& rows) {
  auto out = f.Apply(column, rows);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? out.value() : Cells(rows.front().size());
}

// The fake `name: {fake: first_name}` gives `value` when no original is known: the
// fake a nested first name gets too, unless the originals forbid it.
std::string UnfilteredFake(const std::string& policy, const std::string& value) {
  RuleFixture f(policy, kColumns);
  EXPECT_TRUE(f.Plan().ok());
  return MustApply(f, kName, {{"1"}, {value}, {"{}"}})[0].value_or("");
}

// The first `n` rows of `rows`.
std::vector<Cells> FirstRows(const std::vector<Cells>& rows, size_t n) {
  std::vector<Cells> first;
  for (const auto& column : rows) first.emplace_back(column.begin(), column.begin() + n);
  return first;
}

std::vector<std::string> Texts(const std::vector<Json>& values) {
  std::vector<std::string> texts;
  for (const auto& value : values) texts.push_back(Upper(value.get<std::string>()));
  return texts;
}

TEST(FakeOriginalsTest, NestedFakeAvoidsNamesFoundOnlyInsideDocuments) {
  const std::string policy = PolicyWith({"'$.child.first_name': {fake: first_name}",
                                         "'$.siblings[*].first_name': {fake: first_name}"});
  const std::string planted = UnfilteredFake(policy, "Ava");
  ASSERT_FALSE(planted.empty());
  ASSERT_NE(Upper(planted), "AVA");
  RuleFixture f(policy, kColumns);
  ASSERT_TRUE(f.Plan().ok());
  // One scan per path, none of the whole documents.
  std::vector<std::string> scanned;
  for (const auto& scan : f.run().originals_to_scan) {
    scanned.push_back(scan.column == kDetails && scan.json_paths.size() == 1
                          ? scan.json_paths[0].text()
                          : "column " + std::to_string(scan.column));
  }
  EXPECT_EQ(scanned, (std::vector<std::string>{"column 1", "$.child.first_name",
                                               "$.siblings[*].first_name"}));
  // The fake "Ava" would get is a real name of another row, found only inside its
  // document and in another letter case; an invalid document is skipped silently.
  const std::vector<Cells> rows = {
      {"1", "2", "3"},
      {"Ava", "Ava", "Ava"},
      {R"({"child":{"first_name":"Ava"}})",
       R"({"child":{"first_name":"Bo"},"siblings":[{"first_name":"Cy"},{"first_name":")" +
           Upper(planted) + R"("}]})",
       R"({"child": not json)"}};
  RowsSource source(rows);
  ASSERT_TRUE(CollectFakeOriginals(source, f.run()).ok());
  EXPECT_EQ(source.opens, 1);
  const Cells out = MustApply(f, kDetails, FirstRows(rows, 2));
  const std::vector<std::string> originals = {"AVA", "BO", "CY", Upper(planted)};
  std::vector<Json> fakes;
  for (const auto& cell : out) {
    const Json document = Json::parse(cell.value_or("null"));
    fakes.push_back(document["child"]["first_name"]);
    for (const auto& sibling : document.value("siblings", Json::array())) {
      fakes.push_back(sibling["first_name"]);
    }
  }
  ASSERT_EQ(fakes.size(), 4u);
  for (const auto& fake : Texts(fakes)) {
    EXPECT_EQ(std::count(originals.begin(), originals.end(), fake), 0)
        << fake << " reproduces an original found inside a document";
  }
}

TEST(FakeOriginalsTest, JsonInsideAStringMemberIsScannedAtTheInnerPath) {
  const std::string policy = PolicyWith({"'$.payload': {json: {'$.name': {fake: first_name}}}"});
  const std::string planted = UnfilteredFake(policy, "Ava");
  RuleFixture f(policy, kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const std::vector<Cells> rows = {
      {"1", "2", "3"},
      {"Zed", "Zed", "Zed"},
      {R"({"payload":"{\"name\":\"Ava\"}"})", R"({"payload":"{\"name\":\")" + planted + R"(\"}"})",
       R"({"payload":"not json"})"}};
  RowsSource source(rows);
  ASSERT_TRUE(CollectFakeOriginals(source, f.run()).ok());
  EXPECT_TRUE(f.run().fake_originals.MayContain(Upper(planted)));
  EXPECT_FALSE(f.run().fake_originals.MayContain("not json"));
  const Cells out = MustApply(f, kDetails, FirstRows(rows, 1));
  const Json inner = Json::parse(Json::parse(out[0].value_or("{}"))["payload"].get<std::string>());
  EXPECT_NE(inner["name"], "Ava");
  EXPECT_NE(inner["name"], planted) << "the fake reproduces an original found inside a document";
  // The inner rule's scan: the outer path, then the inner one inside what it reaches.
  ASSERT_EQ(f.run().originals_to_scan.size(), 2u);
  const auto& paths = f.run().originals_to_scan[1].json_paths;
  ASSERT_EQ(paths.size(), 2u);
  EXPECT_EQ(paths[0].text(), "$.payload");
  EXPECT_EQ(paths[1].text(), "$.name");
}

}  // namespace
}  // namespace veil
