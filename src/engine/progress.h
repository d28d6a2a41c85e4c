// ProgressMeter: turns "rows done so far" into a human progress line (rows, rows/s and
// an ETA when the total is known), at most about four times a second.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace veil {

class ProgressMeter {
 public:
  ProgressMeter(std::string table, int64_t estimated_rows,
                std::function<void(const std::string&)> sink);

  void Update(int64_t rows);

 private:
  std::string table_;
  int64_t estimated_rows_;
  std::function<void(const std::string&)> sink_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace veil
