// PseudonymTracker: detects two different originals receiving the same pseudonym within
// a run, for one entity, across every table.
//
// Each pseudonym is recorded with a fingerprint of the original it came from (a keyed
// digest, never the original). A second, different original for a recorded pseudonym
// is a collision and an error. Pseudonyms of up to 64 bits of space are recorded
// exactly; longer ones by a 64-bit digest (a false alarm is then possible with
// probability ~n²/2^65, and stops the run: it never hides a real collision).
// To bound memory, tracking stops after kExactLimit distinct pseudonyms when the
// pseudonym space is at least 2^kSafeSpaceBits, where a collision among 10^9 values has
// probability below 10^-9; whether that happened is reported by exhaustive().
// Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

class PseudonymTracker {
 public:
  static constexpr size_t kExactLimit = size_t{1} << 20;
  static constexpr double kSafeSpaceBits = 90.0;

  PseudonymTracker(std::string entity, double space_bits)
      : entity_(std::move(entity)), space_bits_(space_bits) {}

  struct Entry {
    uint64_t pseudonym = 0;  // 0 marks an empty slot
    uint64_t original = 0;
  };

  // Records a batch of (pseudonym key, original fingerprint) pairs; fails on collision.
  Status Record(const std::vector<Entry>& entries);

  // True while every pseudonym of the run has been checked.
  bool exhaustive() const;
  size_t distinct() const;

 private:
  bool Insert(Entry entry);
  void Grow();

  std::string entity_;
  double space_bits_;
  mutable std::mutex mutex_;
  std::vector<Entry> slots_;
  size_t used_ = 0;
  bool exhaustive_ = true;
};

}  // namespace veil
