// Bounding a parsed YAML document before anything walks it.
//
// YAML aliases (*name) let a small file describe a huge tree: nine levels of
// `&b [*a, *a, *a, ...]` ("billion laughs") expand to billions of nodes, and every walk of
// the tree (the policy parser, the json rule building its inner rules) would follow them.
// The policy loader therefore counts the nodes of the tree as its walkers see it — each
// alias counted as often as it is used — and refuses the file past a limit.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

#include "veil/status.h"

namespace veil {

// Far above any real policy (the 49-table SSD policy is about 3,000 nodes).
constexpr size_t kMaxPolicyNodes = 200000;

// OK when `root`, with every alias expanded where it is used, has at most `max_nodes`
// nodes. Otherwise a PolicyError "PATH:LINE: ..." naming the line where the count went past
// the limit. Stops counting at the limit, so it takes time bounded by `max_nodes` whatever
// the document (cycles included). Never quotes a value.
Status CheckExpandedSize(const YAML::Node& root, size_t max_nodes, const std::string& path);

}  // namespace veil
