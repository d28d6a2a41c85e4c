#include "privacy/class_table.h"

#include <algorithm>

#include "privacy/key_index.h"

namespace veil {
namespace {

// Gathers the sensitive counts of every old class under its new class, then sorts and
// merges equal values within each new class.
void MergeHistograms(const std::vector<std::vector<SensitiveCount>>& parts, ClassTable& out) {
  out.hist_begin.assign(1, 0);
  out.hist.clear();
  for (auto part : parts) {
    std::sort(part.begin(), part.end(),
              [](const SensitiveCount& a, const SensitiveCount& b) { return a.value < b.value; });
    for (const SensitiveCount& entry : part) {
      if (out.hist.size() > out.hist_begin.back() && out.hist.back().value == entry.value) {
        out.hist.back().records += entry.records;
      } else {
        out.hist.push_back(entry);
      }
    }
    out.hist_begin.push_back(static_cast<uint32_t>(out.hist.size()));
  }
}

}  // namespace

ClassTable Regroup(const ClassTable& from, const CodeMaps& code_maps) {
  ClassTable out;
  out.width = from.width;
  KeyIndex index(from.width, from.Classes() / 2 + 16);
  std::vector<int32_t> key(from.width);
  std::vector<uint32_t> new_of_old(from.Classes());
  for (size_t c = 0; c < from.Classes(); ++c) {
    const int32_t* old_key = from.keys.data() + c * from.width;
    for (size_t d = 0; d < from.width; ++d) key[d] = code_maps[d][old_key[d]];
    auto [id, added] = index.Insert(key.data());
    if (added) out.sizes.push_back(0);
    out.sizes[id] += from.sizes[c];
    new_of_old[c] = id;
  }
  out.keys = index.TakeKeys();
  if (!from.HasSensitive()) return out;
  std::vector<std::vector<SensitiveCount>> parts(out.Classes());
  for (size_t c = 0; c < from.Classes(); ++c) {
    const auto histogram = from.Histogram(c);
    parts[new_of_old[c]].insert(parts[new_of_old[c]].end(), histogram.begin(), histogram.end());
  }
  MergeHistograms(parts, out);
  return out;
}

ClassTable ClassesFromTuples(const std::vector<int32_t>& tuples, const std::vector<int64_t>& counts,
                             size_t width, bool with_sensitive) {
  ClassTable out;
  out.width = width;
  const size_t stride = width + (with_sensitive ? 1 : 0);
  KeyIndex index(width, counts.size() / 2 + 16);
  std::vector<uint32_t> class_of(counts.size());
  for (size_t t = 0; t < counts.size(); ++t) {
    auto [id, added] = index.Insert(tuples.data() + t * stride);
    if (added) out.sizes.push_back(0);
    out.sizes[id] += counts[t];
    class_of[t] = id;
  }
  out.keys = index.TakeKeys();
  if (!with_sensitive) return out;
  std::vector<std::vector<SensitiveCount>> parts(out.Classes());
  for (size_t t = 0; t < counts.size(); ++t) {
    parts[class_of[t]].push_back({tuples[t * stride + width], counts[t]});
  }
  MergeHistograms(parts, out);
  return out;
}

}  // namespace veil
