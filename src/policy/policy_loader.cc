// Parses policy YAML into a Policy, checking its shape. See policy.h.
#include <fmt/format.h>
#include <openssl/evp.h>

#include <filesystem>
#include <set>

#include "core/bounded_file.h"
#include "policy/policy.h"
#include "policy/policy_keys.h"
#include "policy/privacy_spec_loader.h"
#include "policy/rule_kinds.h"
#include "policy/yaml_size.h"
#include "policy/yaml_value.h"

namespace veil {
namespace {

int LineOf(const YAML::Node& node) {
  return node.Mark().line + 1;
}

class PolicyParser {
 public:
  explicit PolicyParser(std::string path) : path_(std::move(path)) {}

  Status Error(const YAML::Node& node, const std::string& what) const {
    return PolicyError(fmt::format("{}:{}: {}", path_, LineOf(node), what));
  }

  Status ExpectKeys(const YAML::Node& map, const std::set<std::string>& allowed,
                    const std::string& where) const {
    return CheckPolicyKeys(map, allowed, where, path_);
  }

  Result<int> Integer(const YAML::Node& node, const std::string& what) const {
    try {
      return node.as<int>();
    } catch (const YAML::Exception&) {
      return Error(node, what + " must be a whole number");
    }
  }

  Status ParseSecret(const YAML::Node& node, SecretSpec& out) const {
    if (!node || node.IsNull()) return Status::Ok();
    if (node.IsScalar()) {
      if (node.as<std::string>() == "ephemeral") return Status::Ok();
      return Error(node, "secret must be 'ephemeral', {env: NAME} or {file: PATH}");
    }
    if (!node.IsMap() || node.size() != 1) {
      return Error(node, "secret must be 'ephemeral', {env: NAME} or {file: PATH}");
    }
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"env", "file"}, "secret"));
    const auto key = node.begin()->first.as<std::string>();
    const YAML::Node value = node.begin()->second;
    if (!value.IsScalar() || value.as<std::string>().empty()) {
      return Error(value, "secret " + key + " must name a non-empty " +
                              (key == "env" ? "environment variable" : "file path"));
    }
    out.kind = key == "env" ? SecretSpec::Kind::kEnv : SecretSpec::Kind::kFile;
    out.reference = value.as<std::string>();
    if (out.kind == SecretSpec::Kind::kFile && std::filesystem::path(out.reference).is_relative()) {
      out.reference = (std::filesystem::path(path_).parent_path() / out.reference).string();
    }
    return Status::Ok();
  }

  Status ParsePseudonym(const YAML::Node& node, PseudonymFormat& out) const {
    if (!node.IsMap()) return Error(node, "pseudonym must be a map {alphabet, length, prefix}");
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"alphabet", "length", "prefix"}, "pseudonym"));
    if (node["alphabet"]) {
      static const std::map<std::string, PseudonymAlphabet> kAlphabets = {
          {"alnum", PseudonymAlphabet::kAlnum},
          {"digits", PseudonymAlphabet::kDigits},
          {"hex", PseudonymAlphabet::kHex},
          {"upper_alnum", PseudonymAlphabet::kUpperAlnum}};
      const auto it = kAlphabets.find(node["alphabet"].as<std::string>());
      if (it == kAlphabets.end()) {
        return Error(node["alphabet"], "alphabet must be one of alnum, digits, hex, upper_alnum");
      }
      out.alphabet = it->second;
    }
    if (node["length"]) {
      VEIL_ASSIGN_OR_RETURN(out.length, Integer(node["length"], "pseudonym length"));
      if (out.length < 4 || out.length > 64) {
        return Error(node["length"], "pseudonym length must be between 4 and 64");
      }
    }
    if (node["prefix"]) out.prefix = node["prefix"].as<std::string>();
    return Status::Ok();
  }

  Result<DayRange> ParseDayRange(const YAML::Node& node, const std::string& where) const {
    if (!node.IsMap()) return Error(node, where + " must be a map {min_days, max_days}");
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"min_days", "max_days"}, where));
    if (!node["min_days"] || !node["max_days"]) {
      return Error(node, where + " needs both min_days and max_days");
    }
    DayRange range;
    VEIL_ASSIGN_OR_RETURN(range.min_days, Integer(node["min_days"], "min_days"));
    VEIL_ASSIGN_OR_RETURN(range.max_days, Integer(node["max_days"], "max_days"));
    if (range.min_days > range.max_days) return Error(node, "min_days is greater than max_days");
    if (range.min_days < -36500 || range.max_days > 36500) {
      return Error(node, "a date shift must stay within 100 years");
    }
    return range;
  }

  Status ParseEntities(const YAML::Node& node, Policy& policy) const {
    if (!node) return Status::Ok();
    if (!node.IsMap()) return Error(node, "entities must be a map of entity names");
    for (const auto& item : node) {
      EntityPolicy entity;
      entity.name = item.first.as<std::string>();
      entity.line = LineOf(item.first);
      const auto& body = item.second;
      if (policy.entities.count(entity.name)) {
        return Error(item.first, "entity '" + entity.name + "' is declared twice");
      }
      if (body.IsMap()) {
        VEIL_RETURN_IF_ERROR(
            ExpectKeys(body, {"pseudonym", "date_shift"}, "entity " + entity.name));
        if (body["pseudonym"])
          VEIL_RETURN_IF_ERROR(ParsePseudonym(body["pseudonym"], entity.pseudonym));
        if (body["date_shift"]) {
          VEIL_ASSIGN_OR_RETURN(entity.date_shift,
                                ParseDayRange(body["date_shift"], "date_shift of " + entity.name));
        }
      } else if (!body.IsNull()) {
        return Error(body, "entity '" + entity.name + "' must be a map {pseudonym, date_shift}");
      }
      policy.entities[entity.name] = entity;
    }
    return Status::Ok();
  }

  Result<RuleSpec> ParseRule(const YAML::Node& node, const std::string& column) const {
    RuleSpec rule;
    rule.line = LineOf(node);
    rule.argument = PolicyValue::Null(rule.line);
    if (node.IsNull()) {  // YAML reads a bare `null` (or nothing) as no value
      rule.kind = rule_kind::kNull;
      return rule;
    }
    if (node.IsScalar()) {  // a kind without argument; the kind's parser says if it needs one
      rule.kind = node.as<std::string>();
      if (!rule_kind::IsKnown(rule.kind)) {
        return Error(node, fmt::format("column '{}': '{}' is not a rule; a rule is a kind without "
                                       "argument (keep, drop, null, redact) or {{kind: argument}}",
                                       column, rule.kind));
      }
      return rule;
    }
    if (!node.IsMap() || node.size() != 1) {
      return Error(node, fmt::format("column '{}': a rule is keep, drop, null or a one-key map "
                                     "such as {{fake: first_name}}",
                                     column));
    }
    rule.kind = node.begin()->first.as<std::string>();
    rule.argument = ToPolicyValue(node.begin()->second);
    return rule;
  }

  Status ParseTableBody(const YAML::Node& body, TablePolicy& table, const Policy& policy) const {
    VEIL_RETURN_IF_ERROR(ExpectKeys(body, {"keys", "columns", "privacy"}, "table " + table.name));
    if (const auto& privacy = body["privacy"]) {
      VEIL_ASSIGN_OR_RETURN(table.privacy, ParsePrivacySpec(privacy, path_, table.name));
    }
    if (const auto& keys = body["keys"]) {
      if (!keys.IsMap()) return Error(keys, "keys must map entity names to column names");
      for (const auto& key : keys) {
        const auto entity = key.first.as<std::string>();
        if (!policy.entities.count(entity)) {
          return Error(key.first, fmt::format("table '{}': keys name entity '{}', which is not "
                                              "declared under entities",
                                              table.name, entity));
        }
        table.keys[entity] = key.second.as<std::string>();
      }
    }
    const auto& columns = body["columns"];
    if (!columns || !columns.IsMap()) {
      return Error(body, "table '" + table.name +
                             "' needs a columns map (or an action: keep, "
                             "delete, drop)");
    }
    std::set<std::string> seen;
    for (const auto& item : columns) {
      const auto column = item.first.as<std::string>();
      if (!seen.insert(column).second) {
        return Error(item.first,
                     fmt::format("table '{}': column '{}' appears twice", table.name, column));
      }
      VEIL_ASSIGN_OR_RETURN(RuleSpec rule, ParseRule(item.second, column));
      table.columns.emplace_back(column, std::move(rule));
    }
    return Status::Ok();
  }

  Status ParseTables(const YAML::Node& node, Policy& policy) const {
    if (!node || !node.IsMap()) return Error(node, "the policy needs a tables map");
    std::set<std::string> seen;
    for (const auto& item : node) {
      TablePolicy table;
      table.name = item.first.as<std::string>();
      table.line = LineOf(item.first);
      if (!seen.insert(table.name).second) {
        return Error(item.first, "table '" + table.name + "' appears twice");
      }
      const auto& body = item.second;
      if (body.IsScalar()) {
        const auto action = body.as<std::string>();
        if (action == "keep")
          table.action = TableAction::kKeep;
        else if (action == "delete")
          table.action = TableAction::kDelete;
        else if (action == "drop")
          table.action = TableAction::kDrop;
        else
          return Error(body, "a table action is keep, delete or drop, or a map with columns");
      } else if (body.IsMap()) {
        VEIL_RETURN_IF_ERROR(ParseTableBody(body, table, policy));
      } else {
        return Error(body, "table '" + table.name + "' must be an action or a map with columns");
      }
      policy.tables.push_back(std::move(table));
    }
    return Status::Ok();
  }

  Status ParseInPlace(const YAML::Node& node, Policy& policy) const {
    if (!node) return Status::Ok();
    const std::string shape =
        "in_place must be a map {allow: [globs], server: ID, require_marker: BOOL}";
    if (!node.IsMap()) return Error(node, shape);
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"allow", "server", "require_marker"}, "in_place"));
    const auto& allow = node["allow"];
    if (!allow || !allow.IsSequence()) return Error(node, "in_place.allow must be a list of globs");
    for (const auto& glob : allow) {
      if (!glob.IsScalar() || glob.as<std::string>().empty()) {
        return Error(glob, "in_place.allow must be a list of globs");
      }
      policy.in_place_allow.push_back(glob.as<std::string>());
    }
    if (const auto& server = node["server"]) {
      const std::string id = server.IsScalar() ? server.as<std::string>() : "";
      if (id.empty() || id.size() > 20 || id.find_first_not_of("0123456789") != std::string::npos) {
        return Error(server,
                     "in_place.server must be the server's system identifier, a whole number "
                     "(SELECT system_identifier FROM pg_control_system())");
      }
      policy.in_place_server = id;
    }
    if (const auto& marker = node["require_marker"]) {
      try {
        policy.in_place_require_marker = marker.as<bool>();
      } catch (const YAML::Exception&) {
        return Error(marker, "in_place.require_marker must be true or false");
      }
    }
    return Status::Ok();
  }

  Result<double> Share(const YAML::Node& node, const std::string& what) const {
    try {
      const double share = node.as<double>();
      if (share >= 0 && share <= 1) return share;
    } catch (const YAML::Exception&) {
    }
    return Error(node, what + " must be a share between 0 and 1");
  }

  Status ParseVerify(const YAML::Node& node, VerifyPolicy& out) const {
    if (!node) return Status::Ok();
    if (!node.IsMap()) return Error(node, "verify must be a map");
    VEIL_RETURN_IF_ERROR(ExpectKeys(node, {"unchanged", "leak"}, "verify"));
    if (const auto& unchanged = node["unchanged"]) {
      if (!unchanged.IsMap())
        return Error(unchanged, "verify.unchanged must map rule kinds to shares");
      for (const auto& item : unchanged) {
        const auto kind = item.first.as<std::string>();
        VEIL_ASSIGN_OR_RETURN(out.unchanged[kind], Share(item.second, "verify.unchanged." + kind));
      }
    }
    const auto& leak = node["leak"];
    if (!leak) return Status::Ok();
    if (!leak.IsMap()) return Error(leak, "verify.leak must be a map");
    VEIL_RETURN_IF_ERROR(ExpectKeys(leak, {"min_length", "min_digits", "dates"}, "verify.leak"));
    if (leak["min_length"]) {
      VEIL_ASSIGN_OR_RETURN(out.leak_min_length, Integer(leak["min_length"], "min_length"));
    }
    if (leak["min_digits"]) {
      VEIL_ASSIGN_OR_RETURN(out.leak_min_digits, Integer(leak["min_digits"], "min_digits"));
    }
    if (leak["dates"]) {
      try {
        out.leak_dates = leak["dates"].as<bool>();
      } catch (const YAML::Exception&) {
        return Error(leak["dates"], "verify.leak.dates must be true or false");
      }
    }
    if (out.leak_min_length < 1 || out.leak_min_digits < 1) {
      return Error(leak, "verify.leak lengths must be 1 or more");
    }
    return Status::Ok();
  }

  Status Parse(const YAML::Node& root, Policy& policy) const {
    if (!root.IsMap()) return Error(root, "a policy is a YAML map with version and tables");
    VEIL_RETURN_IF_ERROR(ExpectKeys(
        root, {"version", "secret", "entities", "tables", "in_place", "verify"}, "the policy"));
    if (!root["version"]) return Error(root, "the policy needs 'version: 1'");
    VEIL_ASSIGN_OR_RETURN(int version, Integer(root["version"], "version"));
    if (version != 1) return Error(root["version"], "only policy version 1 is understood");
    VEIL_RETURN_IF_ERROR(ParseSecret(root["secret"], policy.secret));
    VEIL_RETURN_IF_ERROR(ParseEntities(root["entities"], policy));
    VEIL_RETURN_IF_ERROR(ParseTables(root["tables"], policy));
    VEIL_RETURN_IF_ERROR(ParseVerify(root["verify"], policy.verify));
    return ParseInPlace(root["in_place"], policy);
  }

 private:
  std::string path_;
};

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace

const RuleSpec* TablePolicy::FindColumn(const std::string& column) const {
  for (const auto& [name, rule] : columns) {
    if (name == column) return &rule;
  }
  return nullptr;
}

const TablePolicy* Policy::FindTable(const std::string& table) const {
  for (const auto& t : tables) {
    if (t.name == table) return &t;
  }
  return nullptr;
}

Result<Policy> ParsePolicy(const std::string& text, const std::string& path) {
  Policy policy;
  policy.path = path;
  policy.directory = std::filesystem::path(path).parent_path().string();
  policy.digest_hex = Sha256Hex(text);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return PolicyError(fmt::format("{}:{}: not valid YAML ({})", path, e.mark.line + 1, e.msg));
  }
  VEIL_RETURN_IF_ERROR(CheckExpandedSize(root, kMaxPolicyNodes, path));
  try {
    VEIL_RETURN_IF_ERROR(PolicyParser(path).Parse(root, policy));
  } catch (const YAML::Exception& e) {
    return PolicyError(fmt::format("{}:{}: {}", path, e.mark.line + 1, e.msg));
  }
  return policy;
}

Result<Policy> LoadPolicy(const std::string& path) {
  VEIL_ASSIGN_OR_RETURN(const std::string text,
                        ReadFileWithLimit(path, kMaxPolicyBytes, "policy file"));
  return ParsePolicy(text, path);
}

}  // namespace veil
