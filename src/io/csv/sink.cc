#include "io/csv/sink.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "io/csv/source.h"
#include "io/csv/writer.h"
#include "io/described_source.h"
#include "io/staged_output.h"

namespace veil {
namespace {

namespace fs = std::filesystem;

// Forwards to a CsvWriter and records that Finish() succeeded.
class TrackedWriter final : public TableWriter {
 public:
  TrackedWriter(std::unique_ptr<CsvWriter> writer, std::shared_ptr<bool> finished)
      : writer_(std::move(writer)), finished_(std::move(finished)) {}
  Status Write(const Batch& batch) override { return writer_->Write(batch); }
  Status Finish() override {
    VEIL_RETURN_IF_ERROR(writer_->Finish());
    *finished_ = true;
    return Status::Ok();
  }

 private:
  std::unique_ptr<CsvWriter> writer_;
  std::shared_ptr<bool> finished_;
};

Status SyncDirectory(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) return IoError(fmt::format("cannot sync {}: {}", dir.string(), std::strerror(error)));
  return Status::Ok();
}

bool IsPlainFileName(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string("/\0", 2)) == std::string::npos;
}

// The staged file of a file sink, read under the target's table name (a file source
// names its table after the file, and the staged file's name is a temporary one).
class RenamedTableReader final : public TableReader {
 public:
  RenamedTableReader(std::unique_ptr<TableReader> inner, const std::string& name)
      : inner_(std::move(inner)), schema_(inner_->schema()) {
    schema_.name = name;
  }
  const TableSchema& schema() const override { return schema_; }
  Result<bool> Next(Batch& batch) override { return inner_->Next(batch); }
  int64_t EstimatedRows() const override { return inner_->EstimatedRows(); }

 private:
  std::unique_ptr<TableReader> inner_;
  TableSchema schema_;
};

class StagedFileSource final : public Source {
 public:
  StagedFileSource(std::unique_ptr<Source> inner, std::string name, std::string description)
      : inner_(std::move(inner)), name_(std::move(name)), description_(std::move(description)) {}
  std::string Describe() const override { return description_; }
  std::vector<std::string> TableNames() const override { return {name_}; }
  Result<TableSchema> Schema(const std::string& table) const override {
    VEIL_RETURN_IF_ERROR(Check(table));
    VEIL_ASSIGN_OR_RETURN(TableSchema schema, inner_->Schema(inner_->TableNames().front()));
    schema.name = name_;
    return schema;
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    VEIL_RETURN_IF_ERROR(Check(table));
    VEIL_ASSIGN_OR_RETURN(auto reader, inner_->Open(inner_->TableNames().front()));
    return std::unique_ptr<TableReader>(new RenamedTableReader(std::move(reader), name_));
  }

 private:
  Status Check(const std::string& table) const {
    if (table == name_ && inner_->TableNames().size() == 1) return Status::Ok();
    return InvalidArgument(fmt::format("{}: no table {}", description_, table));
  }

  std::unique_ptr<Source> inner_;
  std::string name_;
  std::string description_;
};

// Writes tables into a staged file or directory, publishing it in Commit().
class CsvSink final : public Sink {
 public:
  CsvSink(StagedOutput staged, bool directory)
      : staged_(std::move(staged)), directory_(directory) {}

  std::string Describe() const override {
    return fmt::format("csv {} {}", directory_ ? "directory" : "file", staged_.target().string());
  }

  Result<std::unique_ptr<TableWriter>> CreateTable(const TableSchema& schema) override {
    if (prepared_ || committed_) {
      return InternalError(fmt::format("{} was already prepared", Describe()));
    }
    VEIL_ASSIGN_OR_RETURN(const fs::path path, PathFor(schema.name));
    VEIL_ASSIGN_OR_RETURN(auto writer, CsvWriter::Open(path, schema));
    tables_.push_back({schema.name, std::make_shared<bool>(false)});
    return std::unique_ptr<TableWriter>(
        new TrackedWriter(std::move(writer), tables_.back().finished));
  }

  Status Prepare() override {
    if (prepared_) return InternalError(fmt::format("{} was already prepared", Describe()));
    if (tables_.empty() && !directory_) {
      return InternalError(fmt::format("no table was written to {}", Describe()));
    }
    for (const auto& table : tables_) {
      if (!*table.finished) {
        return InternalError(fmt::format("table {} was not finished before commit", table.name));
      }
    }
    if (directory_) VEIL_RETURN_IF_ERROR(SyncDirectory(staged_.temp_path()));
    prepared_ = true;
    return Status::Ok();
  }

  Status CheckStageable() const override { return Status::Ok(); }

  Result<std::unique_ptr<Source>> OpenStaged() override {
    if (!prepared_ || committed_) {
      return InternalError(fmt::format("{} is not staged", Describe()));
    }
    const std::string path = staged_.temp_path().string();
    if (directory_) {
      VEIL_ASSIGN_OR_RETURN(auto staged, OpenCsvDirectorySource(path, CsvOptions{}));
      // Named as the directory it becomes, not by its temporary name.
      return std::unique_ptr<Source>(new DescribedSource(std::move(staged), Describe()));
    }
    VEIL_ASSIGN_OR_RETURN(auto file, OpenCsvFileSource(path, CsvOptions{}));
    // Named as a source opened on the published file would name it.
    return std::unique_ptr<Source>(
        new StagedFileSource(std::move(file), staged_.target().stem().string(),
                             fmt::format("csv file {}", staged_.target().string())));
  }

  Status Commit() override {
    if (committed_) return InternalError(fmt::format("{} was already committed", Describe()));
    if (!prepared_) VEIL_RETURN_IF_ERROR(Prepare());
    VEIL_RETURN_IF_ERROR(staged_.Commit());
    committed_ = true;
    return Status::Ok();
  }

 private:
  struct Table {
    std::string name;
    std::shared_ptr<bool> finished;
  };

  Result<fs::path> PathFor(const std::string& table) const {
    if (!directory_) {
      if (!tables_.empty()) {
        return InvalidArgument(fmt::format("{} holds one table ({}); cannot add table {}",
                                           Describe(), tables_.front().name, table));
      }
      return staged_.temp_path();
    }
    if (!IsPlainFileName(table)) {
      return InvalidArgument(fmt::format("table name \"{}\" cannot be a CSV file name", table));
    }
    for (const auto& existing : tables_) {
      if (existing.name == table) {
        return InvalidArgument(
            fmt::format("table {} was already written to {}", table, Describe()));
      }
    }
    return staged_.temp_path() / (table + ".csv");
  }

  StagedOutput staged_;
  bool directory_;
  bool prepared_ = false;
  bool committed_ = false;
  std::vector<Table> tables_;
};

// With --force, replacing must not destroy something that is not a CSV output: a file
// target must not be a directory, and a directory target may hold only *.csv files.
Status CheckReplaceable(const fs::path& target, bool directory) {
  std::error_code ec;
  const auto type = fs::symlink_status(target, ec).type();
  if (type == fs::file_type::not_found) return Status::Ok();
  const auto refuse = [&](const std::string& why) {
    return ConflictError(
        fmt::format("refusing to replace {} even with --force: {}", target.string(), why));
  };
  if (!directory) {
    return type == fs::file_type::directory ? refuse("it is a directory") : Status::Ok();
  }
  if (type != fs::file_type::directory) return refuse("it is not a directory");
  for (fs::directory_iterator it(target, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const bool csv = name.size() > 4 && name.compare(name.size() - 4, 4, ".csv") == 0;
    if (!csv || !it->is_regular_file(ec)) {
      return refuse(fmt::format("it holds {}, which is not a CSV file", name));
    }
  }
  if (ec) return IoError(fmt::format("cannot list {}: {}", target.string(), ec.message()));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Sink>> OpenCsvFileSink(const std::string& target_path, bool force) {
  if (force) VEIL_RETURN_IF_ERROR(CheckReplaceable(target_path, false));
  VEIL_ASSIGN_OR_RETURN(StagedOutput staged, StagedOutput::Create(target_path, force));
  return std::unique_ptr<Sink>(new CsvSink(std::move(staged), false));
}

Result<std::unique_ptr<Sink>> OpenCsvDirectorySink(const std::string& target_dir, bool force) {
  if (force) VEIL_RETURN_IF_ERROR(CheckReplaceable(target_dir, true));
  VEIL_ASSIGN_OR_RETURN(StagedOutput staged, StagedOutput::Create(target_dir, force));
  std::error_code ec;
  if (!fs::create_directory(staged.temp_path(), ec) || ec) {
    return IoError(fmt::format("cannot create directory {}: {}", staged.temp_path().string(),
                               ec ? ec.message() : "it exists"));
  }
  return std::unique_ptr<Sink>(new CsvSink(std::move(staged), true));
}

}  // namespace veil
