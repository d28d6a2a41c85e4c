// Fake places: postcode (a real outward code with a random inward code), city (a real
// town, title case) and address_line (a house number on a made-up generic street).
#include <memory>

#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/reference_tables.h"

namespace veil {
namespace {

using Places = std::shared_ptr<const PlaceTables>;

// The letters that may appear in an inward code.
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

// Generic words for street names; none is meant to name a particular place.
constexpr std::string_view kStreetWords[] = {
    "Acorn",     "Alder",    "Ashgrove", "Badger",   "Beacon",  "Birch",     "Bramble",  "Brook",
    "Buttercup", "Chapel",   "Cherry",   "Clover",   "Coppice", "Elm",       "Fernbank", "Foxglove",
    "Granary",   "Hawthorn", "Hazel",    "Heather",  "Holly",   "Juniper",   "Kestrel",  "Larch",
    "Meadow",    "Millpond", "Orchard",  "Primrose", "Rowan",   "Sandpiper", "Sycamore", "Willow"};
constexpr std::string_view kStreetSuffixes[] = {"Road",   "Street", "Lane", "Close",
                                                "Avenue", "Drive",  "Way",  "Grove",
                                                "Place",  "Row",    "Walk", "Gardens"};
constexpr uint64_t kHighestHouseNumber = 199;

class PostcodeKind final : public FakeKindBase {
 public:
  explicit PostcodeKind(Places places)
      : FakeKindBase("postcode", LongestOf(places->outward_codes) + 4),
        places_(std::move(places)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(places_->outward_codes[places_->outward_code_weights.Pick(draws)]);
    out.push_back(' ');
    constexpr uint64_t kLetters = kInwardLetters.size();
    const uint64_t inward = draws.Below(10 * kLetters * kLetters);
    out.push_back(static_cast<char>('0' + inward / (kLetters * kLetters)));
    out.push_back(kInwardLetters[inward / kLetters % kLetters]);
    out.push_back(kInwardLetters[inward % kLetters]);
  }

 private:
  Places places_;
};

class CityKind final : public FakeKindBase {
 public:
  explicit CityKind(Places places)
      : FakeKindBase("city", LongestOf(places->towns)), places_(std::move(places)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(places_->towns[places_->town_weights.Pick(draws)]);
  }

 private:
  Places places_;
};

class AddressLineKind final : public FakeKindBase {
 public:
  AddressLineKind()
      : FakeKindBase("address_line",
                     3 + 1 + LongestOf(kStreetWords) + 1 + LongestOf(kStreetSuffixes)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    constexpr uint64_t kWords = std::size(kStreetWords);
    constexpr uint64_t kSuffixes = std::size(kStreetSuffixes);
    const uint64_t n = FakeRandom(random).Below(kHighestHouseNumber * kWords * kSuffixes);
    AppendDigits(n / (kWords * kSuffixes) + 1, 1, out);
    out.push_back(' ');
    out.append(kStreetWords[n / kSuffixes % kWords]);
    out.push_back(' ');
    out.append(kStreetSuffixes[n % kSuffixes]);
  }
};

}  // namespace

Status AddAddressFakes(FakeCatalog& catalog) {
  VEIL_ASSIGN_OR_RETURN(Places places, LoadPlaceTables());
  catalog.Add(std::make_unique<PostcodeKind>(places));
  catalog.Add(std::make_unique<CityKind>(places));
  catalog.Add(std::make_unique<AddressLineKind>());
  return Status::Ok();
}

}  // namespace veil
