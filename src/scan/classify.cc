#include "scan/classify.h"

#include <fmt/format.h>

#include <algorithm>

#include "scan/column_names.h"
#include "scan/value_kinds.h"

namespace veil::scan {
namespace {

constexpr double kStrongShare = 0.8;  // a value kind this common decides the column
constexpr double kNameShare = 0.6;    // names from the lists this common make a name column
constexpr double kCodeShare = 0.95;   // every sampled value but a few is in the code list
constexpr size_t kMaxCodes = 200;     // distinct values a code column may have

double Share(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::string Percent(double share) {
  return fmt::format("{:.0f}%", share * 100);
}

// A town is identifying only with more (a quasi-identifier); other fakes replace a
// person's own detail.
ColumnRole RoleOfFake(NameHint hint) {
  return hint == NameHint::kTown ? ColumnRole::kQuasiIdentifier : ColumnRole::kDirectIdentifier;
}

bool SharesAWord(std::string_view column, std::string_view list) {
  const auto a = NameWords(column);
  const auto b = NameWords(list);
  return std::any_of(a.begin(), a.end(), [&](const std::string& w) {
    return w.size() > 2 && std::find(b.begin(), b.end(), w) != b.end();
  });
}

bool IsSpecialCategoryList(std::string_view list) {
  for (std::string_view word : {"ethnic", "religion", "disab", "health", "sexual"}) {
    if (list.find(word) != std::string_view::npos) return true;
  }
  return false;
}

class Classifier {
 public:
  Classifier(const ColumnSchema& column, bool is_key, const ValueProfile& profile,
             const JsonFields* json)
      : column_(column),
        is_key_(is_key),
        p_(profile),
        json_(json),
        hint_(HintFromName(column.name)) {
    result_.finding.column = column.name;
    result_.finding.declared_type = column.declared_type;
    Evidence();
  }

  Classification Decide() {
    if (p_.values() == 0) return Empty();
    if (Binary() || StrongKind() || Json() || Names() || Dates() || Key() || CodeList() ||
        ByHint() || FreeText() || Distinct()) {
      return result_;
    }
    return Set(ColumnRole::kNonPersonal, "keep", 0.6, "");
  }

 private:
  Classification& Set(ColumnRole role, std::string rule, double confidence, std::string review) {
    result_.finding.role = role;
    result_.finding.rule = std::move(rule);
    result_.finding.confidence = std::clamp(confidence, 0.0, 1.0);
    result_.finding.review = std::move(review);
    return result_;
  }

  void Evidence() {
    auto& e = result_.finding.evidence;
    const int64_t n = p_.values();
    const int64_t rows = n + p_.empty();
    e.push_back(fmt::format("{} of {} sampled rows hold a value", n, rows));
    if (hint_ != NameHint::kNone)
      e.push_back(fmt::format("its name says {}", NameHintLabel(hint_)));
    if (column_.primary_key_position > 0)
      e.push_back("part of the primary key");
    else if (is_key_)
      e.push_back("part of a foreign key");
    if (n == 0) return;
    const auto kinds = ValueKinds();
    for (size_t k = 0; k < kinds.size(); ++k) {
      const double share = Share(p_.kind_matches(k), n);
      if (share >= 0.05)
        e.push_back(fmt::format("{} {} over {} sampled values", Percent(share), kinds[k].test, n));
    }
    if (p_.opaque() > 0) {
      e.push_back(fmt::format("{} are binary (BLOBs)", Percent(Share(p_.opaque(), n))));
    }
    if (p_.broken_json() > 0) {
      e.push_back(fmt::format("{} values open like JSON but do not parse", p_.broken_json()));
    }
    if (p_.known_outward_codes() > 0) {
      e.push_back(fmt::format("{} of the postcodes have a known outward code",
                              Percent(Share(p_.known_outward_codes(), n))));
    }
    if (Share(p_.dates(), n) >= 0.05)
      e.push_back(fmt::format("{} are dates", Percent(Share(p_.dates(), n))));
    if (Share(p_.json_documents(), n) >= 0.05)
      e.push_back(fmt::format("{} are JSON documents", Percent(Share(p_.json_documents(), n))));
    for (const auto& [count, what] :
         {std::pair{p_.first_names(), "listed first names"},
          std::pair{p_.last_names(), "listed surnames"},
          std::pair{p_.full_names(), "a listed first name ... surname"}}) {
      if (Share(count, n) >= 0.05)
        e.push_back(fmt::format("{} are {}", Percent(Share(count, n)), what));
    }
    e.push_back(fmt::format("{}{} distinct values, up to {} characters, {:.1f} words on average",
                            p_.distinct_capped() ? "at least " : "", p_.distinct(), p_.max_length(),
                            p_.mean_words()));
  }

  Classification Empty() {
    if (is_key_ || hint_ == NameHint::kIdentifier)
      return Identifier(0.5, "no value in the sample: judged by its name and keys");
    if (const auto fake = FakeForHint(hint_); !fake.empty()) {
      return Set(RoleOfFake(hint_), fmt::format("{{fake: {}}}", fake), 0.5,
                 "no value in the sample: judged by its name");
    }
    return Set(ColumnRole::kNonPersonal, "null", 0.3,
               "no value in the sample: nothing to judge it by");
  }

  Classification& Identifier(double confidence, std::string review) {
    result_.names_entity = true;
    return Set(ColumnRole::kIdentifier, fmt::format("{{pseudonymise: {}}}", kEntityMarker),
               confidence, std::move(review));
  }

  bool StrongKind() {
    const auto kinds = ValueKinds();
    for (size_t k = 0; k < kinds.size(); ++k) {
      const double share = Share(p_.kind_matches(k), p_.values());
      if (share < kStrongShare) continue;
      if (is_key_) {
        Identifier(share,
                   fmt::format("a key holding {}: pseudonymised so joins survive", kinds[k].name));
      } else {
        Set(ColumnRole::kDirectIdentifier, fmt::format("{{fake: {}}}", kinds[k].fake), share, "");
      }
      return true;
    }
    return false;
  }

  bool Binary() {
    const double share = Share(p_.opaque(), p_.values());
    if (share < 0.5) return false;
    Set(ColumnRole::kFreeText, "null", share,
        "binary values (BLOBs): a photo or a document can show anyone");
    return true;
  }

  bool Json() {
    // Documents that do not parse are still documents: they may hold anything.
    const double share = Share(p_.json_documents() + p_.broken_json(), p_.values());
    if (share < kStrongShare && !(hint_ == NameHint::kJson && share >= 0.5)) return false;
    if (p_.broken_json() > 0 || p_.json_documents() < p_.values()) {
      Set(ColumnRole::kFreeText, "null", share,
          "JSON documents, but not every value is one: a json rule would stop at the first "
          "that is not");
      return true;
    }
    if (json_ != nullptr && Members(share)) return true;
    Set(ColumnRole::kFreeText, "null", share,
        "JSON documents with no member to list: list the fields worth keeping under a json "
        "rule");
    return true;
  }

  // Judges the documents member by member; false when no member path can be listed.
  bool Members(double share) {
    result_.paths = ClassifyJsonPaths(*json_);
    if (result_.paths.empty()) return false;
    const int64_t hidden = json_->hidden();
    result_.finding.evidence.push_back(
        fmt::format("{} member paths judged one by one over {} documents", result_.paths.size(),
                    json_->documents()));
    if (hidden > 0) {
      result_.finding.evidence.push_back(fmt::format(
          "{} values under member names not shown (shaped like data, rare, or too deep)", hidden));
    }
    result_.finding.hidden_members = hidden;
    Set(ColumnRole::kFreeText, "json", share,
        "JSON documents judged member by member: members no path lists are dropped; read "
        "the rule of each path");
    return true;
  }

  bool Names() {
    const int64_t n = p_.values();
    const bool hinted = hint_ == NameHint::kFirstName || hint_ == NameHint::kLastName ||
                        hint_ == NameHint::kFullName;
    const double threshold = hinted ? 0.2 : kNameShare;
    const std::pair<double, std::string_view> shares[] = {
        {Share(p_.full_names(), n), "full_name"},
        {Share(p_.first_names(), n), "first_name"},
        {Share(p_.last_names(), n), "last_name"}};
    const auto best =
        std::max_element(std::begin(shares), std::end(shares),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    if (best->first < threshold || is_key_) return false;
    std::string_view fake = best->second;
    if (hinted && FakeForHint(hint_) != fake && best->first < kNameShare) fake = FakeForHint(hint_);
    Set(ColumnRole::kDirectIdentifier, fmt::format("{{fake: {}}}", fake),
        std::max(best->first, hinted ? 0.8 : 0.0), "");
    return true;
  }

  bool Dates() {
    const double share = Share(p_.dates(), p_.values());
    if (share < 0.9) return false;
    result_.shifts_dates = true;
    Set(ColumnRole::kQuasiIdentifier, fmt::format("{{date_shift: {}}}", kEntityMarker), share, "");
    return true;
  }

  bool Key() {
    if (!is_key_ && hint_ != NameHint::kIdentifier) return false;
    const bool decimals = p_.numbers() > p_.integers();
    // Identifiers hold no spaces: an "id" column of phrases is a label ("Allocated
    // Social Worker" in a role_id).
    const bool phrases = Share(p_.multi_word(), p_.values()) >= 0.5;
    if ((decimals || phrases) && !is_key_) return false;
    Identifier(is_key_ ? 0.9 : 0.7, "");
    return true;
  }

  bool CodeList() {
    const auto match = p_.BestCodeList();
    if (match.list == nullptr || p_.distinct() > kMaxCodes) return false;
    const double share = Share(match.matching, p_.values());
    const bool named = SharesAWord(column_.name, match.list->name);
    // Two codes (Y/N, 0/1) fit dozens of lists: only the name can tie them to one.
    const bool specific = match.has_letter && match.distinct_matching >= 3;
    if (share < kCodeShare || !(specific || named)) return false;
    const bool special = hint_ == NameHint::kSensitive || IsSpecialCategoryList(match.list->name);
    result_.finding.evidence.push_back(
        fmt::format("{} of the values are codes of {} ({} of its {} codes seen)", Percent(share),
                    match.list->name, match.distinct_matching, match.list->codes.size()));
    Set(special ? ColumnRole::kSensitive : ColumnRole::kQuasiIdentifier,
        fmt::format("{{choice: {}}}", match.list->name), share, "");
    return true;
  }

  bool ByHint() {
    if (const auto fake = FakeForHint(hint_); !fake.empty()) {
      // A town is a word or two: its name is the evidence there is.
      Set(RoleOfFake(hint_), fmt::format("{{fake: {}}}", fake), 0.6,
          hint_ == NameHint::kTown
              ? ""
              : fmt::format("judged by its name; its values do not look like {}",
                            NameHintLabel(hint_)));
      return true;
    }
    switch (hint_) {
      case NameHint::kSensitive:
        Set(ColumnRole::kSensitive, "null", 0.6,
            "a special category by its name, and no code list matches its values");
        return true;
      case NameHint::kSex:
        Set(ColumnRole::kQuasiIdentifier, "null", 0.6,
            "sex or gender by its name, and no code list matches its values");
        return true;
      case NameHint::kNationality:
        Set(ColumnRole::kQuasiIdentifier, "null", 0.6,
            "a nationality or immigration status by its name: a rare value singles a person "
            "out");
        return true;
      case NameHint::kDateOfBirth:
      case NameHint::kDate:
        Set(ColumnRole::kQuasiIdentifier, "null", 0.5,
            "a date by its name, but its values are not all dates");
        return true;
      case NameHint::kOrganisation:
        if (p_.max_length() >= 100) return false;  // judged by its shape
        Set(ColumnRole::kNonPersonal, "keep", 0.5,
            "the name of a team or organisation by its name: check that none is a person's "
            "(a childminder's)");
        return true;
      case NameHint::kFreeText:
        if (Labels()) {
          Set(ColumnRole::kNonPersonal, "keep", 0.5,
              "free text by its name, but its values are a handful of short labels, each "
              "repeated: check that no other value can occur");
          return true;
        }
        Set(ColumnRole::kFreeText, "redact", 0.7,
            "free text by its name: personal data inside it is replaced; read a sample");
        return true;
      case NameHint::kJson:
        Set(ColumnRole::kFreeText, "null", 0.7, "JSON by its name: it may name anyone");
        return true;
      default:
        return false;
    }
  }

  // A handful of short phrases, each seen several times ("Needs met" in an
  // `episode_end_reason`): labels, not notes. Needs enough values to tell.
  bool Labels() const {
    const int64_t n = p_.values();
    const double distinct = Share(static_cast<int64_t>(p_.distinct()), n);
    return n >= 20 && p_.distinct() <= 20 && distinct <= 0.34 && p_.max_length() < 100 &&
           p_.mean_words() < 6;
  }

  bool FreeText() {
    if (p_.mean_words() < 3 && p_.max_length() < 100) return false;
    // A handful of phrases, each repeated: labels ("Allocated Social Worker"), not notes.
    const double distinct = Share(static_cast<int64_t>(p_.distinct()), p_.values());
    if (p_.distinct() <= 20 && distinct <= 0.34) return false;
    Set(ColumnRole::kFreeText, "redact", 0.7,
        "free text by its shape: personal data inside it is replaced; read a sample");
    return true;
  }

  bool Distinct() {
    const int64_t n = p_.values();
    const bool numeric = p_.numbers() == n;
    const bool decimals = p_.numbers() > p_.integers();
    const double distinct = Share(static_cast<int64_t>(p_.distinct()), n);
    if (n >= 20 && distinct >= 0.9 && !decimals) {
      Set(numeric ? ColumnRole::kIdentifier : ColumnRole::kDirectIdentifier, "null", 0.5,
          "nearly every value is distinct, as in an identifier: pseudonymise it with an "
          "entity if it joins");
      return true;
    }
    if (numeric) {
      Set(ColumnRole::kNonPersonal, "keep", 0.6, "");
      return true;
    }
    // A category: few values, each seen several times on average.
    if (p_.distinct() <= 20 || distinct <= 0.1 || (p_.distinct() <= 50 && distinct <= 0.34)) {
      Set(ColumnRole::kNonPersonal, "keep", 0.6, "");
      return true;
    }
    Set(ColumnRole::kNonPersonal, "null", 0.4, "could not tell what it holds");
    return true;
  }

  const ColumnSchema& column_;
  bool is_key_;
  const ValueProfile& p_;
  const JsonFields* json_;
  NameHint hint_;
  Classification result_;
};

}  // namespace

Classification ClassifyColumn(const ColumnSchema& column, bool is_key, const ValueProfile& profile,
                              const JsonFields* json) {
  return Classifier(column, is_key, profile, json).Decide();
}

}  // namespace veil::scan
