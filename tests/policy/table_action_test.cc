#include "policy/table_action.h"

#include <gtest/gtest.h>

#include <string>

namespace veil {
namespace {

TEST(TableActionTest, NamesEveryActionAsReportsPrintIt) {
  EXPECT_EQ(std::string(ActionName(TableAction::kAnonymise)), "anonymised");
  EXPECT_EQ(std::string(ActionName(TableAction::kKeep)), "kept");
  EXPECT_EQ(std::string(ActionName(TableAction::kDelete)), "deleted");
  EXPECT_EQ(std::string(ActionName(TableAction::kDrop)), "dropped");
}

TEST(TableActionTest, AValueOutsideTheEnumIsNamedWithoutCrashing) {
  EXPECT_EQ(std::string(ActionName(static_cast<TableAction>(99))), "?");
}

}  // namespace
}  // namespace veil
