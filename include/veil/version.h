// The version of veil, as `veil --version` prints it and veil.veil_runs records it.
#pragma once

namespace veil {

inline constexpr const char* kVersion = "0.1.0";

}  // namespace veil
