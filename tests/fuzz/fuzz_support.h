// Fuzz support: what every libFuzzer target of tests/fuzz shares.
//
// FUZZ_CHECK(condition, what) stops the run with a message and abort() when an invariant
// fails, so libFuzzer records the input as a crash. ScratchFile gives a target that must
// read a path one file per process, rewritten for every input. FuzzInput consumes the
// input's leading bytes as choices and hands the rest on. Not thread-safe (libFuzzer runs
// one input at a time per process).
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "veil/status.h"

#define FUZZ_CHECK(condition, what)                                                        \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s (%s)\n", __FILE__, __LINE__, what, \
                   #condition);                                                            \
      std::abort();                                                                        \
    }                                                                                      \
  } while (false)

namespace veil::fuzz {

// An error of kind kInternal is a bug in veil, never a verdict on the input.
inline void CheckNotInternal(const Status& status) {
  if (status.code() == ErrorCode::kInternal) {
    std::fprintf(stderr, "internal error: %s\n", status.message().c_str());
    std::abort();
  }
}

// The fuzz input as bytes: leading bytes taken as choices, the rest as the payload.
class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  // The next byte (0 when none is left), consumed.
  uint8_t TakeByte() {
    if (rest_.empty()) return 0;
    const auto byte = static_cast<uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return byte;
  }
  // Everything not yet consumed.
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// One file in the temporary directory, named after `stem` and the process id; removed
// when destroyed.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& stem)
      : path_(std::filesystem::temp_directory_path() /
              (stem + "-" + std::to_string(::getpid()) + ".tmp")) {}
  ~ScratchFile() { Remove(); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's content by `bytes`; aborts if it cannot be written.
  void Write(std::string_view bytes) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    FUZZ_CHECK(out.good(), "cannot write the scratch file");
  }
  void Remove() const {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace veil::fuzz
