#include "verify/leak/huge_array.h"

#include <algorithm>
#include <cstdlib>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace veil {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

}  // namespace

void* AllocateLeakHuge(size_t bytes) {
  constexpr size_t kAlign = alignof(std::max_align_t);
  const bool huge = bytes >= kHugePage;
  const size_t align = huge ? kHugePage : kAlign;
  // aligned_alloc wants a multiple of the alignment.
  const size_t size = (std::max<size_t>(bytes, 1) + align - 1) / align * align;
  void* memory = std::aligned_alloc(align, size);
  if (memory == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (huge) madvise(memory, size, MADV_HUGEPAGE);  // advice only: failure is harmless
#endif
  return memory;
}

void LeakHugeFree::operator()(void* memory) const {
  std::free(memory);
}

}  // namespace veil
