#include "verify/checks/unkeyed_hash_check.h"
#include "policy/rule_kinds.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace veil {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string HexDigest(const EVP_MD* md, std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, md, nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

// The recipe ("SHA-256 of the value", ...) that reproduces `pseudonym` from `original`,
// or "" if none does.
std::string Recipe(std::string_view original, std::string_view pseudonym) {
  const std::string candidate = Lower(Trimmed(pseudonym));
  if (candidate.size() < 8) return "";
  const std::pair<const char*, const EVP_MD*> digests[] = {
      {"MD5", EVP_md5()}, {"SHA-1", EVP_sha1()}, {"SHA-256", EVP_sha256()}};
  const std::pair<const char*, std::string> inputs[] = {
      {"the value", std::string(original)},
      {"the trimmed, lower-cased value", Lower(Trimmed(original))}};
  for (const auto& [digest_name, md] : digests) {
    for (const auto& [input_name, input] : inputs) {
      const std::string hex = HexDigest(md, input);
      if (hex.compare(0, candidate.size(), candidate) == 0) {
        return fmt::format("an unkeyed {} of {}{}", digest_name, input_name,
                           candidate.size() < hex.size() ? ", truncated" : "");
      }
    }
  }
  return "";
}

}  // namespace

Status UnkeyedHashCheck::OnPairs(const PairedRows& rows) {
  for (size_t c = 0; c < rows.table.columns.size(); ++c) {
    const VerifiedColumn& column = rows.table.columns[c];
    if (column.role.rule != rule_kind::kPseudonymise || column.copy_index < 0) continue;
    Sample& sample = samples_[{rows.table.id, c}];
    const Column& before = rows.OriginalColumn(c);
    const Column& after = rows.CopyColumn(static_cast<size_t>(column.copy_index));
    for (size_t i = 0; i < rows.rows && sample.seen < kSample; ++i) {
      const size_t o = rows.original_offset + i, p = rows.copy_offset + i;
      if (before.IsNull(o) || before.Text(o).empty() || after.IsNull(p)) continue;
      ++sample.seen;
      const std::string recipe = Recipe(before.Text(o), after.Text(p));
      if (recipe.empty()) continue;
      ++sample.matches[recipe];
      sample.rows.Add(rows.first_row + static_cast<int64_t>(i));
    }
  }
  return Status::Ok();
}

void UnkeyedHashCheck::Finish(std::vector<Finding>& findings, CheckOutcome& outcome) {
  for (const auto& [key, sample] : samples_) {
    for (const auto& [recipe, count] : sample.matches) {
      if (count * 2 <= sample.seen) continue;  // a majority of the sample
      const VerifiedTable& table = plan_.tables[key.first];
      findings.push_back(sample.rows.ToFinding(
          std::string(kName), Severity::kWarning, table.name, table.columns[key.second].name,
          fmt::format("{} of the first {} pseudonyms are {}: anyone can reverse them by hashing "
                      "candidate identifiers; use veil's keyed pseudonymise",
                      count, sample.seen, recipe)));
      ++outcome.warnings;
    }
  }
  outcome.description =
      "Pseudonyms are not an unkeyed MD5, SHA-1 or SHA-256 of the original (whole or "
      "truncated), which anyone could reverse.";
  outcome.coverage =
      fmt::format("{} pseudonymised columns, first {} rows of each", samples_.size(), kSample);
  outcome.ran = !samples_.empty();
  if (!outcome.ran) outcome.coverage = "the policy pseudonymises no column";
}

}  // namespace veil
