// Test support for fake kinds: the built-in catalog, a fixed set of 10,000 random digests
// derived from a fixed key, and the reference lists read straight from the embedded files
// (independently of the code under test).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_data.h"
#include "core/keyed_prf.h"
#include "transforms/fakes/fake_kind.h"

namespace veil::testing {

constexpr size_t kDraws = 10'000;

inline const std::vector<Digest>& TestDigests() {
  static const std::vector<Digest> digests = [] {
    Digest key;
    key.fill(0x5a);
    const KeyedPrf prf = KeyedPrf(key).Derive("fake-tests");
    std::vector<Digest> out;
    for (size_t i = 0; i < kDraws; ++i) out.push_back(prf.Compute(std::to_string(i)));
    return out;
  }();
  return digests;
}

inline const FakeCatalog& Catalog() {
  static const auto catalog = FakeCatalog::Builtin().value();
  return *catalog;
}

inline const FakeKind& Kind(std::string_view name) {
  const FakeKind* kind = Catalog().Find(name);
  if (kind == nullptr) throw std::runtime_error("no fake kind " + std::string(name));
  return *kind;
}

// One value of `kind` per test digest, all for the same original.
inline std::vector<std::string> GenerateAll(const FakeKind& kind, std::string_view original) {
  std::vector<std::string> values;
  values.reserve(kDraws);
  for (const Digest& d : TestDigests()) {
    std::string out;
    kind.Generate(d, original, out);
    values.push_back(std::move(out));
  }
  return values;
}

inline size_t DistinctCount(const std::vector<std::string>& values) {
  return std::set<std::string>(values.begin(), values.end()).size();
}

// The lines of an embedded file, without line ends, skipping the first `skip` lines.
inline std::vector<std::string> EmbeddedLines(std::string_view file, size_t skip = 0) {
  std::vector<std::string> lines;
  std::string_view bytes = EmbeddedFile(file).value();
  while (!bytes.empty()) {
    const size_t end = std::min(bytes.find('\n'), bytes.size());
    std::string line(bytes.substr(0, end));
    bytes.remove_prefix(std::min(end + 1, bytes.size()));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (skip > 0) {
      --skip;
    } else if (!line.empty()) {
      lines.push_back(line);
    }
  }
  return lines;
}

// Column `index` of a simple comma-separated embedded file, header skipped.
inline std::set<std::string> EmbeddedColumn(std::string_view file, size_t index) {
  std::set<std::string> values;
  for (const std::string& line : EmbeddedLines(file, 1)) {
    size_t start = 0;
    for (size_t i = 0; i < index; ++i) start = line.find(',', start) + 1;
    values.insert(line.substr(start, line.find(',', start) - start));
  }
  return values;
}

}  // namespace veil::testing
