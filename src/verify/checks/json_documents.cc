#include "verify/checks/json_documents.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace veil {
namespace {

using Json = nlohmann::ordered_json;

// The document in `text`, or a discarded value when it is not one (or is too deep).
Json ParseDocument(std::string_view text) {
  const size_t at = text.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos || (text[at] != '{' && text[at] != '[') ||
      NestsDeeperThan(text, kMaxDocumentDepth)) {
    return Json(Json::value_t::discarded);
  }
  return Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
}

// Calls visit(text) for each string, number and boolean in `value` (itself, or inside
// it: a path may reach an object). Iterative.
template <typename Visit>
void EachScalar(const Json& value, Visit&& visit) {
  std::vector<const Json*> pending{&value};
  while (!pending.empty()) {
    const Json* v = pending.back();
    pending.pop_back();
    if (v->is_structured()) {
      for (const Json& child : *v) pending.push_back(&child);
    } else if (v->is_string()) {
      visit(std::string_view(v->get_ref<const std::string&>()));
    } else if (!v->is_null() && !v->is_discarded()) {
      visit(std::string_view(v->dump()));
    }
  }
}

}  // namespace

bool ProducesValues(const ColumnRole& role) {
  return std::any_of(role.json_paths.begin(), role.json_paths.end(),
                     [](const JsonPathRole& p) { return p.generated && !p.drawn_from_list; });
}

bool HasIdentifyingPaths(const ColumnRole& role) {
  return std::any_of(role.json_paths.begin(), role.json_paths.end(),
                     [](const JsonPathRole& p) { return p.identifying; });
}

void AppendDocumentOriginals(std::string_view document, const ColumnRole& role,
                             const std::function<void(std::string_view, bool)>& add) {
  PairDocumentOriginals(document, std::string_view(), role,
                        [&](std::string_view value, std::string_view, const JsonPathRole& path) {
                          add(value, path.pseudonymised);
                        });
}

void PairDocumentOriginals(
    std::string_view original, std::string_view replaced, const ColumnRole& role,
    const std::function<void(std::string_view, std::string_view, const JsonPathRole&)>& add) {
  Json before = ParseDocument(original);
  if (before.is_discarded()) return;
  Json after = ParseDocument(replaced);
  std::vector<Json*> originals, replacements;
  for (const JsonPathRole& path : role.json_paths) {
    if (!path.identifying) continue;
    originals.clear();
    replacements.clear();
    path.path.Find(before, originals);
    if (!after.is_discarded()) path.path.Find(after, replacements);
    for (size_t i = 0; i < originals.size(); ++i) {
      const Json* output = i < replacements.size() ? replacements[i] : nullptr;
      std::string replacement;
      if (output != nullptr && output->is_string()) {
        replacement = output->get_ref<const std::string&>();
      } else if (output != nullptr && output->is_primitive() && !output->is_null()) {
        replacement = output->dump();
      }
      // A value under an object or array the path reached has no single replacement.
      const bool scalar = !originals[i]->is_structured();
      EachScalar(*originals[i], [&](std::string_view text) {
        if (!text.empty()) add(text, scalar ? replacement : std::string_view(), path);
      });
    }
  }
}

void SplitForSearch(const Column& documents, const ColumnRole& role, SplitDocuments& out) {
  out.produced.Clear();
  out.row_of.clear();
  out.rest.Clear();
  std::vector<Json*> found;
  for (size_t row = 0; row < documents.size(); ++row) {
    if (documents.IsNull(row)) {
      out.rest.AppendNull();
      continue;
    }
    Json parsed = ParseDocument(documents.Text(row));
    if (parsed.is_discarded()) {
      out.rest.AppendFrom(documents, row);
      continue;
    }
    for (const JsonPathRole& path : role.json_paths) {
      if (!path.generated) continue;
      found.clear();
      path.path.Find(parsed, found);
      for (Json* value : found) {
        // Values drawn from a public list are not searched, as in a plain column.
        if (!path.drawn_from_list) {
          EachScalar(*value, [&](std::string_view text) {
            out.produced.Append(text);
            out.row_of.push_back(row);
          });
        }
        *value = nullptr;
      }
    }
    out.rest.Append(parsed.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

}  // namespace veil
