// LeakHugeArray: an uninitialised array of a trivial type, backed by transparent huge
// pages where the system allows it (Linux, THP in "madvise" or "always" mode), for the
// leak scanner's large arrays (hundreds of megabytes for millions of patterns).
//
// With 4 KiB pages, filling such an array costs a page fault per 4 KiB (expensive in a
// virtual machine) and reading it at random misses the TLB nearly every time; 2 MiB pages
// remove most of both. Arrays under 2 MiB, and systems without THP, get ordinary memory.
#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>

namespace veil {

struct LeakHugeFree {
  void operator()(void* memory) const;
};

template <typename T>
using LeakHugeArray = std::unique_ptr<T[], LeakHugeFree>;

// `bytes` bytes (at least 1), aligned for any trivial type, uninitialised. Throws
// std::bad_alloc if memory is refused.
void* AllocateLeakHuge(size_t bytes);

// `count` uninitialised elements.
template <typename T>
LeakHugeArray<T> MakeLeakHugeArray(size_t count) {
  static_assert(std::is_trivial_v<T>);
  return LeakHugeArray<T>(static_cast<T*>(AllocateLeakHuge(count * sizeof(T))));
}

}  // namespace veil
