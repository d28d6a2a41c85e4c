#include "privacy/class_table.h"

#include <algorithm>
#include <bit>

#include "privacy/key_index.h"

namespace veil {
namespace {

// Builds out's histograms from sensitive counts each belonging to a class of `out`
// (class_of[i] for entries[i]): a counting sort by class, then within each class a sort
// by value and a merge of equal values. No allocation per class.
void MergeHistograms(const std::vector<uint32_t>& class_of,
                     const std::vector<SensitiveCount>& entries, ClassTable& out) {
  const size_t classes = out.Classes();
  std::vector<uint32_t> begin(classes + 1, 0);
  for (uint32_t c : class_of) ++begin[c + 1];
  for (size_t c = 0; c < classes; ++c) begin[c + 1] += begin[c];
  std::vector<SensitiveCount> sorted(entries.size());
  std::vector<uint32_t> next(begin.begin(), begin.end() - 1);
  for (size_t i = 0; i < entries.size(); ++i) sorted[next[class_of[i]]++] = entries[i];
  out.hist_begin.assign(1, 0);
  out.hist.clear();
  out.hist.reserve(entries.size());
  for (size_t c = 0; c < classes; ++c) {
    auto first = sorted.begin() + begin[c];
    auto last = sorted.begin() + begin[c + 1];
    std::sort(first, last,
              [](const SensitiveCount& a, const SensitiveCount& b) { return a.value < b.value; });
    for (auto it = first; it != last; ++it) {
      if (out.hist.size() > out.hist_begin.back() && out.hist.back().value == it->value) {
        out.hist.back().records += it->records;
      } else {
        out.hist.push_back(*it);
      }
    }
    out.hist_begin.push_back(static_cast<uint32_t>(out.hist.size()));
  }
}

// Groups by the new codes with any width of key (KeyIndex); fills out.keys/sizes.
std::vector<uint32_t> GroupByKeys(const ClassTable& from, const CodeMaps& code_maps,
                                  size_t expected, ClassTable& out) {
  KeyIndex index(from.width, expected);
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
  return new_of_old;
}

// The same when the new codes pack into one 64-bit number (radix = values per column):
// one multiply-add per column and a single-word hash table.
std::vector<uint32_t> GroupByPackedKeys(const ClassTable& from, const CodeMaps& code_maps,
                                        const std::vector<uint64_t>& radices, size_t expected,
                                        ClassTable& out) {
  const size_t width = from.width;
  // Starts small and doubles: most roll-ups end with far fewer classes than they read.
  std::vector<uint64_t> slots(std::bit_ceil(std::clamp<size_t>(expected * 2, 16, 8192)), 0);
  std::vector<uint64_t> packed_of_id;
  size_t mask = slots.size() - 1;
  // Each column's new code already multiplied by its place value, laid out flat.
  std::vector<uint64_t> place(width, 1);
  for (size_t d = width; d-- > 1;) place[d - 1] = place[d] * radices[d];
  std::vector<size_t> offset(width + 1, 0);
  for (size_t d = 0; d < width; ++d) offset[d + 1] = offset[d] + code_maps[d].size();
  std::vector<uint64_t> weighted(offset[width]);
  for (size_t d = 0; d < width; ++d) {
    for (size_t code = 0; code < code_maps[d].size(); ++code) {
      weighted[offset[d] + code] = static_cast<uint64_t>(code_maps[d][code]) * place[d];
    }
  }
  std::vector<uint32_t> new_of_old(from.Classes());
  for (size_t c = 0; c < from.Classes(); ++c) {
    const int32_t* old_key = from.keys.data() + c * width;
    uint64_t packed = 0;
    for (size_t d = 0; d < width; ++d) packed += weighted[offset[d] + old_key[d]];
    uint64_t hash = (packed + 1) * 0x9e3779b97f4a7c15ULL;
    size_t slot = (hash ^ (hash >> 29)) & mask;
    uint32_t id = 0;
    while (true) {
      const uint64_t entry = slots[slot];
      if (entry == 0) {
        id = static_cast<uint32_t>(packed_of_id.size());
        packed_of_id.push_back(packed);
        slots[slot] = id + 1;
        if (packed_of_id.size() * 2 > slots.size()) {
          std::vector<uint64_t> bigger(slots.size() * 2, 0);
          const size_t bigger_mask = bigger.size() - 1;
          for (uint64_t e : slots) {
            if (e == 0) continue;
            uint64_t h = (packed_of_id[e - 1] + 1) * 0x9e3779b97f4a7c15ULL;
            size_t s = (h ^ (h >> 29)) & bigger_mask;
            while (bigger[s] != 0) s = (s + 1) & bigger_mask;
            bigger[s] = e;
          }
          slots.swap(bigger);
          mask = bigger_mask;
        }
        out.sizes.push_back(0);
        break;
      }
      if (packed_of_id[entry - 1] == packed) {
        id = static_cast<uint32_t>(entry - 1);
        break;
      }
      slot = (slot + 1) & mask;
    }
    out.sizes[id] += from.sizes[c];
    new_of_old[c] = id;
  }
  out.keys.resize(packed_of_id.size() * width);
  for (size_t id = 0; id < packed_of_id.size(); ++id) {
    uint64_t packed = packed_of_id[id];
    for (size_t d = width; d-- > 0;) {
      out.keys[id * width + d] = static_cast<int32_t>(packed % radices[d]);
      packed /= radices[d];
    }
  }
  return new_of_old;
}

}  // namespace

ClassTable Regroup(const ClassTable& from, const CodeMaps& code_maps,
                   const std::vector<uint64_t>& radices) {
  ClassTable out;
  out.width = from.width;
  long double combinations = 1;
  for (uint64_t radix : radices) combinations *= static_cast<long double>(radix);
  const size_t expected =
      std::min<long double>(static_cast<long double>(from.Classes()), combinations);
  const std::vector<uint32_t> new_of_old =
      !radices.empty() && combinations < 1.8e19L
          ? GroupByPackedKeys(from, code_maps, radices, expected, out)
          : GroupByKeys(from, code_maps, expected, out);
  if (!from.HasSensitive()) return out;
  std::vector<uint32_t> class_of(from.hist.size());
  for (size_t c = 0; c < from.Classes(); ++c) {
    std::fill(class_of.begin() + from.hist_begin[c], class_of.begin() + from.hist_begin[c + 1],
              new_of_old[c]);
  }
  MergeHistograms(class_of, from.hist, out);
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
  std::vector<SensitiveCount> entries(counts.size());
  for (size_t t = 0; t < counts.size(); ++t) entries[t] = {tuples[t * stride + width], counts[t]};
  MergeHistograms(class_of, entries, out);
  return out;
}

}  // namespace veil
