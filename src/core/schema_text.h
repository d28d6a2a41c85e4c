// SchemaText: the free text a source's schema carries — column defaults, comments, CHECK
// constraints, generated-column expressions, index and partition definitions, type
// definitions (enum labels) and view definitions. It is copied with the schema, so it
// can hold an original value as surely as a cell can: `veil verify` searches it, and the
// anonymiser removes the defaults and comments that hold one.
//
// Plain data. A SchemaText names where its text stands (never what it says): its
// description is safe for messages and reports, its `text` is not.
#pragma once

#include <string>
#include <vector>

#include "core/table_schema.h"
#include "core/view_schema.h"

namespace veil {

enum class SchemaTextKind {
  kColumnDefault,   // the DEFAULT of `column` of `owner`
  kTableComment,    // the comment on table `owner`
  kColumnComment,   // the comment on `column` of `owner`
  kCheck,           // a CHECK constraint of table `owner` (`item`: its position, from 1)
  kGenerated,       // the expression of generated column `column` of `owner`
  kIndex,           // the definition of index `item` of table `owner`
  kPartition,       // the bound of partition `item` of table `owner`
  kType,            // the definition of type `owner` (enum labels, domain checks...)
  kViewDefinition,  // the SELECT of view `owner`
  kViewComment,     // the comment on view `owner`
};

struct SchemaText {
  SchemaTextKind kind;
  std::string owner;   // the table, view or type, named as the source names it
  std::string column;  // the column, for defaults, column comments and generated columns
  // The constraint's position, the index or the partition; for a view's definition and
  // comment, "materialized" if it is a materialized view; else "".
  std::string item;
  std::string text;  // the text itself: personal data may be in it

  bool operator==(const SchemaText&) const = default;
};

// Every piece of schema text of `table`, in a stable order: the table comment, then per
// column its default and comment, then the generated columns, CHECKs, indexes,
// partitions and the definitions of the types it uses. Empty texts are left out.
std::vector<SchemaText> ListSchemaText(const TableSchema& table);

// The definition and the comment of `view` (empty ones left out).
std::vector<SchemaText> ListSchemaText(const ViewSchema& view);

// Every piece of schema text of the tables and views, each type once (types are listed
// with every table that uses them).
std::vector<SchemaText> ListSchemaText(const std::vector<TableSchema>& tables,
                                       const std::vector<ViewSchema>& views);

// Where the text stands, in words, e.g. "the default of column name of table child" or
// "the definition of view v_children". Never contains the text.
std::string DescribeSchemaText(const SchemaText& text);

// True for the kinds the anonymiser removes when they hold an original value (defaults
// and comments: neither changes what the output's data is); the others are copied as
// they are and left to `veil verify`.
bool IsRemovableSchemaText(SchemaTextKind kind);

}  // namespace veil
