// Lattice: node numbering (mixed radix over the levels, first quasi-identifier fastest),
// heights, successors and predecessors, minimum levels above 0 and overflow.
#include "privacy/lattice.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace veil {
namespace {

using Levels = std::vector<int>;
using Nodes = std::vector<Lattice::Node>;

TEST(LatticeTest, NumbersNodesFirstDimensionFastest) {
  const Lattice lattice({0, 0}, {2, 1});  // 3 x 2 nodes
  EXPECT_EQ(lattice.Size(), 6u);
  EXPECT_EQ(lattice.Dimensions(), 2u);
  EXPECT_EQ(lattice.Bottom(), 0u);
  EXPECT_EQ(lattice.Top(), 5u);
  EXPECT_EQ(lattice.Levels(0), (Levels{0, 0}));
  EXPECT_EQ(lattice.Levels(1), (Levels{1, 0}));
  EXPECT_EQ(lattice.Levels(2), (Levels{2, 0}));
  EXPECT_EQ(lattice.Levels(3), (Levels{0, 1}));
  EXPECT_EQ(lattice.Levels(5), (Levels{2, 1}));
  for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
    EXPECT_EQ(lattice.NodeOf(lattice.Levels(node)), node);
  }
  EXPECT_EQ(lattice.Height(0), 0);
  EXPECT_EQ(lattice.Height(4), 2);  // {1, 1}
  EXPECT_EQ(lattice.Height(5), 3);
  EXPECT_EQ(lattice.Successors(0), (Nodes{1, 3}));
  EXPECT_EQ(lattice.Successors(2), (Nodes{5}));
  EXPECT_TRUE(lattice.Successors(5).empty());
  EXPECT_TRUE(lattice.Predecessors(0).empty());
  EXPECT_EQ(lattice.Predecessors(4), (Nodes{3, 1}));
  EXPECT_EQ(lattice.Predecessors(3), (Nodes{0}));
}

TEST(LatticeTest, MinimumLevelsAboveZero) {
  // Levels 1..3 and 0..2: 3 x 3 nodes, strides 1 and 3.
  const Lattice lattice({1, 0}, {3, 2});
  EXPECT_EQ(lattice.Size(), 9u);
  EXPECT_EQ(lattice.MinLevels(), (Levels{1, 0}));
  EXPECT_EQ(lattice.MaxLevels(), (Levels{3, 2}));
  EXPECT_EQ(lattice.Levels(lattice.Bottom()), (Levels{1, 0}));
  EXPECT_EQ(lattice.Levels(lattice.Top()), (Levels{3, 2}));
  // Node 5 = offsets (2, 1) = levels (3, 1); its height counts from the minimum: 2 + 1.
  EXPECT_EQ(lattice.Levels(5), (Levels{3, 1}));
  EXPECT_EQ(lattice.NodeOf({3, 1}), 5u);
  EXPECT_EQ(lattice.NodeOf({1, 0}), 0u);
  EXPECT_EQ(lattice.Height(5), 3);
  EXPECT_EQ(lattice.Height(lattice.Top()), 4);
  EXPECT_EQ(lattice.Successors(5), (Nodes{8}));
  EXPECT_EQ(lattice.Predecessors(5), (Nodes{4, 2}));
  EXPECT_EQ(lattice.Successors(0), (Nodes{1, 3}));
  EXPECT_TRUE(lattice.Predecessors(0).empty());
}

TEST(LatticeTest, SuccessorsAndPredecessorsAreInverse) {
  const Lattice lattice({0, 2, 1}, {3, 2, 4});  // the middle dimension is fixed
  EXPECT_EQ(lattice.Size(), 16u);
  size_t edges = 0;
  for (Lattice::Node node = 0; node < lattice.Size(); ++node) {
    const Levels levels = lattice.Levels(node);
    EXPECT_EQ(levels[1], 2);
    EXPECT_EQ(lattice.Height(node), levels[0] + levels[2] - 1);
    for (Lattice::Node up : lattice.Successors(node)) {
      ++edges;
      EXPECT_EQ(lattice.Height(up), lattice.Height(node) + 1);
      const auto down = lattice.Predecessors(up);
      EXPECT_NE(std::find(down.begin(), down.end(), node), down.end());
    }
  }
  // Edges: 3 x 4 along the first dimension + 4 x 3 along the third.
  EXPECT_EQ(edges, 24u);
}

TEST(LatticeTest, SingleNodeAndOverflow) {
  const Lattice single({2, 1}, {2, 1});
  EXPECT_EQ(single.Size(), 1u);
  EXPECT_EQ(single.Top(), 0u);
  EXPECT_EQ(single.Levels(0), (Levels{2, 1}));
  EXPECT_TRUE(single.Successors(0).empty());
  EXPECT_TRUE(single.Predecessors(0).empty());

  // 63 dimensions of two levels fit (2^63 nodes); 64 do not.
  const Lattice fits(std::vector<int>(63, 0), std::vector<int>(63, 1));
  EXPECT_EQ(fits.Size(), uint64_t{1} << 63);
  EXPECT_EQ(fits.Levels(fits.Top()), std::vector<int>(63, 1));
  const Lattice too_big(std::vector<int>(64, 0), std::vector<int>(64, 1));
  EXPECT_EQ(too_big.Size(), std::numeric_limits<uint64_t>::max());
  const Lattice wide(std::vector<int>(41, 0), std::vector<int>(41, 2));  // 3^41 > 2^64
  EXPECT_EQ(wide.Size(), std::numeric_limits<uint64_t>::max());
}

}  // namespace
}  // namespace veil
