// Lattice: the full-domain generalisations of a table, one level per quasi-identifier
// between its minimum and maximum. A node is a number (mixed radix over the levels);
// its successors raise one quasi-identifier by one level, its predecessors lower one.
// A node generalises another when every level is at least as high.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace veil {

class Lattice {
 public:
  using Node = uint64_t;

  Lattice(std::vector<int> min_levels, std::vector<int> max_levels);

  // The number of nodes, or UINT64_MAX when it does not fit.
  uint64_t Size() const { return size_; }
  size_t Dimensions() const { return min_.size(); }
  Node Bottom() const { return 0; }
  Node Top() const { return size_ - 1; }
  std::vector<int> Levels(Node node) const;
  Node NodeOf(const std::vector<int>& levels) const;
  int Height(Node node) const;
  std::vector<Node> Successors(Node node) const;
  std::vector<Node> Predecessors(Node node) const;
  const std::vector<int>& MinLevels() const { return min_; }
  const std::vector<int>& MaxLevels() const { return max_; }

 private:
  std::vector<int> min_;
  std::vector<int> max_;
  std::vector<uint64_t> stride_;
  uint64_t size_ = 1;
};

}  // namespace veil
