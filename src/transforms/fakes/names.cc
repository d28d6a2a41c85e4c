// Fake person names: first_name (uniform over the merged UK first-name lists), last_name
// (weighted by surname frequency) and full_name ("First Last").
#include <memory>

#include "transforms/fakes/builtin_fakes.h"
#include "transforms/fakes/reference_tables.h"

namespace veil {
namespace {

using Names = std::shared_ptr<const NameTables>;

class FirstNameKind final : public FakeKindBase {
 public:
  explicit FirstNameKind(Names names)
      : FakeKindBase("first_name", LongestOf(names->first_names)), names_(std::move(names)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(names_->PickFirst(draws));
  }

 private:
  Names names_;
};

class LastNameKind final : public FakeKindBase {
 public:
  explicit LastNameKind(Names names)
      : FakeKindBase("last_name", LongestOf(names->last_names)), names_(std::move(names)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(names_->PickLast(draws));
  }

 private:
  Names names_;
};

class FullNameKind final : public FakeKindBase {
 public:
  explicit FullNameKind(Names names)
      : FakeKindBase("full_name", LongestOf(names->first_names) + 1 + LongestOf(names->last_names)),
        names_(std::move(names)) {}

  void Generate(const Digest& random, std::string_view, std::string& out) const override {
    FakeRandom draws(random);
    out.append(names_->PickFirst(draws));
    out.push_back(' ');
    out.append(names_->PickLast(draws));
  }

 private:
  Names names_;
};

}  // namespace

Status AddNameFakes(FakeCatalog& catalog) {
  VEIL_ASSIGN_OR_RETURN(Names names, LoadNameTables());
  catalog.Add(std::make_unique<FirstNameKind>(names));
  catalog.Add(std::make_unique<LastNameKind>(names));
  catalog.Add(std::make_unique<FullNameKind>(names));
  return Status::Ok();
}

}  // namespace veil
