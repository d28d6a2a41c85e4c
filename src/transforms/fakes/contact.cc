// Fake contact details that cannot reach anyone: e-mail addresses on RFC 2606 reserved
// domains, phone numbers from Ofcom's drama ranges, usernames, and IPv4 addresses from
// the documentation blocks of RFC 5737.
#include <memory>

#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/reference_tables.h"

namespace veil {
namespace {

// Drama ranges, each a fixed prefix followed by three free digits.
constexpr std::string_view kLandlinePrefixes[] = {
    "01632 960",  "020 7946 0", "0113 496 0", "0114 496 0", "0115 496 0", "0116 496 0",
    "0117 496 0", "0118 496 0", "0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0",
    "0161 496 0", "0191 498 0", "028 9649 6", "029 2018 0"};
constexpr std::string_view kMobilePrefix = "07700 900";

constexpr std::string_view kEmailDomains[] = {"example.com",  "example.org",  "example.net",
                                              "mailbox.test", "webmail.test", "nowhere.invalid"};

// RFC 5737 documentation blocks; the host part is drawn from 1-254.
constexpr std::string_view kIpBlocks[] = {"192.0.2.", "198.51.100.", "203.0.113."};

// Lower-case letter-only forms of the names, with the surname weights kept alongside.
struct LowerNames {
  explicit LowerNames(const NameTables& names) : last_weights(names.last_name_weights) {
    for (std::string_view n : names.first_names) first.push_back(AsciiLowerLetters(n));
    for (std::string_view n : names.last_names) last.push_back(AsciiLowerLetters(n));
  }
  std::vector<std::string> first;  // never empty strings: every name has an ASCII letter
  std::vector<std::string> last;
  WeightedIndex last_weights;
};

using Lower = std::shared_ptr<const LowerNames>;

// "first.last" + optional two digits + "@" + a reserved domain.
class EmailKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  explicit EmailKind(Lower lower)
      : FakeKindBase("email", LongestOf(lower->first) + 1 + LongestOf(lower->last) + 2 + 1 +
                                  LongestOf(kEmailDomains)),
        lower_(std::move(lower)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(lower_->first[draws.Below(lower_->first.size())]);
    out.push_back('.');
    out.append(lower_->last[lower_->last_weights.Pick(draws)]);
    constexpr uint64_t kDomains = std::size(kEmailDomains);
    const uint64_t tail = draws.Below(200 * kDomains);  // half of the addresses get a number
    const uint64_t number = tail / kDomains;
    if (number >= 100) AppendDigits(number - 100, 2, out);
    out.push_back('@');
    out.append(kEmailDomains[tail % kDomains]);
  }

 private:
  Lower lower_;
};

// first name + surname initial + 2 to 4 digits, all lower case.
class UsernameKind final : public FakeKindBase {
 public:
  explicit UsernameKind(Lower lower)
      : FakeKindBase("username", LongestOf(lower->first) + 1 + 4), lower_(std::move(lower)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(lower_->first[draws.Below(lower_->first.size())]);
    out.push_back(lower_->last[lower_->last_weights.Pick(draws)][0]);
    // Every digit string of length 2, 3 or 4 is equally likely.
    const uint64_t n = draws.Below(100 + 1000 + 10000);
    if (n < 100) {
      AppendDigits(n, 2, out);
    } else if (n < 1100) {
      AppendDigits(n - 100, 3, out);
    } else {
      AppendDigits(n - 1100, 4, out);
    }
  }

 private:
  Lower lower_;
};

class PhoneKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  PhoneKind() : FakeKindBase("phone", LongestOf(kLandlinePrefixes) + 3) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    const uint64_t n = FakeRandom(random).Below(std::size(kLandlinePrefixes) * 1000);
    out.append(kLandlinePrefixes[n / 1000]);
    AppendDigits(n % 1000, 3, out);
  }
};

class MobileKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  MobileKind() : FakeKindBase("mobile", kMobilePrefix.size() + 3) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    out.append(kMobilePrefix);
    AppendDigits(FakeRandom(random).Below(1000), 3, out);
  }
};

class IpKind final : public FakeKindBase {
 public:
  bool CanEqualRealValues() const override { return false; }
  IpKind() : FakeKindBase("ip", LongestOf(kIpBlocks) + 3) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    const uint64_t n = FakeRandom(random).Below(std::size(kIpBlocks) * 254);
    out.append(kIpBlocks[n / 254]);
    AppendDigits(n % 254 + 1, 1, out);
  }
};

}  // namespace

Status AddContactFakes(FakeCatalog& catalog) {
  VEIL_ASSIGN_OR_RETURN(const std::shared_ptr<const NameTables> names, LoadNameTables());
  const auto lower = std::make_shared<const LowerNames>(*names);
  catalog.Add(std::make_unique<EmailKind>(lower));
  catalog.Add(std::make_unique<PhoneKind>());
  catalog.Add(std::make_unique<MobileKind>());
  catalog.Add(std::make_unique<UsernameKind>(lower));
  catalog.Add(std::make_unique<IpKind>());
  return Status::Ok();
}

}  // namespace veil
