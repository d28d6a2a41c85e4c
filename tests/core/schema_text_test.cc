#include "core/schema_text.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

TableSchema Children() {
  TableSchema table;
  table.name = "care.children";
  table.comment = "Children in care";
  ColumnSchema id;
  id.name = "child_id";
  ColumnSchema name;
  name.name = "first_name";
  name.default_sql = "'Amelia'::text";
  name.comment = "Given name";
  ColumnSchema status;
  status.name = "status";
  status.default_sql = "";  // an empty text is no text
  table.columns = {id, name, status};
  table.check_constraints = {"CHECK ((status <> 'x'))", "CONSTRAINT c2 CHECK (true)"};
  table.indexes.push_back(IndexSchema{"by_name", {"first_name"}, false, "", "UNIQUE (first_name)"});
  table.partitions.push_back(
      PartitionSchema{"care.children_a", "care.children", "FOR VALUES IN ('a')"});
  table.types.push_back(UserTypeSchema{"public", "mood", "CREATE TYPE public.mood AS ENUM ('a')"});
  GeneratedColumnSchema upper;
  upper.column.name = "name_upper";
  upper.expression = "upper(first_name)";
  table.generated_columns.push_back(upper);
  return table;
}

TEST(SchemaTextTest, ListsEveryPieceOfATableInOrderAndSkipsEmptyOnes) {
  const std::vector<SchemaText> texts = ListSchemaText(Children());
  std::vector<std::string> described;
  for (const auto& text : texts) described.push_back(DescribeSchemaText(text));
  const std::vector<std::string> expected = {
      "the comment on table care.children",
      "the default of column first_name of table care.children",
      "the comment on column first_name of table care.children",
      "the expression of generated column name_upper of table care.children",
      "CHECK constraint 1 of table care.children",
      "CHECK constraint 2 of table care.children",
      "the definition of index by_name of table care.children",
      "the bound of partition care.children_a of table care.children",
      "the definition of type public.mood",
  };
  EXPECT_EQ(described, expected);
  EXPECT_EQ(texts[1].text, "'Amelia'::text");
  EXPECT_EQ(texts[1].column, "first_name");
}

TEST(SchemaTextTest, DescriptionsNeverHoldTheText) {
  for (const auto& text : ListSchemaText(Children())) {
    EXPECT_EQ(DescribeSchemaText(text).find(text.text), std::string::npos)
        << DescribeSchemaText(text);
  }
}

TEST(SchemaTextTest, ListsViewsAndEachTypeOnce) {
  TableSchema other = Children();
  other.name = "care.others";
  ViewSchema view{"v_children", "SELECT 1", true, "Open cases"};
  const std::vector<SchemaText> texts = ListSchemaText({Children(), other}, {view});
  size_t types = 0;
  for (const auto& text : texts) types += text.kind == SchemaTextKind::kType;
  EXPECT_EQ(types, 1u);
  ASSERT_GE(texts.size(), 2u);
  EXPECT_EQ(DescribeSchemaText(texts[texts.size() - 2]), "the definition of view v_children");
  EXPECT_EQ(DescribeSchemaText(texts.back()), "the comment on view v_children");
  EXPECT_EQ(texts.back().item, "materialized");
}

TEST(SchemaTextTest, OnlyDefaultsAndCommentsAreRemovable) {
  EXPECT_TRUE(IsRemovableSchemaText(SchemaTextKind::kColumnDefault));
  EXPECT_TRUE(IsRemovableSchemaText(SchemaTextKind::kTableComment));
  EXPECT_TRUE(IsRemovableSchemaText(SchemaTextKind::kColumnComment));
  EXPECT_TRUE(IsRemovableSchemaText(SchemaTextKind::kViewComment));
  EXPECT_FALSE(IsRemovableSchemaText(SchemaTextKind::kCheck));
  EXPECT_FALSE(IsRemovableSchemaText(SchemaTextKind::kViewDefinition));
  EXPECT_FALSE(IsRemovableSchemaText(SchemaTextKind::kType));
  EXPECT_FALSE(IsRemovableSchemaText(SchemaTextKind::kGenerated));
}

}  // namespace
}  // namespace veil
