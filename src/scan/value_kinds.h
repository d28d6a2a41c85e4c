// ValueKind: a kind of personal value that a scan recognises in one cell by its shape and
// check characters alone (an NHS number passing mod-11, an e-mail address, a UK phone
// number). Each kind names the fake kind that replaces it. The list is the one place a
// kind is defined; adding one is one entry in value_kinds.cc.
//
// Every matcher is a pure function of the cell's text: no allocation, no locale, safe
// from any thread. Surrounding spaces are the caller's to trim.
#pragma once

#include <span>
#include <string_view>

#include "scan/text_shape.h"

namespace veil::scan {

struct ValueKind {
  std::string_view name;  // "nhs_number"
  std::string_view test;  // what a match passed, for evidence: "pass NHS mod-11"
  std::string_view fake;  // the fake kind that replaces such values
  bool (*matches)(std::string_view text);
  // Every text `matches` accepts has a shape this admits: a text it refuses need not be
  // checked (ExamineCell asks it first).
  ShapeFilter shape;
};

// Every kind, strongest first: a value is counted for each kind it matches.
std::span<const ValueKind> ValueKinds();

// The shapes the kinds are built from, exposed for their tests.
bool LooksLikeEmail(std::string_view text);
bool LooksLikeUkPhone(std::string_view text);
bool LooksLikeIpAddress(std::string_view text);

}  // namespace veil::scan
