#include "engine/fake_originals.h"

#include <map>

namespace veil {

Status CollectFakeOriginals(Source& source, RunResources& run) {
  std::map<std::string, std::vector<const OriginalsScan*>> by_table;
  for (const auto& scan : run.originals_to_scan) by_table[scan.table].push_back(&scan);
  for (const auto& [table, scans] : by_table) {
    VEIL_ASSIGN_OR_RETURN(auto reader, source.Open(table));
    Batch batch;
    while (true) {
      VEIL_ASSIGN_OR_RETURN(bool more, reader->Next(batch));
      if (!more) break;
      for (const OriginalsScan* scan : scans) {
        const Column& column = batch.columns[scan->column];
        for (size_t i = 0; i < column.size(); ++i) run.fake_originals.Add(column.Text(i));
      }
    }
  }
  return Status::Ok();
}

}  // namespace veil
