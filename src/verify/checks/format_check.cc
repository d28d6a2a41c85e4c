#include "verify/checks/format_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

#include "core/date_text.h"
#include "core/declared_type.h"
#include "core/uk_identifiers.h"
#include "core/utf8.h"
#include "policy/rule_kinds.h"

namespace veil {
namespace {

bool HasControl(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

// What is wrong with `value` for a fake of `kind`, or "" if nothing.
std::string FakeProblem(const std::string& kind, std::string_view value) {
  if (kind == "nhs_number") {
    if (!IsValidNhsNumber(value)) return "not a valid NHS number (length or check digit)";
    if (!IsNeverIssuedNhsNumber(value)) {
      return "a valid NHS number outside the never-issued 999 range (could be a real patient's)";
    }
  } else if (kind == "upn") {
    if (!IsValidUpn(value)) return "not a valid UPN (shape or check letter)";
  } else if (kind == "ni_number") {
    if (!IsNeverIssuedNiNumber(value)) {
      return "not a National Insurance number with a never-issued prefix";
    }
  } else if (kind == "phone" || kind == "mobile") {
    if (!IsOfcomDramaNumber(value)) return "a phone number outside Ofcom's drama ranges";
  } else if (kind == "email") {
    if (!IsReservedEmailDomain(value)) return "an e-mail address outside the reserved domains";
  } else if (kind == "ip") {
    if (!IsDocumentationIp(value)) return "an IP address outside the documentation ranges";
  } else if (kind == "postcode") {
    if (!IsWellFormedUkPostcode(value)) return "not a well-formed UK postcode";
  } else if (kind == "date_of_birth") {
    if (!ParseDateText(value)) return "not a date";
  } else if (HasControl(value)) {
    return "text with control characters";
  }
  return "";
}

bool InAlphabet(char c, PseudonymAlphabet alphabet) {
  const auto u = static_cast<unsigned char>(c);
  switch (alphabet) {
    case PseudonymAlphabet::kAlnum:
      return std::isalnum(u) != 0;
    case PseudonymAlphabet::kDigits:
      return std::isdigit(u) != 0;
    case PseudonymAlphabet::kHex:
      return std::isdigit(u) != 0 || (c >= 'a' && c <= 'f');
    case PseudonymAlphabet::kUpperAlnum:
      return std::isdigit(u) != 0 || (c >= 'A' && c <= 'Z');
  }
  return false;
}

std::string PseudonymProblem(const PseudonymFormat& format, std::string_view value) {
  if (value.substr(0, format.prefix.size()) != format.prefix ||
      value.size() != format.prefix.size() + static_cast<size_t>(format.length)) {
    return fmt::format("not a pseudonym of the entity's format ({} characters after the prefix)",
                       format.length);
  }
  const std::string_view body = value.substr(format.prefix.size());
  if (!std::all_of(body.begin(), body.end(),
                   [&](char c) { return InAlphabet(c, format.alphabet); }) ||
      (format.alphabet == PseudonymAlphabet::kDigits && body.front() == '0')) {
    return "a pseudonym with characters outside the entity's alphabet";
  }
  return "";
}

// A date rule's output must be a date in the original's form.
std::string DateProblem(std::string_view original, std::string_view value) {
  const auto before = ParseDateText(original);
  if (!before) return "";  // the original was no date: nothing to compare
  const auto after = ParseDateText(value);
  if (!after) return "not a date";
  if (after->form != before->form || after->time_suffix.empty() != before->time_suffix.empty()) {
    return "a date written in a different form from the original";
  }
  return "";
}

}  // namespace

Status FormatCheck::OnPairs(const PairedRows& rows) {
  for (size_t c = 0; c < rows.table.columns.size(); ++c) {
    const VerifiedColumn& column = rows.table.columns[c];
    if (column.copy_index < 0 || !column.role.generated) continue;
    CheckColumn(rows, c);
  }
  return Status::Ok();
}

void FormatCheck::CheckColumn(const PairedRows& rows, size_t c) {
  const VerifiedColumn& column = rows.table.columns[c];
  const ColumnRole& role = column.role;
  const auto copy_index = static_cast<size_t>(column.copy_index);
  const auto limit = DeclaredTextLength(rows.table.copy->columns[copy_index].declared_type);
  const PseudonymFormat* pseudonym = nullptr;
  if (role.rule == rule_kind::kPseudonymise) {
    const auto it = policy_.entities.find(role.entity);
    if (it != policy_.entities.end()) pseudonym = &it->second.pseudonym;
  }
  const bool dated = role.rule == rule_kind::kDateShift || role.rule == rule_kind::kDateRandom;
  checked_.emplace(rows.table.id, c);
  const Column& before = rows.OriginalColumn(c);
  const Column& after = rows.CopyColumn(copy_index);
  for (size_t i = 0; i < rows.rows; ++i) {
    const size_t j = rows.copy_offset + i;
    const std::string_view original = before.Text(rows.original_offset + i);
    if (after.IsNull(j) || original.empty()) continue;
    const std::string_view value = after.Text(j);
    std::string problem;
    if (!role.fake_kind.empty()) problem = FakeProblem(role.fake_kind, value);
    if (problem.empty() && pseudonym != nullptr) problem = PseudonymProblem(*pseudonym, value);
    if (problem.empty() && dated) problem = DateProblem(original, value);
    if (problem.empty() && limit && CountCodePoints(value) > *limit) {
      problem = fmt::format("longer than the column's declared {} characters", *limit);
    }
    if (!problem.empty()) {
      problems_[{rows.table.id, c, problem}].Add(rows.first_row + static_cast<int64_t>(i));
    }
  }
}

void FormatCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  for (const auto& [key, tally] : problems_) {
    const auto& [table_id, c, problem] = key;
    const VerifiedTable& table = plan_.tables[table_id];
    const VerifiedColumn& column = table.columns[c];
    findings.push_back(
        tally.ToFinding(std::string(kName), Severity::kError, table.name, column.name,
                        fmt::format("{} by the {} rule {} {}",
                                    CountOf(tally.count(), "value produced", "values produced"),
                                    column.role.rule, tally.count() == 1 ? "is" : "are", problem)));
    ++outcome.errors;
  }
  outcome.description =
      "Values produced by fakes, pseudonyms and date rules are valid for their kind, drawn from "
      "reserved ranges where one exists, and fit the column.";
  outcome.coverage = fmt::format("{} transformed columns", checked_.size());
}

}  // namespace veil
