// Date columns of constructed rows: which of the row's days a column takes, judged from
// its name, and the maker that writes it in the column's type.
//
//   birth   dob, date_of_birth, birth_date            -> the chain's birth day
//   start   start, open, referral, received, from ... -> the row's start day
//   end     end, close, cease, discharge, until ...   -> the row's end day (NULL in ~30%
//                                                        of rows when the column allows)
//   death   death, died, deceased                     -> the end day, NULL in ~95%
//   future  expected, due, planned, next, review ...  -> 1 to 270 days after as-of
//   during  any other date                            -> a day from start to end
#pragma once

#include <memory>
#include <string_view>

#include "generate/cell_maker.h"
#include "generate/column_type.h"

namespace veil {

enum class DatePhase { kBirth, kStart, kEnd, kDeath, kFuture, kDuring };

DatePhase PhaseOfColumn(std::string_view column_name);

// Days written as the type wants them: "YYYY-MM-DD" for dates and text, with
// " 00:00:00" for timestamps (and "+00" with a zone), "12:00:00" for times.
std::unique_ptr<CellMaker> MakeDateCells(DatePhase phase, ValueClass value_class, bool nullable,
                                         int32_t as_of, uint64_t salt);

}  // namespace veil
