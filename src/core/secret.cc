#include "core/secret.h"

#include <fmt/format.h>
#include <openssl/rand.h>

namespace veil {
namespace {

// The root key is HMAC-SHA-256 keyed by a fixed label over the secret's bytes, so
// secrets of any length map to a uniform 256-bit key.
KeyedPrf RootFor(std::string_view bytes) {
  Digest label{};
  constexpr std::string_view kLabel = "veil root key v1";
  for (size_t i = 0; i < kLabel.size(); ++i) label[i] = static_cast<uint8_t>(kLabel[i]);
  return KeyedPrf(KeyedPrf(label).Compute(bytes));
}

}  // namespace

Result<Secret> Secret::FromBytes(std::string_view bytes) {
  if (bytes.size() < kMinimumBytes) {
    return InvalidArgument(
        fmt::format("the secret is too short ({} bytes); use at least {} random bytes, e.g. "
                    "`openssl rand -hex 32`",
                    bytes.size(), kMinimumBytes));
  }
  return Secret(RootFor(bytes), false);
}

Result<Secret> Secret::Ephemeral() {
  Digest bytes;
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return InternalError("the operating system's random generator failed");
  }
  Secret secret(
      RootFor(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())), true);
  bytes.fill(0);
  return secret;
}

std::string Secret::Fingerprint() const {
  const Digest d = root_.Derive("fingerprint").Compute("");
  std::string hex;
  for (size_t i = 0; i < 8; ++i) hex += fmt::format("{:02x}", d[i]);
  return hex;
}

}  // namespace veil
