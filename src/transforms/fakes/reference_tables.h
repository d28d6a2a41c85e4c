// Reference tables the fake kinds draw from, parsed once from the embedded data files
// (internal to src/transforms/fakes).
//
// Loading fails with an InternalError naming the file and line when a file is missing or
// malformed; a loaded table is never empty. Names and outward codes are views into the
// embedded data, which lives as long as the process. Tables are immutable once loaded.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "transforms/fakes/fake_support.h"
#include "veil/status.h"

namespace veil {

// UK first names (male and female lists merged, distinct, sorted) and surnames with
// frequency weights. Every name contains at least one ASCII letter.
struct NameTables {
  std::vector<std::string_view> first_names;
  std::vector<std::string_view> last_names;
  WeightedIndex last_name_weights;

  std::string_view PickFirst(FakeRandom& random) const {
    return first_names[random.Below(first_names.size())];
  }
  std::string_view PickLast(FakeRandom& random) const {
    return last_names[last_name_weights.Pick(random)];
  }
};

Result<std::shared_ptr<const NameTables>> LoadNameTables();

// Real postcode outward codes, weighted by their share of recent sales, and the distinct
// towns they belong to in title case ("St Albans", "Stoke-on-Trent"), weighted likewise.
struct PlaceTables {
  std::vector<std::string_view> outward_codes;
  WeightedIndex outward_code_weights;
  std::vector<std::string> towns;
  WeightedIndex town_weights;
};

Result<std::shared_ptr<const PlaceTables>> LoadPlaceTables();

// `upper` in title case: each word capitalised, except short joining words ("upon",
// "on", "by", "the", "de", "la", ...) that are not the first word.
std::string TownTitleCase(std::string_view upper);

// Lower-case ASCII letters of `name` only ("O'Brien" -> "obrien").
std::string AsciiLowerLetters(std::string_view name);

}  // namespace veil
