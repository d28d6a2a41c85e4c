#include "scan/entities.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "core/declared_type.h"
#include "scan/column_names.h"

namespace veil::scan {
namespace {

// An entity name that is a plain YAML key: lower-case letters, digits and underscores.
std::string EntityName(std::string_view text) {
  std::string name;
  for (const std::string& word : NameWords(text)) {
    if (!name.empty()) name.push_back('_');
    name += word;
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) name = "e_" + name;
  return name;
}

// A table's own entity when its key is just "id": the table's name, singular.
std::string TableEntity(const std::string& table) {
  std::string name = EntityName(table);
  if (name.size() > 3 && name.back() == 's') name.pop_back();
  return name;
}

std::string Replace(std::string rule, const std::string& entity) {
  const auto at = rule.find(kEntityMarker);
  if (at != std::string::npos) rule.replace(at, kEntityMarker.size(), entity);
  return rule;
}

class Resolver {
 public:
  Resolver(const std::vector<TableSchema>& schemas,
           std::vector<std::vector<Classification>>& classes)
      : schemas_(schemas), classes_(classes) {}

  void Run(ScanReport& report) {
    for (size_t t = 0; t < schemas_.size(); ++t) NameKeys(t);
    for (size_t t = 0; t < schemas_.size(); ++t)
      report.tables[t] = Finish(t, std::move(report.tables[t]));
    for (const auto& [name, format] : formats_) report.entities.push_back(Draft(name, format));
  }

 private:
  struct Format {
    bool integer = false;
    std::optional<size_t> limit;
  };

  // The entity of column c of table t, resolved through foreign keys (memoised).
  std::string EntityOf(size_t t, size_t c, int depth = 0) {
    const auto key = std::make_pair(t, c);
    if (const auto it = entity_.find(key); it != entity_.end()) return it->second;
    const TableSchema& schema = schemas_[t];
    const std::string& column = schema.columns[c].name;
    std::string entity;
    for (const auto& fk : schema.foreign_keys) {
      const auto pos = std::find(fk.columns.begin(), fk.columns.end(), column) - fk.columns.begin();
      if (pos == static_cast<long>(fk.columns.size()) || depth > 8) continue;
      const auto target =
          FindColumn(fk.referenced_table, fk.referenced_columns.size() > static_cast<size_t>(pos)
                                              ? fk.referenced_columns[static_cast<size_t>(pos)]
                                              : "");
      // A key may reference another column of its own table (a team's parent team).
      if (target && *target != key) entity = EntityOf(target->first, target->second, depth + 1);
      if (!entity.empty()) break;
    }
    if (entity.empty()) {
      const std::string from_name = EntityFromName(column);
      entity = from_name.empty() ? TableEntity(schema.name) : EntityName(from_name);
    }
    entity_[key] = entity;
    return entity;
  }

  std::optional<std::pair<size_t, size_t>> FindColumn(const std::string& table,
                                                      const std::string& column) const {
    for (size_t t = 0; t < schemas_.size(); ++t) {
      if (schemas_[t].name != table) continue;
      for (size_t c = 0; c < schemas_[t].columns.size(); ++c) {
        if (schemas_[t].columns[c].name == column) return std::make_pair(t, c);
      }
    }
    return std::nullopt;
  }

  void NameKeys(size_t t) {
    for (size_t c = 0; c < schemas_[t].columns.size(); ++c) {
      if (!classes_[t][c].names_entity) continue;
      const std::string entity = EntityOf(t, c);
      Format& format = formats_[entity];
      const ColumnSchema& column = schemas_[t].columns[c];
      format.integer |= IsIntegerType(column.declared_type);
      auto limit = DeclaredTextLength(column.declared_type);
      if (!limit) limit = DeclaredIntegerDigits(column.declared_type);  // int2/int4
      if (limit) format.limit = format.limit ? std::min(*format.limit, *limit) : *limit;
      tables_of_[entity].insert(t);
    }
  }

  TableFinding Finish(size_t t, TableFinding table) {
    const TableSchema& schema = schemas_[t];
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      if (!classes_[t][c].names_entity) continue;
      const std::string entity = EntityOf(t, c);
      table.keys.emplace(entity, schema.columns[c].name);
    }
    // The table's dates move with its most widely keyed entity (ties: the first).
    size_t best = 0;
    for (const auto& [entity, column] : table.keys) {
      if (tables_of_[entity].size() > best) {
        best = tables_of_[entity].size();
        table.date_entity = entity;
      }
    }
    for (size_t c = 0; c < schema.columns.size(); ++c) {
      Classification& k = classes_[t][c];
      if (k.names_entity) {
        k.finding.entity = EntityOf(t, c);
        k.finding.rule = Replace(k.finding.rule, k.finding.entity);
      } else if (k.shifts_dates) {
        ShiftDates(table, k);
      }
      if (!k.paths.empty()) ResolvePaths(table, k);
      table.columns.push_back(std::move(k.finding));
    }
    return table;
  }

  static void ShiftDates(const TableFinding& table, Classification& k) {
    k.finding.rule = table.date_entity.empty() ? "{date_shift: {min_days: -90, max_days: 90}}"
                                               : Replace(k.finding.rule, table.date_entity);
    if (table.date_entity.empty()) {
      k.finding.review = "the table has no entity key: each date moves by its own offset";
    }
  }

  // The member paths of a JSON column: an identifier is pseudonymised with the entity
  // its name suggests when the source keys that entity (so it joins), else nulled; dates
  // shift with the row's entity. Then the column's rule is the json rule they make up.
  void ResolvePaths(const TableFinding& table, Classification& column) {
    for (Classification& path : column.paths) {
      if (path.names_entity) {
        const std::string suggested = EntityFromName(path.words);
        const std::string entity = suggested.empty() ? "" : EntityName(suggested);
        if (!entity.empty() && formats_.contains(entity)) {
          path.finding.entity = entity;
          path.finding.rule = Replace(path.finding.rule, entity);
        } else {
          path.finding.rule = "null";
          path.finding.review =
              "an identifier inside the documents whose name matches no key of the source: "
              "pseudonymise it with the entity it names if it should join";
        }
      } else if (path.shifts_dates) {
        ShiftDates(table, path);
      }
      column.finding.paths.push_back(std::move(path.finding));
    }
    column.finding.rule = ComposeJsonRule(column.finding.paths);
  }

  static EntityDraft Draft(const std::string& name, const Format& format) {
    EntityDraft draft{name, format.integer ? "digits" : "upper_alnum", 16};
    if (format.limit) draft.length = static_cast<int>(std::clamp<size_t>(*format.limit, 1, 16));
    return draft;
  }

  const std::vector<TableSchema>& schemas_;
  std::vector<std::vector<Classification>>& classes_;
  std::map<std::pair<size_t, size_t>, std::string> entity_;
  std::map<std::string, Format> formats_;
  std::map<std::string, std::set<size_t>> tables_of_;
};

}  // namespace

void ResolveEntities(const std::vector<TableSchema>& schemas,
                     std::vector<std::vector<Classification>> classes, ScanReport& report) {
  Resolver(schemas, classes).Run(report);
}

}  // namespace veil::scan
