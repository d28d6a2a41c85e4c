// Helpers the file connectors share to claim location strings: what the file system
// holds at a path. None fails: a path that cannot be inspected
// (permissions, a dangling link) is reported as not there.
#pragma once

#include <string>

#include "veil/status.h"

namespace veil {

bool PathExists(const std::string& path);
bool IsExistingDirectory(const std::string& path);

// Ok if a source path exists, else InvalidArgument "source PATH does not exist".
Status SourceMustExist(const std::string& path);

}  // namespace veil
