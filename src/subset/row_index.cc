#include "subset/row_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <memory>

#include "subset/sample_draw.h"

namespace veil {
namespace {

int EndOf(std::vector<std::vector<int>>& ends, const std::vector<int>& columns) {
  for (size_t e = 0; e < ends.size(); ++e) {
    if (ends[e] == columns) return static_cast<int>(e);
  }
  ends.push_back(columns);
  return static_cast<int>(ends.size()) - 1;
}

bool Chosen(const Batch& batch, size_t row, ChosenRows& chosen) {
  bool any = false;
  for (auto& simple : chosen.simple) {
    const Column& column = batch.columns[static_cast<size_t>(simple.column)];
    if (!column.IsNull(row) && simple.condition.Matches(column.Text(row))) {
      ++simple.matched;
      any = true;
    }
  }
  return any;
}

// Adds each sample's lowest-scoring rows (ties broken by identity) to index.chosen.
void ChooseSamples(const std::vector<ChosenRows::Sample>& samples,
                   const std::vector<uint64_t>& scores, RowIndex& index) {
  if (samples.empty()) return;
  std::vector<uint32_t> order(scores.size());
  for (size_t r = 0; r < order.size(); ++r) order[r] = static_cast<uint32_t>(r);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (scores[a] != scores[b]) return scores[a] < scores[b];
    return index.ids[a] < index.ids[b];
  });
  const size_t take = SampleSize(samples, order.size());
  index.chosen.insert(index.chosen.end(), order.begin(), order.begin() + static_cast<long>(take));
  std::sort(index.chosen.begin(), index.chosen.end());
  index.chosen.erase(std::unique(index.chosen.begin(), index.chosen.end()), index.chosen.end());
}

void SortKeys(RowIndex& index) {
  index.by_key.resize(index.keys.size());
  for (size_t e = 0; e < index.keys.size(); ++e) {
    auto& sorted = index.by_key[e];
    for (size_t r = 0; r < index.keys[e].size(); ++r) {
      if (index.keys[e][r] != kNoKey) sorted.emplace_back(index.keys[e][r], r);
    }
    std::sort(sorted.begin(), sorted.end());
  }
}

}  // namespace

KeyEnds FindKeyEnds(const ReferenceGraph& graph) {
  KeyEnds ends;
  ends.of_table.resize(graph.tables.size());
  for (const auto& edge : graph.edges) {
    ends.child_end.push_back(EndOf(ends.of_table[edge.child], edge.child_columns));
    ends.parent_end.push_back(EndOf(ends.of_table[edge.parent], edge.parent_columns));
  }
  return ends;
}

std::pair<const std::pair<RowDigest, uint32_t>*, const std::pair<RowDigest, uint32_t>*>
RowIndex::Find(int end, const RowDigest& key) const {
  const auto& sorted = by_key[static_cast<size_t>(end)];
  const auto range =
      std::equal_range(sorted.begin(), sorted.end(), std::make_pair(key, uint32_t{0}),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
  return {sorted.data() + (range.first - sorted.begin()),
          sorted.data() + (range.second - sorted.begin())};
}

Result<RowIndex> ReadRowIndex(Source& source, const ReferenceGraph& graph, int table,
                              const std::vector<std::vector<int>>& ends, ChosenRows& chosen,
                              const RowKeys& keys) {
  const TableSchema& schema = graph.tables[static_cast<size_t>(table)];
  const std::vector<int> identity = IdentityColumns(schema);
  VEIL_ASSIGN_OR_RETURN(std::unique_ptr<TableReader> reader, source.Open(schema.name));
  RowIndex index;
  index.keys.resize(ends.size());
  std::vector<uint64_t> scores;
  Batch batch;
  while (true) {
    VEIL_ASSIGN_OR_RETURN(const bool more, reader->Next(batch));
    if (!more) break;
    if (index.ids.size() + batch.rows() > std::numeric_limits<uint32_t>::max()) {
      return InputError(fmt::format("table {} has too many rows for --subset", schema.name));
    }
    for (size_t r = 0; r < batch.rows(); ++r) {
      const RowDigest id = keys.Identity(batch, r, identity);
      if (Chosen(batch, r, chosen)) index.chosen.push_back(index.ids.size());
      if (!chosen.samples.empty()) scores.push_back(keys.Score(batch, r, identity));
      for (size_t e = 0; e < ends.size(); ++e) index.keys[e].push_back(keys.Key(batch, r, ends[e]));
      index.ids.push_back(id);
    }
  }
  ChooseSamples(chosen.samples, scores, index);
  SortKeys(index);
  return index;
}

}  // namespace veil
