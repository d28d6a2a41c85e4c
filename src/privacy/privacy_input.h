// PrivacyInput: a table's privacy section made ready for the search — one read of the
// table encoded (encoded_table.h), each quasi-identifier's hierarchy built for the
// values it holds, the records counted per combination of hierarchy leaves (and
// sensitive value), and the models with what t-closeness needs to know about the
// sensitive column. Owns everything the PrivacyProblem points at; does not move.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "io/source.h"
#include "policy/policy.h"
#include "privacy/encoded_table.h"
#include "privacy/privacy_models.h"
#include "privacy/privacy_problem.h"
#include "privacy/quasi_identifier_spec.h"

namespace veil {

struct PrivacyInput {
  PrivacySpec spec;
  std::vector<QuasiIdentifierSpec> quasi_identifiers;
  std::unique_ptr<PrivacyModels> models;
  PrivacyProblem problem;
  int64_t records() const { return problem.records; }
};

// What the t-closeness distances need to know about the sensitive column, from its
// values over the whole table (`records` rows); reads the hierarchy file of the
// hierarchical distance.
Result<SensitiveDomain> BuildSensitiveDomain(const PrivacySpec& spec, const Policy& policy,
                                             const ValueDictionary& values, int64_t records,
                                             const std::string& table);

// `table` must have a privacy section; reads `reader` to its end.
Result<std::unique_ptr<PrivacyInput>> PreparePrivacyInput(const TablePolicy& table,
                                                          const Policy& policy,
                                                          TableReader& reader);

}  // namespace veil
