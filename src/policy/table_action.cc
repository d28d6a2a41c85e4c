#include "policy/table_action.h"

namespace veil {

const char* ActionName(TableAction action) {
  switch (action) {
    case TableAction::kAnonymise:
      return "anonymised";
    case TableAction::kKeep:
      return "kept";
    case TableAction::kDelete:
      return "deleted";
    case TableAction::kDrop:
      return "dropped";
  }
  return "?";
}

}  // namespace veil
