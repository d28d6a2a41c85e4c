// Interrupts (src/cli/interrupts.h): the exit status and message of an interrupted
// process, and the wait while output is being published. Each case runs in a death-test
// child, since an interrupt ends the process.
#include "cli/interrupts.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace veil {
namespace {

using namespace std::chrono_literals;

class InterruptsTest : public ::testing::Test {
 protected:
  void SetUp() override { GTEST_FLAG_SET(death_test_style, "threadsafe"); }
};

[[noreturn]] void WaitToBeEnded() {
  std::this_thread::sleep_for(10s);
  std::fprintf(stderr, "still running\n");
  std::_Exit(0);
}

TEST_F(InterruptsTest, SigintBeforePublishingExits130SayingNothingWasWritten) {
  EXPECT_EXIT(
      {
        auto interrupts = Interrupts::Start();
        if (!interrupts.ok()) std::_Exit(3);
        ::kill(::getpid(), SIGINT);
        WaitToBeEnded();
      },
      ::testing::ExitedWithCode(130), "^veil: interrupted by SIGINT; nothing was written\n$");
}

TEST_F(InterruptsTest, SigtermDuringPublishingWaitsForItThenSaysTheOutputWasWritten) {
  EXPECT_EXIT(
      {
        auto interrupts = Interrupts::Start();
        if (!interrupts.ok()) std::_Exit(3);
        (*interrupts)->BeginPublishing();
        ::kill(::getpid(), SIGTERM);
        std::this_thread::sleep_for(300ms);
        std::fprintf(stderr, "published\n");
        (*interrupts)->EndPublishing(true);
        WaitToBeEnded();
      },
      ::testing::ExitedWithCode(143),
      "^published\nveil: interrupted by SIGTERM after the output was written\n$");
}

TEST_F(InterruptsTest, AFailedPublishingStepStillCountsAsNothingWritten) {
  EXPECT_EXIT(
      {
        auto interrupts = Interrupts::Start();
        if (!interrupts.ok()) std::_Exit(3);
        (*interrupts)->BeginPublishing();
        (*interrupts)->EndPublishing(false);
        ::kill(::getpid(), SIGTERM);
        WaitToBeEnded();
      },
      ::testing::ExitedWithCode(143), "^veil: interrupted by SIGTERM; nothing was written\n$");
}

TEST_F(InterruptsTest, AForkedChildIgnoresTheSignalsSoThatItCanCleanUp) {
  EXPECT_EXIT(
      {
        auto interrupts = Interrupts::Start();
        if (!interrupts.ok()) std::_Exit(3);
        const pid_t child = ::fork();
        if (child == 0) {  // like a guardian: survives the signal, exits on its own
          ::kill(::getpid(), SIGINT);
          std::_Exit(7);
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        std::fprintf(stderr, "child %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(0), "^child 7\n$");
}

TEST_F(InterruptsTest, DestroyingItRestoresTheDefaultHandling) {
  EXPECT_EXIT(
      {
        { auto interrupts = Interrupts::Start(); }
        ::kill(::getpid(), SIGTERM);
        WaitToBeEnded();
      },
      ::testing::KilledBySignal(SIGTERM), "");
}

}  // namespace
}  // namespace veil
