// End-to-end: `veil anonymise --verify` publishes a copy only once it passed its
// verification, so that a run killed at any moment (kill -9) leaves either nothing or a
// copy that passes `veil verify`, and never a temporary file. Also: two runs writing the
// same missing target at once, one of which wins.
#include <random>

#include "e2e/e2e_support.h"
#include "e2e/publish_support.h"

namespace veil::e2e {
namespace {

using std::chrono::milliseconds;

const std::map<std::string, std::string> kEnv = {{"VEIL_SECRET", "publish-secret-0123456789"}};

// Every 50th note names the person's e-mail: keeping notes fails verification.
std::string PolicyKeepingNotes(bool keep) {
  return std::string(R"(version: 1
secret: {env: VEIL_SECRET}
entities:
  person:
    pseudonym: {alphabet: digits, length: 12}
tables:
  people:
    keys: {person: id}
    columns:
      id: {pseudonymise: person}
      name: {fake: full_name}
      email: {fake: email}
      note: )") +
         (keep ? "keep\n" : "drop\n");
}

void WritePeople(const fs::path& path, int rows) {
  std::ofstream out(path);
  out << "id,name,email,note\n";
  for (int i = 1; i <= rows; ++i) {
    out << i << ",Person Number" << i << ",person" << i << "@mailbox.co.uk,";
    out << (i % 50 == 0 ? "wrote to person" + std::to_string(i) + "@mailbox.co.uk"
                        : std::string("routine visit"))
        << "\n";
  }
}

bool HasTemporary(const ScratchDir& dir) {
  for (const auto& name : dir.Entries()) {
    if (name.find(".veil-") != std::string::npos) return true;
  }
  return false;
}

class VerifyPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WritePeople(dir_ / "people.csv", 30000);
    std::ofstream(dir_ / "leaks.yaml") << PolicyKeepingNotes(true);
    std::ofstream(dir_ / "passes.yaml") << PolicyKeepingNotes(false);
  }

  std::vector<std::string> Args(const std::string& policy, const fs::path& target) const {
    return {"anonymise", "-q", "--verify", "--policy", dir_ / policy, dir_ / "people.csv", target};
  }

  // Kills runs of `policy` at 20 random moments over an uninterrupted run's duration and
  // checks each time what is left at the target.
  void KillAtRandomMoments(const std::string& policy, bool passes) {
    const fs::path target = dir_ / "out.sqlite";
    const auto start = std::chrono::steady_clock::now();
    const auto whole = RunVeil(Args(policy, target), kEnv);
    const double seconds = SecondsSince(start);
    ASSERT_EQ(whole.exit_code, passes ? 0 : 1) << whole.out << whole.err;
    ASSERT_EQ(fs::exists(target), passes);
    fs::remove(target);
    std::mt19937 random(20261202);
    std::uniform_real_distribution<double> moment(0.0, seconds * 1.1);
    for (int i = 0; i < 20; ++i) {
      const double at = moment(random);
      {
        KillableVeil run(Args(policy, target), kEnv);
        std::this_thread::sleep_for(std::chrono::duration<double>(at));
      }  // killed here, if still running
      EXPECT_TRUE(PollUntil([&] { return !HasTemporary(dir_); }, milliseconds(5000)))
          << "a temporary file is left after a kill at " << at << " s of " << seconds << " s";
      if (!passes) {
        EXPECT_FALSE(fs::exists(target)) << "a failing copy was published; killed at " << at;
        fs::remove(target);
      } else if (fs::exists(target)) {
        const auto verified =
            RunVeil({"verify", "--policy", dir_ / policy, dir_ / "people.csv", target}, kEnv);
        EXPECT_EQ(verified.exit_code, 0) << "killed at " << at << ": " << verified.err;
        fs::remove(target);
      }
    }
  }

  ScratchDir dir_;
};

TEST_F(VerifyPublishTest, AKilledRunNeverLeavesACopyThatFailsVerification) {
  KillAtRandomMoments("leaks.yaml", false);
}

TEST_F(VerifyPublishTest, AKilledRunLeavesNothingOrAVerifiedCopy) {
  KillAtRandomMoments("passes.yaml", true);
}

TEST_F(VerifyPublishTest, OfTwoRunsWritingTheSameTargetOneWins) {
  const fs::path target = dir_ / "out.sqlite";
  int codes[2];
  {
    KillableVeil first(Args("passes.yaml", target), kEnv);
    KillableVeil second(Args("passes.yaml", target), kEnv);
    codes[0] = first.Wait();
    codes[1] = second.Wait();
  }
  EXPECT_EQ(std::min(codes[0], codes[1]), 0);
  EXPECT_EQ(std::max(codes[0], codes[1]), 1);
  EXPECT_TRUE(fs::exists(target));
  EXPECT_FALSE(HasTemporary(dir_));
  const auto verified =
      RunVeil({"verify", "--policy", dir_ / "passes.yaml", dir_ / "people.csv", target}, kEnv);
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
}

}  // namespace
}  // namespace veil::e2e
