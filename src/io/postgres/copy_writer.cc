#include "io/postgres/copy_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "io/postgres/errors.h"
#include "io/postgres/quote.h"

namespace veil::postgres {
namespace {

constexpr size_t kCopyChunkBytes = size_t{1} << 20;

class PostgresTableWriter final : public TableWriter {
 public:
  PostgresTableWriter(std::shared_ptr<Target> target, TableName name,
                      std::vector<std::string> columns)
      : target_(std::move(target)), name_(std::move(name)), columns_(std::move(columns)) {}

  ~PostgresTableWriter() override {
    if (!copying_ || !target_->open) return;
    // Unfinished: the COPY fails, and with it the load transaction.
    PQputCopyEnd(target_->session.get(), "the table was not finished");
    DrainResults(target_->session.get());
    target_->copying.clear();
  }

  Status Write(const Batch& batch) override {
    if (finished_ || !target_->open || target_->completed) {
      return Misuse("written after Finish() or Commit()");
    }
    if (batch.columns.size() != columns_.size()) {
      return Misuse(
          fmt::format("given {} columns, expected {}", batch.columns.size(), columns_.size()));
    }
    if (batch.rows() == 0) return Status::Ok();
    if (!copying_) VEIL_RETURN_IF_ERROR(StartCopy());
    batch_starts_.emplace_back(lines_ + 1, batch.first_row);
    for (size_t row = 0; row < batch.rows(); ++row) {
      for (size_t c = 0; c < columns_.size(); ++c) {
        if (c > 0) buffer_ += '\t';
        AppendCopyCell(buffer_, batch.columns[c], row);
      }
      buffer_ += '\n';
      if (buffer_.size() >= kCopyChunkBytes) VEIL_RETURN_IF_ERROR(Flush());
    }
    lines_ += static_cast<int64_t>(batch.rows());
    return Status::Ok();
  }

  Status Finish() override {
    if (finished_) return Status::Ok();
    finished_ = true;
    if (!target_->open) return Misuse("finished after Commit()");
    if (!copying_) return Status::Ok();
    Status status = Flush();
    if (status.ok()) {
      status =
          PQputCopyEnd(target_->session.get(), nullptr) == 1 ? CheckCopyResult() : CopyFailed();
    }
    EndCopy();
    return status;
  }

 private:
  Status StartCopy() {
    if (!target_->copying.empty()) {
      return Misuse(fmt::format("written while table {} is still being written", target_->copying));
    }
    std::string names;
    for (const auto& column : columns_)
      names += (names.empty() ? "" : ", ") + QuoteIdentifier(column);
    const std::string sql = fmt::format("COPY {} ({}) FROM STDIN", name_.Sql(), names);
    ResultPtr result(PQexec(target_->session.get(), sql.c_str()));
    if (!result || PQresultStatus(result.get()) != PGRES_COPY_IN) {
      return target_->session.Error(result.get(), fmt::format("writing table {}", name_.Sql()));
    }
    copying_ = true;
    target_->copying = name_.Sql();
    return Status::Ok();
  }

  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    const int sent =
        PQputCopyData(target_->session.get(), buffer_.data(), static_cast<int>(buffer_.size()));
    buffer_.clear();
    if (sent == 1) return Status::Ok();
    // The server ended the COPY with an error.
    Status status = CopyFailed();
    EndCopy();
    return status;
  }

  Status CheckCopyResult() {
    ResultPtr failed = DrainResults(target_->session.get());
    return failed ? Describe(failed.get()) : Status::Ok();
  }

  Status CopyFailed() {
    ResultPtr failed = DrainResults(target_->session.get());
    return Describe(failed.get());
  }

  void EndCopy() {
    copying_ = false;
    target_->copying.clear();
  }

  // Names the table and, when the server says, the column and the source row.
  Status Describe(const PGresult* result) const {
    std::string what = fmt::format("writing table {}", name_.Sql());
    const CopyPosition position =
        ParseCopyContext(PgErrorField(result, PG_DIAG_CONTEXT), name_.table, columns_);
    std::string column = PgErrorField(result, PG_DIAG_COLUMN_NAME);
    if (column.empty()) column = position.column;
    if (!column.empty()) what += ", column " + QuoteIdentifier(column);
    if (position.line > 0) what += fmt::format(", row {}", RowOfLine(position.line));
    const std::string state = PgErrorField(result, PG_DIAG_SQLSTATE);
    if (state == "23514" && PgErrorField(result, PG_DIAG_CONSTRAINT_NAME).empty()) {
      // A row of a partitioned table that no partition accepts (no constraint is named).
      return ConflictError(fmt::format(
          "{}: {}: a row fits no partition of the table (SQLSTATE 23514); a partition key "
          "column that the policy changes needs a DEFAULT partition",
          target_->session.label(), what));
    }
    return target_->session.Error(result, what);
  }

  // The source row number of COPY line `line` (1-based), through the batches' first rows.
  int64_t RowOfLine(int64_t line) const {
    auto it = std::upper_bound(batch_starts_.begin(), batch_starts_.end(),
                               std::make_pair(line, INT64_MAX));
    if (it == batch_starts_.begin()) return line;
    --it;
    return it->second + (line - it->first);
  }

  Status Misuse(const std::string& what) const {
    return InternalError(
        fmt::format("{}: table {} {}", target_->session.label(), name_.Sql(), what));
  }

  std::shared_ptr<Target> target_;
  TableName name_;
  std::vector<std::string> columns_;
  std::string buffer_;
  int64_t lines_ = 0;                                      // rows sent in the COPY so far
  std::vector<std::pair<int64_t, int64_t>> batch_starts_;  // (first COPY line, first row)
  bool copying_ = false;
  bool finished_ = false;
};

}  // namespace

void AppendCopyCell(std::string& out, const Column& column, size_t row) {
  const std::string_view text = column.Text(row);
  if (column.kind(row) == CellKind::kNull) {
    out += "\\N";
  } else if (column.kind(row) == CellKind::kBlob) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\\\x";
    for (const char c : text) {
      out += kHex[static_cast<unsigned char>(c) >> 4];
      out += kHex[static_cast<unsigned char>(c) & 15];
    }
  } else {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const char escape = c == '\\'   ? '\\'
                          : c == '\t' ? 't'
                          : c == '\n' ? 'n'
                          : c == '\r' ? 'r'
                                      : 0;
      if (!escape) continue;
      out.append(text.data() + start, i - start);
      out += '\\';
      out += escape;
      start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
  }
}

CopyPosition ParseCopyContext(const std::string& context, const std::string& table,
                              const std::vector<std::string>& columns) {
  CopyPosition position;
  const std::string prefix = "COPY " + table + ", line ";
  const size_t start = context.find(prefix);
  if (start == std::string::npos) return position;
  size_t i = start + prefix.size();
  for (; i < context.size() && context[i] >= '0' && context[i] <= '9'; ++i) {
    position.line = position.line * 10 + (context[i] - '0');
  }
  const std::string_view rest = std::string_view(context).substr(i);
  if (rest.rfind(", column ", 0) != 0) return position;
  const std::string_view named = rest.substr(9);
  for (const auto& column : columns) {
    if (named.size() > column.size() && named.compare(0, column.size(), column) == 0 &&
        named[column.size()] == ':' && column.size() > position.column.size()) {
      position.column = column;
    }
  }
  return position;
}

std::unique_ptr<TableWriter> MakeCopyWriter(std::shared_ptr<Target> target, TableName name,
                                            std::vector<std::string> columns) {
  return std::make_unique<PostgresTableWriter>(std::move(target), std::move(name),
                                               std::move(columns));
}

}  // namespace veil::postgres
