// leak_scan_bench: times LeakScanner on the workload of issue 4 (the `leak` check of
// `veil verify`).
//
//   leak_scan_bench [values_per_column=1000000] [rows=1000000] [threads=2]
//
// Builds a scanner over 5 identifying columns x values_per_column distinct originals of
// realistic shapes (full names, e-mails, phone numbers, 9/10-digit ids, street
// addresses), then scans rows x 10 output cells of anonymised-looking text (pseudonyms,
// fake names, dates, amounts, free-text notes), one original planted in about 1 cell in
// 1,000, as veil does: batches of kBatchRows rows, each column with one
// ScanColumn(kTokens) call, batches shared out to `threads` scanners (Clone()s). The build
// uses `threads` threads too. Prints the build time, the scan time and throughput, the
// total, and how many planted originals were found; exits with 2 unless all were.
#include <sys/resource.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "core/batch.h"
#include "verify/leak/scanner.h"

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// User + system CPU seconds of the whole process so far: with other work on the machine,
// CPU time moves less than wall time.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
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
        case 3:  // 9- or 10-digit ids
          value = std::to_string(1 + g.Below(9)) + g.Digits(8 + g.Below(2));
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

// One original planted in an output cell.
struct Planted {
  uint32_t column;
  uint32_t row;
  uint32_t pattern;
};

// The output table, as veil reads it: batches of up to kBatchRows rows x 10 columns.
struct Output {
  std::vector<veil::Batch> batches;
  std::vector<std::vector<Planted>> planted;  // per batch, by column then row
  size_t cells = 0;
  size_t bytes = 0;
  size_t planted_count = 0;
};

// Appends to `out` the text of output cell (row, column) that plants nothing.
void AppendHonestCell(Generator& g, int column, std::string& out) {
  switch (column) {
    case 0:  // pseudonymous id
      out += g.Digits(16);
      break;
    case 1:  // fake name
      out += g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 3) + " " +
             g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 4);
      break;
    case 2:
      out += "user" + g.Digits(6) + "@example.net";
      break;
    case 3:
      out += "+44 7700 900" + g.Digits(3);
      break;
    case 4:  // date
      out += "20" + g.Digits(2) + "-0" + g.Digits(1) + "-1" + g.Digits(1);
      break;
    case 5:  // amount
      out += g.Digits(4) + "." + g.Digits(2);
      break;
    case 6:
      out += g.Word(kFakeSyllables, Count(kFakeSyllables), 2, 3) + " Street";
      break;
    default: {  // free-text note
      size_t words = 6 + g.Below(12);
      for (size_t w = 0; w < words; ++w) {
        if (w > 0) out += ' ';
        out += g.Below(15) == 0 ? g.Digits(2) : kWords[g.Below(Count(kWords))];
      }
      out += '.';
    }
  }
}

Output MakeOutput(size_t rows, const std::vector<std::string>& patterns) {
  constexpr int kColumns = 10;
  Generator g(2);
  Output output;
  std::string cell;
  for (size_t first = 0; first < rows; first += veil::kBatchRows) {
    const size_t batch_rows = std::min(veil::kBatchRows, rows - first);
    veil::Batch& batch = output.batches.emplace_back();
    batch.first_row = static_cast<int64_t>(first) + 1;
    batch.Reset(kColumns);
    std::vector<Planted>& planted = output.planted.emplace_back();
    for (size_t row = 0; row < batch_rows; ++row) {
      for (int column = 0; column < kColumns; ++column) {
        cell.clear();
        if (g.Below(1000) == 0) {  // a leaked original, alone or inside a note
          if (g.Below(2)) cell += "note: ";
          const size_t pattern = g.Below(patterns.size());
          cell += patterns[pattern];
          planted.push_back({static_cast<uint32_t>(column), static_cast<uint32_t>(row),
                             static_cast<uint32_t>(pattern)});
        } else {
          AppendHonestCell(g, column, cell);
        }
        batch.columns[static_cast<size_t>(column)].Append(cell);
        output.bytes += cell.size();
      }
    }
    std::sort(planted.begin(), planted.end(), [](const Planted& a, const Planted& b) {
      return a.column != b.column ? a.column < b.column : a.row < b.row;
    });
    output.cells += batch_rows * kColumns;
    output.planted_count += planted.size();
  }
  return output;
}

// What one scanning thread saw.
struct Tally {
  size_t hits = 0;
  size_t planted_found = 0;
};

// Scans every column of `batch` and checks that its planted originals were found.
void ScanBatch(const veil::LeakScanner& scanner, const veil::Batch& batch,
               const std::vector<Planted>& planted, std::vector<veil::LeakHit>& hits,
               Tally& tally) {
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    hits.clear();
    scanner.ScanColumn(batch.columns[c], veil::LeakScope::kTokens, hits);
    tally.hits += hits.size();
    for (const Planted& p : planted) {
      if (p.column != c) continue;
      const veil::LeakHit wanted{p.row, p.pattern};
      tally.planted_found += std::binary_search(
          hits.begin(), hits.end(), wanted, [](const veil::LeakHit& a, const veil::LeakHit& b) {
            return a.row != b.row ? a.row < b.row : a.pattern < b.pattern;
          });
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  size_t per_column = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  size_t rows = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1'000'000;
  size_t threads = argc > 3 ? std::max<size_t>(1, std::strtoull(argv[3], nullptr, 10)) : 2;

  auto start = Clock::now();
  std::vector<std::string> patterns = MakePatterns(per_column);
  Output output = MakeOutput(rows, patterns);
  std::printf("generated %zu patterns, %zu cells in %zu batches (%.1f MB) in %.2f s\n",
              patterns.size(), output.cells, output.batches.size(), output.bytes / 1e6,
              SecondsSince(start));

  start = Clock::now();
  double cpu = CpuSeconds();
  veil::LeakScannerOptions options;
  options.build_threads = threads;
  veil::Result<veil::LeakScanner> built = veil::LeakScanner::Build(patterns, options);
  if (!built.ok()) {
    std::fprintf(stderr, "%s\n", built.status().message().c_str());
    return 1;
  }
  const double build_seconds = SecondsSince(start);
  const double build_cpu = CpuSeconds() - cpu;
  std::printf(
      "build (%zu threads): %.2f s, %.2f s CPU (%zu patterns scanned for, %zu skipped, "
      "%zu prefixes)\n",
      threads, build_seconds, build_cpu, built->pattern_count(), built->skip_counts().total(),
      built->prefix_count());

  start = Clock::now();
  cpu = CpuSeconds();
  std::vector<veil::LeakScanner> scanners;
  scanners.push_back(std::move(built).value());
  for (size_t t = 1; t < threads; ++t) {
    veil::Result<veil::LeakScanner> clone = scanners[0].Clone();
    if (!clone.ok()) return 1;
    scanners.push_back(std::move(clone).value());
  }
  std::vector<Tally> tallies(threads);
  std::atomic<size_t> next_batch{0};
  auto work = [&](size_t t) {
    std::vector<veil::LeakHit> hits;
    for (size_t b = next_batch++; b < output.batches.size(); b = next_batch++) {
      ScanBatch(scanners[t], output.batches[b], output.planted[b], hits, tallies[t]);
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) workers.emplace_back(work, t);
  work(0);
  for (std::thread& worker : workers) worker.join();
  const double scan_seconds = SecondsSince(start);
  const double scan_cpu = CpuSeconds() - cpu;

  Tally total;
  for (const Tally& t : tallies) {
    total.hits += t.hits;
    total.planted_found += t.planted_found;
  }
  std::printf("scan (%zu thread%s): %.2f s, %.2f s CPU, %.1f MB/s, %.2f M cells/s\n", threads,
              threads == 1 ? "" : "s", scan_seconds, scan_cpu, output.bytes / 1e6 / scan_seconds,
              output.cells / 1e6 / scan_seconds);
  std::printf("hits: %zu; planted originals found: %zu / %zu\n", total.hits, total.planted_found,
              output.planted_count);
  std::printf("build + scan: %.2f s, %.2f s CPU, %.2f M cells/s overall\n",
              build_seconds + scan_seconds, build_cpu + scan_cpu,
              output.cells / 1e6 / (build_seconds + scan_seconds));
  if (total.planted_found != output.planted_count) {
    std::fprintf(stderr, "self-check failed: %zu planted originals not found\n",
                 output.planted_count - total.planted_found);
    return 2;
  }
  return 0;
}
