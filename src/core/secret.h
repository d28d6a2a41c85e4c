// Secret: the key material every pseudonym, fake and shift is derived from.
//
// A Secret is either given (from an environment variable or a file, at least 16 bytes)
// or ephemeral (256 fresh random bits from the OS, never stored, so a run's output
// cannot be linked to any other run's). It exposes only derived PRFs and a fingerprint
// (a one-way, domain-separated digest, safe to print) — never its bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/keyed_prf.h"
#include "veil/status.h"

namespace veil {

class Secret {
 public:
  // Fails when `bytes` is shorter than kMinimumBytes (a short secret can be guessed).
  static Result<Secret> FromBytes(std::string_view bytes);
  static Result<Secret> Ephemeral();

  static constexpr size_t kMinimumBytes = 16;

  // The root PRF; derive purpose-specific PRFs from it with Derive().
  const KeyedPrf& root() const { return root_; }
  // 16 hex characters identifying the secret without revealing it.
  std::string Fingerprint() const;
  bool ephemeral() const { return ephemeral_; }

 private:
  Secret(KeyedPrf root, bool ephemeral) : root_(std::move(root)), ephemeral_(ephemeral) {}
  KeyedPrf root_;
  bool ephemeral_;
};

}  // namespace veil
