// Fuzz target: NormaliseForLeakScan and NormaliseForLeakScanInto. Invariants: no crash;
// Into writes only inside a buffer of exactly text.size() bytes (ASan sees any overrun)
// and produces what NormaliseForLeakScan returns; the result is never longer than the
// text and holds no ASCII upper-case letter (so no kLeakCellSeparator).
#include <memory>
#include <string>

#include "fuzz_support.h"
#include "core/text_normalise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace veil;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string normalised = NormaliseForLeakScan(text);
  FUZZ_CHECK(normalised.size() <= text.size(), "never longer than the text");
  for (const char c : normalised) {
    FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), "no ASCII upper case");
  }
  // Exactly text.size() bytes, so ASan catches a write past the end (new char[0] too).
  const std::unique_ptr<char[]> out(new char[size]);
  const size_t written = NormaliseForLeakScanInto(text, out.get());
  FUZZ_CHECK(written <= size, "Into stays inside its buffer");
  FUZZ_CHECK(std::string_view(out.get(), written) == normalised, "Into agrees with the copy");
  return 0;
}
