#include "privacy/lattice.h"

#include <limits>

namespace veil {

Lattice::Lattice(std::vector<int> min_levels, std::vector<int> max_levels)
    : min_(std::move(min_levels)), max_(std::move(max_levels)) {
  for (size_t d = 0; d < min_.size(); ++d) {
    stride_.push_back(size_);
    const auto span = static_cast<uint64_t>(max_[d] - min_[d] + 1);
    if (size_ > std::numeric_limits<uint64_t>::max() / span) {
      size_ = std::numeric_limits<uint64_t>::max();
      return;
    }
    size_ *= span;
  }
}

std::vector<int> Lattice::Levels(Node node) const {
  std::vector<int> levels(min_.size());
  for (size_t d = 0; d < min_.size(); ++d) {
    const auto span = static_cast<uint64_t>(max_[d] - min_[d] + 1);
    levels[d] = min_[d] + static_cast<int>(node / stride_[d] % span);
  }
  return levels;
}

Lattice::Node Lattice::NodeOf(const std::vector<int>& levels) const {
  Node node = 0;
  for (size_t d = 0; d < min_.size(); ++d) {
    node += static_cast<uint64_t>(levels[d] - min_[d]) * stride_[d];
  }
  return node;
}

int Lattice::Height(Node node) const {
  int height = 0;
  const auto levels = Levels(node);
  for (size_t d = 0; d < levels.size(); ++d) height += levels[d] - min_[d];
  return height;
}

std::vector<Lattice::Node> Lattice::Successors(Node node) const {
  std::vector<Node> out;
  const auto levels = Levels(node);
  for (size_t d = 0; d < levels.size(); ++d) {
    if (levels[d] < max_[d]) out.push_back(node + stride_[d]);
  }
  return out;
}

std::vector<Lattice::Node> Lattice::Predecessors(Node node) const {
  std::vector<Node> out;
  const auto levels = Levels(node);
  for (size_t d = 0; d < levels.size(); ++d) {
    if (levels[d] > min_[d]) out.push_back(node - stride_[d]);
  }
  return out;
}

}  // namespace veil
