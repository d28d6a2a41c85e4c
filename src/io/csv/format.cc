#include "io/csv/format.h"

#include <array>

namespace veil {

char DetectDelimiter(std::string_view text) {
  std::array<size_t, kCsvDelimiterCandidates.size()> counts{};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') {
      quoted = !quoted;  // a doubled quote toggles twice: no net change
      continue;
    }
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    const size_t k = kCsvDelimiterCandidates.find(c);
    if (k != std::string_view::npos) ++counts[k];
  }
  size_t best = 0;
  for (size_t k = 1; k < counts.size(); ++k) {
    if (counts[k] > counts[best]) best = k;
  }
  return kCsvDelimiterCandidates[best];
}

bool IsUsableCsvDelimiter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u != 0 && u < 0x80 && c != '"' && c != '\r' && c != '\n';
}

}  // namespace veil
