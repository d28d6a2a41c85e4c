#include "subset/row_closure.h"

#include <utility>

namespace veil {
namespace {

enum State : uint8_t { kOut = 0, kUp = 1, kDown = 2 };

// The fixpoint over rows: marks rise, each rise queues the row once more.
class Closure {
 public:
  Closure(const ReferenceGraph& graph, const KeyEnds& ends, const std::vector<RowIndex>& index)
      : graph_(graph), ends_(ends), index_(index), state_(index.size()) {
    for (size_t t = 0; t < index.size(); ++t) state_[t].assign(index[t].ids.size(), kOut);
  }

  void Mark(int table, uint32_t row, State state) {
    uint8_t& current = state_[static_cast<size_t>(table)][row];
    if (current >= state) return;
    current = state;
    work_.emplace_back(table, row);
  }

  void Run() {
    while (!work_.empty()) {
      const auto [table, row] = work_.back();
      work_.pop_back();
      const bool down = state_[static_cast<size_t>(table)][row] == kDown;
      for (size_t e = 0; e < graph_.edges.size(); ++e) {
        const ReferenceEdge& edge = graph_.edges[e];
        if (down && edge.parent == table) Follow(table, row, e, false);
        if (edge.child == table) Follow(table, row, e, true);
      }
    }
  }

  const std::vector<uint8_t>& States(size_t table) const { return state_[table]; }

 private:
  // Up: the parents `row` refers to through edge `e`; down: the children referring to it.
  void Follow(int table, uint32_t row, size_t e, bool up) {
    const ReferenceEdge& edge = graph_.edges[e];
    const int from_end = up ? ends_.child_end[e] : ends_.parent_end[e];
    const int to_end = up ? ends_.parent_end[e] : ends_.child_end[e];
    const int to_table = up ? edge.parent : edge.child;
    const RowDigest& key =
        index_[static_cast<size_t>(table)].keys[static_cast<size_t>(from_end)][row];
    if (key == kNoKey) return;
    const auto [begin, end] = index_[static_cast<size_t>(to_table)].Find(to_end, key);
    for (auto* it = begin; it != end; ++it) Mark(to_table, it->second, up ? kUp : kDown);
  }

  const ReferenceGraph& graph_;
  const KeyEnds& ends_;
  const std::vector<RowIndex>& index_;
  std::vector<std::vector<uint8_t>> state_;
  std::vector<std::pair<int, uint32_t>> work_;
};

TableSelection Select(const RowIndex& index, const std::vector<uint8_t>& states, bool related) {
  TableSelection selection;
  selection.related = related;
  selection.mode = related ? TableSelection::Mode::kSome : TableSelection::Mode::kWhole;
  selection.total = static_cast<int64_t>(index.ids.size());
  selection.chosen = static_cast<int64_t>(index.chosen.size());
  for (size_t r = 0; r < states.size(); ++r) {
    if (states[r] == kOut) continue;
    ++selection.included;
    if (related) selection.ids.insert(index.ids[r]);
  }
  return selection;
}

}  // namespace

std::vector<bool> RelatedTables(const ReferenceGraph& graph, const std::vector<bool>& named) {
  std::vector<uint8_t> state(graph.tables.size(), kOut);
  std::vector<size_t> work;
  const auto mark = [&](size_t table, State s) {
    if (state[table] >= s) return;
    state[table] = s;
    work.push_back(table);
  };
  for (size_t t = 0; t < named.size(); ++t) {
    if (named[t]) mark(t, kDown);
  }
  while (!work.empty()) {
    const size_t table = work.back();
    work.pop_back();
    for (const auto& edge : graph.edges) {
      if (state[table] == kDown && static_cast<size_t>(edge.parent) == table) {
        mark(static_cast<size_t>(edge.child), kDown);
      }
      if (static_cast<size_t>(edge.child) == table) mark(static_cast<size_t>(edge.parent), kUp);
    }
  }
  std::vector<bool> related(state.size());
  for (size_t t = 0; t < state.size(); ++t) related[t] = state[t] != kOut;
  return related;
}

Result<std::vector<TableSelection>> ComputeClosure(Source& source, const ReferenceGraph& graph,
                                                   std::vector<ChosenRows>& chosen,
                                                   const RowKeys& keys, bool keep_unrelated) {
  std::vector<bool> named(graph.tables.size());
  for (size_t t = 0; t < named.size(); ++t) named[t] = chosen[t].any;
  const std::vector<bool> related = RelatedTables(graph, named);
  const KeyEnds ends = FindKeyEnds(graph);
  std::vector<RowIndex> index(graph.tables.size());
  for (size_t t = 0; t < index.size(); ++t) {
    if (!related[t] && !keep_unrelated) continue;
    VEIL_ASSIGN_OR_RETURN(index[t], ReadRowIndex(source, graph, static_cast<int>(t),
                                                 ends.of_table[t], chosen[t], keys));
  }
  Closure closure(graph, ends, index);
  for (size_t t = 0; t < index.size(); ++t) {
    const int table = static_cast<int>(t);
    if (related[t]) {
      for (const uint32_t row : index[t].chosen) closure.Mark(table, row, kDown);
    } else {
      for (uint32_t row = 0; row < index[t].ids.size(); ++row) closure.Mark(table, row, kUp);
    }
  }
  closure.Run();
  std::vector<TableSelection> selections(index.size());
  for (size_t t = 0; t < index.size(); ++t) {
    if (!related[t] && !keep_unrelated) continue;
    selections[t] = Select(index[t], closure.States(t), related[t]);
  }
  return selections;
}

}  // namespace veil
