// Check: one of `veil verify`'s checks (a BatchObserver), fed the batches of both sides as the
// verifier reads them (it never reads data itself), then asked for its findings.
//
// For each table present on both sides the verifier calls, in row order: OnOriginal for
// every batch of the original, OnCopy for every batch of the copy (also rows beyond the
// original's count) and OnPairs for every window of rows both sides have (row N with row
// N); then OnTableEnd. A table missing from the copy gets OnOriginal and OnTableEnd
// only. Finish() is called once, after the last table. A check raises findings only
// through Finish, naming tables, columns and rows, never a value. Single-threaded: the
// verifier calls one method at a time.
//
// Each check carries its own name (`static constexpr std::string_view kName`, returned by
// name()), which its findings and its outcome print; the verifier builds every check in
// BuiltinChecks (verify/checks/builtin_checks.h) and knows none of them by type.
#pragma once

#include <string_view>
#include <vector>

#include "core/batch.h"
#include "veil/status.h"
#include "veil/verify.h"
#include "verify/verify_plan.h"

namespace veil {

// Rows 0 .. rows-1 of the window are row original_offset + i of `original` and row
// copy_offset + i of `copy`, and row first_row + i of the table on both sides.
struct PairedRows {
  const VerifiedTable& table;
  const Batch& original;
  size_t original_offset;
  const Batch& copy;
  size_t copy_offset;
  size_t rows;
  int64_t first_row;

  const Column& OriginalColumn(size_t column) const { return original.columns[column]; }
  const Column& CopyColumn(size_t column) const { return copy.columns[column]; }
};

// Something that watches the batches: every check, and the statistics.
class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  virtual Status OnOriginal(const VerifiedTable& /*table*/, const Batch& /*batch*/) {
    return Status::Ok();
  }
  virtual Status OnCopy(const VerifiedTable& /*table*/, const Batch& /*batch*/) {
    return Status::Ok();
  }
  virtual Status OnPairs(const PairedRows& /*rows*/) { return Status::Ok(); }
  virtual void OnTableEnd(const VerifiedTable& /*table*/, int64_t /*original_rows*/,
                          int64_t /*copy_rows*/) {}
};

class Source;

class Check : public BatchObserver {
 public:
  // The check's name (its kName), as findings and the report print it.
  virtual std::string_view name() const = 0;

  // Called once before the first table is fed, with both sides open; a check that must
  // read something first reads it here (the leak check: the original's identifying
  // values). On failure the verification stops with that error. The sources stay owned
  // by the caller and are not kept. Does nothing by default.
  virtual Status Prepare(Source& /*original*/, Source& /*copy*/) { return Status::Ok(); }

  // Appends its findings and describes what it did.
  virtual void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) = 0;

  // Adds the figures this check reports besides its findings to `report`: report-wide
  // counts (the leak check's values searched and skipped) or per-column ones. Called
  // once, after every check's Finish, when report.tables holds one entry per table of
  // the plan, in plan order (index = table id), each with one entry per original column.
  // Adds nothing by default.
  virtual void Describe(VerificationReport& /*report*/) const {}
};

}  // namespace veil
