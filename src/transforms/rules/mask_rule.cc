// `{mask: {keep_last: N}}`: every character but the last N becomes '*'. Characters are
// UTF-8 code points, so a masked name keeps its length in characters.
#include "core/utf8.h"
#include "policy/rule_kinds.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

class MaskRule final : public Rule {
 public:
  explicit MaskRule(size_t keep_last) : keep_last_(keep_last) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    return ForEachValue(batch, column, out, [&](size_t, std::string_view text) {
      // Find where the last keep_last_ code points start.
      size_t start = text.size();
      for (size_t kept = 0; kept < keep_last_ && start > 0;) {
        --start;
        if (!IsUtf8Continuation(text[start])) ++kept;
      }
      std::string& buffer = out.buffer();
      for (size_t j = 0; j < start; ++j) {
        if (!IsUtf8Continuation(text[j])) buffer.push_back('*');
      }
      buffer.append(text.substr(start));
      out.CommitCell(CellKind::kText);
      return Status::Ok();
    });
  }

 private:
  size_t keep_last_;
};

struct MaskArgs {
  size_t keep_last = 0;
};

Result<MaskArgs> ParseMask(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsMap() || !spec.argument["keep_last"]) {
    return site.Error(spec, "mask needs {keep_last: N}");
  }
  const int keep_last = spec.argument["keep_last"].as<int>();
  if (keep_last < 0) return site.Error(spec, "keep_last must be 0 or more");
  return MaskArgs{static_cast<size_t>(keep_last)};
}

Result<std::unique_ptr<Rule>> MakeMask(const MaskArgs& args, const RuleContext&) {
  return std::unique_ptr<Rule>(std::make_unique<MaskRule>(args.keep_last));
}

}  // namespace

void RegisterMaskRule(RuleRegistry& registry) {
  registry.Register<MaskArgs>(rule_kind::kMask, ParseMask, MakeMask);
}

}  // namespace veil
