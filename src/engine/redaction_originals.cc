#include "engine/redaction_originals.h"

#include <fmt/format.h>

#include <cctype>

#include "core/text_normalise.h"
#include "verify/checks/json_documents.h"
#include "verify/checks/leak_check.h"
#include "verify/column_role.h"

namespace veil {
namespace {

// One identifying column of a table: its index, its rule (null when dropped), the tag
// that replaces its values under `replace: tag`, and its role (a json rule's paths).
struct IdentifyingColumn {
  size_t index;
  Rule* rule;
  std::string tag;
  ColumnRole role;
};

std::string TagOf(const std::string& entity, const std::string& fake_kind) {
  std::string name = !entity.empty() ? entity : fake_kind;
  if (name.empty()) return "[REDACTED]";
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "[" + name + "]";
}

std::vector<IdentifyingColumn> IdentifyingColumns(TablePlan& plan, const RunResources& run) {
  std::vector<IdentifyingColumn> columns;
  const TablePolicy* table = run.policy->FindTable(plan.input.name);
  if (table == nullptr || plan.action != TableAction::kAnonymise) return columns;
  for (size_t c = 0; c < plan.columns.size(); ++c) {
    const RuleSpec* spec = table->FindColumn(plan.input.columns[c].name);
    if (spec == nullptr) continue;
    ColumnRole role = DescribeColumn(spec, *run.code_lists);
    if (!role.identifying && !HasIdentifyingPaths(role)) continue;
    ColumnPlan& column = plan.columns[c];
    if (column.kind == ColumnPlan::Kind::kTransform && !column.rule) continue;
    std::string tag = TagOf(role.entity, role.fake_kind);
    columns.push_back({c, column.rule.get(), std::move(tag), std::move(role)});
  }
  return columns;
}

class OriginalsReader {
 public:
  OriginalsReader(RunResources& run, LeakScannerOptions options) : run_(run), options_(options) {}

  Status ReadTable(Source& source, const TableSchema& schema,
                   const std::vector<IdentifyingColumn>& columns) {
    VEIL_ASSIGN_OR_RETURN(auto reader, source.Open(schema.name));
    Batch batch;
    Column replaced;
    while (true) {
      VEIL_ASSIGN_OR_RETURN(bool more, reader->Next(batch));
      if (!more) break;
      for (const IdentifyingColumn& column : columns) {
        replaced.Clear();
        if (column.rule != nullptr) {
          VEIL_RETURN_IF_ERROR(column.rule->Apply(batch, column.index, replaced));
        }
        const Column* output = column.rule ? &replaced : nullptr;
        if (column.role.json_paths.empty()) {
          VEIL_RETURN_IF_ERROR(AddColumn(batch.columns[column.index], output, column.tag));
        } else {
          VEIL_RETURN_IF_ERROR(AddDocuments(batch.columns[column.index], output, column.role));
        }
      }
    }
    return Status::Ok();
  }

 private:
  Status AddColumn(const Column& originals, const Column* replaced, const std::string& tag) {
    for (size_t i = 0; i < originals.size(); ++i) {
      if (originals.IsNull(i)) continue;
      const std::string_view replacement =
          replaced != nullptr && !replaced->IsNull(i) ? replaced->Text(i) : std::string_view();
      VEIL_RETURN_IF_ERROR(Add(originals.Text(i), replacement, tag));
    }
    return Status::Ok();
  }

  // The values the identifying paths of `role` reach in each document, each with what
  // its path's rule made of it in `replaced` (the json rule's output).
  Status AddDocuments(const Column& originals, const Column* replaced, const ColumnRole& role) {
    Status status = Status::Ok();
    for (size_t i = 0; i < originals.size() && status.ok(); ++i) {
      if (originals.IsNull(i)) continue;
      const std::string_view output =
          replaced != nullptr && !replaced->IsNull(i) ? replaced->Text(i) : std::string_view();
      PairDocumentOriginals(
          originals.Text(i), output, role,
          [&](std::string_view value, std::string_view replacement, const JsonPathRole& path) {
            if (status.ok()) status = Add(value, replacement, TagOf(path.entity, path.fake_kind));
          });
    }
    return status;
  }

  Status Add(std::string_view original, std::string_view replacement, const std::string& tag) {
    if (ClassifyLeakPattern(TrimLeakSpace(NormaliseForLeakScan(original)), options_) !=
        LeakSkipReason::kNone) {
      return Status::Ok();
    }
    run_.known_originals.Add(original, replacement, tag);
    if (run_.known_originals.size() > kMaxKnownOriginals) {
      return InputError(fmt::format(
          "redact: the identifying columns hold more than {} distinct values to look for "
          "in text; redact fewer columns or null the free text",
          kMaxKnownOriginals));
    }
    return Status::Ok();
  }

  RunResources& run_;
  LeakScannerOptions options_;
};

}  // namespace

Status CollectRedactionOriginals(Source& source, std::vector<TablePlan>& plans, RunResources& run) {
  if (!run.wants_known_originals) return Status::Ok();
  OriginalsReader reader(run, LeakOptionsOf(run.policy->verify));
  for (TablePlan& plan : plans) {
    const auto columns = IdentifyingColumns(plan, run);
    if (!columns.empty()) VEIL_RETURN_IF_ERROR(reader.ReadTable(source, plan.input, columns));
  }
  return Status::Ok();
}

}  // namespace veil
