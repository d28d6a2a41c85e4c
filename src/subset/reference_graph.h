// ReferenceGraph: which tables' rows refer to which others', for `--subset`'s closure.
//
// Edges are the source's declared foreign keys (TableSchema::foreign_keys) plus those
// the policy's entities imply. An entity E has a home: the first table (in source order)
// whose single-column primary key names E (`keys: {E: col}` or `col: {pseudonymise: E}`),
// else the first whose single-column UNIQUE index does, else (a source that declares
// neither, as CSV) the first whose first column does. Every other column naming E, in
// any table, is then an implied foreign key to the home's column, unless a declared key
// already joins the same columns to the same table. Edges to or from tables or columns
// the source lacks are left out. Plain data; built from schemas and the policy alone.
#pragma once

#include <string>
#include <vector>

#include "core/table_schema.h"
#include "policy/policy.h"

namespace veil {

struct ReferenceEdge {
  int child = 0;                    // index into ReferenceGraph::tables: the referring table
  int parent = 0;                   // the referred-to table (== child for a self-reference)
  std::vector<int> child_columns;   // column indexes in the child's schema
  std::vector<int> parent_columns;  // in the parent's, same length
  bool implied = false;             // from the policy's entities, not declared
};

struct ReferenceGraph {
  std::vector<TableSchema> tables;  // the source's, in its order
  std::vector<ReferenceEdge> edges;

  // Index of table `name`, or -1.
  int Find(const std::string& name) const;
};

// Builds the graph of `schemas` (the source's, in order) under `policy`.
ReferenceGraph BuildReferenceGraph(std::vector<TableSchema> schemas, const Policy& policy);

}  // namespace veil
