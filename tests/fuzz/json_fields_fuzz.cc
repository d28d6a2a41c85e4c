// Fuzz target: a scan's JsonFields and the verifier's view of documents on arbitrary
// cells. Invariants: no crash; each cell is a document or broken; listed paths are at most
// kMaxPaths, each a path JsonPath parses to the same canonical text; and for a json rule faking
// every listed path, the leak check's split of the cell keeps one cell per row, and pairs each
// original with itself when the document is its own replacement.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "policy/yaml_value.h"
#include "scan/json_fields.h"
#include "verify/checks/json_documents.h"

namespace {

const veil::scan::ReferenceSets& References() {
  static const auto references = veil::scan::ReferenceSets::Load();
  FUZZ_CHECK(references.ok(), "the reference lists load");
  return *references.value();
}

// A json role faking every path in `paths`.
veil::ColumnRole FakeEvery(const std::vector<std::string>& paths, const veil::CodeLists& lists) {
  nlohmann::ordered_json argument = nlohmann::ordered_json::object();
  for (const std::string& path : paths) argument[path] = {{"fake", "first_name"}};
  argument["unlisted"] = "drop";
  veil::RuleSpec spec;
  spec.kind = "json";
  spec.argument = veil::ToPolicyValue(YAML::Load(argument.dump()));
  return veil::DescribeColumn(&spec, lists);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  const std::string_view cell(reinterpret_cast<const char*>(data), size);
  scan::JsonFields fields(References());
  fields.Add(cell);
  fields.Add(cell);
  FUZZ_CHECK(fields.documents() + fields.broken() == 2, "each cell is a document or broken");
  const auto listed = fields.Listed();
  FUZZ_CHECK(listed.size() <= scan::JsonFields::kMaxPaths, "the path bound");
  std::vector<std::string> paths;
  for (const scan::JsonFieldPath* field : listed) {
    auto parsed = JsonPath::Parse(field->path);
    FUZZ_CHECK(parsed.ok(), "a listed path parses");
    FUZZ_CHECK(parsed->text() == field->path, "a listed path is canonical");
    FUZZ_CHECK(field->documents <= fields.documents(), "a path is in at most every document");
    paths.push_back(field->path);
  }
  for (const scan::JsonFieldPath* field : listed) {
    FUZZ_CHECK(field->values->values() + field->values->empty() + field->containers > 0,
               "a listed path holds something");
  }

  static const auto lists = CodeLists::Builtin();
  FUZZ_CHECK(lists.ok(), "the code lists load");
  const ColumnRole role = FakeEvery(paths, *lists.value());
  FUZZ_CHECK(role.json_paths.size() == paths.size(), "a role per listed path");
  Column column;
  column.Append(cell);
  column.AppendNull();
  SplitDocuments split;
  SplitForSearch(column, role, split);
  FUZZ_CHECK(split.rest.size() == 2 && split.rest.IsNull(1), "one rest cell per row");
  FUZZ_CHECK(split.produced.size() == split.row_of.size(), "a row per produced value");
  for (size_t row : split.row_of) FUZZ_CHECK(row == 0, "produced values come from their row");
  PairDocumentOriginals(
      cell, cell, role,
      [&](std::string_view value, std::string_view replacement, const JsonPathRole&) {
        FUZZ_CHECK(replacement.empty() || replacement == value,
                   "a document is its own replacement");
      });
  return 0;
}
