#include "subset/query_closure.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "subset/sample_draw.h"

namespace veil {
namespace {

enum State : uint8_t { kOut = 0, kUp = 1, kDown = 2 };

bool HasPrimaryKey(const TableSchema& schema) {
  for (const auto& column : schema.columns) {
    if (column.primary_key_position > 0) return true;
  }
  return false;
}

// Each row of `reader`, in batches, to `visit(batch, row)`.
template <typename Visit>
Status ForEachRow(TableReader& reader, Visit&& visit) {
  Batch batch;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool more, reader.Next(batch));
    if (!more) return Status::Ok();
    for (size_t r = 0; r < batch.rows(); ++r) VEIL_RETURN_IF_ERROR(visit(batch, r));
  }
}

}  // namespace

QueryClosure::QueryClosure(Source& source, const ReferenceGraph& graph, const RowKeys& keys)
    : source_(source), graph_(graph), keys_(keys), ends_(FindKeyEnds(graph)) {
  tables_.resize(graph.tables.size());
  for (size_t t = 0; t < tables_.size(); ++t) {
    tables_[t].identity = IdentityColumns(graph.tables[t]);
    tables_[t].has_primary_key = HasPrimaryKey(graph.tables[t]);
  }
}

Result<std::string> QueryClosure::Literal(const Batch& batch, size_t row,
                                          const std::vector<int>& columns) const {
  std::string literal = columns.size() > 1 ? "(" : "";
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& column = batch.columns[static_cast<size_t>(columns[i])];
    if (column.IsNull(row)) return std::string();  // refers to nothing
    VEIL_ASSIGN_OR_RETURN(const std::string cell,
                          source_.SqlLiteral(column.Text(row), column.kind(row)));
    if (i > 0) literal += ", ";
    literal += cell;
  }
  return columns.size() > 1 ? literal + ")" : literal;
}

Result<QueryClosure::Row> QueryClosure::Describe(int table, const Batch& batch, size_t row) const {
  const size_t t = static_cast<size_t>(table);
  return Describe(table, Layout{tables_[t].identity, ends_.of_table[t]}, batch, row);
}

Result<QueryClosure::Row> QueryClosure::Describe(int table, const Layout& layout,
                                                 const Batch& batch, size_t row) const {
  const size_t t = static_cast<size_t>(table);
  Row described;
  described.id = keys_.Identity(batch, row, layout.identity);
  for (const auto& end : layout.ends) {
    VEIL_ASSIGN_OR_RETURN(std::string literal, Literal(batch, row, end));
    described.ends.push_back(std::move(literal));
  }
  if (tables_[t].has_primary_key) {
    VEIL_ASSIGN_OR_RETURN(described.primary_key, Literal(batch, row, layout.identity));
  }
  return described;
}

void QueryClosure::Mark(int table, Row row, uint8_t state) {
  TableState& t = tables_[static_cast<size_t>(table)];
  const auto [it, inserted] = t.state.emplace(row.id, kOut);
  if (it->second >= state) return;
  if (inserted && t.has_primary_key) t.primary_keys.push_back(row.primary_key);
  it->second = state;
  (state == kDown ? t.pending_down : t.pending_up).push_back(std::move(row));
}

Status QueryClosure::ReadAndMark(int table, const std::string& condition, uint8_t state,
                                 int64_t* count) {
  const std::string& name = graph_.tables[static_cast<size_t>(table)].name;
  VEIL_ASSIGN_OR_RETURN(
      std::unique_ptr<TableReader> reader,
      condition.empty() ? source_.Open(name) : source_.OpenWhere(name, condition));
  return ForEachRow(*reader, [&](const Batch& batch, size_t r) -> Status {
    VEIL_ASSIGN_OR_RETURN(Row row, Describe(table, batch, r));
    Mark(table, std::move(row), state);
    if (count != nullptr) ++*count;
    return Status::Ok();
  });
}

Result<int64_t> QueryClosure::SeedCondition(int table, const std::string& condition) {
  int64_t count = 0;
  VEIL_RETURN_IF_ERROR(ReadAndMark(table, condition, kDown, &count));
  tables_[static_cast<size_t>(table)].chosen += count;
  return count;
}

Status QueryClosure::SeedWhole(int table) {
  return ReadAndMark(table, "", kUp, nullptr);
}

Result<int64_t> QueryClosure::SeedSamples(int table,
                                          const std::vector<ChosenRows::Sample>& samples) {
  TableState& t = tables_[static_cast<size_t>(table)];
  const std::string& name = graph_.tables[static_cast<size_t>(table)].name;
  SampleDraw<Row> draw(samples);
  // Only the columns that rank and describe a row are read (a key or two of a wide row).
  std::vector<int> read;
  const auto place = [&](int column) {
    const auto at = std::find(read.begin(), read.end(), column);
    if (at != read.end()) return static_cast<int>(at - read.begin());
    read.push_back(column);
    return static_cast<int>(read.size()) - 1;
  };
  Layout layout;
  for (const int c : t.identity) layout.identity.push_back(place(c));
  for (const auto& end : ends_.of_table[static_cast<size_t>(table)]) {
    layout.ends.emplace_back();
    for (const int c : end) layout.ends.back().push_back(place(c));
  }
  const auto rank = [&](const Batch& batch, size_t r) {
    return SampleDraw<Row>::Rank{keys_.Score(batch, r, layout.identity),
                                 keys_.Identity(batch, r, layout.identity)};
  };
  const auto open = [&]() { return source_.OpenColumns(name, read); };
  VEIL_ASSIGN_OR_RETURN(std::unique_ptr<TableReader> reader, open());
  VEIL_RETURN_IF_ERROR(ForEachRow(*reader, [&](const Batch& batch, size_t r) -> Status {
    const auto row_rank = rank(batch, r);
    if (!draw.Offer(row_rank)) return Status::Ok();
    VEIL_ASSIGN_OR_RETURN(Row row, Describe(table, layout, batch, r));
    draw.Keep(row_rank, std::move(row));
    return Status::Ok();
  }));
  std::optional<std::vector<Row>> chosen = draw.Finish(t.total);
  int64_t count = 0;
  if (chosen) {
    for (auto& row : *chosen) Mark(table, std::move(row), kDown);
    count = static_cast<int64_t>(chosen->size());
  } else {  // a chosen row was not kept: read the table again, choosing by rank
    VEIL_ASSIGN_OR_RETURN(reader, open());
    VEIL_RETURN_IF_ERROR(ForEachRow(*reader, [&](const Batch& batch, size_t r) -> Status {
      if (!draw.Chosen(rank(batch, r))) return Status::Ok();
      VEIL_ASSIGN_OR_RETURN(Row row, Describe(table, layout, batch, r));
      Mark(table, std::move(row), kDown);
      ++count;
      return Status::Ok();
    }));
  }
  t.chosen += count;
  return count;
}

std::string QueryClosure::InCondition(int table, const std::vector<int>& columns,
                                      const std::vector<std::string>& literals, size_t begin,
                                      size_t end) const {
  const TableSchema& schema = graph_.tables[static_cast<size_t>(table)];
  std::string sql = columns.size() > 1 ? "(" : "";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += source_.SqlIdentifier(schema.columns[static_cast<size_t>(columns[i])].name);
  }
  sql += columns.size() > 1 ? ") IN (" : " IN (";
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) sql += ", ";
    sql += literals[i];
  }
  return sql + ")";
}

Status QueryClosure::Fetch(int table, const std::vector<int>& columns,
                           std::vector<std::string> literals, uint8_t state) {
  for (size_t begin = 0; begin < literals.size(); begin += kKeysPerQuery) {
    const size_t end = std::min(literals.size(), begin + kKeysPerQuery);
    VEIL_RETURN_IF_ERROR(
        ReadAndMark(table, InCondition(table, columns, literals, begin, end), state, nullptr));
  }
  return Status::Ok();
}

Status QueryClosure::Follow(int table, std::vector<Row> down, std::vector<Row> up) {
  // The distinct keys, at end `end` of this table, of `rows` (and of `more`).
  const auto keys_at = [](int end, const std::vector<Row>& rows, const std::vector<Row>* more) {
    std::unordered_set<std::string> seen;
    std::vector<std::string> literals;
    for (const auto* list : {&rows, more}) {
      if (list == nullptr) continue;
      for (const Row& row : *list) {
        const std::string& key = row.ends[static_cast<size_t>(end)];
        if (!key.empty() && seen.insert(key).second) literals.push_back(key);
      }
    }
    return literals;
  };
  for (size_t e = 0; e < graph_.edges.size(); ++e) {
    const ReferenceEdge& edge = graph_.edges[e];
    if (edge.child == table) {  // up: what these rows refer to
      VEIL_RETURN_IF_ERROR(
          Fetch(edge.parent, edge.parent_columns, keys_at(ends_.child_end[e], down, &up), kUp));
    }
    if (edge.parent == table && !down.empty()) {  // down: what refers to them
      VEIL_RETURN_IF_ERROR(Fetch(edge.child, edge.child_columns,
                                 keys_at(ends_.parent_end[e], down, nullptr), kDown));
    }
  }
  return Status::Ok();
}

Status QueryClosure::Run() {
  for (bool again = true; again;) {
    again = false;
    for (size_t t = 0; t < tables_.size(); ++t) {
      if (tables_[t].pending_down.empty() && tables_[t].pending_up.empty()) continue;
      again = true;
      std::vector<Row> down = std::move(tables_[t].pending_down);
      std::vector<Row> up = std::move(tables_[t].pending_up);
      tables_[t].pending_down.clear();
      tables_[t].pending_up.clear();
      VEIL_RETURN_IF_ERROR(Follow(static_cast<int>(t), std::move(down), std::move(up)));
    }
  }
  return Status::Ok();
}

std::vector<TableSelection> QueryClosure::Selections(const std::vector<bool>& related,
                                                     bool keep_unrelated) {
  std::vector<TableSelection> selections(tables_.size());
  for (size_t t = 0; t < tables_.size(); ++t) {
    TableSelection& selection = selections[t];
    TableState& table = tables_[t];
    selection.related = related[t];
    selection.total = table.total;
    selection.chosen = table.chosen;
    if (!related[t]) {
      selection.mode = keep_unrelated ? TableSelection::Mode::kWhole : TableSelection::Mode::kEmpty;
      selection.included = keep_unrelated ? static_cast<int64_t>(table.state.size()) : 0;
      continue;
    }
    selection.mode = TableSelection::Mode::kSome;
    selection.included = static_cast<int64_t>(table.state.size());
    for (const auto& [id, state] : table.state) selection.ids.insert(id);
    table.state = {};
    // Read back in key order, so that two runs read the same rows the same way.
    std::sort(table.primary_keys.begin(), table.primary_keys.end());
    for (size_t begin = 0; begin < table.primary_keys.size(); begin += kKeysPerQuery) {
      const size_t end = std::min(table.primary_keys.size(), begin + kKeysPerQuery);
      selection.read_back.push_back(
          InCondition(static_cast<int>(t), table.identity, table.primary_keys, begin, end));
    }
    table.primary_keys = {};
  }
  return selections;
}

}  // namespace veil
