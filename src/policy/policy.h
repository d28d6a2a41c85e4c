// Policy: the parsed form of a policy YAML file, which says what to do with every table
// and every column of a source.
//
// A Policy is plain data, validated for shape when loaded (LoadPolicy): unknown keys,
// malformed rules and references to undeclared entities are errors that name the
// policy file and line. Whether the policy covers a given source is checked separately
// (see coverage.h). Rule arguments are PolicyValues (the policy's own form, never a
// YAML node); each rule reads its own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/policy_value.h"
#include "policy/privacy_spec.h"
#include "policy/table_action.h"
#include "veil/status.h"

namespace veil {

// One column's rule, e.g. `{fake: first_name}`: kind "fake", argument node "first_name".
struct RuleSpec {
  std::string kind;      // keep, drop, null, value, pseudonymise, fake, date_shift, ...
  PolicyValue argument;  // the value under the kind key (absent for keep/drop/null)
  int line = 0;          // 1-based line in the policy file
};

struct TablePolicy {
  std::string name;
  TableAction action = TableAction::kAnonymise;
  std::map<std::string, std::string> keys;                // entity name -> column naming the entity
  std::vector<std::pair<std::string, RuleSpec>> columns;  // in policy order
  std::optional<PrivacySpec> privacy;                     // the `privacy:` section, if any
  int line = 0;

  const RuleSpec* FindColumn(const std::string& column) const;
};

enum class PseudonymAlphabet { kAlnum, kDigits, kHex, kUpperAlnum };

struct PseudonymFormat {
  PseudonymAlphabet alphabet = PseudonymAlphabet::kAlnum;
  int length = 16;
  std::string prefix;
};

struct DayRange {
  int min_days = 0;
  int max_days = 0;
};

struct EntityPolicy {
  std::string name;
  PseudonymFormat pseudonym;
  std::optional<DayRange> date_shift;
  int line = 0;
};

struct SecretSpec {
  enum class Kind { kEphemeral, kEnv, kFile };
  Kind kind = Kind::kEphemeral;
  std::string reference;  // the environment variable name or the file path
};

// The `verify:` section: how strict `veil verify` is. Everything has a default.
struct VerifyPolicy {
  // Largest share (0..1) of rows a rule kind may leave equal to the original before the
  // `unchanged` check raises a finding; overrides the built-in default for that kind.
  std::map<std::string, double> unchanged;
  // Originals shorter than this (characters), made only of digits and separators with
  // fewer digits than min_digits, or shaped like dates are not searched for by `leak`.
  int leak_min_length = 3;
  int leak_min_digits = 6;
  bool leak_dates = false;
};

struct Policy {
  std::string path;        // the file it was loaded from
  std::string directory;   // its directory, for relative paths inside it
  std::string digest_hex;  // SHA-256 of the file's bytes
  SecretSpec secret;
  std::map<std::string, EntityPolicy> entities;
  std::vector<TablePolicy> tables;
  std::vector<std::string> in_place_allow;  // globs, for in-place database scrubs
  std::string in_place_server;  // a server's system identifier (digits) to pin, "" for none
  bool in_place_require_marker = false;  // the database must carry veil's opt-in marker
  VerifyPolicy verify;

  const TablePolicy* FindTable(const std::string& table) const;
};

// The largest policy file veil reads (a real one is a few KiB).
constexpr size_t kMaxPolicyBytes = 16 * 1024 * 1024;

// Reads and validates the policy at `path`. Errors name the file and line; a file larger
// than kMaxPolicyBytes, or whose aliases expand past kMaxPolicyNodes (policy/yaml_size.h),
// is refused before it is parsed or walked.
Result<Policy> LoadPolicy(const std::string& path);
// The same, from text already in memory; `path` is used for messages and relative paths.
Result<Policy> ParsePolicy(const std::string& text, const std::string& path);

}  // namespace veil
