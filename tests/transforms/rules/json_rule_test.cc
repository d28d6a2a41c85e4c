#include <nlohmann/json.hpp>
#include <set>

#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::Cells;
using testing::RuleFixture;
using Json = nlohmann::ordered_json;

// Columns of table t.
constexpr size_t kId = 0;
constexpr size_t kDob = 1;
constexpr size_t kName = 2;
constexpr size_t kDetails = 3;
const std::vector<std::string> kColumns = {"id", "dob", "name", "details"};

// A policy whose `details` column has the json rule `json_lines` (one path a line,
// without indentation); the first of them is on line 15.
std::string PolicyWith(const std::vector<std::string>& json_lines) {
  std::string policy =
      "version: 1\n"
      "entities:\n"
      "  child:\n"
      "    pseudonym: {alphabet: digits, length: 9}\n"
      "    date_shift: {min_days: -30, max_days: 30}\n"
      "tables:\n"
      "  t:\n"
      "    keys: {child: id}\n"
      "    columns:\n"
      "      id: {pseudonymise: child}\n"
      "      dob: {date_shift: child}\n"
      "      name: {fake: first_name}\n"
      "      details:\n"
      "        json:\n";
  for (const auto& line : json_lines) policy += "          " + line + "\n";
  return policy;
}

// Rows of table t: `details` as given, every other column filled from `fill`.
std::vector<Cells> Rows(const Cells& details, const Cells& ids = {}, const Cells& dobs = {},
                        const Cells& names = {}) {
  auto or_default = [&](const Cells& given, const char* fill) {
    return given.empty() ? Cells(details.size(), std::string(fill)) : given;
  };
  return {or_default(ids, "1001"), or_default(dobs, "2020-01-01"), or_default(names, "Ava"),
          details};
}

Cells MustApply(RuleFixture& f, size_t column, const std::vector<Cells>& rows) {
  auto out = f.Apply(column, rows);
  EXPECT_TRUE(out.ok()) << out.status().message();
  return out.ok() ? out.value() : Cells(rows.front().size());
}

Json Parsed(const std::optional<std::string>& cell) {
  EXPECT_TRUE(cell.has_value());
  return Json::parse(cell.value_or("null"));
}

TEST(JsonRuleTest, FakeReplacesNestedNameAndKeepsSiblings) {
  RuleFixture f(PolicyWith({"'$.child_details.first_name': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const std::string in =
      R"({"school":"Leeds Primary","child_details":{"first_name":"Ava","age":7,"tags":["a"]},)"
      R"("z":{"b":1,"a":2}})";
  const Cells out = MustApply(f, kDetails, Rows({in}));
  Json before = Json::parse(in);
  Json after = Parsed(out[0]);
  const std::string fake = after["child_details"]["first_name"].get<std::string>();
  EXPECT_FALSE(fake.empty());
  EXPECT_NE(fake, "Ava");
  // The same fake as a plain `fake: first_name` column gives the same original.
  EXPECT_EQ(MustApply(f, kName, Rows({in}))[0], fake);
  // Everything else is identical, member order included.
  after["child_details"]["first_name"] = "Ava";
  EXPECT_EQ(after.dump(), before.dump());
  EXPECT_EQ(*out[0], Json::parse(*out[0]).dump()) << "compact output expected";
}

TEST(JsonRuleTest, PseudonymInsideJsonEqualsPlainPseudonym) {
  RuleFixture f(
      PolicyWith({"'$.upn': {pseudonymise: child}", "'$.sibling.upn': {pseudonymise: child}",
                  "'$.number_id': {pseudonymise: child}"}),
      kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells ids = {"1001", "1002"};
  const Cells plain = MustApply(f, kId, Rows({"{}", "{}"}, ids));
  const Cells out = MustApply(f, kDetails,
                              Rows({R"({"upn":"1001","sibling":{"upn":"1002"},"number_id":1001})",
                                    R"({"upn":"1002","sibling":{"upn":"1001"}})"},
                                   ids));
  const Json first = Parsed(out[0]);
  const Json second = Parsed(out[1]);
  EXPECT_EQ(first["upn"], *plain[0]);
  EXPECT_EQ(first["sibling"]["upn"], *plain[1]);
  EXPECT_EQ(second["upn"], *plain[1]);
  EXPECT_EQ(second["sibling"]["upn"], *plain[0]);
  // A number is pseudonymised as its text and stays a number (digits pseudonyms).
  ASSERT_TRUE(first["number_id"].is_number_integer());
  EXPECT_EQ(first["number_id"].dump(), *plain[0]);
}

TEST(JsonRuleTest, EntityDateShiftReadsKeyColumnOfEachRowAndEachElement) {
  RuleFixture f(PolicyWith({"'$.events[*].date': {date_shift: child}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells ids = {"1001", "1002", "1003", "1004"};
  const Cells dobs(4, std::string("2020-01-10"));
  const Cells details = {
      R"({"events":[{"date":"2020-01-10"},{"date":"2020-01-10","kind":"x"}]})",
      R"({"events":[{"date":"2020-01-10"},{"date":"2020-01-10"},{"date":"2020-01-10"}]})",
      R"({"events":[]})", R"({"events":[{"kind":"no date"},{"date":"2020-01-10"}]})"};
  const Cells shifted = MustApply(f, kDob, Rows(details, ids, dobs));
  const Cells out = MustApply(f, kDetails, Rows(details, ids, dobs));
  for (size_t row = 0; row < ids.size(); ++row) {
    const auto document = Parsed(out[row]);  // a range-for over a temporary's member dangles
    for (const auto& event : document["events"]) {
      if (event.contains("date")) {
        EXPECT_EQ(event["date"], *shifted[row]) << "row " << row;
      }
    }
  }
  // Children have their own offsets, so a misaligned key would show.
  EXPECT_GT(std::set<std::optional<std::string>>(shifted.begin(), shifted.end()).size(), 1u);
  EXPECT_EQ(Parsed(out[3])["events"][0]["kind"], "no date");
}

TEST(JsonRuleTest, WildcardReachesEveryArrayElement) {
  RuleFixture f(PolicyWith({"'$.contacts[*].phone': {fake: mobile}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells out = MustApply(
      f, kDetails,
      Rows({R"({"contacts":[{"name":"Mum","phone":"07123 456789"},{"name":"Dad","phone":"07987 )"
            R"(654321"},{"name":"Gran"}]})"}));
  const Json contacts = Parsed(out[0])["contacts"];
  ASSERT_EQ(contacts.size(), 3u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(contacts[i]["phone"].get<std::string>().rfind("07700 900", 0), 0u)
        << contacts[i]["phone"];
  }
  EXPECT_EQ(contacts[1]["name"], "Dad");
  EXPECT_FALSE(contacts[2].contains("phone"));
}

TEST(JsonRuleTest, DropRemovesMembersAndElementsNullWritesJsonNull) {
  RuleFixture f(PolicyWith({"'$.secret_field': drop", "'$.notes': 'null'", "'$.list[1]': drop",
                            "'$.list[2]': drop", "'$.flag': keep", "'$.absent': drop"}),
                kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells out = MustApply(
      f, kDetails,
      Rows(
          {R"({"flag": true, "secret_field": {"x": 1}, "notes": "free text", "list": ["a", "b", "c", "d"]})"}));
  // Indexes refer to the original document: [1] and [2] are b and c.
  EXPECT_EQ(out[0], R"({"flag":true,"notes":null,"list":["a","d"]})");
}

TEST(JsonRuleTest, DocumentsWithoutListedMembersAreCopiedExactly) {
  RuleFixture f(PolicyWith({"'$.child.first_name': {fake: first_name}", "'$.gone': drop"}),
                kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells in = {R"({ "child": {"surname": "Smith"},  "big": 123456789012345678901234 })",
                    R"([1, 2.50, "three"])", R"("just a string")"};
  EXPECT_EQ(MustApply(f, kDetails, Rows(in)), in);
}

TEST(JsonRuleTest, InvalidJsonIsAnErrorNamingTheRowNotTheValue) {
  RuleFixture f(PolicyWith({"'$.name': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const auto out =
      f.Apply(kDetails, Rows({R"({"name":"Ava"})", R"({"name": "Secret Person")"}), 41);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), ErrorCode::kInput);
  EXPECT_NE(out.status().message().find("row 42"), std::string::npos) << out.status().message();
  EXPECT_NE(out.status().message().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(out.status().message().find("Secret"), std::string::npos);
}

TEST(JsonRuleTest, MalformedPathIsAPolicyErrorNamingTheLine) {
  RuleFixture f(PolicyWith({"'$.name': keep", "'$.contacts[*.phone': {fake: mobile}"}), kColumns);
  const Status status = f.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_NE(status.message().find("test-policy.yaml:16:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("column details"), std::string::npos);
  EXPECT_NE(status.message().find("malformed JSON path"), std::string::npos);
}

TEST(JsonRuleTest, InnerRuleErrorsNameThePathAndItsLine) {
  RuleFixture bad_kind(PolicyWith({"'$.a': keep", "'$.name': {fake: no_such_kind}"}), kColumns);
  Status status = bad_kind.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("test-policy.yaml:16:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("column details, path $.name"), std::string::npos);
  RuleFixture bare(PolicyWith({"'$.name': fake"}), kColumns);
  EXPECT_NE(bare.Plan().message().find("fake takes a kind"), std::string::npos);
  RuleFixture twice(PolicyWith({"'$.name': drop", "\"$['name']\": keep"}), kColumns);
  EXPECT_NE(twice.Plan().message().find("listed twice"), std::string::npos);
  RuleFixture root(PolicyWith({"'$': drop"}), kColumns);
  EXPECT_NE(root.Plan().message().find("whole document"), std::string::npos);
  RuleFixture empty(PolicyWith({}), kColumns);
  EXPECT_FALSE(empty.Plan().ok());
}

TEST(JsonRuleTest, NullAndEmptyCellsPassThrough) {
  RuleFixture f(PolicyWith({"'$.name': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells out = MustApply(f, kDetails, Rows({std::nullopt, "", R"({"name":null})"}));
  EXPECT_FALSE(out[0].has_value());
  EXPECT_EQ(out[1], "");
  EXPECT_EQ(out[2], R"({"name":null})");
}

TEST(JsonRuleTest, NumbersAndBooleansKeepTheirTypeWhenTheResultAllows) {
  RuleFixture f(PolicyWith({"'$.age': {noise: {relative: 0.5}}", "'$.score': {value: hidden}",
                            "'$.ok': {choice: ['true', 'false']}", "'$.x': {value: 'yes'}"}),
                kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Json out =
      Parsed(MustApply(f, kDetails, Rows({R"({"age":40,"score":2.5,"ok":false,"x":true})"}))[0]);
  EXPECT_TRUE(out["age"].is_number_integer()) << out.dump();
  EXPECT_EQ(out["score"], "hidden");
  EXPECT_TRUE(out["ok"].is_boolean());
  EXPECT_EQ(out["x"], "yes");
}

TEST(JsonRuleTest, RuleOnAnObjectIsAnErrorNamingPathAndRow) {
  RuleFixture f(PolicyWith({"'$.child': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const auto out = f.Apply(kDetails, Rows({R"({"child":"Ava"})", R"({"child":{"n":"Bo"}})"}));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("path $.child"), std::string::npos);
  EXPECT_NE(out.status().message().find("row 2"), std::string::npos);
  EXPECT_NE(out.status().message().find("an object"), std::string::npos);
}

TEST(JsonRuleTest, NonAsciiStaysValidUtf8) {
  RuleFixture f(PolicyWith({"'$.name': {mask: {keep_last: 1}}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells out =
      MustApply(f, kDetails, Rows({R"({"name":"Zoë Ørsted","note":"café – naïve"})"}));
  EXPECT_EQ(out[0], R"({"name":"*********d","note":"café – naïve"})");
}

TEST(JsonRuleTest, JsonInsideAStringMemberCanBeAnonymisedToo) {
  RuleFixture f(PolicyWith({"'$.payload': {json: {'$.name': {fake: first_name}}}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Json out = Parsed(MustApply(f, kDetails, Rows({R"({"payload":"{\"name\":\"Ava\"}"})"}))[0]);
  const Json inner = Json::parse(out["payload"].get<std::string>());
  EXPECT_NE(inner["name"], "Ava");
}

// Found while writing tests/fuzz/json_rule_fuzz.cc (the depth needed is beyond its
// -max_len): writing a rewritten document back recursed once per nesting level, so a
// cell nested 100000 deep overflowed the stack.
TEST(JsonRuleTest, DeeplyNestedDocumentIsAnErrorNamingTheRowNotACrash) {
  RuleFixture f(PolicyWith({"'$.name': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const size_t depth = 100000;
  const std::string deep =
      R"({"name":"Ava","deep":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  const auto out = f.Apply(kDetails, Rows({R"({"name":"Bo"})", deep}));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("row 2"), std::string::npos) << out.status().message();
  EXPECT_NE(out.status().message().find("nested"), std::string::npos) << out.status().message();
  EXPECT_EQ(out.status().message().find("Ava"), std::string::npos) << out.status().message();
}

TEST(JsonRuleTest, NestingUpToTheLimitStillWorksAndBracketsInStringsDoNotCount) {
  RuleFixture f(PolicyWith({"'$.name': {fake: first_name}"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  // 1 (the object) + 511 arrays = 512 levels, plus brackets inside a string.
  const std::string nested = R"({"name":"Ava","deep":)" + std::string(511, '[') +
                             std::string(511, ']') + R"(,"text":")" + std::string(5000, '[') +
                             R"(\"{"})";
  const Cells out = MustApply(f, kDetails, Rows({nested}));
  const Json after = Parsed(out[0]);
  EXPECT_NE(after["name"], "Ava");
  EXPECT_EQ(after["text"], std::string(5000, '[') + "\"{");
}

// `unlisted` closes the document: whatever no listed path reaches, itself or through a
// container, is nulled or removed, so a member the policy never heard of cannot leave.
TEST(JsonRuleTest, UnlistedNullClearsEveryScalarNoPathReaches) {
  RuleFixture f(
      PolicyWith({"'$.kept': keep", "'$.child.name': {fake: first_name}", "unlisted: 'null'"}),
      kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const std::string in =
      R"({"kept":{"code":"A1","n":[1,2]},"child":{"name":"Ava","age":7,"ok":true},)"
      R"("secret":"Jane Smith","list":["x",3,null,{"deep":"y"}],"empty":null})";
  const Json out = Parsed(MustApply(f, kDetails, Rows({in}))[0]);
  EXPECT_EQ(out["kept"], Json::parse(R"({"code":"A1","n":[1,2]})"));
  EXPECT_NE(out["child"]["name"], "Ava");
  EXPECT_TRUE(out["child"]["name"].is_string());
  EXPECT_TRUE(out["child"]["age"].is_null());
  EXPECT_TRUE(out["child"]["ok"].is_null());
  EXPECT_TRUE(out["secret"].is_null());
  EXPECT_EQ(out["list"], Json::parse(R"([null,null,null,{"deep":null}])"));
  EXPECT_TRUE(out["empty"].is_null());
}

TEST(JsonRuleTest, UnlistedDropRemovesWhatNoPathReaches) {
  RuleFixture f(PolicyWith({"'$.code': keep", "'$.child.id': keep", "unlisted: drop"}), kColumns);
  ASSERT_TRUE(f.Plan().ok());
  const Cells out =
      MustApply(f, kDetails,
                Rows({R"({"code":"A1","note":"Jane Smith rang","list":["x",{"y":1}],"z":null})",
                      R"("a scalar document")", R"({"code":"B2"})",
                      R"({"child":{"id":7,"name":"Jane"},"Jane Smith":{"seen":true}})"}));
  // Emptied containers and JSON nulls go too: no member name is left but on the way to a
  // listed value ("Jane Smith" was a member name).
  EXPECT_EQ(out[0], R"({"code":"A1"})");
  EXPECT_EQ(out[1], "null") << "the document itself is nulled, not removed";
  EXPECT_EQ(out[2], R"({"code":"B2"})");
  EXPECT_EQ(out[3], R"({"child":{"id":7}})");
}

TEST(JsonRuleTest, UnlistedDefaultsToKeepAndRefusesOtherWords) {
  RuleFixture open(PolicyWith({"'$.code': keep", "unlisted: keep"}), kColumns);
  ASSERT_TRUE(open.Plan().ok());
  const std::string in = R"({"code":"A1", "note":"kept as it is"})";
  EXPECT_EQ(MustApply(open, kDetails, Rows({in}))[0], in);
  RuleFixture bad(PolicyWith({"'$.code': keep", "unlisted: redact"}), kColumns);
  const Status status = bad.Plan();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), ErrorCode::kPolicy);
  EXPECT_NE(status.message().find("test-policy.yaml:16:"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("unlisted takes keep, null or drop"), std::string::npos);
  RuleFixture only(PolicyWith({"unlisted: 'null'"}), kColumns);
  ASSERT_TRUE(only.Plan().ok());
  EXPECT_EQ(MustApply(only, kDetails, Rows({R"({"a":"b"})"}))[0], R"({"a":null})");
}

}  // namespace
}  // namespace veil
