#include "scan/text_shape.h"

#include <array>

namespace veil::scan {
namespace {

constexpr uint32_t ClassOf(unsigned char c) {
  if (c >= '0' && c <= '9') return kDigit;
  if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) return kHexLetter;
  if ((c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z')) return kOtherLetter;
  switch (c) {
    case ' ':
      return kSpace;
    case '\t':
    case '\n':
      return kWordBreak;
    case '@':
      return kAt;
    case '.':
      return kDot;
    case ':':
      return kColon;
    case '-':
      return kDash;
    case '+':
      return kPlus;
    case '(':
    case ')':
      return kParen;
    case '_':
    case '%':
    case '\'':
    case '\0':
      return kEmailMark;
    default:
      return kOther;
  }
}

constexpr std::array<uint16_t, 256> MakeClassTable() {
  std::array<uint16_t, 256> table{};
  for (size_t c = 0; c < table.size(); ++c) {
    table[c] = static_cast<uint16_t>(ClassOf(static_cast<unsigned char>(c)));
  }
  return table;
}

constexpr std::array<uint16_t, 256> kClassTable = MakeClassTable();
static_assert(kOther <= 0xFFFF, "the table holds each class in 16 bits");

}  // namespace

TextShape ShapeOf(std::string_view text) {
  uint32_t classes = 0;
  for (const char c : text) classes |= kClassTable[static_cast<unsigned char>(c)];
  return {classes, text.size()};
}

}  // namespace veil::scan
