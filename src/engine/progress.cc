#include "engine/progress.h"

#include <fmt/format.h>

namespace veil {

ProgressMeter::ProgressMeter(std::string table, int64_t estimated_rows,
                             std::function<void(const std::string&)> sink)
    : table_(std::move(table)),
      estimated_rows_(estimated_rows),
      sink_(std::move(sink)),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressMeter::Update(int64_t rows) {
  if (!sink_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(250)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? rows / seconds : 0;
  std::string line = fmt::format("{}: {} rows, {:.0f} rows/s", table_, rows, rate);
  if (estimated_rows_ > rows && rate > 0) {
    line += fmt::format(", ETA {:.0f} s", (estimated_rows_ - rows) / rate);
  }
  sink_(line);
}

}  // namespace veil
