// Parses a table's `privacy:` section (see privacy_spec.h and docs/privacy.md).
#include "policy/privacy_spec_loader.h"

#include <fmt/format.h>

#include <set>

#include "policy/policy_keys.h"

namespace veil {
namespace {

class PrivacyParser {
 public:
  PrivacyParser(std::string path, std::string table)
      : path_(std::move(path)), where_("privacy of table " + std::move(table)) {}

  Result<PrivacySpec> Parse(const YAML::Node& node) const {
    if (!node.IsMap()) return Error(node, where_ + " must be a map (k, l_diversity, ...)");
    VEIL_RETURN_IF_ERROR(ExpectKeys(
        node, {"k", "l_diversity", "t_closeness", "suppression_limit", "metric", "suppress"},
        where_));
    PrivacySpec spec;
    spec.line = node.Mark().line + 1;
    if (node["k"]) {
      VEIL_ASSIGN_OR_RETURN(spec.k, Whole(node["k"], "k", 1));
    }
    if (node["l_diversity"]) {
      VEIL_ASSIGN_OR_RETURN(spec.l_diversity, L(node["l_diversity"]));
    }
    if (node["t_closeness"]) {
      VEIL_ASSIGN_OR_RETURN(spec.t_closeness, T(node["t_closeness"]));
    }
    if (node["suppression_limit"]) {
      VEIL_ASSIGN_OR_RETURN(spec.suppression_limit,
                            Real(node["suppression_limit"], "suppression_limit", 0, 1));
    }
    if (node["metric"]) {
      VEIL_ASSIGN_OR_RETURN(spec.metric, Metric(node["metric"]));
    }
    if (node["suppress"]) {
      VEIL_ASSIGN_OR_RETURN(const std::string style, Text(node["suppress"], "suppress"));
      if (style != "mask" && style != "remove") {
        return Error(node["suppress"], "suppress is mask or remove");
      }
      spec.suppress = style == "mask" ? SuppressionStyle::kMask : SuppressionStyle::kRemove;
    }
    if (spec.l_diversity && spec.t_closeness &&
        spec.l_diversity->column != spec.t_closeness->column) {
      return Error(node, "l_diversity and t_closeness must name the same sensitive column");
    }
    return spec;
  }

 private:
  Status Error(const YAML::Node& node, const std::string& what) const {
    return PolicyError(fmt::format("{}:{}: {}", path_, node.Mark().line + 1, what));
  }

  Status ExpectKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                    const std::string& where) const {
    return CheckPolicyKeys(map, allowed, where, path_);
  }

  Result<std::string> Text(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) return Error(node, what + " must be a single value");
    return node.as<std::string>();
  }

  Result<int64_t> Whole(const YAML::Node& node, const std::string& what, int64_t min) const {
    try {
      const auto value = node.as<int64_t>();
      if (value >= min) return value;
    } catch (const YAML::Exception&) {
    }
    return Error(node, fmt::format("{} must be a whole number of at least {}", what, min));
  }

  Result<double> Real(const YAML::Node& node, const std::string& what, double min,
                      double max) const {
    try {
      const auto value = node.as<double>();
      if (value >= min && value <= max) return value;
    } catch (const YAML::Exception&) {
    }
    return Error(node, fmt::format("{} must be a number from {} to {}", what, min, max));
  }

  Result<std::string> Column(const YAML::Node& map, const std::string& model) const {
    if (!map["column"]) return Error(map, model + " needs the sensitive column");
    return Text(map["column"], model + " column");
  }

  Result<LDiversitySpec> L(const YAML::Node& node) const {
    if (!node.IsMap()) return Error(node, "l_diversity must be a map {column, l, variant}");
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"column", "l", "variant", "c"}, "l_diversity"));
    LDiversitySpec spec;
    VEIL_ASSIGN_OR_RETURN(spec.column, Column(node, "l_diversity"));
    if (!node["l"]) return Error(node, "l_diversity needs l");
    VEIL_ASSIGN_OR_RETURN(spec.l, Real(node["l"], "l", 1, 1e9));
    if (node["variant"]) {
      VEIL_ASSIGN_OR_RETURN(const std::string variant, Text(node["variant"], "variant"));
      if (variant == "distinct") {
        spec.variant = LDiversitySpec::Variant::kDistinct;
      } else if (variant == "entropy") {
        spec.variant = LDiversitySpec::Variant::kEntropy;
      } else if (variant == "recursive") {
        spec.variant = LDiversitySpec::Variant::kRecursive;
      } else {
        return Error(node["variant"], "variant is distinct, entropy or recursive");
      }
    }
    if (spec.variant != LDiversitySpec::Variant::kEntropy &&
        spec.l != static_cast<int64_t>(spec.l)) {
      return Error(node["l"], "l must be a whole number for distinct and recursive diversity");
    }
    if (spec.variant == LDiversitySpec::Variant::kRecursive) {
      if (!node["c"]) return Error(node, "recursive l-diversity needs c");
      VEIL_ASSIGN_OR_RETURN(spec.c, Real(node["c"], "c", 1e-9, 1e9));
    } else if (node["c"]) {
      return Error(node["c"], "c applies to recursive l-diversity only");
    }
    return spec;
  }

  Result<TClosenessSpec> T(const YAML::Node& node) const {
    if (!node.IsMap()) return Error(node, "t_closeness must be a map {column, t, distance}");
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"column", "t", "distance", "hierarchy"}, "t_closeness"));
    TClosenessSpec spec;
    VEIL_ASSIGN_OR_RETURN(spec.column, Column(node, "t_closeness"));
    if (!node["t"]) return Error(node, "t_closeness needs t");
    VEIL_ASSIGN_OR_RETURN(spec.t, Real(node["t"], "t", 0, 1));
    if (node["distance"]) {
      VEIL_ASSIGN_OR_RETURN(const std::string distance, Text(node["distance"], "distance"));
      if (distance == "equal") {
        spec.distance = TClosenessSpec::Distance::kEqual;
      } else if (distance == "ordered") {
        spec.distance = TClosenessSpec::Distance::kOrdered;
      } else if (distance == "hierarchical") {
        spec.distance = TClosenessSpec::Distance::kHierarchical;
      } else {
        return Error(node["distance"], "distance is equal, ordered or hierarchical");
      }
    }
    const bool hierarchical = spec.distance == TClosenessSpec::Distance::kHierarchical;
    if (hierarchical != static_cast<bool>(node["hierarchy"])) {
      return Error(node, "a hierarchy file goes with distance: hierarchical, and only with it");
    }
    if (hierarchical) {
      VEIL_ASSIGN_OR_RETURN(spec.hierarchy, Text(node["hierarchy"], "hierarchy"));
    }
    return spec;
  }

  Result<PrivacyMetric> Metric(const YAML::Node& node) const {
    VEIL_ASSIGN_OR_RETURN(const std::string name, Text(node, "metric"));
    for (auto metric : {PrivacyMetric::kLoss, PrivacyMetric::kDiscernibility,
                        PrivacyMetric::kPrecision, PrivacyMetric::kEntropy}) {
      if (name == MetricName(metric)) return metric;
    }
    return Error(node, "metric is loss, discernibility, precision or entropy");
  }

  std::string path_;
  std::string where_;
};

}  // namespace

std::string PrivacySpec::SensitiveColumn() const {
  if (l_diversity) return l_diversity->column;
  if (t_closeness) return t_closeness->column;
  return "";
}

Result<PrivacySpec> ParsePrivacySpec(const YAML::Node& node, const std::string& path,
                                     const std::string& table) {
  return PrivacyParser(path, table).Parse(node);
}

const char* MetricName(PrivacyMetric metric) {
  switch (metric) {
    case PrivacyMetric::kLoss:
      return "loss";
    case PrivacyMetric::kDiscernibility:
      return "discernibility";
    case PrivacyMetric::kPrecision:
      return "precision";
    case PrivacyMetric::kEntropy:
      return "entropy";
  }
  return "";
}

}  // namespace veil
