// Writes a large table shaped like the Adult benchmark, for the privacy benchmarks:
//   generate_adult ADULT_CSV ROWS OUTPUT.csv [SEED]
// Resamples ROWS records with replacement (uniformly, std::mt19937_64 seeded with SEED,
// default 1) from ADULT_CSV (tests/fixtures/adult/adult.csv: `;`-separated, CRLF) and
// writes them with the same header and delimiter and LF line ends. The output is a pure
// function of the input, ROWS and SEED; it is streamed through a 1 MiB buffer, so memory
// does not grow with ROWS (10,000,000 rows are about 850 MB).
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace {

// Lines of `path` without their CR/LF ends; empty lines are skipped.
bool ReadLines(const char* path, std::vector<std::string>& lines) {
  FILE* in = std::fopen(path, "rb");
  if (in == nullptr) {
    std::perror(path);
    return false;
  }
  std::string content;
  char chunk[1 << 16];
  size_t got;
  while ((got = std::fread(chunk, 1, sizeof chunk, in)) > 0) content.append(chunk, got);
  const bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) {
    std::fprintf(stderr, "%s: read error\n", path);
    return false;
  }
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    size_t stop = end;
    while (stop > start && content[stop - 1] == '\r') --stop;
    if (stop > start) lines.emplace_back(content, start, stop - start);
    start = end + 1;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: generate_adult ADULT_CSV ROWS OUTPUT.csv [SEED]\n");
    return 2;
  }
  char* end = nullptr;
  errno = 0;
  const long long rows = std::strtoll(argv[2], &end, 10);
  if (errno != 0 || end == argv[2] || *end != '\0' || rows < 0) {
    std::fprintf(stderr, "generate_adult: ROWS must be a non-negative integer: %s\n", argv[2]);
    return 2;
  }
  uint64_t seed = 1;
  if (argc > 4) {
    errno = 0;
    seed = std::strtoull(argv[4], &end, 10);
    if (errno != 0 || end == argv[4] || *end != '\0') {
      std::fprintf(stderr, "generate_adult: SEED must be an unsigned integer: %s\n", argv[4]);
      return 2;
    }
  }

  std::vector<std::string> lines;
  if (!ReadLines(argv[1], lines)) return 1;
  if (lines.size() < 2) {
    std::fprintf(stderr, "%s: need a header and at least one record\n", argv[1]);
    return 1;
  }
  // Records without their header, each with its LF, so a row is one append.
  std::vector<std::string> records(lines.begin() + 1, lines.end());
  for (auto& record : records) record += '\n';

  FILE* out = std::fopen(argv[3], "wb");
  if (out == nullptr) {
    std::perror(argv[3]);
    return 1;
  }
  constexpr size_t kFlushAt = 1 << 20;
  std::string buffer;
  buffer.reserve(kFlushAt + 4096);
  bool ok = true;
  auto flush = [&] {
    if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
      ok = false;
    }
    buffer.clear();
  };
  buffer += lines[0];
  buffer += '\n';
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<size_t> pick(0, records.size() - 1);
  for (long long i = 0; i < rows && ok; ++i) {
    buffer += records[pick(random)];
    if (buffer.size() >= kFlushAt) flush();
  }
  flush();
  if (std::fclose(out) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "%s: write error: %s\n", argv[3], std::strerror(errno));
    return 1;
  }
  return 0;
}
