#include "transforms/originals_filter.h"

#include <functional>

namespace veil {

uint64_t OriginalsFilter::FoldedHash(std::string_view value) {
  char folded[64];
  std::string long_folded;
  char* out = folded;
  if (value.size() > sizeof folded) {
    long_folded.resize(value.size());
    out = long_folded.data();
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    out[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
  }
  const uint64_t hash = std::hash<std::string_view>{}(std::string_view(out, value.size()));
  return hash == 0 ? 1 : hash;
}

void OriginalsFilter::Add(std::string_view value) {
  if (value.empty()) return;
  Insert(FoldedHash(value));
}

void OriginalsFilter::Insert(uint64_t hash) {
  if ((used_ + 1) * 2 > slots_.size()) Grow();
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return;
    if (slots_[i] == 0) {
      slots_[i] = hash;
      ++used_;
      return;
    }
  }
}

void OriginalsFilter::Grow() {
  std::vector<uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 256 : old.size() * 2, 0);
  used_ = 0;
  for (uint64_t hash : old) {
    if (hash != 0) Insert(hash);
  }
}

bool OriginalsFilter::MayContain(std::string_view value) const {
  if (slots_.empty() || value.empty()) return false;
  const uint64_t hash = FoldedHash(value);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    if (slots_[i] == hash) return true;
    if (slots_[i] == 0) return false;
  }
}

}  // namespace veil
