#include "privacy/hierarchy_file.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_map>

#include "core/bounded_file.h"

namespace veil {
namespace {

// A hierarchy of every UK postcode is under 100 MiB; past this a file is not one.
constexpr size_t kMaxHierarchyBytes = size_t{256} << 20;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The rows of a file and the line each row starts on (1-based).
struct SplitFile {
  HierarchyTable rows;
  std::vector<int> lines;
};

// Splits hierarchy text into rows of fields. `line` counts line ends as they are passed.
class RowSplitter {
 public:
  RowSplitter(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  Result<SplitFile> Split() {
    SplitFile out;
    while (pos_ < text_.size()) {
      out.lines.push_back(line_);
      VEIL_ASSIGN_OR_RETURN(HierarchyRow row, NextRow());
      out.rows.push_back(std::move(row));
    }
    while (!out.rows.empty() && out.rows.back().size() == 1 && out.rows.back()[0].empty()) {
      out.rows.pop_back();  // trailing blank lines
      out.lines.pop_back();
    }
    return out;
  }

 private:
  // Reads fields up to and including the end of the row (a line end or the end of text).
  Result<HierarchyRow> NextRow() {
    HierarchyRow row;
    while (true) {
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        VEIL_RETURN_IF_ERROR(ReadQuoted(field));
      } else {
        ReadPlain(field);
      }
      row.push_back(std::move(field));
      if (pos_ == text_.size()) return row;
      if (text_[pos_] == ';') {
        ++pos_;
        continue;
      }
      if (AtLineEnd()) {
        SkipLineEnd();
        return row;
      }
      return PolicyError(fmt::format(
          "{} line {}: text follows a closing quote; a quoted field must end at ';' or the "
          "end of the line",
          path_, line_));
    }
  }

  bool AtLineEnd() const {
    if (text_[pos_] == '\n') return true;
    return text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n';
  }

  void SkipLineEnd() {
    pos_ += text_[pos_] == '\r' ? 2 : 1;
    ++line_;
  }

  void ReadPlain(std::string& field) {
    const size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ';' && !AtLineEnd()) ++pos_;
    field.assign(text_.substr(start, pos_ - start));
  }

  Status ReadQuoted(std::string& field) {
    const int opened_on = line_;
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c != '"') {
        line_ += c == '\n';
        field.push_back(c);
      } else if (pos_ < text_.size() && text_[pos_] == '"') {
        field.push_back('"');
        ++pos_;
      } else {
        return Status::Ok();
      }
    }
    return PolicyError(fmt::format("{} line {}: a quoted field is not closed", path_, opened_on));
  }

  std::string_view text_;
  const std::string& path_;
  size_t pos_ = 0;
  int line_ = 1;
};

Result<std::string> ReadWholeFile(const std::string& path) {
  return ReadFileWithLimit(path, kMaxHierarchyBytes, "hierarchy file");
}

bool NeedsQuotes(const std::string& field) {
  return field.find_first_of(";\"\r\n") != std::string::npos || field.starts_with(kByteOrderMark);
}

void AppendField(const std::string& field, std::string& out) {
  if (!NeedsQuotes(field)) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

Status CheckHierarchy(const HierarchyTable& table, const std::string& where) {
  return CheckHierarchy(table, where, {});
}

Status CheckHierarchy(const HierarchyTable& table, const std::string& where,
                      const std::vector<int>& lines) {
  const auto line = [&](size_t row) {
    return row < lines.size() ? lines[row] : static_cast<int>(row) + 1;
  };
  if (table.empty()) return PolicyError(fmt::format("{} holds no hierarchy rows", where));
  const size_t width = table[0].size();
  if (width < 2) {
    return PolicyError(fmt::format(
        "{} line {} has only one field; a hierarchy row is a value and its generalisations, "
        "separated by ';'",
        where, line(0)));
  }
  for (size_t i = 1; i < table.size(); ++i) {
    if (table[i].size() != width) {
      return PolicyError(fmt::format("{} line {} has {} levels, line {} has {}", where, line(i),
                                     table[i].size(), line(0), width));
    }
  }
  // Level 0 must be unique; a value at level j >= 1 must always generalise the same way.
  for (size_t level = 0; level + 1 < width; ++level) {
    std::unordered_map<std::string_view, size_t> first_row;
    for (size_t i = 0; i < table.size(); ++i) {
      const auto [it, inserted] = first_row.emplace(table[i][level], i);
      if (inserted) continue;
      if (level == 0) {
        return PolicyError(fmt::format("{} line {} repeats an original value of line {}", where,
                                       line(i), line(it->second)));
      }
      if (table[it->second][level + 1] != table[i][level + 1]) {
        return PolicyError(fmt::format(
            "{} line {}: a level-{} value generalises to two different level-{} values (see "
            "line {})",
            where, line(i), level, level + 1, line(it->second)));
      }
    }
  }
  return Status::Ok();
}

Result<HierarchyTable> ReadHierarchyFile(const std::string& path) {
  VEIL_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseHierarchyText(text, path);
}

Result<HierarchyTable> ParseHierarchyText(std::string_view text, const std::string& where) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  VEIL_ASSIGN_OR_RETURN(SplitFile split, RowSplitter(text, where).Split());
  if (split.rows.empty()) return PolicyError(fmt::format("the hierarchy file {} is empty", where));
  VEIL_RETURN_IF_ERROR(CheckHierarchy(split.rows, where, split.lines));
  return std::move(split.rows);
}

std::string FormatHierarchy(const HierarchyTable& table) {
  std::string out;
  for (const HierarchyRow& row : table) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out.push_back(';');
      AppendField(row[i], out);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace veil
