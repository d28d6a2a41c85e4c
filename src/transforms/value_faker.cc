#include "transforms/value_faker.h"

#include <cctype>

namespace veil {
namespace {

void AppendLowerCase(std::string_view text, std::string& out) {
  out.clear();
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
}

}  // namespace

const std::string* ValueFaker::Fake(std::string_view value) {
  const uint64_t hash = ValueCache::Hash(value);
  if (const std::string* cached = cache_.Find(value, hash)) return cached;
  if (!Generate(value)) return nullptr;
  cache_.Store(value, hash, scratch_);
  return &scratch_;
}

bool ValueFaker::Generate(std::string_view value) {
  Digest random = prf_.Compute(value);
  AppendLowerCase(value, lower_value_);
  for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
    scratch_.clear();
    kind_.Generate(random, value, scratch_);
    AppendLowerCase(scratch_, lower_fake_);
    if (lower_fake_ != lower_value_ &&
        (originals_ == nullptr || !originals_->MayContain(scratch_)) &&
        (!acceptable_ || acceptable_(scratch_))) {
      return true;
    }
    random = prf_.Compute(std::string_view(reinterpret_cast<const char*>(random.data()), 32));
  }
  return false;
}

}  // namespace veil
