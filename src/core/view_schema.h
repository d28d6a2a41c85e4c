// ViewSchema: a view (or materialized view) of a source, enough to recreate it over the
// output's tables. Plain data.
#pragma once

#include <string>

namespace veil {

struct ViewSchema {
  std::string name;        // as the source names tables: "view" or "schema.view"
  std::string definition;  // the SELECT, verbatim as the source states it
  bool materialized = false;
  std::string comment;  // "" if none
};

}  // namespace veil
