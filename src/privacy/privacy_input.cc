#include "privacy/privacy_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <numeric>

#include "privacy/hierarchy_file.h"

namespace veil {
namespace {

std::optional<double> AsNumber(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// Numeric order when every value is a number, else byte order.
std::vector<int32_t> RankOf(const ValueDictionary& values) {
  std::vector<int32_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  bool numeric = true;
  std::vector<double> numbers(values.size());
  for (size_t code = 0; code < values.size() && numeric; ++code) {
    const auto number = AsNumber(values.Value(static_cast<int32_t>(code)));
    numeric = number.has_value();
    if (number) numbers[code] = *number;
  }
  std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return numeric ? numbers[a] < numbers[b] : values.Value(a) < values.Value(b);
  });
  std::vector<int32_t> rank(values.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<int32_t>(i);
  return rank;
}

}  // namespace

Result<SensitiveDomain> BuildSensitiveDomain(const PrivacySpec& spec, const Policy& policy,
                                             const ValueDictionary& values, int64_t records,
                                             const std::string& table) {
  SensitiveDomain domain;
  for (size_t code = 0; code < values.size(); ++code) {
    domain.overall_share.push_back(static_cast<double>(values.Count(static_cast<int32_t>(code))) /
                                   static_cast<double>(records));
  }
  domain.rank = RankOf(values);
  if (!spec.t_closeness || spec.t_closeness->distance != TClosenessSpec::Distance::kHierarchical) {
    return domain;
  }
  const auto path =
      (std::filesystem::path(policy.directory) / spec.t_closeness->hierarchy).string();
  VEIL_ASSIGN_OR_RETURN(HierarchyTable rows, ReadHierarchyFile(path));
  const std::string where = fmt::format("table {}, column {}", table, spec.t_closeness->column);
  VEIL_ASSIGN_OR_RETURN(Hierarchy hierarchy, Hierarchy::FromTable(rows, where));
  for (size_t code = 0; code < values.size(); ++code) {
    const auto leaf = hierarchy.LeafCode(values.Value(static_cast<int32_t>(code)));
    if (!leaf) {
      return InputError(
          fmt::format("{}: row {} holds a value the t-closeness hierarchy does not "
                      "list",
                      where, values.FirstRow(static_cast<int32_t>(code))));
    }
    domain.leaf_of.push_back(*leaf);
  }
  domain.hierarchy = std::move(hierarchy);
  return domain;
}

namespace {

// Re-counts the encoded combinations with every dictionary code replaced by its leaf.
ClassTable BottomClasses(const EncodedTable& encoded,
                         const std::vector<std::vector<int32_t>>& leaf_of_code) {
  const size_t qis = encoded.columns.size();
  const size_t width = encoded.Width();
  std::vector<int32_t> tuples(encoded.tuples.size());
  for (size_t t = 0; t < encoded.counts.size(); ++t) {
    for (size_t d = 0; d < qis; ++d) {
      tuples[t * width + d] = leaf_of_code[d][encoded.tuples[t * width + d]];
    }
    if (width > qis) tuples[t * width + qis] = encoded.tuples[t * width + qis];
  }
  return ClassesFromTuples(tuples, encoded.counts, qis, width > qis);
}

}  // namespace

Result<std::unique_ptr<PrivacyInput>> PreparePrivacyInput(const TablePolicy& table,
                                                          const Policy& policy,
                                                          TableReader& reader) {
  auto input = std::make_unique<PrivacyInput>();
  input->spec = *table.privacy;
  VEIL_ASSIGN_OR_RETURN(input->quasi_identifiers, QuasiIdentifierSpecs(table, policy));
  std::vector<std::string> columns;
  for (const auto& qi : input->quasi_identifiers) columns.push_back(qi.column);
  VEIL_ASSIGN_OR_RETURN(EncodedTable encoded,
                        EncodeTable(reader, columns, input->spec.SensitiveColumn()));
  PrivacyProblem& problem = input->problem;
  std::vector<std::vector<int32_t>> leaf_of_code;
  for (size_t d = 0; d < columns.size(); ++d) {
    const QuasiIdentifierSpec& spec = input->quasi_identifiers[d];
    VEIL_ASSIGN_OR_RETURN(Hierarchy hierarchy,
                          BuildHierarchyFor(spec, encoded.dictionaries[d], table.name));
    auto& leaves = leaf_of_code.emplace_back();
    for (size_t code = 0; code < encoded.dictionaries[d].size(); ++code) {
      leaves.push_back(
          *hierarchy.LeafCode(encoded.dictionaries[d].Value(static_cast<int32_t>(code))));
    }
    const int top = hierarchy.Levels() - 1;
    problem.quasi_identifiers.push_back({spec.column, std::move(hierarchy),
                                         spec.min_level.value_or(0), spec.max_level.value_or(top)});
  }
  SensitiveDomain domain;
  if (encoded.sensitive) {
    VEIL_ASSIGN_OR_RETURN(domain, BuildSensitiveDomain(input->spec, policy, *encoded.sensitive,
                                                       encoded.records, table.name));
  }
  input->models = std::make_unique<PrivacyModels>(input->spec, std::move(domain));
  problem.bottom = BottomClasses(encoded, leaf_of_code);
  problem.records = encoded.records;
  problem.models = input->models.get();
  problem.metric = input->spec.metric;
  problem.suppression_limit = input->spec.suppression_limit;
  return input;
}

}  // namespace veil
