// Fake UK identifiers that pass format and check-character validation but can never be
// issued: NHS numbers in the 999 range, UPNs with an LA number below any DfE assigns, and
// NI numbers with a prefix HMRC never uses.
#include <array>
#include <memory>

#include "core/uk_identifiers.h"
#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/fake_support.h"

namespace veil {
namespace {

bool HasSpace(std::string_view text) {
  return text.find(' ') != std::string_view::npos;
}

// 999 + six random digits + the mod-11 check digit. Compact, or 3-3-4 when the original
// has spaces.
class NhsNumberKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  NhsNumberKind() : FakeKindBase("nhs_number", 12) {}

  void Generate(const Digest& random, std::string_view original, std::string& out) const override {
    FakeRandom draws(random);
    std::array<char, 10> digits = {'9', '9', '9'};
    int check = -1;
    // One draw in eleven has no valid check digit; draw again (FakeRandom never runs out).
    while (check < 0) {
      uint64_t n = draws.Below(1'000'000);
      for (size_t i = 8; i >= 3; --i, n /= 10) digits[i] = static_cast<char>('0' + n % 10);
      check = NhsCheckDigit(std::string_view(digits.data(), 9));
    }
    digits[9] = static_cast<char>('0' + check);
    const std::string_view number(digits.data(), digits.size());
    if (!HasSpace(original)) {
      out.append(number);
      return;
    }
    out.append(number.substr(0, 3)).append(" ");
    out.append(number.substr(3, 3)).append(" ");
    out.append(number.substr(6));
  }
};

// A permanent-format UPN: check letter, LA number 100-199, 4-digit establishment, 2-digit
// year and 3-digit serial. DfE assigns LA numbers from 201 upwards, so the LA part never
// names a real authority. The serial is all digits, so the UPN is never a temporary one.
class UpnKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  UpnKind() : FakeKindBase("upn", 13) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    std::array<char, 13> upn;
    upn[1] = '1';
    uint64_t n = FakeRandom(random).Below(100'000'000'000);
    for (size_t i = 12; i >= 2; --i, n /= 10) upn[i] = static_cast<char>('0' + n % 10);
    upn[0] = UpnCheckLetter(std::string_view(upn.data() + 1, 12));
    out.append(upn.data(), upn.size());
  }
};

// A never-issued prefix + six digits + suffix A-D, compact or spaced like the original.
class NiNumberKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  NiNumberKind() : FakeKindBase("ni_number", 13) {}

  void Generate(const Digest& random, std::string_view original, std::string& out) const override {
    constexpr std::string_view kPrefixes[] = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};
    constexpr uint64_t kSuffixes = 4;
    constexpr uint64_t kNumbers = 1'000'000;
    const uint64_t n = FakeRandom(random).Below(std::size(kPrefixes) * kSuffixes * kNumbers);
    const bool spaced = HasSpace(original);
    out.append(kPrefixes[n / (kSuffixes * kNumbers)]);
    uint64_t digits = n % kNumbers;
    for (uint64_t scale = 10'000; scale > 0; scale /= 100) {
      if (spaced) out.push_back(' ');
      AppendDigits(digits / scale, 2, out);
      digits %= scale;
    }
    if (spaced) out.push_back(' ');
    out.push_back(static_cast<char>('A' + n / kNumbers % kSuffixes));
  }
};

}  // namespace

Status AddIdentifierFakes(FakeCatalog& catalog) {
  catalog.Add(std::make_unique<NhsNumberKind>());
  catalog.Add(std::make_unique<UpnKind>());
  catalog.Add(std::make_unique<NiNumberKind>());
  return Status::Ok();
}

}  // namespace veil
