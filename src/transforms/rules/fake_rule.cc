// `{fake: KIND}`: replaces each value by a fake of that kind, chosen by the keyed PRF
// from the original value (so the same name always gets the same fake under one
// secret). A fake that happens to equal its original is drawn again.
#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"
#include "transforms/value_faker.h"

namespace veil {
namespace {

class FakeRule final : public Rule {
 public:
  FakeRule(ValueFaker faker, std::optional<size_t> limit)
      : faker_(std::move(faker)), limit_(limit) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view value) {
      const std::string* fake = faker_.Fake(value);
      if (fake == nullptr) {
        return RowError(batch, row,
                        fmt::format("no fake {} differs from every original value "
                                    "of the source after {} draws",
                                    faker_.kind().name(), ValueFaker::kMaxDraws));
      }
      if (limit_ && fake->size() > *limit_) {
        return RowError(batch, row,
                        fmt::format("a fake {} does not fit the column's {} characters",
                                    faker_.kind().name(), *limit_));
      }
      out.Append(*fake);
      return Status::Ok();
    });
  }

 private:
  ValueFaker faker_;
  std::optional<size_t> limit_;
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
  return std::unique_ptr<Rule>(std::make_unique<FakeRule>(
      ValueFaker(context.Prf("fake/" + name), *kind, originals), context.DeclaredLength()));
}

}  // namespace

void RegisterFakeRule(RuleRegistry& registry) {
  registry.Register<FakeArgs>(rule_kind::kFake, ParseFake, MakeFake);
}

}  // namespace veil
