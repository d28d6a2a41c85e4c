// StagedOutput: a temporary sibling of a target path that becomes the target only on
// Commit().
//
// Create() picks a hidden sibling name (".NAME.veil-tmp-PID-RANDOM") in the target's
// directory, so the final rename never crosses file systems. Until Commit(), the target
// is untouched. If the StagedOutput is destroyed uncommitted, the temporary path is
// removed; if the process is killed (even by SIGKILL), a small guardian process started
// by Create() removes it. With `replace_existing`, an existing target is replaced at
// Commit(); without it, Create() refuses an existing target.
// Not copyable; movable.
#pragma once

#include <filesystem>
#include <string>

#include "veil/status.h"

namespace veil {

class StagedOutput {
 public:
  static Result<StagedOutput> Create(const std::filesystem::path& target, bool replace_existing);

  StagedOutput(StagedOutput&& other) noexcept;
  StagedOutput& operator=(StagedOutput&& other) noexcept;
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;
  ~StagedOutput();

  // Where to write (a file or a directory, as the caller chooses; nothing exists there yet).
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& target() const { return target_; }

  // Renames the temporary path onto the target (replacing it if allowed).
  Status Commit();

 private:
  StagedOutput() = default;
  void Abandon();

  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool replace_existing_ = false;
  bool committed_ = true;   // true also for moved-from objects: nothing to clean
  int guardian_pipe_ = -1;  // write end; closing it without "commit" makes the guardian clean up
  int guardian_pid_ = -1;
};

}  // namespace veil
