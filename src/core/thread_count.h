// How many threads a `jobs` setting (AnonymiseOptions::jobs, VerifyOptions::jobs) means.
#pragma once

#include <thread>

namespace veil {

// `jobs` itself when it is positive; otherwise one per core, as the standard library counts
// them (which may be 0 when the machine does not say: callers treat that as one thread).
inline int ThreadsFor(int jobs) {
  return jobs > 0 ? jobs : static_cast<int>(std::thread::hardware_concurrency());
}

}  // namespace veil
