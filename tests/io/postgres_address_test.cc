#include "io/postgres_address.h"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace veil {
namespace {

class PostgresAddressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("PGDATABASE");
    unsetenv("PGHOST");
  }
};

TEST_F(PostgresAddressTest, ReadsUrisAndKeywordStrings) {
  auto a = ParseDatabaseAddress("postgresql://u:secret@db.example:5433/staging_x?sslmode=require");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dbname, "staging_x");
  EXPECT_EQ(a->hosts, std::vector<std::string>{"db.example"});
  a = ParseDatabaseAddress("host=h1,h2 dbname='my db' user=u");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dbname, "my db");
  EXPECT_EQ(a->hosts, (std::vector<std::string>{"h1", "h2"}));
}

TEST_F(PostgresAddressTest, FallsBackToTheEnvironmentButNeverGuesses) {
  auto a = ParseDatabaseAddress("postgresql://u@/");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dbname, "");
  EXPECT_EQ(a->hosts, std::vector<std::string>{"localhost"});
  setenv("PGDATABASE", "staging_env", 1);
  setenv("PGHOST", "envhost", 1);
  a = ParseDatabaseAddress("user=u");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->dbname, "staging_env");
  EXPECT_EQ(a->hosts, std::vector<std::string>{"envhost"});
  unsetenv("PGDATABASE");
  unsetenv("PGHOST");
}

TEST_F(PostgresAddressTest, MalformedStringIsRefusedWithoutQuotingIt) {
  const auto a = ParseDatabaseAddress("postgresql://u:hunter2@h/db?nonsense_option=1");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace veil
