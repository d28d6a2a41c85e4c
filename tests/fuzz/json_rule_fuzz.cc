// Fuzz target: the json rule applied to cells. The rule is built once through the
// built-in registry from a fixed policy whose paths use every inner rule kind (fake,
// pseudonymise, date_shift, mask, noise, value, drop, null, a nested json) and wildcards;
// the input, split at each 0x1E byte into up to 8 rows, fills the `details` column.
// Invariants: no crash, no exception, no internal error; on success one output cell per
// row, NULL and empty cells copied, and every rewritten document valid JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/table_plan.h"
#include "fuzz_support.h"
#include "policy/policy.h"
#include "transforms/rule_registry.h"

namespace veil::fuzz {
namespace {

constexpr size_t kDetails = 3;

constexpr const char* kPolicy = R"(version: 1
entities:
  child:
    pseudonym: {alphabet: digits, length: 9}
    date_shift: {min_days: -30, max_days: 30}
tables:
  t:
    keys: {child: id}
    columns:
      id: {pseudonymise: child}
      dob: {date_shift: child}
      name: {fake: first_name}
      details:
        json:
          '$.name': {fake: first_name}
          '$.upn': {pseudonymise: child}
          '$.events[*].date': {date_shift: child}
          '$.contacts[*].phone': {mask: {keep_last: 2}}
          '$.contacts[-1].email': {fake: email}
          '$.age': {noise: {relative: 0.5}}
          '$.score': {value: hidden}
          '$.secret': drop
          '$.list[1]': drop
          '$.notes': 'null'
          "$['odd key']['*']": {fake: mobile}
          '$.people[*].*': {mask: {keep_last: 1}}
          '$.payload': {json: {'$.name': {fake: first_name}, '$.gone': drop}}
)";

// The table's plan and everything its rules point into; built once per process.
struct Setup {
  Policy policy;
  Secret secret;
  RunResources run;
  TablePlan plan;
};

Setup& TheSetup() {
  static Setup* setup = [] {
    auto* s = new Setup{ParsePolicy(kPolicy, "fuzz-policy.yaml").value(),
                        Secret::FromBytes("0123456789abcdef-fuzz-secret").value(),
                        {},
                        {}};
    s->run.policy = &s->policy;
    s->run.secret = &s->secret;
    s->run.fakes = FakeCatalog::Builtin().value();
    s->run.code_lists = CodeLists::Builtin().value();
    TableSchema schema;
    schema.name = "t";
    for (const char* name : {"id", "dob", "name", "details"}) {
      ColumnSchema column;
      column.name = name;
      column.declared_type = "TEXT";
      schema.columns.push_back(column);
    }
    auto plans = PlanTables({schema}, BuiltinRules(), s->run);
    if (!plans.ok()) std::fprintf(stderr, "%s\n", plans.status().message().c_str());
    FUZZ_CHECK(plans.ok(), "the fixed policy plans");
    s->plan = std::move(plans.value().front());
    FUZZ_CHECK(s->plan.columns[kDetails].rule != nullptr, "details has a rule");
    return s;
  }();
  return *setup;
}

// The rows of the details column: the input split at 0x1E; a row that is exactly "\x00"
// stands for NULL.
std::vector<std::string_view> SplitRows(std::string_view input) {
  std::vector<std::string_view> rows;
  while (rows.size() < 7) {
    const size_t separator = input.find('\x1e');
    if (separator == std::string_view::npos) break;
    rows.push_back(input.substr(0, separator));
    input.remove_prefix(separator + 1);
  }
  rows.push_back(input);
  return rows;
}

}  // namespace
}  // namespace veil::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  fuzz::Setup& setup = fuzz::TheSetup();
  const auto rows = fuzz::SplitRows({reinterpret_cast<const char*>(data), size});
  Batch batch;
  batch.Reset(4);
  for (size_t i = 0; i < rows.size(); ++i) {
    batch.columns[0].Append(std::to_string(1000 + i % 3));
    batch.columns[1].Append("2020-01-01");
    batch.columns[2].Append("Ava");
    if (rows[i] == std::string_view("\0", 1)) {
      batch.columns[fuzz::kDetails].AppendNull();
    } else {
      batch.columns[fuzz::kDetails].Append(rows[i]);
    }
  }
  Column out;
  const Status status = setup.plan.columns[fuzz::kDetails].rule->Apply(batch, fuzz::kDetails, out);
  if (!status.ok()) {
    fuzz::CheckNotInternal(status);
    return 0;
  }
  const Column& in = batch.columns[fuzz::kDetails];
  FUZZ_CHECK(out.size() == in.size(), "one output cell per row");
  for (size_t i = 0; i < in.size(); ++i) {
    if (in.IsNull(i) || in.Text(i).empty()) {
      FUZZ_CHECK(out.kind(i) == in.kind(i) && out.Text(i) == in.Text(i),
                 "NULL and empty cells are copied");
      continue;
    }
    FUZZ_CHECK(!out.IsNull(i), "a document stays a document");
    if (out.Text(i) == in.Text(i)) continue;
    FUZZ_CHECK(nlohmann::ordered_json::accept(out.Text(i)), "a rewritten document is JSON");
  }
  return 0;
}
