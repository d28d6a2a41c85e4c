// `{pseudonymise: ENTITY}`: replaces each value by a keyed pseudonym in the entity's
// format. HMAC-SHA-256 under a key derived from the secret and the entity's name, so
// equal values get equal pseudonyms in every table and run with the same secret, and
// unrelated ones under another secret. Collisions within a run are errors.
#include <cmath>
#include <functional>

#include "policy/rule_kinds.h"
#include "transforms/entity_digests.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

constexpr std::string_view kAlnum =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kHex = "0123456789abcdef";
constexpr std::string_view kUpperAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

std::string_view AlphabetChars(PseudonymAlphabet alphabet) {
  switch (alphabet) {
    case PseudonymAlphabet::kAlnum:
      return kAlnum;
    case PseudonymAlphabet::kDigits:
      return kDigits;
    case PseudonymAlphabet::kHex:
      return kHex;
    case PseudonymAlphabet::kUpperAlnum:
      return kUpperAlnum;
  }
  return kAlnum;
}

// Characters are the base-A digits of successive 64-bit words of the entity digest,
// eight per word (at most 48 of the 64 bits), so every character is uniform to within
// 2^-16. Only words 0-2 are used (word 3 belongs to the date shift); longer pseudonyms
// continue in EntityDigests::Extend.
class PseudonymEncoder {
 public:
  explicit PseudonymEncoder(const PseudonymFormat& format)
      : format_(format), chars_(AlphabetChars(format.alphabet)) {
    // A digits pseudonym never starts with 0, so it survives a trip through an integer
    // column unchanged.
    const double first = digits() ? std::log2(9.0) : std::log2(static_cast<double>(chars_.size()));
    space_bits_ = first + (format.length - 1) * std::log2(static_cast<double>(chars_.size()));
  }

  bool digits() const { return format_.alphabet == PseudonymAlphabet::kDigits; }
  double space_bits() const { return space_bits_; }
  size_t length() const { return format_.prefix.size() + static_cast<size_t>(format_.length); }

  // Appends the pseudonym to `out` and returns a 64-bit key identifying it.
  uint64_t Encode(const EntityDigests& digests, const Digest& digest, std::string& out) const {
    out.append(format_.prefix);
    uint64_t key = 0;
    Digest current = digest;
    size_t word = 0;
    uint64_t x = DigestWord(current, 0);
    const uint64_t radix = chars_.size();
    for (int i = 0; i < format_.length; ++i) {
      if (i > 0 && i % 8 == 0) {
        if (++word == EntityDigests::kPseudonymWords) {
          current = digests.Extend(current);
          word = 0;
        }
        x = DigestWord(current, word * 8);
      }
      const bool leading_digit = i == 0 && digits();
      const auto product = static_cast<unsigned __int128>(x) * (leading_digit ? 9 : radix);
      const uint64_t index = static_cast<uint64_t>(product >> 64) + (leading_digit ? 1 : 0);
      x = static_cast<uint64_t>(product);
      out.push_back(chars_[index]);
      key = key * radix + index;
    }
    return key;
  }

 private:
  PseudonymFormat format_;
  std::string_view chars_;
  double space_bits_ = 0;
};

class PseudonymiseRule final : public Rule {
 public:
  PseudonymiseRule(EntityDigests& digests, const PseudonymFormat& format, PseudonymTracker& tracker)
      : digests_(digests), encoder_(format), tracker_(tracker) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    const Column& in = batch.columns[column];
    pending_.clear();
    const std::vector<Digest>& digests = digests_.ForColumn(batch, column);
    VEIL_RETURN_IF_ERROR(ForEachValue(batch, column, out, [&](size_t row, std::string_view) {
      const Digest& digest = digests[row];
      std::string& buffer = out.buffer();
      const size_t start = buffer.size();
      uint64_t key = encoder_.Encode(digests_, digest, buffer);
      if (encoder_.space_bits() > 64) {
        key = std::hash<std::string_view>{}(std::string_view(buffer).substr(start));
      }
      pending_.push_back({key, DigestWord(digest, EntityDigests::kShiftWordOffset)});
      out.CommitCell(OutputKind(in.kind(row)));
      return Status::Ok();
    }));
    return tracker_.Record(pending_);
  }

 private:
  CellKind OutputKind(CellKind input) const {
    const bool integer = encoder_.digits() && encoder_.length() <= 18;
    return (input == CellKind::kInteger && integer) ? CellKind::kInteger : CellKind::kText;
  }

  EntityDigests& digests_;
  PseudonymEncoder encoder_;
  PseudonymTracker& tracker_;
  std::vector<PseudonymTracker::Entry> pending_;
};

struct PseudonymiseArgs {
  std::string entity;
};

Result<PseudonymiseArgs> ParsePseudonymise(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsScalar()) {
    return site.Error(spec, "pseudonymise takes the name of an entity: {pseudonymise: person}");
  }
  return PseudonymiseArgs{spec.argument.as<std::string>()};
}

Result<std::unique_ptr<Rule>> MakePseudonymise(const PseudonymiseArgs& args,
                                               const RuleContext& context) {
  const std::string& name = args.entity;
  VEIL_ASSIGN_OR_RETURN(const EntityPolicy* entity, context.Entity(name));
  PseudonymEncoder encoder(entity->pseudonym);
  if (const auto limit = context.DeclaredLength(); limit && encoder.length() > *limit) {
    return context.Error(
        fmt::format("pseudonyms of '{}' are {} characters but the column "
                    "allows {}; shorten the entity's pseudonym",
                    name, encoder.length(), *limit));
  }
  if (context.IntegerColumn() &&
      (!encoder.digits() || !entity->pseudonym.prefix.empty() || encoder.length() > 18)) {
    return context.Error(
        fmt::format("the column holds integers but pseudonyms of '{}' "
                    "are not; give the entity `alphabet: digits`, no "
                    "prefix and a length of at most 18",
                    name));
  }
  auto& tracker = context.run.trackers[name];
  if (!tracker) tracker = std::make_unique<PseudonymTracker>(name, encoder.space_bits());
  return std::unique_ptr<Rule>(
      std::make_unique<PseudonymiseRule>(context.DigestsFor(name), entity->pseudonym, *tracker));
}

}  // namespace

void RegisterPseudonymiseRule(RuleRegistry& registry) {
  registry.Register<PseudonymiseArgs>(rule_kind::kPseudonymise, ParsePseudonymise,
                                      MakePseudonymise);
}

}  // namespace veil
