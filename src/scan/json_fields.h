// JsonFields: the member paths of the JSON documents in one column, each with a
// ValueProfile of the values found there, so a scan judges `$.child.name` and
// `$.contacts[*].phone` as it judges columns. Array elements are one path (`[*]`).
//
// A member name is data the source chose, and can itself be personal (an object keyed
// by people's names or by their identifiers). A path is listed only when every member
// name on it is field-shaped (a letter or `_`, then letters, digits, `_` or `-`, at most
// kMaxNameLength bytes) and not a listed first name or surname written with a capital;
// of a sample of kMinDocuments documents or more, it must also appear in at least
// kMinSharePercent of them (a name-keyed object's members are each rare), and, of a
// sample of two documents or more, in two. Paths that are not listed, paths beyond kMaxPaths and
// values deeper than kMaxDepth are counted as hidden, never named: a draft drops them (`unlisted:
// drop`). Each listed path's values are profiled as a column's cells are (strings as their text,
// numbers and booleans as their JSON text; JSON null as empty).
//
// Add() takes any cell; one that does not parse (or nests deeper than kMaxParseDepth, or
// is larger than kMaxDocumentBytes) is counted as broken. Not thread-safe; one per
// column. Keeps no value beyond what its ValueProfiles keep.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scan/reference_sets.h"
#include "scan/value_profile.h"

namespace veil::scan {

struct JsonFieldPath {
  std::string path;        // "$.child.name", "$.contacts[*].phone"
  std::string words;       // its member names joined by '.', for name hints: "contacts.phone"
  int64_t documents = 0;   // documents in which the path holds a value
  int64_t containers = 0;  // values that were objects or arrays (not profiled)
  std::unique_ptr<ValueProfile> values;  // its strings, numbers and booleans
  int64_t last_document = -1;            // the last document that reached it (counting)
};

class JsonFields {
 public:
  static constexpr size_t kMaxPaths = 64;
  static constexpr size_t kMaxDepth = 16;        // levels of members and elements
  static constexpr size_t kMaxParseDepth = 512;  // documents nested deeper are broken
  static constexpr size_t kMaxDocumentBytes = 1 << 20;
  static constexpr size_t kMaxNameLength = 64;
  static constexpr int64_t kMinDocuments = 20;
  static constexpr int64_t kMinSharePercent = 5;

  explicit JsonFields(const ReferenceSets& references) : references_(references) {}

  // Profiles one non-empty cell.
  void Add(std::string_view text);

  int64_t documents() const { return documents_; }  // cells that parsed
  int64_t broken() const { return broken_; }        // cells that did not
  // The listed paths, in the order they were first seen.
  std::vector<const JsonFieldPath*> Listed() const;
  // Values and containers on paths that are not listed (counted per occurrence).
  int64_t hidden() const;

 private:
  struct Walk;
  // The path's entry, made on first sight; null when kMaxPaths are already known.
  JsonFieldPath* PathFor(const std::string& path, const std::string& words);
  bool IsListed(const JsonFieldPath& field) const;

  const ReferenceSets& references_;
  std::vector<std::unique_ptr<JsonFieldPath>> paths_;
  std::unordered_map<std::string, size_t> index_;
  int64_t documents_ = 0;
  int64_t broken_ = 0;
  int64_t hidden_ = 0;  // values not under any path kept (unshaped, too many, too deep)
};

}  // namespace veil::scan
