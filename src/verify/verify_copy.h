// Verifying a copy that is already open: the entry point `veil verify` (Verify()) and
// `veil anonymise --verify` share. The engine verifies the copy its sink staged, before
// publishing it, through a Source over the staged output.
//
// VerifyOpenCopy() runs every check of include/veil/verify.h on `copy` against the
// original that `options.original` names (options.anonymised is not read), and reports
// the copy as `copy_description`. `copy_format` is the storage format of the copy (or
// of what it will be, once published: Connector::format()): a copy in the original's own
// format keeps types and structure that checks compare. On success the report; errors
// are input problems (policy, original, reading the copy), as for Verify(). `copy` is
// only read; the caller keeps it.
#pragma once

#include <string>
#include <string_view>

#include "io/source.h"
#include "veil/verify.h"

namespace veil {

Result<VerificationReport> VerifyOpenCopy(const VerifyOptions& options, Source& copy,
                                          std::string_view copy_format,
                                          const std::string& copy_description);

}  // namespace veil
