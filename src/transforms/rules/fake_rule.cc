// `{fake: KIND}`: replaces each value by a fake of that kind, chosen by the keyed PRF
// from the original value (so the same name always gets the same fake under one
// secret). A fake that happens to equal its original is drawn again.
#include <algorithm>
#include <cctype>

#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"
#include "transforms/value_cache.h"

namespace veil {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

class FakeRule final : public Rule {
 public:
  FakeRule(KeyedPrf prf, const FakeKind& kind, std::optional<size_t> limit)
      : prf_(std::move(prf)), kind_(kind), limit_(limit) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view value) {
      const uint64_t hash = ValueCache::Hash(value);
      if (const std::string* cached = cache_.Find(value, hash)) {
        out.Append(*cached);
        return Status::Ok();
      }
      Generate(value);
      if (limit_ && scratch_.size() > *limit_) {
        return RowError(batch, row,
                        fmt::format("a fake {} does not fit the column's {} characters",
                                    kind_.name(), *limit_));
      }
      cache_.Store(value, hash, scratch_);
      out.Append(scratch_);
      return Status::Ok();
    });
  }

 private:
  void Generate(std::string_view value) {
    Digest random = prf_.Compute(value);
    for (int attempt = 0; attempt < 16; ++attempt) {
      scratch_.clear();
      kind_.Generate(random, value, scratch_);
      if (!EqualsIgnoringCase(scratch_, value)) return;
      random = prf_.Compute(std::string_view(reinterpret_cast<const char*>(random.data()), 32));
    }
  }

  KeyedPrf prf_;
  const FakeKind& kind_;
  std::optional<size_t> limit_;
  ValueCache cache_;
  std::string scratch_;
};

Result<std::unique_ptr<Rule>> MakeFake(const RuleSpec& spec, const RuleContext& context) {
  if (!spec.argument.IsScalar())
    return context.Error(spec, "fake takes a kind: {fake: first_name}");
  const auto name = spec.argument.as<std::string>();
  const FakeKind* kind = context.run.fakes->Find(name);
  if (kind == nullptr) {
    return context.Error(spec, fmt::format("unknown fake kind '{}' (known: {})", name,
                                           fmt::join(context.run.fakes->Names(), ", ")));
  }
  return std::unique_ptr<Rule>(
      std::make_unique<FakeRule>(context.Prf("fake/" + name), *kind, context.DeclaredLength()));
}

}  // namespace

void RegisterFakeRule(RuleRegistry& registry) {
  registry.Register("fake", MakeFake);
}

}  // namespace veil
