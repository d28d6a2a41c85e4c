// FakeKind: one kind of fake value (first_name, email, nhs_number, ...), and the catalog
// of every built-in kind.
//
// A fake is a pure function of 32 uniformly random bytes (drawn by the caller from the
// keyed PRF over the original value) and, for kinds that keep a format, the original
// value. Every kind produces values that cannot belong to a real person: reserved e-mail
// domains, Ofcom drama phone ranges, NHS numbers in the never-issued 999 range, and so
// on. Kinds are immutable after construction and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/keyed_prf.h"
#include "veil/status.h"

namespace veil {

class FakeKind {
 public:
  virtual ~FakeKind() = default;
  virtual std::string_view name() const = 0;
  // Appends one fake value to `out`. `original` is the value being replaced (never
  // empty); kinds may use its shape (e.g. the date form) but must not copy its content.
  virtual void Generate(const Digest& random, std::string_view original,
                        std::string& out) const = 0;
  // The longest value (in bytes) this kind can produce, for column length checks.
  virtual size_t TEST_MaxLength() const = 0;
  // Whether a fake of this kind can equal a value that occurs in real data (a real first
  // name, a real town). For such kinds veil re-draws any fake equal to an original value
  // of the same kind anywhere in the source, so no original survives even by chance.
  // Kinds drawn from reserved ranges (example.com e-mail, Ofcom drama numbers, 999 NHS
  // numbers, ...) and dates of birth answer false.
  virtual bool CanEqualRealValues() const { return true; }
};

class FakeCatalog {
 public:
  // Every built-in kind, with reference data loaded from the embedded files.
  static Result<std::shared_ptr<const FakeCatalog>> Builtin();

  // The kind named `name`, or nullptr.
  const FakeKind* Find(std::string_view name) const;
  // All kind names, sorted, for error messages and docs.
  std::vector<std::string> Names() const;

  void Add(std::unique_ptr<FakeKind> kind) { kinds_.push_back(std::move(kind)); }

 private:
  std::vector<std::unique_ptr<FakeKind>> kinds_;
};

}  // namespace veil
