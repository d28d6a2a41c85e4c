#include "engine/table_runner.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "transforms/rule_fixture.h"

namespace veil {
namespace {

// Serves `rows` rows of (id, name) in batches of `batch_rows`; fails at batch `fail_at`.
class CountingReader final : public TableReader {
 public:
  CountingReader(TableSchema schema, int rows, int batch_rows, int fail_at = -1)
      : schema_(std::move(schema)), rows_(rows), batch_rows_(batch_rows), fail_at_(fail_at) {}
  const TableSchema& schema() const override { return schema_; }
  Result<bool> Next(Batch& batch) override {
    if (batches_++ == fail_at_) return InputError("reader broke at a batch boundary");
    batch.Reset(2);
    batch.first_row = next_ + 1;
    for (int i = 0; i < batch_rows_ && next_ < rows_; ++i, ++next_) {
      batch.columns[0].Append(std::to_string(next_));
      batch.columns[1].Append("name" + std::to_string(next_ % 97));
    }
    return batch.rows() > 0;
  }

 private:
  TableSchema schema_;
  int rows_, batch_rows_, fail_at_;
  int next_ = 0;
  int batches_ = 0;
};

class CollectingWriter final : public TableWriter {
 public:
  explicit CollectingWriter(int fail_at = -1) : fail_at_(fail_at) {}
  Status Write(const Batch& batch) override {
    if (writes_++ == fail_at_) return IoError("writer broke");
    for (size_t r = 0; r < batch.rows(); ++r) {
      rows.push_back(std::to_string(batch.first_row + static_cast<int64_t>(r)) + ":" +
                     std::string(batch.columns[0].Text(r)) + "," +
                     std::string(batch.columns[1].Text(r)));
    }
    return Status::Ok();
  }
  Status Finish() override {
    ++finished;
    return Status::Ok();
  }
  std::vector<std::string> rows;
  int finished = 0;

 private:
  int fail_at_;
  int writes_ = 0;
};

constexpr const char* kPolicy = R"(version: 1
entities:
  person: {pseudonym: {alphabet: hex, length: 12}}
tables:
  t:
    keys: {person: id}
    columns: {id: {pseudonymise: person}, name: {fake: first_name}}
)";

// A fresh run (its own pseudonym trackers) planning table t.
std::unique_ptr<testing::RuleFixture> PlannedTable() {
  auto fixture =
      std::make_unique<testing::RuleFixture>(kPolicy, std::vector<std::string>{"id", "name"});
  EXPECT_TRUE(fixture->Plan().ok());
  return fixture;
}

TEST(TableRunnerTest, ThreadedRunWritesExactlyWhatTheSerialRunWrites) {
  std::vector<std::vector<std::string>> outputs;
  for (const int threads : {1, 3}) {
    auto fixture = PlannedTable();
    TablePlan& plan = fixture->plan();
    CountingReader reader(plan.input, 50'000, 777);
    CollectingWriter writer;
    int64_t last_progress = 0;
    auto rows = RunTable(
        plan, reader, writer, [&](int64_t done) { last_progress = done; }, threads);
    ASSERT_TRUE(rows.ok()) << rows.status().message();
    EXPECT_EQ(*rows, 50'000);
    EXPECT_EQ(last_progress, 50'000);
    EXPECT_EQ(writer.finished, 1);
    ASSERT_EQ(writer.rows.size(), 50'000u);
    EXPECT_EQ(writer.rows[0].rfind("1:", 0), 0u);
    EXPECT_EQ(writer.rows[0].find(",name0"), std::string::npos);  // names were faked
    outputs.push_back(writer.rows);
  }
  EXPECT_EQ(outputs[0], outputs[1]);
}

TEST(TableRunnerTest, FirstErrorOfAnyStageStopsTheRunWithoutFinishing) {
  for (const int threads : {1, 3}) {
    auto fixture = PlannedTable();
    TablePlan& plan = fixture->plan();
    CountingReader failing_reader(plan.input, 50'000, 1000, 7);
    CollectingWriter writer;
    auto rows = RunTable(plan, failing_reader, writer, nullptr, threads);
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().message().find("reader broke"), std::string::npos);
    EXPECT_EQ(writer.finished, 0);
    EXPECT_LE(writer.rows.size(), 7'000u);

    CountingReader reader(plan.input, 50'000, 1000);
    CollectingWriter failing_writer(3);
    rows = RunTable(plan, reader, failing_writer, nullptr, threads);
    ASSERT_FALSE(rows.ok());
    EXPECT_NE(rows.status().message().find("writer broke"), std::string::npos);
    EXPECT_EQ(failing_writer.finished, 0);
  }
}

}  // namespace
}  // namespace veil
