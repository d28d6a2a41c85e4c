// BoundedQueue: a blocking first-in first-out queue of at most `capacity` items, for
// handing batches between the threads of a pipeline.
//
// Push blocks while the queue is full; Pop blocks while it is empty. Close() says no more
// items will come: Pop still returns the items queued, then nullopt. Abort() ends the
// queue at once: Push returns false and Pop returns nullopt from then on, so every
// thread blocked on it wakes. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace veil {

template <typename T>
class BoundedQueue {
 public:
  explicit BoundedQueue(size_t capacity) : capacity_(capacity) {}

  // False if the queue was aborted or closed (the item is dropped).
  bool Push(T item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return aborted_ || closed_ || items_.size() < capacity_; });
    if (aborted_ || closed_) return false;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
    return true;
  }

  // The next item; nullopt once the queue is closed and drained, or aborted.
  std::optional<T> Pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return aborted_ || closed_ || !items_.empty(); });
    if (aborted_ || items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  void Close() { End(closed_); }
  void Abort() { End(aborted_); }

 private:
  void End(bool& flag) {
    std::lock_guard lock(mutex_);
    flag = true;
    not_full_.notify_all();
    not_empty_.notify_all();
  }

  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<T> items_;
  bool closed_ = false;
  bool aborted_ = false;
};

}  // namespace veil
