#include "cli/atomic_file.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace veil {
namespace {

Status WriteAsideThenRename(const std::string& path, const std::string& text,
                            const std::string& what) {
  const std::string aside = path + ".veil-tmp";
  {
    std::ofstream file(aside, std::ios::binary | std::ios::trunc);
    file << text;
    file.flush();
    if (!file) {
      std::filesystem::remove(aside);
      return IoError(fmt::format("cannot write {} {}", what, path));
    }
  }
  std::error_code ec;
  std::filesystem::rename(aside, path, ec);
  if (ec) {
    std::filesystem::remove(aside);
    return IoError(fmt::format("cannot move {} into place at {}: {}", what, path, ec.message()));
  }
  return Status::Ok();
}

}  // namespace

Status WriteFileAtomically(const std::string& path, const std::string& text,
                           const std::string& what, PublishGate& gate) {
  // The whole write is one step: an interrupt never leaves the aside file behind.
  gate.BeginPublishing();
  Status written = WriteAsideThenRename(path, text, what);
  gate.EndPublishing(written.ok());
  return written;
}

}  // namespace veil
