#include "transforms/json_path.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace veil {
namespace {

using Json = nlohmann::ordered_json;
using Kind = JsonPathStep::Kind;

JsonPath MustParse(const std::string& text) {
  auto path = JsonPath::Parse(text);
  EXPECT_TRUE(path.ok()) << text << ": " << path.status().message();
  return path.ok() ? path.value() : JsonPath();
}

// The dumps of everything `path` finds in `document`.
std::vector<std::string> FindAll(const std::string& path, Json& document) {
  std::vector<Json*> found;
  MustParse(path).Find(document, found);
  std::vector<std::string> dumps;
  for (const Json* value : found) dumps.push_back(value->dump());
  return dumps;
}

TEST(JsonPathTest, ParsesEveryStepKind) {
  const JsonPath path = MustParse(R"($.a['b c']["d"][2][-1][*].*)");
  const auto& steps = path.steps();
  ASSERT_EQ(steps.size(), 7u);
  EXPECT_EQ(steps[0].kind, Kind::kMember);
  EXPECT_EQ(steps[0].name, "a");
  EXPECT_EQ(steps[1].name, "b c");
  EXPECT_EQ(steps[2].name, "d");
  EXPECT_EQ(steps[3].kind, Kind::kIndex);
  EXPECT_EQ(steps[3].index, 2);
  EXPECT_EQ(steps[4].index, -1);
  EXPECT_EQ(steps[5].kind, Kind::kWildcard);
  EXPECT_EQ(steps[6].kind, Kind::kWildcard);
  EXPECT_EQ(path.text(), "$.a['b c'].d[2][-1][*][*]");
  EXPECT_TRUE(MustParse("$").IsRoot());
}

TEST(JsonPathTest, SpellingsOfOnePathHaveOneCanonicalText) {
  EXPECT_EQ(MustParse("$['first_name']").text(), MustParse("$.first_name").text());
  EXPECT_EQ(MustParse(R"($["it's"])").text(), MustParse(R"($['it\'s'])").text());
  EXPECT_EQ(MustParse("$.*").text(), MustParse("$[*]").text());
  EXPECT_EQ(MustParse("$['a.b']").steps().size(), 1u);
  EXPECT_EQ(MustParse("$.prénom").steps()[0].name, "prénom");
}

TEST(JsonPathTest, MalformedPathsAreErrorsThatSayWhere) {
  for (const char* bad :
       {"", "a.b", "$.", "$..a", "$[", "$[1", "$['a", "$[?(@.a)]", "$[1:2]", "$[0,1]", "$.a b",
        "$.1st", "$['a\\n']", "$[+1]", "$ .a", "$[99999999999999999999]"}) {
    const auto path = JsonPath::Parse(bad);
    ASSERT_FALSE(path.ok()) << "accepted: " << bad;
    EXPECT_EQ(path.status().code(), ErrorCode::kPolicy);
    EXPECT_NE(path.status().message().find("malformed JSON path"), std::string::npos);
    EXPECT_NE(path.status().message().find("at character"), std::string::npos) << bad;
  }
  EXPECT_NE(JsonPath::Parse("$..a").status().message().find("recursive descent"),
            std::string::npos);
}

TEST(JsonPathTest, FindsMembersIndexesAndWildcardsInDocumentOrder) {
  Json doc = Json::parse(R"({"a": {"b": 1, "c": [10, 20, 30]},
                             "list": [{"x": "p"}, {"y": 0}, {"x": "q"}],
                             "map": {"k1": {"x": 1}, "k2": {"x": 2}}})");
  EXPECT_EQ(FindAll("$.a.b", doc), std::vector<std::string>{"1"});
  EXPECT_EQ(FindAll("$.a.c[1]", doc), std::vector<std::string>{"20"});
  EXPECT_EQ(FindAll("$.a.c[-1]", doc), std::vector<std::string>{"30"});
  EXPECT_EQ(FindAll("$.list[*].x", doc), (std::vector<std::string>{"\"p\"", "\"q\""}));
  EXPECT_EQ(FindAll("$.map.*.x", doc), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(FindAll("$", doc).size(), 1u);
}

TEST(JsonPathTest, StepsThatDoNotFitFindNothing) {
  Json doc = Json::parse(R"({"a": {"b": "text"}, "c": [1, 2], "n": null})");
  for (const char* path : {"$.missing", "$.a.b.c", "$.a[0]", "$.c.x", "$.c[2]", "$.c[-3]", "$.n.x",
                           "$.a.b[*]", "$.c[0][*]"}) {
    EXPECT_TRUE(FindAll(path, doc).empty()) << path;
  }
}

TEST(JsonPathTest, ValuesMarkedDiscardedAreNotFound) {
  Json doc = Json::parse(R"({"a": [1, 2, 3]})");
  doc["a"][1] = Json(Json::value_t::discarded);
  EXPECT_EQ(FindAll("$.a[*]", doc), (std::vector<std::string>{"1", "3"}));
  EXPECT_TRUE(FindAll("$.a[1]", doc).empty());
}

}  // namespace
}  // namespace veil
