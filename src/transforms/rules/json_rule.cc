// `{json: {PATH: RULE, ...}}`: applies rules to values nested inside JSON documents
// (PostgreSQL json/jsonb columns, or any text column holding JSON). Members the policy
// does not list are kept, or, with `unlisted: null` or `unlisted: drop`, every string,
// number and boolean that no listed path reaches (itself or through a value holding it)
// becomes JSON null or is removed (with drop, so are JSON nulls and the objects and arrays
// left holding nothing reached, member names and all). RULE is keep, drop (remove the member or element), null (JSON
// null) or any other rule kind, built with the same context as a plain column rule, so
// entity-keyed rules read the table's key column and pseudonyms join across tables. A
// fake that can equal real values gets an originals scan of the values at its path, so
// it avoids the names found inside documents as well as those of plain columns.
//
// Batch design: for each path, the addressed value of every row is gathered into one
// Column (strings as their text, numbers and booleans as their JSON text, JSON null as
// NULL), the path's rule runs once on a copy of the batch whose rule column is that
// Column, and the results are written back (a number stays a number when the result is
// one). A `[*]` path that reaches several values in a row runs in layers: layer k holds
// each row's k-th value, so rows keep their numbers and entity keys stay aligned.
// Documents in which a listed path found something are written back as compact JSON in
// their member order; others are copied byte for byte. A document nested deeper than
// kMaxJsonDepth is an error naming the row: writing JSON back recurses once per level, so
// without the bound a hostile cell could overflow the stack.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_set>

#include "policy/rule_kinds.h"
#include "transforms/json_path.h"
#include "transforms/rule_registry.h"
#include "transforms/rules/builtin.h"
#include "transforms/rules/cell_helpers.h"

namespace veil {
namespace {

using Json = nlohmann::ordered_json;

// What the policy says about one path.
struct PathAction {
  enum class Kind { kKeep, kDrop, kNull, kRule };
  Kind kind = Kind::kKeep;
  JsonPath path;
  std::unique_ptr<Rule> rule;  // kRule only
};

// What becomes of the strings, numbers and booleans no listed path reaches.
enum class Unlisted { kKeep, kNull, kDrop };

// Arrays and objects a document may open inside each other (the document itself is 1).
constexpr size_t kMaxJsonDepth = 512;

// Per-row flags of the current batch.
constexpr uint8_t kParsed = 1;   // the cell held a document (not NULL or empty)
constexpr uint8_t kTouched = 2;  // a path found something: write the document back
constexpr uint8_t kDropped = 4;  // some value is marked for removal

// `text` as a JSON number (integer when it is one), or nullopt.
std::optional<Json> NumberFrom(std::string_view text) {
  const char* end = text.data() + text.size();
  int64_t integer = 0;
  if (const auto r = std::from_chars(text.data(), end, integer);
      r.ec == std::errc() && r.ptr == end) {
    return Json(integer);
  }
  uint64_t unsigned_integer = 0;
  if (const auto r = std::from_chars(text.data(), end, unsigned_integer);
      r.ec == std::errc() && r.ptr == end) {
    return Json(unsigned_integer);
  }
  if (const auto real = ParseNumber(text)) return Json(*real);
  return std::nullopt;
}

// Replaces `target` by a rule's result, keeping numbers and booleans when the result
// still is one; NULL becomes JSON null, anything else a string.
void WriteBack(Json& target, const Column& results, size_t row) {
  if (results.IsNull(row)) {
    target = nullptr;
    return;
  }
  const std::string_view text = results.Text(row);
  if (target.is_number()) {
    if (auto number = NumberFrom(text)) {
      target = std::move(*number);
      return;
    }
  }
  if (target.is_boolean() && (text == "true" || text == "false")) {
    target = text == "true";
    return;
  }
  target = std::string(text);
}

// Removes every member and element marked `discarded`; iterative, so a deeply nested
// document cannot exhaust the stack.
void RemoveDiscarded(Json& document) {
  std::vector<Json*> pending{&document};
  while (!pending.empty()) {
    Json& value = *pending.back();
    pending.pop_back();
    if (!value.is_structured()) continue;
    for (auto it = value.begin(); it != value.end();) {
      it = it->is_discarded() ? value.erase(it) : std::next(it);
    }
    for (auto& child : value) pending.push_back(&child);
  }
}

class JsonRule final : public Rule {
 public:
  // `digests` are the entity digest memos the sub-rules may use (see ForgetDigestMemos).
  JsonRule(std::vector<PathAction> actions, Unlisted unlisted, std::vector<EntityDigests*> digests)
      : actions_(std::move(actions)), unlisted_(unlisted), digests_(std::move(digests)) {}

  Status Apply(const Batch& batch, size_t column, Column& out) override {
    VEIL_RETURN_IF_ERROR(ParseDocuments(batch, column));
    scratch_ready_ = false;
    reached_.clear();
    for (PathAction& action : actions_) {
      const Status status = RunAction(action, batch, column);
      if (!status.ok()) return status.WithContext("path " + action.path.text());
    }
    if (unlisted_ != Unlisted::kKeep) ClearUnlisted();
    return WriteDocuments(batch, column, out);
  }

 private:
  Status ParseDocuments(const Batch& batch, size_t column) {
    const Column& in = batch.columns[column];
    documents_.resize(in.size());
    flags_.assign(in.size(), 0);
    for (size_t i = 0; i < in.size(); ++i) {
      if (IsEmptyCell(in, i)) continue;
      const std::string_view text = in.Text(i);
      if (NestsDeeperThan(text, kMaxJsonDepth)) {
        return RowError(
            batch, i, fmt::format("the value is JSON nested deeper than {} levels", kMaxJsonDepth));
      }
      documents_[i] = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
      if (documents_[i].is_discarded()) return RowError(batch, i, "the value is not valid JSON");
      flags_[i] = kParsed;
    }
    return Status::Ok();
  }

  // Fills matches_ with what `path` addresses in every row; row i's are
  // matches_[starts_[i] .. starts_[i + 1]). Returns the most found in one row.
  size_t FindAll(const JsonPath& path) {
    matches_.clear();
    starts_.assign(documents_.size() + 1, 0);
    size_t most = 0;
    for (size_t i = 0; i < documents_.size(); ++i) {
      starts_[i] = matches_.size();
      if (flags_[i] & kParsed) path.Find(documents_[i], matches_);
      most = std::max(most, matches_.size() - starts_[i]);
    }
    starts_[documents_.size()] = matches_.size();
    return most;
  }

  Status RunAction(PathAction& action, const Batch& batch, size_t column) {
    const bool track = unlisted_ != Unlisted::kKeep;
    if (action.kind == PathAction::Kind::kKeep && !track) return Status::Ok();
    const size_t layers = FindAll(action.path);
    if (track) reached_.insert(matches_.begin(), matches_.end());
    if (action.kind == PathAction::Kind::kKeep) return Status::Ok();
    if (action.kind == PathAction::Kind::kRule) {
      for (size_t layer = 0; layer < layers; ++layer) {
        VEIL_RETURN_IF_ERROR(RunLayer(*action.rule, batch, column, layer));
      }
      return Status::Ok();
    }
    const bool drop = action.kind == PathAction::Kind::kDrop;
    for (size_t i = 0; i < documents_.size(); ++i) {
      for (size_t m = starts_[i]; m < starts_[i + 1]; ++m) {
        *matches_[m] = drop ? Json(Json::value_t::discarded) : Json(nullptr);
        flags_[i] |= drop ? (kTouched | kDropped) : kTouched;
      }
    }
    return Status::Ok();
  }

  // Nulls, or marks for removal, every string, number and boolean that no listed path
  // reached, itself or through a container holding it. With `unlisted: drop`, JSON nulls
  // and containers left holding nothing reached go too, so no member name of the source
  // survives but on the way to a listed value. Iterative: depth is bounded only by
  // kMaxJsonDepth. The addresses in reached_ are compared, never followed: after parsing
  // no value is added to a document, so none can take a reached value's address.
  void ClearUnlisted() {
    const bool drop = unlisted_ == Unlisted::kDrop;
    std::vector<Json*> pending, order;
    std::unordered_set<const Json*> holding;  // reached, or holding a reached value
    for (size_t i = 0; i < documents_.size(); ++i) {
      if (!(flags_[i] & kParsed)) continue;
      pending.assign(1, &documents_[i]);
      order.clear();
      while (!pending.empty()) {  // parents before their children
        Json* value = pending.back();
        pending.pop_back();
        order.push_back(value);
        if (value->is_structured() && !reached_.contains(value)) {
          for (auto& child : *value) pending.push_back(&child);
        }
      }
      holding.clear();
      for (auto it = order.rbegin(); it != order.rend(); ++it) {  // children first
        Json* value = *it;
        if (reached_.contains(value) || value->is_discarded()) {
          holding.insert(value);
          continue;
        }
        if (value->is_structured()) {
          const bool holds = std::any_of(value->begin(), value->end(), [&](const Json& child) {
            return holding.contains(&child);
          });
          if (holds) holding.insert(value);
          if (holds || !drop || value == &documents_[i]) continue;
        } else if (value->is_null() && !drop) {
          continue;
        }
        // The document itself cannot be removed: a scalar document becomes null.
        const bool remove = drop && value != &documents_[i];
        *value = remove ? Json(Json::value_t::discarded) : Json(nullptr);
        flags_[i] |= remove ? (kTouched | kDropped) : kTouched;
      }
    }
  }

  // Runs `rule` on the layer-th value every row's path found, and writes results back.
  Status RunLayer(Rule& rule, const Batch& batch, size_t column, size_t layer) {
    PrepareScratch(batch, column);
    Column& gathered = scratch_.columns[column];
    gathered.Clear();
    for (size_t i = 0; i < documents_.size(); ++i) {
      if (starts_[i] + layer < starts_[i + 1]) {
        VEIL_RETURN_IF_ERROR(Gather(*matches_[starts_[i] + layer], batch, i, gathered));
      } else {
        gathered.AppendNull();
      }
    }
    results_.Clear();
    ForgetDigestMemos();
    const Status status = rule.Apply(scratch_, column, results_);
    ForgetDigestMemos();
    VEIL_RETURN_IF_ERROR(status);
    if (results_.size() != documents_.size()) {
      return InternalError("a rule inside json returned the wrong number of cells");
    }
    for (size_t i = 0; i < documents_.size(); ++i) {
      if (starts_[i] + layer >= starts_[i + 1]) continue;
      WriteBack(*matches_[starts_[i] + layer], results_, i);
      flags_[i] |= kTouched;
    }
    return Status::Ok();
  }

  static Status Gather(const Json& value, const Batch& batch, size_t row, Column& gathered) {
    switch (value.type()) {
      case Json::value_t::null:
        gathered.AppendNull();
        return Status::Ok();
      case Json::value_t::string:
        gathered.Append(value.get_ref<const std::string&>());
        return Status::Ok();
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
        gathered.Append(value.dump(), CellKind::kInteger);
        return Status::Ok();
      case Json::value_t::number_float:
        gathered.Append(value.dump(), CellKind::kReal);
        return Status::Ok();
      case Json::value_t::boolean:
        gathered.Append(value.dump());
        return Status::Ok();
      default:
        return RowError(batch, row,
                        fmt::format("the path reaches {}; rules apply to strings, numbers and "
                                    "booleans (list its members, or drop or null it)",
                                    value.is_object() ? "an object" : "an array"));
    }
  }

  // The scratch batch is the input batch (every column copied once per Apply), whose
  // rule column each layer replaces by its gathered values.
  void PrepareScratch(const Batch& batch, size_t column) {
    if (scratch_ready_) return;
    scratch_.first_row = batch.first_row;
    scratch_.columns.resize(batch.columns.size());
    for (size_t c = 0; c < batch.columns.size(); ++c) {
      if (c != column) scratch_.columns[c] = batch.columns[c];
    }
    scratch_ready_ = true;
  }

  // EntityDigests memoises the digests of one (first_row, column) of a batch. Each layer
  // puts different values under the same (first_row, column), so the memo must forget
  // before and after every layer.
  void ForgetDigestMemos() {
    for (EntityDigests* digests : digests_) digests->ForgetRows();
  }

  Status WriteDocuments(const Batch& batch, size_t column, Column& out) {
    const Column& in = batch.columns[column];
    for (size_t i = 0; i < in.size(); ++i) {
      if (!(flags_[i] & kTouched)) {
        out.AppendFrom(in, i);
        continue;
      }
      if (flags_[i] & kDropped) RemoveDiscarded(documents_[i]);
      try {
        out.Append(documents_[i].dump());
      } catch (const Json::exception&) {
        return RowError(batch, i, "a rule inside json produced text that is not valid UTF-8");
      }
    }
    return Status::Ok();
  }

  std::vector<PathAction> actions_;
  Unlisted unlisted_;
  std::vector<EntityDigests*> digests_;
  // Scratch of the current batch.
  std::unordered_set<const Json*> reached_;  // what listed paths found (unlisted_ only)
  std::vector<Json> documents_;
  std::vector<uint8_t> flags_;
  std::vector<Json*> matches_;
  std::vector<size_t> starts_;
  Batch scratch_;
  bool scratch_ready_ = false;
  Column results_;
};

// --- parsing ----------------------------------------------------------------------

// What the policy says about one path, parsed; a rule kind's own arguments are parsed
// too, so a bad argument deep inside a document's rules stops the run at load.
struct PathArgs {
  PathAction::Kind kind = PathAction::Kind::kKeep;
  JsonPath path;
  std::optional<ParsedRule> rule;  // kRule only
};

struct JsonArgs {
  std::vector<PathArgs> paths;  // in policy order
  Unlisted unlisted = Unlisted::kKeep;
};

constexpr std::string_view kUnlistedKey = "unlisted";

Result<Unlisted> ParseUnlisted(const PolicyValue& value, const RuleSite& site) {
  const std::string word = value.IsNull()     ? "null"
                           : value.IsScalar() ? value.as<std::string>()
                                              : "";
  if (word == rule_kind::kKeep) return Unlisted::kKeep;
  if (word == rule_kind::kNull) return Unlisted::kNull;
  if (word == rule_kind::kDrop) return Unlisted::kDrop;
  const RuleSpec spec{std::string(rule_kind::kJson), PolicyValue::Null(value.line()), value.line()};
  return site.Error(spec,
                    "unlisted takes keep, null or drop: what becomes of the strings, "
                    "numbers and booleans no listed path reaches");
}

// Reads one path's rule the way the policy reads a column's rule.
Result<RuleSpec> ParseInnerSpec(const PolicyValue& node, const RuleSite& site) {
  RuleSpec spec;
  spec.line = node.line();
  spec.argument = PolicyValue::Null(spec.line);
  if (node.IsNull()) {
    spec.kind = rule_kind::kNull;
  } else if (node.IsScalar()) {  // a kind without argument, as for a column
    spec.kind = node.as<std::string>();
    if (!rule_kind::IsKnown(spec.kind)) {
      return site.Error(spec, fmt::format("'{}' is not a rule; a rule is a kind without argument "
                                          "(keep, drop, null, redact) or {{kind: argument}}",
                                          spec.kind));
    }
  } else if (node.IsMap() && node.size() == 1) {
    spec.kind = node.entries().front().first.as<std::string>();
    spec.argument = node.entries().front().second;
  } else {
    return site.Error(spec,
                      "a rule is keep, drop, null or a one-key map such as "
                      "{fake: first_name}");
  }
  return spec;
}

Result<PathArgs> ParsePath(const PolicyValue& key, const PolicyValue& value, const RuleSite& site,
                           std::set<std::string>& seen) {
  const RuleSpec key_spec{std::string(rule_kind::kJson), PolicyValue::Null(key.line()), key.line()};
  const auto path = JsonPath::Parse(key.as<std::string>());
  if (!path.ok()) return site.Error(key_spec, path.status().message());
  if (!seen.insert(path->text()).second) {
    return site.Error(key_spec, fmt::format("path {} is listed twice", path->text()));
  }
  VEIL_ASSIGN_OR_RETURN(RuleSpec spec, ParseInnerSpec(value, site));
  PathArgs parsed;
  parsed.path = path.value();
  if (spec.kind == rule_kind::kKeep) return parsed;
  if (spec.kind == rule_kind::kDrop) {
    if (parsed.path.IsRoot()) {
      return site.Error(spec,
                        "$ is the whole document and cannot be dropped; use null, or "
                        "drop the column");
    }
    parsed.kind = PathAction::Kind::kDrop;
  } else if (spec.kind == rule_kind::kNull) {
    parsed.kind = PathAction::Kind::kNull;
  } else {
    parsed.kind = PathAction::Kind::kRule;
    // The inner rule is named "COLUMN, path PATH", so its errors name the path.
    VEIL_ASSIGN_OR_RETURN(parsed.rule,
                          site.registry->Parse(spec, site.Inside("path " + parsed.path.text())));
  }
  return parsed;
}

Result<JsonArgs> ParseJson(const RuleSpec& spec, const RuleSite& site) {
  if (!spec.argument.IsMap() || spec.argument.size() == 0) {
    return site.Error(spec,
                      "json takes a map of JSON paths to rules: "
                      "{json: {'$.first_name': {fake: first_name}}}");
  }
  JsonArgs args;
  std::set<std::string> seen;
  for (const auto& [key, value] : spec.argument.entries()) {
    if (key.IsScalar() && key.as<std::string>() == kUnlistedKey) {
      VEIL_ASSIGN_OR_RETURN(args.unlisted, ParseUnlisted(value, site));
      continue;
    }
    VEIL_ASSIGN_OR_RETURN(PathArgs path, ParsePath(key, value, site, seen));
    args.paths.push_back(std::move(path));
  }
  if (args.paths.empty() && args.unlisted == Unlisted::kKeep) {
    return site.Error(spec, "json lists no path: give the column keep instead");
  }
  return args;
}

// --- building ---------------------------------------------------------------------

// Builds the rule of one path with the column's context, under the name
// "COLUMN, path PATH" (so errors name the path, and row-keyed draws differ by path).
// Nested values have no declared SQL type, so no length or integer limit applies.
Result<std::unique_ptr<Rule>> BuildInnerRule(const ParsedRule& parsed, const JsonPath& path,
                                             const RuleContext& context) {
  TableSchema schema = context.schema;
  auto& column = schema.columns[context.column_index];
  column.name = fmt::format("{}, path {}", column.name, path.text());
  column.declared_type.clear();
  const RuleContext inner{context.run, context.table, schema, context.column_index, context.line};
  auto& to_scan = context.run.originals_to_scan;
  const size_t scans = to_scan.size();
  auto rule = parsed.Build(inner);
  // A fake that can equal real values asked the engine to collect the column's values;
  // here they are the values the path reaches inside the documents (a json rule inside
  // has already put its own paths there, which apply inside what this one reaches).
  for (size_t i = scans; i < to_scan.size(); ++i) {
    auto& paths = to_scan[i].json_paths;
    paths.insert(paths.begin(), path);
  }
  return rule;
}

Result<std::unique_ptr<Rule>> MakeJson(const JsonArgs& args, const RuleContext& context) {
  std::vector<PathAction> actions;
  for (const PathArgs& parsed : args.paths) {
    PathAction action;
    action.kind = parsed.kind;
    action.path = parsed.path;
    if (parsed.rule) {
      VEIL_ASSIGN_OR_RETURN(action.rule, BuildInnerRule(*parsed.rule, parsed.path, context));
    }
    actions.push_back(std::move(action));
  }
  // Every digest memo of this table that an inner rule can hold was created by now.
  std::vector<EntityDigests*> digests;
  for (const auto& [key, memo] : context.run.digests) {
    if (key.first == context.schema.name) digests.push_back(memo.get());
  }
  return std::unique_ptr<Rule>(
      std::make_unique<JsonRule>(std::move(actions), args.unlisted, digests));
}

}  // namespace

void RegisterJsonRule(RuleRegistry& registry) {
  registry.Register<JsonArgs>(rule_kind::kJson, ParseJson, MakeJson);
}

}  // namespace veil
