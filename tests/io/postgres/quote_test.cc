// The PostgreSQL wing's one identifier quoter and one literal quoter (io/postgres/quote.h).
#include "io/postgres/quote.h"

#include <gtest/gtest.h>

#include <string>

namespace veil::postgres {
namespace {

TEST(PostgresQuoteTest, AnIdentifierDoublesItsQuotesAndKeepsEverythingElse) {
  EXPECT_EQ(QuoteIdentifier("people"), "\"people\"");
  EXPECT_EQ(QuoteIdentifier("a \"b\""), "\"a \"\"b\"\"\"");
  EXPECT_EQ(QuoteIdentifier("it's Mixed.Case\\"), "\"it's Mixed.Case\\\"");
  EXPECT_EQ(QuoteIdentifier(""), "\"\"");
}

TEST(PostgresQuoteTest, ALiteralDoublesItsQuotesAndKeepsBackslashes) {
  EXPECT_EQ(QuoteLiteral("it's"), "'it''s'");
  EXPECT_EQ(QuoteLiteral("a\\b \"c\""), "'a\\b \"c\"'");
  EXPECT_EQ(QuoteLiteral("''"), "''''''");
  EXPECT_EQ(QuoteLiteral(std::string("nul\0byte", 8)), std::string("'nul\0byte'", 10));
}

}  // namespace
}  // namespace veil::postgres
