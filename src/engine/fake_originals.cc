#include "engine/fake_originals.h"

#include <map>
#include <nlohmann/json.hpp>

namespace veil {
namespace {

using Json = nlohmann::ordered_json;

// The scans of one column: its plain values, and/or values inside its documents.
struct ColumnScans {
  bool plain = false;
  std::vector<const std::vector<JsonPath>*> json;  // each a chain of paths
};

// Adds `value` as the json rule hands it to an inner rule; null, objects and arrays
// are not values a fake replaces.
void AddValue(const Json& value, OriginalsFilter& originals) {
  if (value.is_string()) {
    originals.Add(value.get_ref<const std::string&>());
  } else if (value.is_number() || value.is_boolean()) {
    originals.Add(value.dump());
  }
}

// Adds the values paths[level..] reach in `document`. A path before the last reaches
// values holding JSON themselves: strings are parsed (skipped when not valid JSON), and
// a number or boolean is its own document, as its text parses to itself.
void AddFound(Json& document, const std::vector<JsonPath>& paths, size_t level,
              OriginalsFilter& originals) {
  std::vector<Json*> found;
  paths[level].Find(document, found);
  for (Json* value : found) {
    if (level + 1 == paths.size()) {
      AddValue(*value, originals);
    } else if (value->is_string()) {
      const std::string& text = value->get_ref<const std::string&>();
      if (text.empty()) continue;
      Json inner = Json::parse(text, nullptr, /*allow_exceptions=*/false);
      if (!inner.is_discarded()) AddFound(inner, paths, level + 1, originals);
    } else if (value->is_number() || value->is_boolean()) {
      AddFound(*value, paths, level + 1, originals);
    }
  }
}

void ScanColumn(const Column& column, const ColumnScans& scans, OriginalsFilter& originals) {
  for (size_t i = 0; i < column.size(); ++i) {
    if (column.IsNull(i)) continue;
    const std::string_view text = column.Text(i);
    if (scans.plain) originals.Add(text);
    if (scans.json.empty() || text.empty()) continue;
    Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) continue;
    for (const auto* paths : scans.json) AddFound(document, *paths, 0, originals);
  }
}

}  // namespace

Status CollectFakeOriginals(Source& source, RunResources& run) {
  std::map<std::string, std::map<size_t, ColumnScans>> by_table;
  for (const auto& scan : run.originals_to_scan) {
    ColumnScans& scans = by_table[scan.table][scan.column];
    if (scan.json_paths.empty()) {
      scans.plain = true;
    } else {
      scans.json.push_back(&scan.json_paths);
    }
  }
  for (const auto& [table, columns] : by_table) {
    VEIL_ASSIGN_OR_RETURN(auto reader, source.Open(table));
    Batch batch;
    while (true) {
      VEIL_ASSIGN_OR_RETURN(bool more, reader->Next(batch));
      if (!more) break;
      for (const auto& [column, scans] : columns) {
        ScanColumn(batch.columns[column], scans, run.fake_originals);
      }
    }
  }
  return Status::Ok();
}

}  // namespace veil
