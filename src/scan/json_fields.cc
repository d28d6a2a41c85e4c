#include "scan/json_fields.h"

#include <nlohmann/json.hpp>

#include "core/text_normalise.h"
#include "transforms/fakes/reference_tables.h"
#include "transforms/json_path.h"

namespace veil::scan {
namespace {

using Json = nlohmann::ordered_json;

bool IsNameStart(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool IsNameByte(char c) {
  return IsNameStart(c) || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

// One document's walk: the paths it reached, so each counts the document once.
struct JsonFields::Walk {
  JsonFields& fields;
  int64_t document;

  // Whether a member name may be written in a report: field-shaped and not a capitalised
  // listed name (an object keyed by people).
  bool Shows(const std::string& name) const {
    if (name.empty() || name.size() > kMaxNameLength || !IsNameStart(name[0])) return false;
    for (char c : name) {
      if (!IsNameByte(c)) return false;
    }
    if (name[0] < 'A' || name[0] > 'Z') return true;
    const std::string letters = AsciiLowerLetters(name);
    const ReferenceSets& lists = fields.references_;
    return !lists.first_names.Contains(letters) && !lists.last_names.Contains(letters);
  }

  void Visit(const Json& value, const std::string& path, const std::string& words, size_t depth) {
    if (depth > kMaxDepth) {
      ++fields.hidden_;
      return;
    }
    if (value.is_object()) {
      if (depth > 0) Record(path, words, nullptr);
      for (const auto& [name, child] : value.items()) {
        if (!Shows(name)) {
          ++fields.hidden_;
          continue;
        }
        Visit(child, path + "." + name, words.empty() ? name : words + "." + name, depth + 1);
      }
    } else if (value.is_array()) {
      if (depth > 0) Record(path, words, nullptr);
      for (const Json& element : value) Visit(element, path + "[*]", words, depth + 1);
    } else if (depth == 0) {
      ++fields.hidden_;  // a document that is a lone string or number: no member to list
    } else {
      Record(path, words, &value);
    }
  }

  // Counts `value` (null: an object or array) at `path`.
  void Record(const std::string& path, const std::string& words, const Json* value) {
    JsonFieldPath* field = fields.PathFor(path, words);
    if (field == nullptr) {
      ++fields.hidden_;
      return;
    }
    if (field->last_document != document) {
      field->last_document = document;
      ++field->documents;
    }
    if (value == nullptr) {
      ++field->containers;
    } else if (value->is_string()) {
      const auto& text = value->get_ref<const std::string&>();
      if (text.empty()) {
        field->values->AddEmpty();
      } else {
        field->values->Add(text);
      }
    } else if (value->is_null()) {
      field->values->AddEmpty();
    } else {
      field->values->Add(value->dump());
    }
  }
};

JsonFieldPath* JsonFields::PathFor(const std::string& path, const std::string& words) {
  if (const auto it = index_.find(path); it != index_.end()) return paths_[it->second].get();
  if (paths_.size() >= kMaxPaths) return nullptr;
  auto field = std::make_unique<JsonFieldPath>();
  field->path = path;
  field->words = words;
  field->values = std::make_unique<ValueProfile>(references_);
  index_.emplace(path, paths_.size());
  paths_.push_back(std::move(field));
  return paths_.back().get();
}

void JsonFields::Add(std::string_view cell) {
  const std::string_view text = TrimLeakSpace(cell);
  if (cell.size() > kMaxDocumentBytes || NestsDeeperThan(text, kMaxParseDepth)) {
    ++broken_;
    return;
  }
  const Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    ++broken_;
    return;
  }
  Walk{*this, documents_++}.Visit(document, "$", "", 0);
}

bool JsonFields::IsListed(const JsonFieldPath& field) const {
  if (field.documents < std::min<int64_t>(2, documents_)) return false;
  return documents_ < kMinDocuments || field.documents * 100 >= documents_ * kMinSharePercent;
}

std::vector<const JsonFieldPath*> JsonFields::Listed() const {
  std::vector<const JsonFieldPath*> listed;
  for (const auto& field : paths_) {
    if (IsListed(*field)) listed.push_back(field.get());
  }
  return listed;
}

int64_t JsonFields::hidden() const {
  int64_t hidden = hidden_;
  for (const auto& field : paths_) {
    if (!IsListed(*field)) {
      hidden += field->values->values() + field->values->empty() + field->containers;
    }
  }
  return hidden;
}

}  // namespace veil::scan
