#include "core/keyed_prf.h"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace veil {

// Inner and outer SHA-256 contexts already fed with key^ipad and key^opad, so each
// Compute costs two compressions for short messages and no key setup.
struct KeyedPrf::State {
  EVP_MD_CTX* inner = nullptr;
  EVP_MD_CTX* outer = nullptr;
  EVP_MD_CTX* scratch = nullptr;
  ~State() {
    EVP_MD_CTX_free(inner);
    EVP_MD_CTX_free(outer);
    EVP_MD_CTX_free(scratch);
  }
};

namespace {

void Check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("libcrypto failure in ") + what);
}

}  // namespace

KeyedPrf::KeyedPrf(const Digest& key) : key_(key), state_(std::make_unique<State>()) {
  unsigned char ipad[64];
  unsigned char opad[64];
  std::memset(ipad, 0x36, sizeof ipad);
  std::memset(opad, 0x5c, sizeof opad);
  for (size_t i = 0; i < key.size(); ++i) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  state_->inner = EVP_MD_CTX_new();
  state_->outer = EVP_MD_CTX_new();
  state_->scratch = EVP_MD_CTX_new();
  if (!state_->inner || !state_->outer || !state_->scratch) throw std::bad_alloc();
  Check(EVP_DigestInit_ex(state_->inner, EVP_sha256(), nullptr), "DigestInit");
  Check(EVP_DigestUpdate(state_->inner, ipad, sizeof ipad), "DigestUpdate");
  Check(EVP_DigestInit_ex(state_->outer, EVP_sha256(), nullptr), "DigestInit");
  Check(EVP_DigestUpdate(state_->outer, opad, sizeof opad), "DigestUpdate");
}

KeyedPrf::~KeyedPrf() = default;
KeyedPrf::KeyedPrf(KeyedPrf&&) noexcept = default;
KeyedPrf& KeyedPrf::operator=(KeyedPrf&&) noexcept = default;

KeyedPrf KeyedPrf::Derive(std::string_view purpose) const {
  std::string label = "veil/";
  label.append(purpose);
  return KeyedPrf(Compute(label));
}

KeyedPrf KeyedPrf::Clone() const { return KeyedPrf(key_); }

Digest KeyedPrf::Compute(std::string_view message) const {
  Digest inner_hash;
  Digest result;
  unsigned int len = 0;
  EVP_MD_CTX* s = state_->scratch;
  Check(EVP_MD_CTX_copy_ex(s, state_->inner), "copy");
  Check(EVP_DigestUpdate(s, message.data(), message.size()), "DigestUpdate");
  Check(EVP_DigestFinal_ex(s, inner_hash.data(), &len), "DigestFinal");
  Check(EVP_MD_CTX_copy_ex(s, state_->outer), "copy");
  Check(EVP_DigestUpdate(s, inner_hash.data(), inner_hash.size()), "DigestUpdate");
  Check(EVP_DigestFinal_ex(s, result.data(), &len), "DigestFinal");
  return result;
}

uint64_t KeyedPrf::Compute64(std::string_view message) const {
  return DigestWord(Compute(message), 0);
}

}  // namespace veil
