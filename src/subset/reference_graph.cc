#include "subset/reference_graph.h"

#include <algorithm>
#include <map>
#include <optional>

#include "policy/rule_kinds.h"

namespace veil {
namespace {

// The columns of `table` (indexes) that name entity `entity` in `policy`.
std::vector<int> EntityColumns(const TableSchema& table, const TablePolicy& policy,
                               const std::string& entity) {
  std::vector<int> columns;
  const auto add = [&](const std::string& name) {
    const int c = table.ColumnIndex(name);
    if (c >= 0 && std::find(columns.begin(), columns.end(), c) == columns.end()) {
      columns.push_back(c);
    }
  };
  if (auto it = policy.keys.find(entity); it != policy.keys.end()) add(it->second);
  for (const auto& [column, rule] : policy.columns) {
    if (rule.kind == rule_kind::kPseudonymise && rule.argument.IsScalar() &&
        rule.argument.text() == entity) {
      add(column);
    }
  }
  return columns;
}

bool IsSinglePrimaryKey(const TableSchema& table, int column) {
  int key_columns = 0;
  for (const auto& c : table.columns) key_columns += c.primary_key_position > 0 ? 1 : 0;
  return key_columns == 1 && table.columns[column].primary_key_position > 0;
}

bool IsSingleUnique(const TableSchema& table, int column) {
  return std::any_of(table.indexes.begin(), table.indexes.end(), [&](const IndexSchema& index) {
    return index.unique && index.columns.size() == 1 &&
           index.columns[0] == table.columns[column].name;
  });
}

struct Home {
  int table = -1;
  int column = -1;
};

// The home of `entity`: a primary key first, else a unique column, else (sources that
// declare neither, as CSV) a table's first column; table = -1 if none.
Home FindHome(const ReferenceGraph& graph, const Policy& policy, const std::string& entity) {
  Home unique, first;
  for (size_t t = 0; t < graph.tables.size(); ++t) {
    const TablePolicy* table_policy = policy.FindTable(graph.tables[t].name);
    if (table_policy == nullptr) continue;
    for (const int c : EntityColumns(graph.tables[t], *table_policy, entity)) {
      if (IsSinglePrimaryKey(graph.tables[t], c)) return Home{static_cast<int>(t), c};
      if (unique.table < 0 && IsSingleUnique(graph.tables[t], c)) {
        unique = Home{static_cast<int>(t), c};
      }
      if (first.table < 0 && c == 0) first = Home{static_cast<int>(t), c};
    }
  }
  return unique.table >= 0 ? unique : first;
}

bool Declared(const ReferenceGraph& graph, const ReferenceEdge& edge) {
  return std::any_of(graph.edges.begin(), graph.edges.end(), [&](const ReferenceEdge& e) {
    return !e.implied && e.child == edge.child && e.parent == edge.parent &&
           e.child_columns == edge.child_columns;
  });
}

void AddDeclared(ReferenceGraph& graph) {
  for (size_t t = 0; t < graph.tables.size(); ++t) {
    const TableSchema& child = graph.tables[t];
    for (const auto& fk : child.foreign_keys) {
      const int parent = graph.Find(fk.referenced_table);
      if (parent < 0) continue;
      ReferenceEdge edge{static_cast<int>(t), parent, {}, {}, false};
      const TableSchema& target = graph.tables[parent];
      std::vector<std::string> referenced = fk.referenced_columns;
      if (referenced.empty()) {  // SQLite: the parent's primary key, implicitly
        std::map<int, std::string> key;
        for (const auto& c : target.columns) {
          if (c.primary_key_position > 0) key[c.primary_key_position] = c.name;
        }
        for (const auto& [position, name] : key) referenced.push_back(name);
      }
      if (referenced.size() != fk.columns.size()) continue;
      for (size_t i = 0; i < fk.columns.size(); ++i) {
        edge.child_columns.push_back(child.ColumnIndex(fk.columns[i]));
        edge.parent_columns.push_back(target.ColumnIndex(referenced[i]));
      }
      const auto missing = [](const std::vector<int>& v) {
        return std::find(v.begin(), v.end(), -1) != v.end();
      };
      if (!missing(edge.child_columns) && !missing(edge.parent_columns)) {
        graph.edges.push_back(std::move(edge));
      }
    }
  }
}

void AddImplied(ReferenceGraph& graph, const Policy& policy) {
  for (const auto& [entity, unused] : policy.entities) {
    const Home home = FindHome(graph, policy, entity);
    if (home.table < 0) continue;
    for (size_t t = 0; t < graph.tables.size(); ++t) {
      const TablePolicy* table_policy = policy.FindTable(graph.tables[t].name);
      if (table_policy == nullptr) continue;
      for (const int c : EntityColumns(graph.tables[t], *table_policy, entity)) {
        if (static_cast<int>(t) == home.table && c == home.column) continue;
        ReferenceEdge edge{static_cast<int>(t), home.table, {c}, {home.column}, true};
        if (!Declared(graph, edge)) graph.edges.push_back(std::move(edge));
      }
    }
  }
}

}  // namespace

int ReferenceGraph::Find(const std::string& name) const {
  for (size_t t = 0; t < tables.size(); ++t) {
    if (tables[t].name == name) return static_cast<int>(t);
  }
  return -1;
}

ReferenceGraph BuildReferenceGraph(std::vector<TableSchema> schemas, const Policy& policy) {
  ReferenceGraph graph;
  graph.tables = std::move(schemas);
  AddDeclared(graph);
  AddImplied(graph, policy);
  return graph;
}

}  // namespace veil
