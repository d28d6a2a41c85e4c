// Reference data compiled into veil (UK names, postcode outward codes, DfE code lists),
// so the binary never reads shared/ or any other folder at run time. See data/ and NOTICE.
#pragma once

#include <optional>
#include <string_view>

namespace veil {

// The bytes of the embedded file `name` (e.g. "first_names_female.txt"), or nullopt.
// The view stays valid for the life of the process.
std::optional<std::string_view> EmbeddedFile(std::string_view name);

}  // namespace veil
