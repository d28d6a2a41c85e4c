#include "policy/in_place_guard.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

Policy WithAllow(std::vector<std::string> globs) {
  Policy policy;
  policy.path = "p.yaml";
  policy.in_place_allow = std::move(globs);
  return policy;
}

// A TCP connection that reached `database` at 10.0.0.5:5432, asked for as
// `host`.
ReachedServer Tcp(const std::string &database, const std::string &host = "db1",
                  bool host_resolves = true) {
  ReachedServer server;
  server.database = database;
  server.server_address = "10.0.0.5";
  server.server_port = "5432";
  server.libpq_database = database;
  server.libpq_host = host;
  server.libpq_port = "5432";
  server.peer_address = "10.0.0.5";
  server.host_resolves_to_peer = host_resolves;
  return server;
}

TEST(InPlaceGuardTest, DatabaseNameGlobs) {
  const Policy policy = WithAllow({"staging_*", "*_dev"});
  EXPECT_TRUE(CheckInPlaceAllowed(policy, Tcp("staging_social_care")).ok());
  EXPECT_TRUE(CheckInPlaceAllowed(policy, Tcp("payroll_dev")).ok());
  const Status refused = CheckInPlaceAllowed(policy, Tcp("social_care"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_NE(refused.message().find("'social_care'"), std::string::npos)
      << refused.message();
  EXPECT_NE(refused.message().find("10.0.0.5"), std::string::npos)
      << refused.message();
  EXPECT_NE(refused.message().find("5432"), std::string::npos)
      << refused.message();
  EXPECT_NE(refused.message().find("'staging_*', '*_dev'"), std::string::npos);
  // A glob matches the whole name, not a part of it.
  EXPECT_FALSE(CheckInPlaceAllowed(policy, Tcp("prod_staging_x")).ok());
  EXPECT_FALSE(CheckInPlaceAllowed(policy, Tcp("payroll_dev_copy")).ok());
}

TEST(InPlaceGuardTest, TheServersDatabaseNameIsJudgedNotTheOneAskedFor) {
  ReachedServer server = Tcp("prod_care");
  server.libpq_database =
      "staging_ok"; // what a service file or PGDATABASE seemed to say
  EXPECT_FALSE(CheckInPlaceAllowed(WithAllow({"staging_*"}), server).ok());
}

TEST(InPlaceGuardTest, HostGlobsMatchTheReachedAddress) {
  EXPECT_TRUE(
      CheckInPlaceAllowed(WithAllow({"10.0.0.*:staging_*"}), Tcp("staging_x"))
          .ok());
  EXPECT_FALSE(
      CheckInPlaceAllowed(WithAllow({"10.0.0.*:prod_*"}), Tcp("staging_x"))
          .ok());
  EXPECT_FALSE(
      CheckInPlaceAllowed(WithAllow({"10.9.*:staging_*"}), Tcp("staging_x"))
          .ok());
  // The server's own idea of its address counts too (e.g. behind a NAT'd peer).
  ReachedServer natted = Tcp("staging_x");
  natted.peer_address = "192.168.1.1";
  EXPECT_TRUE(CheckInPlaceAllowed(WithAllow({"10.0.0.5:*"}), natted).ok());
}

TEST(InPlaceGuardTest, HostNameCountsOnlyIfItResolvesToTheAddressReached) {
  const Policy policy = WithAllow({"staging-*.internal:*"});
  EXPECT_TRUE(
      CheckInPlaceAllowed(policy, Tcp("social_care", "staging-1.internal"))
          .ok());
  EXPECT_FALSE(
      CheckInPlaceAllowed(policy, Tcp("social_care", "prod-1.internal")).ok());
  // hostaddr= (or PGHOSTADDR) sent libpq elsewhere than the name says.
  const Status refused = CheckInPlaceAllowed(
      policy, Tcp("social_care", "staging-1.internal", false));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("does not resolve"), std::string::npos)
      << refused.message();
  // Of a multi-host list only the host libpq reached is reported, and judged.
  EXPECT_TRUE(
      CheckInPlaceAllowed(policy, Tcp("social_care", "staging-2.internal"))
          .ok());
}

TEST(InPlaceGuardTest, UnixSocketIsReachedAsLocalhostAndItsDirectory) {
  ReachedServer server;
  server.database = "staging_x";
  server.unix_socket = true;
  server.socket_directory = "/var/run/postgresql";
  server.libpq_host = "/var/run/postgresql";
  server.libpq_port = "5432";
  EXPECT_TRUE(
      CheckInPlaceAllowed(WithAllow({"localhost:staging_*"}), server).ok());
  EXPECT_TRUE(
      CheckInPlaceAllowed(WithAllow({"/var/run/postgresql:staging_*"}), server)
          .ok());
  EXPECT_FALSE(
      CheckInPlaceAllowed(WithAllow({"127.0.0.1:staging_*"}), server).ok());
  EXPECT_FALSE(CheckInPlaceAllowed(WithAllow({"/tmp:staging_*"}), server).ok());
  // A TCP connection is not "localhost" just because a name says so.
  EXPECT_FALSE(CheckInPlaceAllowed(WithAllow({"localhost:staging_*"}),
                                   Tcp("staging_x", "localhost", false))
                   .ok());
}

TEST(InPlaceGuardTest, ServerPinComparesTheSystemIdentifier) {
  Policy policy = WithAllow({"staging_*"});
  policy.in_place_server = "7312345678901234567";
  ReachedServer server = Tcp("staging_x");
  server.system_identifier = "7312345678901234567";
  EXPECT_TRUE(CheckInPlaceAllowed(policy, server).ok());
  server.system_identifier = "7000000000000000001";
  Status refused = CheckInPlaceAllowed(policy, server);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("system identifier"), std::string::npos)
      << refused.message();
  server.system_identifier = ""; // the role may not read it: unknown is refused
  refused = CheckInPlaceAllowed(policy, server);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("cannot read"), std::string::npos)
      << refused.message();
  // Without a pin an unknown identifier is no reason to refuse.
  EXPECT_TRUE(CheckInPlaceAllowed(WithAllow({"staging_*"}), server).ok());
}

TEST(InPlaceGuardTest, RequireMarkerWantsTheCommentOrTheTable) {
  Policy policy = WithAllow({"staging_*"});
  policy.in_place_require_marker = true;
  ReachedServer server = Tcp("staging_x");
  const Status refused = CheckInPlaceAllowed(policy, server);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("veil: scrub allowed"), std::string::npos)
      << refused.message();
  server.comment_marker = true;
  EXPECT_TRUE(CheckInPlaceAllowed(policy, server).ok());
  server.comment_marker = false;
  server.table_marker = true;
  EXPECT_TRUE(CheckInPlaceAllowed(policy, server).ok());
  // The marker opens no door the allow list closes.
  EXPECT_FALSE(CheckInPlaceAllowed(policy, Tcp("prod_x")).ok());
}

TEST(InPlaceGuardTest, NoRuleOrNoDatabaseNameRefuses) {
  EXPECT_NE(CheckInPlaceConfigured(WithAllow({})).message().find("no in_place"),
            std::string::npos);
  EXPECT_TRUE(CheckInPlaceConfigured(WithAllow({"staging_*"})).ok());
  EXPECT_NE(CheckInPlaceAllowed(WithAllow({}), Tcp("staging_x"))
                .message()
                .find("no in_place"),
            std::string::npos);
  EXPECT_FALSE(CheckInPlaceAllowed(WithAllow({"*"}), Tcp("")).ok());
}

} // namespace
} // namespace veil
