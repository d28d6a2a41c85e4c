// `{fake: KIND}`: replaces each value by a fake of that kind, chosen by the keyed PRF
// from the original value (so the same name always gets the same fake under one
// secret). A fake that happens to equal its original is drawn again.
#include <algorithm>
#include <cctype>

#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"
#include "transforms/value_cache.h"

namespace veil {
namespace {

constexpr int kMaxDraws = 64;

void AppendLowerCase(std::string_view text, std::string& out) {
  out.clear();
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
}

class FakeRule final : public Rule {
 public:
  // `originals` holds values no fake may equal; may be null.
  FakeRule(KeyedPrf prf, const FakeKind& kind, std::optional<size_t> limit,
           const OriginalsFilter* originals)
      : prf_(std::move(prf)), kind_(kind), limit_(limit), originals_(originals) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view value) {
      const uint64_t hash = ValueCache::Hash(value);
      if (const std::string* cached = cache_.Find(value, hash)) {
        out.Append(*cached);
        return Status::Ok();
      }
      if (!Generate(value)) {
        return RowError(batch, row,
                        fmt::format("no fake {} differs from every original value "
                                    "of the source after {} draws",
                                    kind_.name(), kMaxDraws));
      }
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
  // Draws fakes until one differs from `value` and from every known original; false if
  // none did within kMaxDraws.
  bool Generate(std::string_view value) {
    Digest random = prf_.Compute(value);
    AppendLowerCase(value, lower_value_);
    for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
      scratch_.clear();
      kind_.Generate(random, value, scratch_);
      AppendLowerCase(scratch_, lower_fake_);
      if (lower_fake_ != lower_value_ &&
          (originals_ == nullptr || !originals_->MayContain(scratch_))) {
        return true;
      }
      random = prf_.Compute(std::string_view(reinterpret_cast<const char*>(random.data()), 32));
    }
    return false;
  }

  KeyedPrf prf_;
  const FakeKind& kind_;
  std::optional<size_t> limit_;
  const OriginalsFilter* originals_;
  ValueCache cache_;
  std::string scratch_;
  std::string lower_value_;
  std::string lower_fake_;
};

struct FakeArgs {
  std::string kind;
};

Result<FakeArgs> ParseFake(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsScalar()) return site.Error(spec, "fake takes a kind: {fake: first_name}");
  return FakeArgs{spec.argument.as<std::string>()};
}

Result<std::unique_ptr<Rule>> MakeFake(const FakeArgs& args, const RuleContext& context) {
  const std::string& name = args.kind;
  const FakeKind* kind = context.run.fakes->Find(name);
  if (kind == nullptr) {
    return context.Error(fmt::format("unknown fake kind '{}' (known: {})", name,
                                     fmt::join(context.run.fakes->Names(), ", ")));
  }
  const OriginalsFilter* originals = nullptr;
  if (kind->CanEqualRealValues()) {
    originals = &context.run.fake_originals;
    context.run.originals_to_scan.push_back({context.schema.name, context.column_index});
  }
  return std::unique_ptr<Rule>(std::make_unique<FakeRule>(context.Prf("fake/" + name), *kind,
                                                          context.DeclaredLength(), originals));
}

}  // namespace

void RegisterFakeRule(RuleRegistry& registry) {
  registry.Register<FakeArgs>(rule_kind::kFake, ParseFake, MakeFake);
}

}  // namespace veil
