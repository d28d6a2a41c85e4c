// Reading a whole file into memory with a size limit.
//
// Every file veil reads whole (a policy, a secret, a hierarchy) goes through here, so that
// no input — /dev/zero, a FIFO that never ends, a file larger than memory — can exhaust
// memory or abort the process: past `max_bytes` the read stops and fails.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "veil/status.h"

namespace veil {

// Returns the bytes of the file at `path`, read until its end.
// On success: at most `max_bytes` bytes. Fails with an IoError naming `what` and `path` when
// the file cannot be opened or read (the system's reason), when it is a directory, or when
// it holds more than `max_bytes` bytes (nothing more than max_bytes + 1 is ever read). Works
// on regular files, character devices and pipes alike. Never quotes the file's content.
Result<std::string> ReadFileWithLimit(const std::string& path, size_t max_bytes,
                                      std::string_view what);

// "1 GiB", "16 MiB", "64 KiB", "512 bytes": a limit as error messages print it.
std::string DescribeByteCount(size_t bytes);

}  // namespace veil
