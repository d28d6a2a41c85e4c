#include "generate/column_roles.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "generate/column_type.h"
#include "generate/counter_random.h"
#include "generate/date_cells.h"
#include "generate/value_makers.h"
#include "scan/column_names.h"

namespace veil {
namespace {

using scan::NameHint;
using Maker = std::unique_ptr<CellMaker>;

bool HasWord(const std::vector<std::string>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Words of a code list's name that say where it comes from, not what it holds.
bool IsQualifier(std::string_view word) {
  return word == "api" || word == "cin" || word == "903" || word == "xsd" || word == "anon" ||
         word == "check";
}

// The code list whose name's words (qualifiers aside) all occur in the column's name,
// the one with most such words; lists marked "api" win ties. Null when none.
const std::vector<std::string>* CodeListFor(const std::vector<std::string>& words,
                                            const CodeLists& lists) {
  const std::vector<std::string>* best = nullptr;
  int best_score = 0;
  bool best_api = false;
  for (const auto& name : lists.Names()) {
    if (name.find("max_lengths") != std::string::npos ||
        name.find("pattern") != std::string::npos ||
        name.find("upn_unknown") != std::string::npos) {
      continue;
    }
    const auto list_words = scan::NameWords(std::string_view(name).substr(name.find('.') + 1));
    int score = 0;
    bool matches = true;
    for (const auto& word : list_words) {
      if (IsQualifier(word)) continue;
      if (!HasWord(words, word)) matches = false;
      ++score;
    }
    const bool api = HasWord(list_words, "api");
    if (!matches || score == 0) continue;
    if (score > best_score || (score == best_score && api && !best_api)) {
      best = lists.Find(name);
      best_score = score;
      best_api = api;
    }
  }
  return best;
}

std::vector<std::string> Fitting(const std::vector<std::string>& values,
                                 std::optional<size_t> length) {
  std::vector<std::string> out;
  for (const auto& value : values) {
    if (!length || value.size() <= *length) out.push_back(value);
  }
  return out;
}

// The longest CREATE TYPE / DOMAIN statement read (std::regex recurses per character).
constexpr size_t kMaxReadTypeBytes = 4096;

// Whether `type` is one column `name` needs and short enough to read.
bool Needs(const UserTypeSchema& type, const std::string& name) {
  return type.create_sql.size() <= kMaxReadTypeBytes &&
         std::find(type.columns.begin(), type.columns.end(), name) != type.columns.end();
}

// The labels of the enum type column `name` needs, from its CREATE TYPE; empty if none.
std::vector<std::string> EnumLabels(const TableSchema& table, const std::string& name) {
  for (const auto& type : table.types) {
    if (!Needs(type, name)) continue;
    const auto enum_at = type.create_sql.find(" AS ENUM");
    if (enum_at == std::string::npos) continue;
    std::vector<std::string> labels;
    const std::string list = type.create_sql.substr(enum_at);
    const std::regex quoted("'((?:[^']|'')*)'");
    for (std::sregex_iterator it(list.begin(), list.end(), quoted); it != std::sregex_iterator();
         ++it) {
      labels.push_back(std::regex_replace((*it)[1].str(), std::regex("''"), "'"));
    }
    return labels;
  }
  return {};
}

// The base type of the domain column `name` is declared with, or "" when it is not one.
std::string DomainBase(const TableSchema& table, const std::string& name) {
  for (const auto& type : table.types) {
    if (!Needs(type, name)) continue;
    std::smatch m;
    static const char* kDomain =
        R"(CREATE DOMAIN \S+ AS (.+?)( COLLATE| DEFAULT| NOT NULL| NULL| CONSTRAINT| CHECK|$))";
    if (std::regex_search(type.create_sql, m, std::regex(kDomain))) return m[1].str();
  }
  return {};
}

bool IsFlag(const std::vector<std::string>& words) {
  if (words.empty()) return false;
  // "is_looked_after", and with a table prefix, "pers_is_mother"
  const bool asks = words.front() == "is" || words.front() == "has" ||
                    (words.size() > 1 && (words[1] == "is" || words[1] == "has"));
  return asks || HasWord(words, "flag") || HasWord(words, "yn") || words.back() == "indicator";
}

class Chooser {
 public:
  Chooser(const ColumnSite& site, std::vector<std::string>& notes)
      : site_(site),
        notes_(notes),
        table_(*site.plan.table(site.table).schema),
        column_(table_.columns[site.column]),
        words_(scan::NameWords(column_.name)),
        salt_(SaltOf(site.plan.table(site.table).salt, "column " + column_.name)) {
    const std::string base = DomainBase(table_, column_.name);
    type_ = ClassifyColumnType(base.empty() ? column_.declared_type : base);
    length_ = type_.max_length;
    if (site.limits != nullptr && site.limits->max_length) {
      length_ = length_ ? std::min(*length_, *site.limits->max_length) : *site.limits->max_length;
    }
  }

  Result<Maker> Choose() {
    if (site_.keys.IsKey(site_.table, site_.column) ||
        site_.keys.IsReference(site_.table, site_.column)) {
      // The key a row hangs from is never NULL: an episode always has its child.
      const bool may_be_null =
          !column_.not_null && !site_.keys.IsKey(site_.table, site_.column) && !InOwningKey();
      return MakeKeyCells(site_.keys, site_.table, site_.column, may_be_null, salt_);
    }
    if (site_.limits != nullptr && !site_.limits->allowed.empty()) {
      if (auto values = Fitting(site_.limits->allowed, length_); !values.empty()) {
        return MakeChoiceCells(std::move(values), KindOfChoices(), salt_);
      }
    }
    if (type_.value_class != ValueClass::kArray) {
      if (auto labels = EnumLabels(table_, column_.name); !labels.empty()) {
        return MakeChoiceCells(std::move(labels), CellKind::kText, salt_);
      }
    }
    return ByType();
  }

 private:
  bool InOwningKey() const {
    const int owner = site_.plan.table(site_.table).owner_key;
    if (owner < 0) return false;
    const auto& columns = table_.foreign_keys[static_cast<size_t>(owner)].columns;
    return std::find(columns.begin(), columns.end(), column_.name) != columns.end();
  }

  CellKind KindOfChoices() const {
    return type_.value_class == ValueClass::kInteger ? CellKind::kInteger : CellKind::kText;
  }

  Result<Maker> ByType() {
    switch (type_.value_class) {
      case ValueClass::kText:
        return Text();
      case ValueClass::kInteger:
        return Integer();
      case ValueClass::kReal:
        return Decimal(2, CellKind::kReal);
      case ValueClass::kDecimal:
        return Decimal(type_.precision > 0 ? type_.scale : 2, CellKind::kText);
      case ValueClass::kBoolean:
        return MakeChoiceCells({"0", "1"}, CellKind::kInteger, salt_);
      case ValueClass::kDate:
      case ValueClass::kTimestamp:
      case ValueClass::kTimestampWithZone:
      case ValueClass::kTime:
        return Date(type_.value_class);
      case ValueClass::kUuid:
        return MakeUuidCells(salt_);
      case ValueClass::kJson:
      case ValueClass::kArray:
        return MakeFixedCells("{}", CellKind::kText);
      case ValueClass::kBinary:
        return MakeBytesCells(true, salt_);
      case ValueClass::kBlob:
        return MakeBytesCells(false, salt_);
      case ValueClass::kInet:
        if (auto fake = Fake("ip", "")) return fake;
        break;
      case ValueClass::kInterval:
        return MakeChoiceCells({"1 day", "7 days", "30 days"}, CellKind::kText, salt_);
      case ValueClass::kUnknown:
        break;
    }
    return Unconstructible();
  }

  Result<Maker> Unconstructible() {
    if (column_.not_null) {
      return Status::Error(
          ErrorCode::kInput,
          fmt::format(
              "table {} column {} is NOT NULL and of type {}, which veil cannot construct values "
              "for; give it a rule in the policy or a type veil knows",
              table_.name, column_.name, column_.declared_type));
    }
    notes_.push_back(fmt::format("table {} column {}: type {} cannot be constructed; left NULL",
                                 table_.name, column_.name, column_.declared_type));
    return MakeNullCells();
  }

  Maker Date(ValueClass value_class) {
    return MakeDateCells(PhaseOfColumn(column_.name), value_class, !column_.not_null, site_.as_of,
                         salt_);
  }

  // A fake of kind `name` when it fits the column, else null. `shape` is the form the
  // kind copies (spaced or compact); `compact` the length of its compact form, if any.
  Maker Fake(std::string_view name, std::string shape, size_t compact = 0) {
    const FakeKind* kind = site_.fakes.Find(name);
    if (kind == nullptr) return nullptr;
    const size_t longest = compact > 0 ? compact : kind->TEST_MaxLength();
    if (length_ && longest > *length_) return nullptr;
    return MakeFakeCells(*kind, std::move(shape), salt_);
  }

  Result<Maker> Text() {
    const NameHint hint = scan::HintFromName(column_.name);
    if ((hint == NameHint::kDate || hint == NameHint::kDateOfBirth) &&
        (!length_ || *length_ >= 10)) {
      return Date(ValueClass::kDate);
    }
    if (auto name = scan::FakeForHint(hint); !name.empty()) {
      // NHS and NI numbers compact ("9991234567"), as databases mostly hold them.
      const size_t compact = name == "nhs_number" ? 10 : name == "ni_number" ? 9 : 0;
      if (auto fake = Fake(name, compact > 0 ? std::string(compact, '9') : "x", compact))
        return fake;
    }
    if (hint == NameHint::kFreeText) {
      return MakeSentenceCells(std::min<size_t>(length_.value_or(200), 200), salt_);
    }
    if (const auto* codes = CodeListFor(words_, site_.code_lists)) {
      if (auto values = Fitting(*codes, length_); !values.empty()) {
        return MakeChoiceCells(std::move(values), CellKind::kText, salt_);
      }
    }
    if (IsFlag(words_)) return MakeChoiceCells({"Y", "N"}, CellKind::kText, salt_);
    if (hint == NameHint::kSex) return Choices({"M", "F"});
    if (hint == NameHint::kNationality) {
      return Choices({"British", "Irish", "Polish", "Romanian", "Indian", "Not known"});
    }
    if (hint == NameHint::kJson) return MakeFixedCells("{}", CellKind::kText);
    if (hint == NameHint::kIdentifier) {
      return MakeDigitsCells(static_cast<int>(std::min<size_t>(length_.value_or(9), 9)), salt_);
    }
    return Labels();
  }

  Maker Choices(std::vector<std::string> values) {
    auto fitting = Fitting(values, length_);
    if (fitting.empty()) return Labels();
    return MakeChoiceCells(std::move(fitting), CellKind::kText, salt_);
  }

  // Five labels named after the column's last word ("Type 1" ... "Type 5"), or letters.
  Maker Labels() {
    std::string word = words_.empty() ? "value" : words_.back();
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    std::vector<std::string> labels;
    for (int i = 1; i <= 5; ++i) labels.push_back(fmt::format("{} {}", word, i));
    if (length_ && labels.front().size() > *length_) {
      labels = {"A", "B", "C", "D", "E"};
      if (*length_ == 0) labels = {""};
    }
    return MakeChoiceCells(std::move(labels), CellKind::kText, salt_);
  }

  // The range a number in this column falls in, from its name, then narrowed by CHECKs.
  std::pair<double, double> NumberRange(double type_high) const {
    double low = 1;
    double high = 100;
    if (HasWord(words_, "age")) {
      low = 0;
      high = 17;
    } else if (HasWord(words_, "year")) {
      const int year = 1970 + static_cast<int>(site_.as_of / 365.2425);
      low = year - 10;
      high = year;
    } else if (HasWord(words_, "count") || HasWord(words_, "total") || HasWord(words_, "days") ||
               HasWord(words_, "number") || HasWord(words_, "num")) {
      low = 0;
      high = 20;
    } else if (HasWord(words_, "score")) {
      low = 0;
      high = 40;
    }
    high = std::min(high, type_high);
    if (site_.limits != nullptr) {
      const ColumnLimits& limits = *site_.limits;
      if (limits.low) low = std::max(low, *limits.low);
      if (limits.high) high = std::min(high, *limits.high);
      if (low > high) {  // the name's range and the CHECK's disagree: the CHECK wins
        low = limits.low.value_or(limits.high.value_or(0) - 100);
        high = limits.high.value_or(low + 100);
      }
    }
    return {low, high};
  }

  Result<Maker> Integer() {
    if (IsFlag(words_)) return MakeChoiceCells({"0", "1"}, CellKind::kInteger, salt_);
    const double type_high = std::pow(10.0, std::min(type_.integer_digits, 15)) - 1;
    auto [low, high] = NumberRange(type_high);
    if (site_.limits != nullptr) {
      if (site_.limits->low && !site_.limits->low_inclusive && low == *site_.limits->low) low += 1;
      if (site_.limits->high && !site_.limits->high_inclusive && high == *site_.limits->high)
        high -= 1;
    }
    const auto lo = static_cast<int64_t>(std::ceil(low));
    const auto hi = static_cast<int64_t>(std::floor(high));
    if (lo > hi) return Unconstructible();
    return MakeIntegerCells(lo, hi, salt_);
  }

  Result<Maker> Decimal(int scale, CellKind kind) {
    double type_high = 1e9;
    if (type_.precision > 0)
      type_high = std::pow(10.0, type_.precision - scale) - std::pow(10.0, -scale);
    auto [low, high] = NumberRange(type_high);
    const double step = std::pow(10.0, -scale);
    if (site_.limits != nullptr) {
      if (site_.limits->low && !site_.limits->low_inclusive && low == *site_.limits->low)
        low += step;
      if (site_.limits->high && !site_.limits->high_inclusive && high == *site_.limits->high)
        high -= step;
    }
    if (low > high) return Unconstructible();
    return MakeDecimalCells(low, high, scale, kind, salt_);
  }

  const ColumnSite& site_;
  std::vector<std::string>& notes_;
  const TableSchema& table_;
  const ColumnSchema& column_;
  std::vector<std::string> words_;
  uint64_t salt_;
  ColumnType type_;
  std::optional<size_t> length_;
};

}  // namespace

Result<std::unique_ptr<CellMaker>> ChooseCellMaker(const ColumnSite& site,
                                                   std::vector<std::string>& notes) {
  return Chooser(site, notes).Choose();
}

bool IsBirthDateColumn(const ColumnSchema& column) {
  const ValueClass value_class = ClassifyColumnType(column.declared_type).value_class;
  const bool dated = value_class == ValueClass::kDate || value_class == ValueClass::kTimestamp ||
                     value_class == ValueClass::kTimestampWithZone ||
                     (value_class == ValueClass::kText &&
                      scan::HintFromName(column.name) == NameHint::kDateOfBirth);
  return dated && PhaseOfColumn(column.name) == DatePhase::kBirth;
}

}  // namespace veil
