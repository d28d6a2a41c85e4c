#include "engine/table_runner.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "support/text_table.h"
#include "transforms/rule_fixture.h"

namespace veil {
namespace {

using testing::TextTable;

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

class TableRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto policy = ParsePolicy(R"(version: 1
entities:
  person: {pseudonym: {alphabet: hex, length: 12}}
tables:
  t:
    keys: {person: id}
    columns: {id: {pseudonymise: person}, name: {fake: first_name}}
)",
                              "p.yaml");
    ASSERT_TRUE(policy.ok()) << policy.status().message();
    policy_ = std::move(policy).value();
    secret_.emplace(Secret::FromBytes("0123456789abcdef0123").value());
    run_.policy = &policy_;
    run_.secret = &*secret_;
    run_.fakes = FakeCatalog::Builtin().value();
    run_.code_lists = CodeLists::Builtin().value();
  }

  TablePlan Plan() {
    auto plans = PlanTables({TextTable("t", {"id", "name"})}, BuiltinRules(), run_);
    EXPECT_TRUE(plans.ok()) << plans.status().message();
    return std::move(plans.value()[0]);
  }

  Policy policy_;
  std::optional<Secret> secret_;
  RunResources run_;
};

TEST_F(TableRunnerTest, ThreadedRunWritesExactlyWhatTheSerialRunWrites) {
  std::vector<std::vector<std::string>> outputs;
  for (const int threads : {1, 3}) {
    run_.trackers.clear();
    run_.digests.clear();
    TablePlan plan = Plan();
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

TEST_F(TableRunnerTest, FirstErrorOfAnyStageStopsTheRunWithoutFinishing) {
  for (const int threads : {1, 3}) {
    TablePlan plan = Plan();
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
