// DraftPolicy(): a ScanReport as a complete policy. Names from the source are written as
// YAML keys, quoted where a plain key could be misread; rules are veil's own text.
#include <fmt/format.h>
#include <strings.h>

#include <cctype>
#include <cstring>

#include "veil/scan.h"

namespace veil {
namespace {

// `name` as a YAML mapping key: plain when it is letters, digits and underscores (not
// starting with a digit), else double-quoted with escapes.
std::string Key(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  }
  static const char* kReserved[] = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"};
  for (const char* word : kReserved) {
    if (name.size() == std::strlen(word) && strncasecmp(name.c_str(), word, name.size()) == 0)
      plain = false;
  }
  if (plain) return name;
  std::string quoted = "\"";
  for (unsigned char c : name) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      quoted += fmt::format("\\x{:02x}", c);
    } else {
      quoted += static_cast<char>(c);
    }
  }
  return quoted + "\"";
}

// A review reason on one comment line (the reason is veil's own words).
std::string Comment(const std::string& review) {
  if (review.empty()) return "";
  return "  # review: " + review;
}

}  // namespace

std::string DraftPolicy(const ScanReport& report) {
  std::string out;
  out += fmt::format("# veil policy drafted by `veil scan` from {}\n", report.source);
  out +=
      fmt::format("# ({} rows sampled per table). Every table and column has a rule; read each\n",
                  report.sample_rows < 0 ? std::string("all") : std::to_string(report.sample_rows));
  out += "# line marked `# review:` before you trust it. veil refuses to run if the source\n";
  out += "# gains a table or column this file does not name.\n";
  out += "version: 1\n";
  out += "secret: {env: VEIL_SECRET}\n";
  if (!report.entities.empty()) {
    out += "\nentities:\n";
    for (const EntityDraft& e : report.entities) {
      out += fmt::format("  {}:\n    pseudonym: {{alphabet: {}, length: {}}}\n", Key(e.name),
                         e.alphabet, e.length);
      out += "    date_shift: {min_days: -90, max_days: 90}\n";
    }
  }
  out += "\ntables:\n";
  for (const TableFinding& table : report.tables) {
    if (table.columns.empty()) {  // nothing in it can name anyone
      out += fmt::format("  {}: keep\n", Key(table.table));
      continue;
    }
    out += fmt::format("  {}:\n", Key(table.table));
    if (!table.keys.empty()) {
      out += "    keys:\n";
      for (const auto& [entity, column] : table.keys) {
        out += fmt::format("      {}: {}\n", Key(entity), Key(column));
      }
    }
    out += "    columns:\n";
    for (const ColumnFinding& c : table.columns) {
      if (c.paths.empty()) {
        out += fmt::format("      {}: {}{}\n", Key(c.column), c.rule, Comment(c.review));
        continue;
      }
      // A json rule, a path per line, so each path's review sits beside it.
      out += fmt::format("      {}:{}\n        json:\n", Key(c.column), Comment(c.review));
      for (const ColumnFinding& path : c.paths) {
        out +=
            fmt::format("          {}: {}{}\n", Key(path.column), path.rule, Comment(path.review));
      }
      out += "          unlisted: drop\n";
    }
  }
  return out;
}

}  // namespace veil
