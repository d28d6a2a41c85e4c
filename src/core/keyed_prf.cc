#include "core/keyed_prf.h"

// HMAC is computed from SHA-256 states that already absorbed key^ipad and key^opad,
// copied per call. OpenSSL 3.0's EVP_MD_CTX_copy_ex allocates a new provider context on
// every copy (measured: 200 ns per HMAC against 112 ns with plain SHA256_CTX copies on
// this machine's SHA-NI cores), so this file uses libcrypto's SHA256_* functions, which
// 3.x still ships but marks deprecated.
#define OPENSSL_API_COMPAT 10101
#include <openssl/sha.h>

#include <cstring>
#include <string>

namespace veil {

struct KeyedPrf::State {
  SHA256_CTX inner;
  SHA256_CTX outer;
};

KeyedPrf::KeyedPrf(const Digest& key) : key_(key), state_(std::make_unique<State>()) {
  unsigned char ipad[64];
  unsigned char opad[64];
  std::memset(ipad, 0x36, sizeof ipad);
  std::memset(opad, 0x5c, sizeof opad);
  for (size_t i = 0; i < key.size(); ++i) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  SHA256_Init(&state_->inner);
  SHA256_Update(&state_->inner, ipad, sizeof ipad);
  SHA256_Init(&state_->outer);
  SHA256_Update(&state_->outer, opad, sizeof opad);
}

KeyedPrf::~KeyedPrf() = default;
KeyedPrf::KeyedPrf(KeyedPrf&&) noexcept = default;
KeyedPrf& KeyedPrf::operator=(KeyedPrf&&) noexcept = default;

KeyedPrf KeyedPrf::Derive(std::string_view purpose) const {
  std::string label = "veil/";
  label.append(purpose);
  return KeyedPrf(Compute(label));
}

KeyedPrf KeyedPrf::Clone() const {
  return KeyedPrf(key_);
}

Digest KeyedPrf::Compute(std::string_view message) const {
  Digest inner_hash;
  Digest result;
  SHA256_CTX context = state_->inner;
  SHA256_Update(&context, message.data(), message.size());
  SHA256_Final(inner_hash.data(), &context);
  context = state_->outer;
  SHA256_Update(&context, inner_hash.data(), inner_hash.size());
  SHA256_Final(result.data(), &context);
  return result;
}

uint64_t KeyedPrf::TEST_Compute64(std::string_view message) const {
  return DigestWord(Compute(message), 0);
}

}  // namespace veil
