#include <gtest/gtest.h>

#include "policy/policy.h"

namespace veil {
namespace {

TEST(PolicyLoaderTest, ParsesEveryPart) {
  auto policy = ParsePolicy(R"(version: 1
secret: {env: MY_SECRET}
entities:
  person:
    pseudonym: {alphabet: hex, length: 20, prefix: "P"}
    date_shift: {min_days: -10, max_days: 10}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: first_name}
      notes: drop
  log: delete
  lookup: keep
  scratch: drop
in_place:
  allow: ['staging_*']
)",
                            "/tmp/p.yaml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->secret.kind, SecretSpec::Kind::kEnv);
  EXPECT_EQ(policy->secret.reference, "MY_SECRET");
  const auto& person = policy->entities.at("person");
  EXPECT_EQ(person.pseudonym.alphabet, PseudonymAlphabet::kHex);
  EXPECT_EQ(person.pseudonym.length, 20);
  EXPECT_EQ(person.pseudonym.prefix, "P");
  EXPECT_EQ(person.date_shift->min_days, -10);
  ASSERT_EQ(policy->tables.size(), 4u);
  EXPECT_EQ(policy->tables[0].keys.at("person"), "id");
  EXPECT_EQ(policy->tables[0].FindColumn("name")->kind, "fake");
  EXPECT_EQ(policy->tables[0].FindColumn("name")->line, 12);
  EXPECT_EQ(policy->tables[0].FindColumn("notes")->kind, "drop");
  EXPECT_EQ(policy->FindTable("log")->action, TableAction::kDelete);
  EXPECT_EQ(policy->FindTable("lookup")->action, TableAction::kKeep);
  EXPECT_EQ(policy->FindTable("scratch")->action, TableAction::kDrop);
  EXPECT_EQ(policy->in_place_allow, std::vector<std::string>{"staging_*"});
  EXPECT_EQ(policy->digest_hex.size(), 64u);
}

TEST(PolicyLoaderTest, SecretDefaultsToEphemeralAndFileIsRelativeToPolicy) {
  auto a = ParsePolicy("version: 1\ntables: {t: keep}\n", "/x/p.yaml");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->secret.kind, SecretSpec::Kind::kEphemeral);
  auto b = ParsePolicy("version: 1\nsecret: {file: key.txt}\ntables: {t: keep}\n", "/x/p.yaml");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->secret.reference, "/x/key.txt");
}

struct BadPolicy {
  const char* yaml;
  const char* expected;  // text the error must contain
};

TEST(PolicyLoaderTest, RejectsMalformedPoliciesNamingTheLine) {
  const BadPolicy cases[] = {
      {"version: 2\ntables: {t: keep}\n", "p.yaml:1:"},
      {"tables: {t: keep}\n", "version"},
      {"version: 1\ntables:\n  t: shred\n", "p.yaml:3:"},
      {"version: 1\ntables:\n  t:\n    columns:\n      a: scramble\n", "p.yaml:5:"},
      {"version: 1\ntables:\n  t:\n    columns:\n      a: {fake: x, mask: y}\n", "p.yaml:5:"},
      {"version: 1\ntables:\n  t:\n    colums:\n      a: keep\n", "unknown key 'colums'"},
      {"version: 1\ntables:\n  t:\n    keys: {ghost: id}\n    columns: {id: keep}\n", "ghost"},
      {"version: 1\nentities:\n  p: {pseudonym: {alphabet: emoji}}\ntables: {t: keep}\n",
       "alphabet"},
      {"version: 1\nentities:\n  p: {pseudonym: {length: 2}}\ntables: {t: keep}\n", "length"},
      {"version: 1\nentities:\n  p: {date_shift: {min_days: 5, max_days: 1}}\ntables: {t: keep}\n",
       "min_days"},
      {"version: 1\nsecret: {env: ''}\ntables: {t: keep}\n", "secret"},
      {"version: 1\ntables: [a, b]\n", "tables"},
      {"version: 1\ntables: {t: keep\n", "not valid YAML"},
      {"version: 1\ntables: {t: keep}\nverify: {unchanged: {choice: 2}}\n", "between 0 and 1"},
      {"version: 1\ntables: {t: keep}\nverify: {leak: {min_lenght: 3}}\n",
       "unknown key 'min_lenght'"},
      {"version: 1\ntables: {t: keep}\nverify: {leak: {min_digits: 0}}\n", "1 or more"},
      {"version: 1\ntables: {t: keep}\nverify: {strict: yes}\n", "unknown key 'strict'"},
  };
  for (const auto& c : cases) {
    auto policy = ParsePolicy(c.yaml, "/d/p.yaml");
    ASSERT_FALSE(policy.ok()) << c.yaml;
    EXPECT_NE(policy.status().message().find(c.expected), std::string::npos)
        << c.yaml << " -> " << policy.status().message();
  }
}

TEST(PolicyLoaderTest, ReadsTheVerifySection) {
  auto policy = ParsePolicy(
      "version: 1\ntables: {t: keep}\n"
      "verify:\n  unchanged: {choice: 0.5, noise: 0}\n  leak: {min_length: 4, min_digits: 8, "
      "dates: true}\n",
      "/d/p.yaml");
  ASSERT_TRUE(policy.ok()) << policy.status().message();
  EXPECT_EQ(policy->verify.unchanged.at("choice"), 0.5);
  EXPECT_EQ(policy->verify.unchanged.at("noise"), 0);
  EXPECT_EQ(policy->verify.leak_min_length, 4);
  EXPECT_EQ(policy->verify.leak_min_digits, 8);
  EXPECT_TRUE(policy->verify.leak_dates);
  auto defaults = ParsePolicy("version: 1\ntables: {t: keep}\n", "/d/p.yaml");
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->verify.unchanged.empty());
  EXPECT_EQ(defaults->verify.leak_min_length, 3);
  EXPECT_EQ(defaults->verify.leak_min_digits, 6);
  EXPECT_FALSE(defaults->verify.leak_dates);
}

TEST(PolicyLoaderTest, MissingFileIsAnIoError) {
  auto policy = LoadPolicy("/nonexistent/policy.yaml");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), ErrorCode::kIo);
}

}  // namespace
}  // namespace veil
