#include "cli/password_redaction.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TEST(PasswordRedactionTest, TakesThePasswordOutOfAUrisUserInformation) {
  EXPECT_EQ(WithoutPasswords("not expected: postgresql://ann:s3cr%40t@db.example:5432/care"),
            "not expected: postgresql://ann:***@db.example:5432/care");
  EXPECT_EQ(WithoutPasswords("postgres://u:p@h/d and postgresql://v:q@w"),
            "postgres://u:***@h/d and postgresql://v:***@w");
  EXPECT_EQ(WithoutPasswords("postgresql://u:p:still@h"), "postgresql://u:***@h");
}

TEST(PasswordRedactionTest, TakesOutPasswordKeywordsOfConnectionStringsAndQueries) {
  EXPECT_EQ(WithoutPasswords("host=h password=s3cret dbname=d"), "host=h password=*** dbname=d");
  EXPECT_EQ(WithoutPasswords("host=h password = 'two words' user=u"),
            "host=h password = *** user=u");
  EXPECT_EQ(WithoutPasswords("password='it\\'s' x"), "password=*** x");
  EXPECT_EQ(WithoutPasswords("postgresql:///d?password=p&sslmode=require"),
            "postgresql:///d?password=***&sslmode=require");
  EXPECT_EQ(WithoutPasswords("password="), "password=***");
}

TEST(PasswordRedactionTest, LeavesTextWithoutPasswordsAsItIs) {
  for (const char* text : {"postgresql://ann@db/care", "postgresql:///care", "file.csv",
                           "no password here", "the password is wrong", "a://b", "://@:"}) {
    EXPECT_EQ(WithoutPasswords(text), text);
  }
}

}  // namespace
}  // namespace veil
