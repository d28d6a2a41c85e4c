// Verifying a copy that is already open: the entry point `veil verify` (Verify()) and
// `veil anonymise --verify` share. The engine verifies the copy its sink staged, before
// publishing it, through a Source over the staged output.
//
// VerifyOpenCopy() runs every check of include/veil/verify.h on `copy` against the
// original that `options.original` names (options.anonymised is not read), and reports
// the copy as `copy_description`. `copy_kind` is what the copy is (or will be, once
// published): a copy of the original's own kind keeps types and structure that checks
// compare. On success the report; errors are input problems (policy, original, reading
// the copy), as for Verify(). `copy` is only read; the caller keeps it.
#pragma once

#include <string>

#include "io/location.h"
#include "io/source.h"
#include "veil/verify.h"

namespace veil {

Result<VerificationReport> VerifyOpenCopy(const VerifyOptions& options, Source& copy,
                                          LocationKind copy_kind,
                                          const std::string& copy_description);

}  // namespace veil
