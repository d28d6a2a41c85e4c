// ValueFaker: the fake of one kind for an original value, as `{fake: KIND}` makes it —
// chosen by the keyed PRF from the original, drawn again while it equals the original
// (case-insensitively) or any known original value. Shared by the fake rule and by
// `redact`, so a name replaced inside text gets the fake its own column gives it.
// Keeps a cache; one instance serves one thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/keyed_prf.h"
#include "transforms/fakes/fake_kind.h"
#include "transforms/originals_filter.h"
#include "transforms/value_cache.h"

namespace veil {

class ValueFaker {
 public:
  static constexpr int kMaxDraws = 64;

  // `prf` must be the run's PRF for "fake/" + kind's name; `originals` may be null.
  // `kind` and `originals` must outlive the faker.
  ValueFaker(KeyedPrf prf, const FakeKind& kind, const OriginalsFilter* originals)
      : prf_(std::move(prf)), kind_(kind), originals_(originals) {}

  // The fake for `value`, valid until the next call; nullptr when none of kMaxDraws
  // draws differed from every original.
  const std::string* Fake(std::string_view value);

  // Further fakes must also pass `acceptable` (see redact, whose replacements must not
  // hold a known original as a word). Set once, before the first Fake().
  void AlsoRequire(std::function<bool(std::string_view)> acceptable) {
    acceptable_ = std::move(acceptable);
  }

  const FakeKind& kind() const { return kind_; }

 private:
  bool Generate(std::string_view value);

  KeyedPrf prf_;
  const FakeKind& kind_;
  const OriginalsFilter* originals_;
  std::function<bool(std::string_view)> acceptable_;
  ValueCache cache_;
  std::string scratch_;
  std::string lower_value_;
  std::string lower_fake_;
};

}  // namespace veil
