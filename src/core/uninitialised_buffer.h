// UninitialisedBuffer: a byte vector whose resize() leaves new bytes unwritten, for I/O
// buffers that are filled by read() or by the caller right after growing (zeroing a
// megabyte per reader would cost more than parsing a small file).
#pragma once

#include <memory>
#include <new>
#include <vector>

namespace veil {

template <typename T>
struct DefaultInitAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>& /*other*/) noexcept {}  // NOLINT
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;  // default-initialised: no zeroing
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

using UninitialisedBuffer = std::vector<char, DefaultInitAllocator<char>>;

}  // namespace veil
