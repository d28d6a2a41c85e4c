// Who a connection reached (io/postgres/identity.h), the scrub lock, and a source that
// must read the server an in-place sink admitted, on the harness's PostgreSQL server.
#include "io/postgres/identity.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "io/postgres/source.h"
#include "support/postgres_server.h"

namespace veil {
namespace {

using postgres::ReadReachedServer;
using postgres::TakeScrubLock;
using veil::testing::SharedPostgres;
using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

ConnPtr Connect(const std::string& uri) {
  return ConnPtr(PQconnectdb(uri.c_str()), &PQfinish);
}

class PostgresIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pg_.ok()) << pg_.error();
    pg_.CreateDatabase("identity_a");
    pg_.CreateDatabase("identity_b");
    pg_.Execute("identity_a", "CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
  }
  veil::testing::PostgresServer& pg_ = SharedPostgres();
};

TEST_F(PostgresIdentityTest, ReadsWhatTheServerAndTheSocketSay) {
  const ConnPtr conn = Connect("postgresql://veil@localhost:" + std::to_string(pg_.port()) +
                               "/identity_a?hostaddr=127.0.0.1");
  ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK);
  const auto reached = ReadReachedServer(conn.get());
  ASSERT_TRUE(reached.ok()) << reached.status().message();
  EXPECT_EQ(reached->database, "identity_a");
  EXPECT_EQ(reached->server_address, "127.0.0.1");
  EXPECT_EQ(reached->server_port, std::to_string(pg_.port()));
  EXPECT_EQ(reached->system_identifier,
            pg_.Query("postgres", "SELECT system_identifier FROM pg_control_system()")[0][0]);
  EXPECT_FALSE(reached->unix_socket);
  EXPECT_EQ(reached->peer_address, "127.0.0.1");
  EXPECT_EQ(reached->libpq_host, "localhost");
  EXPECT_EQ(reached->libpq_hostaddr, "127.0.0.1");
  EXPECT_FALSE(reached->comment_marker);
  EXPECT_FALSE(reached->table_marker);
  // Whether "localhost" resolves to 127.0.0.1 is the machine's business: judged, not assumed.
  const ConnPtr named =
      Connect("postgresql://veil@no-such-host.invalid:" + std::to_string(pg_.port()) +
              "/identity_a?hostaddr=127.0.0.1");
  const auto unresolved = ReadReachedServer(named.get());
  ASSERT_TRUE(unresolved.ok()) << unresolved.status().message();
  EXPECT_FALSE(unresolved->host_resolves_to_peer);
  const ConnPtr literal = Connect(pg_.Uri("identity_a"));
  const auto resolved = ReadReachedServer(literal.get());
  ASSERT_TRUE(resolved.ok()) << resolved.status().message();
  EXPECT_TRUE(resolved->host_resolves_to_peer);
}

TEST_F(PostgresIdentityTest, PlainRoleMayReadTheSystemIdentifierUnlessRevoked) {
  // PostgreSQL 15 grants pg_control_system() to PUBLIC: a role without any privilege
  // reads it; once revoked, it reads as unknown ("") rather than failing.
  pg_.Execute("identity_b",
              "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veil_plain') "
              "THEN CREATE ROLE veil_plain LOGIN; END IF; END $$");
  const std::string uri =
      "postgresql://veil_plain@127.0.0.1:" + std::to_string(pg_.port()) + "/identity_b";
  const ConnPtr plain = Connect(uri);
  ASSERT_EQ(PQstatus(plain.get()), CONNECTION_OK) << PQerrorMessage(plain.get());
  const auto granted = ReadReachedServer(plain.get());
  ASSERT_TRUE(granted.ok()) << granted.status().message();
  EXPECT_FALSE(granted->system_identifier.empty());
  pg_.Execute("identity_b", "REVOKE EXECUTE ON FUNCTION pg_control_system() FROM PUBLIC");
  const ConnPtr revoked = Connect(uri);
  const auto unknown = ReadReachedServer(revoked.get());
  ASSERT_TRUE(unknown.ok()) << unknown.status().message();
  EXPECT_EQ(unknown->system_identifier, "");
  EXPECT_EQ(unknown->database, "identity_b");
}

TEST_F(PostgresIdentityTest, ScrubLockIsTakenOncePerDatabase) {
  const ConnPtr first = Connect(pg_.Uri("identity_a"));
  const ConnPtr second = Connect(pg_.Uri("identity_a"));
  const ConnPtr other = Connect(pg_.Uri("identity_b"));
  const auto reached = ReadReachedServer(second.get());
  ASSERT_TRUE(reached.ok()) << reached.status().message();
  EXPECT_TRUE(TakeScrubLock(first.get(), reached.value()).ok());
  const Status refused = TakeScrubLock(second.get(), reached.value());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), ErrorCode::kConflict);
  EXPECT_NE(refused.message().find("another veil run is scrubbing database 'identity_a'"),
            std::string::npos)
      << refused.message();
  EXPECT_TRUE(TakeScrubLock(other.get(), reached.value()).ok());  // another database, another lock
}

TEST_F(PostgresIdentityTest, SourceMustReadTheAdmittedDatabase) {
  const ConnPtr sink = Connect(pg_.Uri("identity_a"));
  auto admitted = ReadReachedServer(sink.get());
  ASSERT_TRUE(admitted.ok()) << admitted.status().message();
  // Not yet locked by the admitted session: even the same database is not proven.
  EXPECT_FALSE(OpenPostgresSource(pg_.Uri("identity_a"), *admitted).ok());
  ASSERT_TRUE(TakeScrubLock(sink.get(), *admitted).ok());
  auto source = OpenPostgresSource(pg_.Uri("identity_a"), *admitted);
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto reader = (*source)->Open("t");  // a reader's own connection is checked too
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  const auto elsewhere = OpenPostgresSource(pg_.Uri("identity_b"), *admitted);
  ASSERT_FALSE(elsewhere.ok());
  EXPECT_EQ(elsewhere.status().code(), ErrorCode::kConflict);
  EXPECT_NE(elsewhere.status().message().find("'identity_b'"), std::string::npos)
      << elsewhere.status().message();
  ReachedServer other_server = *admitted;
  other_server.system_identifier = "1";
  EXPECT_FALSE(OpenPostgresSource(pg_.Uri("identity_a"), other_server).ok());
}

}  // namespace
}  // namespace veil
