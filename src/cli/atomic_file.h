// Writes a whole file the way every veil output appears: aside first (PATH.veil-tmp),
// then renamed into place, so a reader never sees half a report and a failed write
// leaves nothing behind.
#pragma once

#include <string>

#include "veil/publish_gate.h"
#include "veil/status.h"

namespace veil {

// `what` names the file in messages, e.g. "the report". The whole write, rename included,
// is one publishing step of `gate` (see veil/publish_gate.h): a report is small.
Status WriteFileAtomically(const std::string& path, const std::string& text,
                           const std::string& what, PublishGate& gate);

}  // namespace veil
