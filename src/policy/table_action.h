// TableAction: what a policy does with a table, and the word reports use for it.
#pragma once

namespace veil {

enum class TableAction { kAnonymise, kKeep, kDelete, kDrop };

// The past participle a run summary or a verification report prints for `action`:
// "anonymised", "kept", "deleted" or "dropped". Never null; "?" for a value outside the enum.
const char* ActionName(TableAction action);

}  // namespace veil
