#include "verify/row_pairing.h"

#include <gtest/gtest.h>

namespace veil {
namespace {

// Serves table t: one text column holding "0", "1", ... in batches of `batch_rows`.
class CountingSource final : public Source {
 public:
  CountingSource(size_t rows, size_t batch_rows) : rows_(rows), batch_rows_(batch_rows) {}
  std::string Describe() const override { return "counting rows"; }
  std::vector<std::string> TableNames() const override { return {"t"}; }
  Result<TableSchema> Schema(const std::string&) const override { return Shape(); }
  Result<std::unique_ptr<TableReader>> Open(const std::string&) override {
    return std::unique_ptr<TableReader>(std::make_unique<Reader>(rows_, batch_rows_));
  }
  static TableSchema Shape() {
    TableSchema schema;
    schema.name = "t";
    ColumnSchema column;
    column.name = "n";
    column.declared_type = "TEXT";
    schema.columns.push_back(column);
    return schema;
  }

 private:
  class Reader final : public TableReader {
   public:
    Reader(size_t rows, size_t batch_rows) : rows_(rows), batch_rows_(batch_rows) {}
    const TableSchema& schema() const override { return schema_; }
    Result<bool> Next(Batch& batch) override {
      batch.Reset(1);
      batch.first_row = static_cast<int64_t>(next_) + 1;
      if (next_ == rows_) return false;
      for (size_t i = 0; i < batch_rows_ && next_ < rows_; ++i, ++next_) {
        batch.columns[0].Append(std::to_string(next_));
      }
      return true;
    }

   private:
    size_t rows_, batch_rows_, next_ = 0;
    TableSchema schema_ = Shape();
  };
  size_t rows_, batch_rows_;
};

// Records every pairing: both sides' values must be the same row.
class PairRecorder final : public BatchObserver {
 public:
  Status OnOriginal(const VerifiedTable&, const Batch& batch) override {
    original_rows += static_cast<int64_t>(batch.rows());
    return Status::Ok();
  }
  Status OnCopy(const VerifiedTable&, const Batch& batch) override {
    copy_rows += static_cast<int64_t>(batch.rows());
    return Status::Ok();
  }
  Status OnPairs(const PairedRows& rows) override {
    for (size_t i = 0; i < rows.rows; ++i) {
      const std::string expected = std::to_string(rows.first_row + static_cast<int64_t>(i) - 1);
      EXPECT_EQ(rows.OriginalColumn(0).Text(rows.original_offset + i), expected);
      EXPECT_EQ(rows.CopyColumn(0).Text(rows.copy_offset + i), expected);
      ++paired;
    }
    return Status::Ok();
  }
  void OnTableEnd(const VerifiedTable&, int64_t, int64_t) override { ++ends; }
  int64_t original_rows = 0, copy_rows = 0, paired = 0;
  int ends = 0;
};

VerifiedTable Table(bool in_copy) {
  VerifiedTable table;
  table.name = "t";
  table.original = CountingSource::Shape();
  if (in_copy) table.copy = CountingSource::Shape();
  return table;
}

TEST(RowPairingTest, PairsRowsAcrossBatchesOfDifferentSizes) {
  CountingSource original(1000, 64), copy(1000, 100);
  PairRecorder recorder;
  const auto counts = FeedTable(Table(true), original, copy, {&recorder});
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  EXPECT_EQ(counts->original, 1000);
  EXPECT_EQ(counts->copy, 1000);
  EXPECT_EQ(recorder.paired, 1000);
  EXPECT_EQ(recorder.original_rows, 1000);
  EXPECT_EQ(recorder.copy_rows, 1000);
  EXPECT_EQ(recorder.ends, 1);
}

TEST(RowPairingTest, ExtraRowsOnOneSideAreSeenButNotPaired) {
  CountingSource original(300, 7), copy(250, 64);
  PairRecorder recorder;
  const auto counts = FeedTable(Table(true), original, copy, {&recorder});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->original, 300);
  EXPECT_EQ(counts->copy, 250);
  EXPECT_EQ(recorder.paired, 250);
  EXPECT_EQ(recorder.original_rows, 300);

  CountingSource shorter(10, 3), longer(25, 4);
  PairRecorder second;
  const auto more = FeedTable(Table(true), shorter, longer, {&second});
  ASSERT_TRUE(more.ok());
  EXPECT_EQ(second.paired, 10);
  EXPECT_EQ(second.copy_rows, 25);
}

TEST(RowPairingTest, ATableMissingFromTheCopyIsReadOnOneSide) {
  CountingSource original(50, 8), copy(0, 8);
  PairRecorder recorder;
  const auto counts = FeedTable(Table(false), original, copy, {&recorder});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->original, 50);
  EXPECT_EQ(counts->copy, -1);
  EXPECT_EQ(recorder.paired, 0);
  EXPECT_EQ(recorder.copy_rows, 0);
  EXPECT_EQ(recorder.ends, 1);
}

}  // namespace
}  // namespace veil
