// ThreadsFor (src/core/thread_count.h): what a `jobs` setting means in threads.
#include "core/thread_count.h"

#include <gtest/gtest.h>

#include <thread>

namespace veil {
namespace {

TEST(ThreadsForTest, APositiveJobsIsTheThreadCount) {
  EXPECT_EQ(ThreadsFor(1), 1);
  EXPECT_EQ(ThreadsFor(7), 7);
  EXPECT_EQ(ThreadsFor(256), 256);
}

TEST(ThreadsForTest, ZeroOrLessMeansOnePerCore) {
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  EXPECT_EQ(ThreadsFor(0), cores);
  EXPECT_EQ(ThreadsFor(-3), cores);
}

}  // namespace
}  // namespace veil
