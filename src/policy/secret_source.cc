#include "policy/secret_source.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/bounded_file.h"

namespace veil {
namespace {

// A secret is a few dozen bytes; a larger file is not one (or is /dev/zero).
constexpr size_t kMaxSecretBytes = 64 * 1024;

// A secret file usually ends with a newline that is not part of the secret.
std::string TrimTrailingNewlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

Result<Secret> LoadSecret(const SecretSpec& spec) {
  switch (spec.kind) {
    case SecretSpec::Kind::kEphemeral:
      return Secret::Ephemeral();
    case SecretSpec::Kind::kEnv: {
      const char* value = std::getenv(spec.reference.c_str());
      if (value == nullptr || *value == '\0') {
        return InvalidArgument(fmt::format(
            "the policy reads its secret from the environment variable {}, which is not set",
            spec.reference));
      }
      auto secret = Secret::FromBytes(value);
      if (!secret.ok())
        return secret.status().WithContext("environment variable " + spec.reference);
      return secret;
    }
    case SecretSpec::Kind::kFile: {
      VEIL_ASSIGN_OR_RETURN(std::string bytes,
                            ReadFileWithLimit(spec.reference, kMaxSecretBytes, "secret file"));
      auto secret = Secret::FromBytes(TrimTrailingNewlines(std::move(bytes)));
      if (!secret.ok()) return secret.status().WithContext("secret file " + spec.reference);
      return secret;
    }
  }
  return InternalError("unknown secret kind");
}

}  // namespace veil
