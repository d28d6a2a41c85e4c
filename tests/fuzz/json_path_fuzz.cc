// Fuzz target: JsonPath::Parse and Find. The input is a path, optionally followed by a
// line feed and a JSON document. Invariants: no crash, no internal error; a path that
// parses re-parses from its canonical text to the same steps and text; Find on a document
// returns only pointers into that document and the same values twice.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "transforms/json_path.h"

namespace {

bool SameSteps(const std::vector<veil::JsonPathStep>& a, const std::vector<veil::JsonPathStep>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].name != b[i].name || a[i].index != b[i].index) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view path_text = input.substr(0, newline);
  auto path = JsonPath::Parse(path_text);
  if (!path.ok()) {
    fuzz::CheckNotInternal(path.status());
    return 0;
  }
  auto again = JsonPath::Parse(path->text());
  FUZZ_CHECK(again.ok(), "the canonical text parses");
  FUZZ_CHECK(again->text() == path->text(), "the canonical text is canonical");
  FUZZ_CHECK(SameSteps(again->steps(), path->steps()), "the canonical text has the same steps");
  FUZZ_CHECK(path->IsRoot() == path->steps().empty(), "IsRoot means no steps");
  if (newline == std::string_view::npos) return 0;

  auto document = nlohmann::ordered_json::parse(input.substr(newline + 1), nullptr, false);
  if (document.is_discarded()) return 0;
  std::vector<nlohmann::ordered_json*> found;
  path->Find(document, found);
  std::vector<nlohmann::ordered_json*> found_again;
  path->Find(document, found_again);
  FUZZ_CHECK(found == found_again, "Find is deterministic");
  if (path->IsRoot()) FUZZ_CHECK(found.size() == 1 && found[0] == &document, "$ is the document");
  for (const auto* value : found) {
    FUZZ_CHECK(!value->is_discarded(), "discarded values are never found");
    (void)value->dump();  // reads the value: ASan reports a dangling pointer
  }
  return 0;
}
