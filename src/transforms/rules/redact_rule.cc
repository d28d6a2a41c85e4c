// `redact` / `{redact: {replace: fake|tag, entity: ENTITY}}`: keeps free text and
// replaces the personal data inside it (transforms/redact/span_finder.h), byte for byte
// elsewhere.
//   * An original value of an identifying column becomes what its own column made of it
//     (the child's name in a note becomes the child's fake name, their id its pseudonym);
//     an original of a column the policy nulls or drops becomes "[REDACTED]".
//   * A recognised e-mail, phone, postcode, NHS number, UPN, NI number, IP address or
//     listed name becomes a fake of its kind, the one `{fake: KIND}` gives that value.
//   * A date moves by the date shift of the row's entity: the `entity` argument, or else
//     the entity the table's date_shift columns use, or the one entity keyed in the
//     table that has a date_shift range. Without one, dates become "[DATE]".
// With `replace: tag` every span becomes a tag instead ("[NAME]", "[PHONE]", "[PERSON]").
#include <array>
#include <optional>
#include <set>

#include "core/utf8.h"
#include "policy/rule_kinds.h"
#include "transforms/redact/span_finder.h"
#include "transforms/redact/text_date.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"
#include "transforms/rules/day_offset.h"
#include "transforms/value_faker.h"

namespace veil {
namespace {

constexpr size_t kKindCount = static_cast<size_t>(SpanKind::kWholeText) + 1;

// The date shift of each row's entity, when the rule has one.
struct RowDateShift {
  EntityDigests* digests = nullptr;
  size_t key_column = 0;
  DayRange range{};
};

class RedactRule final : public Rule {
 public:
  RedactRule(PersonalSpanFinder finder, const KnownOriginals& originals,
             std::array<std::optional<ValueFaker>, kKindCount> fakers, bool tags,
             std::optional<RowDateShift> shift, std::optional<size_t> limit)
      : finder_(std::move(finder)),
        originals_(originals),
        fakers_(std::move(fakers)),
        tags_(tags),
        shift_(shift),
        limit_(limit) {
    for (auto& faker : fakers_) {
      if (faker)
        faker->AlsoRequire([this](std::string_view fake) { return !HoldsKnownOriginal(fake); });
    }
  }

  // True when some known original is a word sequence of `text`.
  bool HoldsKnownOriginal(std::string_view text) {
    if (originals_.empty()) return false;
    SplitWords(text, replacement_words_);
    for (size_t i = 0; i < replacement_words_.size(); ++i) {
      if (originals_.LongestAt(replacement_words_, i).words > 0) return true;
    }
    return false;
  }

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    const std::vector<Digest>* digests =
        shift_ ? &shift_->digests->ForColumn(batch, shift_->key_column) : nullptr;
    return ForEachValue(batch, column, out, [&](size_t row, std::string_view text) {
      std::optional<int> offset;
      if (digests != nullptr && !IsEmptyCell(batch.columns[shift_->key_column], row)) {
        offset =
            DayOffset(DigestWord((*digests)[row], EntityDigests::kShiftWordOffset), shift_->range);
      }
      redacted_.clear();
      faked_ = tag_fakes_ = false;
      VEIL_RETURN_IF_ERROR(Redact(batch, row, text, offset));
      // Replacements made word by word can line up into somebody's original ("Rosie"
      // then "Atkins"): the text is redacted again with tags for them.
      if (faked_ && HoldsKnownOriginal(redacted_)) {
        redacted_.clear();
        tag_fakes_ = true;
        VEIL_RETURN_IF_ERROR(Redact(batch, row, text, offset));
      }
      if (limit_ && CountCodePoints(redacted_) > *limit_) {
        return RowError(
            batch, row,
            fmt::format("the redacted text does not fit the column's {} characters", *limit_));
      }
      out.Append(redacted_);
      return Status::Ok();
    });
  }

 private:
  Status Redact(const Batch& batch, size_t row, std::string_view text, std::optional<int> offset) {
    size_t at = 0;
    for (const TextSpan& span : finder_.Find(text)) {
      redacted_.append(text.substr(at, span.begin - at));
      VEIL_RETURN_IF_ERROR(
          Replace(batch, row, span, text.substr(span.begin, span.end - span.begin), offset));
      at = span.end;
    }
    redacted_.append(text.substr(at));
    return Status::Ok();
  }

  Status Replace(const Batch& batch, size_t row, const TextSpan& span, std::string_view original,
                 std::optional<int> offset) {
    if (span.kind == SpanKind::kKnownOriginal) {
      faked_ = true;
      std::string_view replacement = tags_ || tag_fakes_ ? originals_.Tag(span.detail)
                                                         : originals_.Replacement(span.detail);
      // A column's fake can hold another person's original as a word ("chloe.jones@..."
      // when a child is called Chloe): inside text that is a leak, so the tag is used.
      if (replacement.empty() || (!tags_ && HoldsKnownOriginal(replacement))) {
        replacement = tags_ ? InfoOf(span.kind).tag : originals_.Tag(span.detail);
      }
      redacted_.append(replacement);
      return Status::Ok();
    }
    if (span.kind == SpanKind::kDate && !tags_ && offset) {
      if (const auto date = TextDate::Read(original)) {
        date->Write(date->day() + std::chrono::days(*offset), redacted_);
        return Status::Ok();
      }
    }
    auto& faker = fakers_[static_cast<size_t>(span.kind)];
    if (tags_ || tag_fakes_ || !faker) {
      redacted_.append(InfoOf(span.kind).tag);
      return Status::Ok();
    }
    const std::string* fake = faker->Fake(original);
    if (fake == nullptr) {
      return RowError(batch, row,
                      fmt::format("no fake {} for a value found in the text differs from every "
                                  "original value of the source after {} draws",
                                  faker->kind().name(), ValueFaker::kMaxDraws));
    }
    redacted_.append(*fake);
    faked_ = true;
    return Status::Ok();
  }

  PersonalSpanFinder finder_;
  const KnownOriginals& originals_;
  std::vector<TextWord> replacement_words_;
  std::array<std::optional<ValueFaker>, kKindCount> fakers_;
  bool tags_;
  std::optional<RowDateShift> shift_;
  std::optional<size_t> limit_;
  std::string redacted_;
  bool faked_ = false;      // the current text holds a replacement other than a tag
  bool tag_fakes_ = false;  // every span but dates gets a tag (replacements met an original)
};

struct RedactArgs {
  bool tags = false;
  std::optional<std::string> entity;
};

Result<RedactArgs> ParseRedact(const RuleSpec& spec, const RuleSite& site) {
  RedactArgs args;
  const auto& arg = spec.argument;
  if (!arg || arg.IsNull()) return args;
  if (!arg.IsMap()) {
    return site.Error(spec, "redact takes no argument or {replace: fake|tag, entity: ENTITY}");
  }
  for (const auto& [key, value] : arg.entries()) {
    const std::string name = key.as<std::string>();
    if (name == "replace") {
      const std::string replace = value.as<std::string>();
      if (replace != "fake" && replace != "tag") {
        return site.Error(spec, "redact's replace is fake or tag");
      }
      args.tags = replace == "tag";
    } else if (name == "entity") {
      args.entity = value.as<std::string>();
    } else {
      return site.Error(spec,
                        fmt::format("redact has no option '{}' (options: replace, entity)", name));
    }
  }
  return args;
}

// The entity whose date shift moves the dates in the text: the one named; else the one
// entity that the table's `{date_shift: ENTITY}` columns use; else the only entity keyed
// in the table that has a date_shift range; none otherwise.
std::optional<std::string> DateEntityOf(const RedactArgs& args, const RuleContext& context) {
  if (args.entity) return args.entity;
  std::set<std::string> used;
  for (const auto& [column, spec] : context.table.columns) {
    if (spec.kind == rule_kind::kDateShift && spec.argument.IsScalar()) {
      used.insert(spec.argument.as<std::string>());
    }
  }
  if (used.size() == 1) return *used.begin();
  std::vector<std::string> keyed;
  for (const auto& [entity, column] : context.table.keys) {
    const auto it = context.run.policy->entities.find(entity);
    if (it != context.run.policy->entities.end() && it->second.date_shift) keyed.push_back(entity);
  }
  if (keyed.size() == 1) return keyed.front();
  return std::nullopt;
}

Result<std::optional<RowDateShift>> DateShiftOf(const RedactArgs& args,
                                                const RuleContext& context) {
  const std::optional<std::string> name = DateEntityOf(args, context);
  if (!name) return std::optional<RowDateShift>();
  VEIL_ASSIGN_OR_RETURN(const EntityPolicy* entity, context.Entity(*name));
  if (!entity->date_shift) {
    return context.Error(
        fmt::format("entity '{}' has no date_shift range to move dates by", *name));
  }
  VEIL_ASSIGN_OR_RETURN(size_t key_column, context.EntityKeyColumn(*name));
  return std::optional<RowDateShift>(
      RowDateShift{&context.DigestsFor(*name), key_column, *entity->date_shift});
}

Result<std::unique_ptr<Rule>> MakeRedact(const RedactArgs& args, const RuleContext& context) {
  RunResources& run = context.run;
  if (!run.text_patterns) {
    VEIL_ASSIGN_OR_RETURN(run.text_patterns, PatternRecognisers::Compile());
  }
  if (!run.text_names) {
    VEIL_ASSIGN_OR_RETURN(run.text_names, NameFinder::Load());
  }
  run.wants_known_originals = true;
  VEIL_ASSIGN_OR_RETURN(auto shift, DateShiftOf(args, context));
  VEIL_ASSIGN_OR_RETURN(auto finder, PersonalSpanFinder::Make(run.known_originals,
                                                              run.text_patterns, run.text_names));
  std::array<std::optional<ValueFaker>, kKindCount> fakers;
  for (size_t k = 0; k < kKindCount; ++k) {
    const std::string_view name = InfoOf(static_cast<SpanKind>(k)).fake;
    const FakeKind* kind = name.empty() ? nullptr : run.fakes->Find(name);
    if (kind == nullptr) continue;
    fakers[k].emplace(context.Prf("fake/" + std::string(name)), *kind,
                      kind->CanEqualRealValues() ? &run.fake_originals : nullptr);
  }
  return std::unique_ptr<Rule>(std::make_unique<RedactRule>(std::move(finder), run.known_originals,
                                                            std::move(fakers), args.tags, shift,
                                                            context.DeclaredLength()));
}

}  // namespace

void RegisterRedactRule(RuleRegistry& registry) {
  registry.Register<RedactArgs>(rule_kind::kRedact, ParseRedact, MakeRedact);
}

}  // namespace veil
