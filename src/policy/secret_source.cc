#include "policy/secret_source.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace veil {
namespace {

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
      std::ifstream in(spec.reference, std::ios::binary);
      if (!in) return IoError(fmt::format("cannot read the secret file {}", spec.reference));
      std::stringstream buffer;
      buffer << in.rdbuf();
      auto secret = Secret::FromBytes(TrimTrailingNewlines(buffer.str()));
      if (!secret.ok()) return secret.status().WithContext("secret file " + spec.reference);
      return secret;
    }
  }
  return InternalError("unknown secret kind");
}

}  // namespace veil
