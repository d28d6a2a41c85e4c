// CellFacts: what one cell's text is, as a scan counts it: which value kinds it matches,
// whether it is a date, a number or JSON, whether it is a listed name, how many words it
// has. ExamineCell is a pure function of the text (and the reference lists), so a profile
// may reuse the facts of a value it has seen before and still count every cell. Nothing
// here keeps the text.
#pragma once

#include <cstdint>
#include <string_view>

#include "scan/reference_sets.h"

namespace veil::scan {

struct CellFacts {
  uint32_t kinds = 0;  // bit k: ValueKinds()[k] matched
  uint32_t words = 0;  // whitespace-separated words
  bool date = false;
  bool integer = false;
  bool number = false;  // integers included
  bool json = false;
  bool broken_json = false;    // opens like JSON but does not parse (or is too long)
  bool known_outward = false;  // a UK postcode whose outward code is listed
  bool first_name = false;     // one word, a listed first name
  bool last_name = false;      // one word, a listed surname
  bool full_name = false;      // 2-4 words: a listed first name ... a listed surname
};

// The facts of `raw`, a non-empty cell as stored (surrounding spaces are trimmed here).
CellFacts ExamineCell(std::string_view raw, const ReferenceSets& references);

}  // namespace veil::scan
