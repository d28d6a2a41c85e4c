#include "core/bounded_queue.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace veil {
namespace {

TEST(BoundedQueueTest, DeliversEveryItemInOrderAcrossThreads) {
  BoundedQueue<int> queue(2);
  std::thread producer([&] {
    for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(queue.Push(i));
    queue.Close();
  });
  std::vector<int> seen;
  while (auto item = queue.Pop()) seen.push_back(*item);
  producer.join();
  ASSERT_EQ(seen.size(), 10'000u);
  for (int i = 0; i < 10'000; ++i) EXPECT_EQ(seen[i], i);
}

TEST(BoundedQueueTest, CloseDrainsButAbortDropsAndWakesEveryone) {
  BoundedQueue<int> closed(4);
  ASSERT_TRUE(closed.Push(1));
  closed.Close();
  EXPECT_FALSE(closed.Push(2));
  EXPECT_EQ(closed.Pop(), 1);
  EXPECT_EQ(closed.Pop(), std::nullopt);

  BoundedQueue<int> full(1);
  ASSERT_TRUE(full.Push(1));
  bool pushed = true;
  std::thread blocked([&] { pushed = full.Push(2); });  // waits: the queue is full
  full.Abort();
  blocked.join();
  EXPECT_FALSE(pushed);
  EXPECT_EQ(full.Pop(), std::nullopt);
}

}  // namespace
}  // namespace veil
