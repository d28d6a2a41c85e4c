// leak_scan_bench: times LeakScanner on a verify-sized workload.
//
//   leak_scan_bench [values_per_column=200000] [rows=1000000] [threads=1]
//
// Builds a scanner over 5 columns x values_per_column distinct originals of realistic
// shapes (full names, e-mails, phone numbers, 9-digit ids, street addresses), then scans
// rows x 10 cells of anonymised-looking text (pseudonyms, fake names, dates, amounts,
// free-text notes), one original planted in about 1 cell in 1,000. Prints the build time,
// the scan time and throughput, and how many planted originals were found.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "verify/leak_scanner.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}

  size_t Below(size_t n) { return static_cast<size_t>(rng_() % n); }

  std::string Word(const char* const* syllables, size_t count, size_t min, size_t max) {
    std::string word;
    size_t parts = min + Below(max - min + 1);
    for (size_t i = 0; i < parts; ++i) word += syllables[Below(count)];
    word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
  }
  std::string Digits(size_t n) {
    std::string digits(n, '0');
    for (char& c : digits) c = static_cast<char>('0' + Below(10));
    return digits;
  }

 private:
  std::mt19937_64 rng_;
};

const char* const kRealSyllables[] = {"an",  "bel", "car", "dor", "el",  "fin", "gar", "han",
                                      "is",  "jo",  "kel", "lin", "mar", "nor", "ol",  "per",
                                      "qui", "ros", "san", "tor", "ul",  "ver", "wil", "zan"};
const char* const kFakeSyllables[] = {"ab", "bri", "cu", "dex", "em", "fo", "gu", "hy",
                                      "ix", "ky",  "lo", "mu",  "ny", "ox", "pa", "ry"};
const char* const kStreets[] = {"Street", "Road", "Avenue", "Lane", "Close", "Way", "Rue", "Platz"};
const char* const kDomains[] = {"example.org", "mail.test", "post.example", "corp.invalid"};
const char* const kWords[] = {"patient", "reported", "mild",     "pain",   "after",  "the",
                              "visit",   "follow",   "up",       "in",     "two",    "weeks",
                              "called",  "back",     "no",       "change", "dose",   "increased",
                              "see",     "notes",    "from",     "clinic", "letter", "sent",
                              "to",      "GP",       "today",    "review", "bloods", "normal",
                              "x-ray",   "booked",   "declined", "phone",  "contact"};
constexpr size_t Count(const auto& array) {
  return sizeof(array) / sizeof(array[0]);
}

std::vector<std::string> MakePatterns(size_t per_column) {
  Generator g(1);
  std::vector<std::string> patterns;
  patterns.reserve(per_column * 5);
  for (int column = 0; column < 5; ++column) {
    std::unordered_set<std::string> seen;
    seen.reserve(per_column * 2);
    while (seen.size() < per_column) {
      std::string value;
      std::string first = g.Word(kRealSyllables, Count(kRealSyllables), 2, 3);
      std::string last = g.Word(kRealSyllables, Count(kRealSyllables), 2, 4);
      switch (column) {
        case 0:
          value = first + " " + last;
          break;
        case 1:
          value = first + "." + last + g.Digits(g.Below(3)) + "@" + kDomains[g.Below(4)];
          for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          break;
        case 2:
          value = "+44 7" + g.Digits(3) + " " + g.Digits(6);
          break;
        case 3:
          value = std::to_string(1 + g.Below(9)) + g.Digits(8);
          break;
        case 4:
          value = std::to_string(1 + g.Below(300)) + " " + last + " " + kStreets[g.Below(8)];
          break;
      }
      if (seen.insert(value).second) patterns.push_back(std::move(value));
    }
  }
  return patterns;
}

struct Cells {
  std::string bytes;
  std::vector<size_t> ends;
  size_t planted = 0;
  std::string_view Cell(size_t i) const {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(bytes).substr(begin, ends[i] - begin);
  }
};

Cells MakeCells(size_t rows, const std::vector<std::string>& patterns) {
  Generator g(2);
  Cells cells;
  cells.ends.reserve(rows * 10);
  cells.bytes.reserve(rows * 10 * 40);
  for (size_t row = 0; row < rows; ++row) {
    for (int column = 0; column < 10; ++column) {
      std::string& out = cells.bytes;
      if (g.Below(1000) == 0) {  // a leaked original, alone or inside a note
        if (g.Below(2)) out += "note: ";
        out += patterns[g.Below(patterns.size())];
        ++cells.planted;
      } else {
        switch (column) {
          case 0:
            out += g.Digits(16);
            break;  // pseudonymous id
          case 1:
            out += g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 3) + " " +
                   g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 4);
            break;
          case 2:
            out += "user" + g.Digits(6) + "@example.net";
            break;
          case 3:
            out += "+44 7700 900" + g.Digits(3);
            break;
          case 4:
            out += "20" + g.Digits(2) + "-0" + g.Digits(1) + "-1" + g.Digits(1);
            break;
          case 5:
            out += g.Digits(4) + "." + g.Digits(2);
            break;
          case 6:
            out += g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 3) + " Street";
            break;
          default: {
            size_t words = 6 + g.Below(12);
            for (size_t w = 0; w < words; ++w) {
              if (w > 0) out += ' ';
              out += g.Below(15) == 0 ? g.Digits(2) : kWords[g.Below(Count(kWords))];
            }
            out += '.';
          }
        }
      }
      cells.ends.push_back(out.size());
    }
  }
  return cells;
}

}  // namespace

int main(int argc, char** argv) {
  size_t per_column = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200'000;
  size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  size_t threads = argc > 3 ? std::max<size_t>(1, std::strtoull(argv[3], nullptr, 10)) : 1;

  auto start = Clock::now();
  std::vector<std::string> patterns = MakePatterns(per_column);
  Cells cells = MakeCells(rows, patterns);
  std::printf("generated %zu patterns, %zu cells (%.1f MB) in %.2f s\n", patterns.size(),
              cells.ends.size(), cells.bytes.size() / 1e6, SecondsSince(start));

  start = Clock::now();
  veil::Result<veil::LeakScanner> built = veil::LeakScanner::Build(patterns, 3);
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.status().message().c_str());
    return 1;
  }
  double build_seconds = SecondsSince(start);
  std::printf("build: %.2f s (%zu patterns scanned for, %zu skipped)\n", build_seconds,
              built->pattern_count(), built->skipped().size());

  std::vector<veil::LeakScanner> scanners;
  scanners.push_back(std::move(built).value());
  for (size_t t = 1; t < threads; ++t) {
    veil::Result<veil::LeakScanner> clone = scanners[0].Clone();
    if (!clone.ok()) return 1;
    scanners.push_back(std::move(clone).value());
  }
  std::vector<size_t> matches(threads, 0);
  std::vector<size_t> cells_with_match(threads, 0);
  start = Clock::now();
  std::vector<std::thread> workers;
  size_t total = cells.ends.size();
  for (size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = t * total / threads; i < (t + 1) * total / threads; ++i) {
        size_t before = matches[t];
        scanners[t].Scan(cells.Cell(i), [&](size_t) { ++matches[t]; });
        cells_with_match[t] += matches[t] != before;
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  double scan_seconds = SecondsSince(start);
  size_t match_count = 0;
  size_t matched_cells = 0;
  for (size_t t = 0; t < threads; ++t) {
    match_count += matches[t];
    matched_cells += cells_with_match[t];
  }
  std::printf("scan (%zu thread%s): %.2f s, %.1f MB/s, %.2f M cells/s\n", threads,
              threads == 1 ? "" : "s", scan_seconds, cells.bytes.size() / 1e6 / scan_seconds,
              total / 1e6 / scan_seconds);
  std::printf("found %zu matches in %zu cells (%zu originals planted)\n", match_count,
              matched_cells, cells.planted);
  std::printf("build + scan: %.2f s\n", build_seconds + scan_seconds);
  return matched_cells >= cells.planted ? 0 : 2;
}
