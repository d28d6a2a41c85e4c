// LeakCheck (`leak`): no original value of an identifying column (pseudonymised, faked,
// dropped, nulled or masked) appears anywhere in the copy.
//
// First the original's identifying columns are read and their distinct values compiled
// into a LeakScanner (values too weak to search for — short, few digits, dates, long free
// text — are counted and reported, not searched), each marked strong or weak
// (verify/leak/strong_original.h). Then every cell of every table of the copy is
// searched. Kept and free-text cells: for every original anywhere at token boundaries, so
// an e-mail pasted into a notes column is found. Cells a rule produced (fakes, pseudonyms,
// dates...): for every original as the whole value, and for strong originals (e-mail
// addresses, phone numbers, identifiers) anywhere at token boundaries too — a token of a
// fake full name may be somebody's first name by chance, but never somebody's e-mail
// address. A cell of a fake whose whole value lies in a range that belongs to nobody (an
// Ofcom drama number, an address on a reserved domain, a never-issued NHS or NI number, a
// documentation IP) is not searched for strong tokens: what it holds is the fake's. Cells
// drawn from a public list (`choice`, `value`) are not searched: their values cannot come
// from an original (the unchanged check covers them). Matching ignores case and accents
// (see verify/leak/scanner.h).
//
// With threads > 1 the copy's batches are searched on worker threads while the verifier
// reads on; findings are the same. Findings name the copy's table, column and rows and
// the identifying columns the values came from — never a value.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <thread>
#include <vector>

#include "core/bounded_queue.h"
#include "core/schema_text.h"
#include "io/source.h"
#include "policy/policy.h"
#include "verify/check.h"
#include "verify/checks/json_documents.h"
#include "verify/leak/scanner.h"
#include "verify/row_tally.h"

namespace veil {

// The scanner options the policy's `verify: leak:` section sets; the anonymiser's schema
// text screen uses the same, so that what it removes is what this check would find.
LeakScannerOptions LeakOptionsOf(const VerifyPolicy& policy);

class LeakCheck : public Check {
 public:
  static constexpr std::string_view kName = "leak";

  LeakCheck(const VerifyPlan& plan, const VerifyPolicy& policy, int threads);
  ~LeakCheck() override;
  std::string_view name() const override { return kName; }

  // Reads the identifying columns of every anonymised table of `original` and builds the
  // scanner. Must be called before the first OnCopy.
  Status CollectOriginals(Source& original);
  // CollectOriginals(original), then SearchSchemaText over the copy's tables and views.
  Status Prepare(Source& original, Source& copy) override;

  // Searches the copy's schema text (defaults, comments, CHECKs, view and type
  // definitions...) for the originals, as free text: each piece holding one is a finding,
  // named by where it stands. Call after CollectOriginals, before Finish.
  void SearchSchemaText(const std::vector<SchemaText>& texts);

  Status OnCopy(const VerifiedTable& table, const Batch& batch) override;
  void Finish(std::vector<Finding>& findings, CheckOutcome& outcome) override;
  // The values searched and skipped, and why they were skipped.
  void Describe(VerificationReport& report) const override;

  int64_t values_searched() const;
  int64_t values_strong() const;  // of those searched, how many are strong
  int64_t values_skipped() const;
  std::string skip_reason() const;  // plain language; "" if none were skipped

 private:
  struct Hits {  // per copy column: the rows, and where the values found came from
    RowTally rows;
    std::set<uint32_t> origins;  // indexes into origins_
    bool whole = false;          // some cell is an original as its whole value (generated)
    bool inside = false;         // some cell holds an original inside its text
  };
  // How one copy column is searched.
  struct ColumnScan {
    bool searched = true;    // false: its values come from a public list
    bool generated = false;  // whole values of every original, tokens of strong ones
    // For a fake: true if a cell's whole value can belong to nobody (no strong search).
    bool (*honest)(std::string_view) = nullptr;
    // A json column some of whose paths produce values: those are searched as produced
    // cells, the rest of each document as kept text (verify/checks/json_documents.h).
    const ColumnRole* documents = nullptr;
  };
  struct Buffers {  // per scanning thread
    std::vector<LeakHit> hits, strong;
    SplitDocuments split;
  };
  using HitMap = std::map<std::pair<size_t, size_t>, Hits>;  // (table id, copy column)
  struct Job {
    size_t table;
    std::shared_ptr<const Batch> batch;
  };

  void Scan(const LeakScanner& scanner, size_t table, const Batch& batch, HitMap& out,
            Buffers& buffers) const;
  // Appends to buffers.hits what a column a rule produced holds: every original as the
  // whole value, strong ones inside the text. Returns how many hits are whole values.
  size_t ScanGenerated(const LeakScanner& scanner, const ColumnScan& scan, const Column& column,
                       Buffers& buffers) const;
  // The same for a column of documents: the values `role`'s generated paths produced as
  // whole values (and strong originals inside), the rest of each document token by token.
  size_t ScanDocuments(const LeakScanner& scanner, const ColumnRole& role, const Column& column,
                       Buffers& buffers) const;
  // How a copy column is searched (a column the plan does not know: as free text).
  ColumnScan ScanOf(size_t table, size_t copy_column) const;
  Status StartWorkers();
  void StopWorkers();
  std::string DescribeOrigins(const std::set<uint32_t>& origins) const;

  const VerifyPlan& plan_;
  LeakScannerOptions options_;
  int threads_;
  std::unique_ptr<LeakScanner> scanner_;
  std::vector<uint32_t> origin_of_;                 // per pattern: index into origins_
  std::vector<std::pair<size_t, size_t>> origins_;  // (table id, original column)
  std::vector<std::vector<ColumnScan>> scans_;      // per table id, copy column
  int64_t cells_ = 0;
  HitMap hits_;
  // Schema text searched, and per piece holding an original: where it stands and the
  // originals' origins.
  int64_t schema_texts_ = 0;
  std::vector<std::pair<SchemaText, std::set<uint32_t>>> schema_hits_;
  Buffers buffers_;
  // Worker threads, when threads_ > 1.
  std::unique_ptr<BoundedQueue<Job>> queue_;
  std::vector<std::thread> workers_;
  std::vector<HitMap> worker_hits_;
};

}  // namespace veil
