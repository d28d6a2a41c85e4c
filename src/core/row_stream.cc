#include "core/row_stream.h"

#include <openssl/evp.h>

#include <cstring>
#include <stdexcept>

namespace veil {

struct RowStream::State {
  EVP_CIPHER_CTX* ctx = nullptr;
  std::vector<unsigned char> plain;
  std::vector<unsigned char> cipher;
  ~State() { EVP_CIPHER_CTX_free(ctx); }
};

RowStream::RowStream(const Digest& key) : state_(std::make_unique<State>()) {
  state_->ctx = EVP_CIPHER_CTX_new();
  if (!state_->ctx ||
      EVP_EncryptInit_ex(state_->ctx, EVP_aes_256_ecb(), nullptr, key.data(), nullptr) != 1) {
    throw std::runtime_error("libcrypto failure in RowStream");
  }
  EVP_CIPHER_CTX_set_padding(state_->ctx, 0);
}

RowStream::~RowStream() = default;
RowStream::RowStream(RowStream&&) noexcept = default;
RowStream& RowStream::operator=(RowStream&&) noexcept = default;

void RowStream::Fill(int64_t first_row, size_t count, std::vector<uint64_t>& words) {
  // One 16-byte block per row holding the row number: ECB over distinct counters is
  // exactly CTR mode's keystream, addressed by row.
  state_->plain.assign(count * 16, 0);
  state_->cipher.resize(count * 16);
  for (size_t i = 0; i < count; ++i) {
    const uint64_t row = static_cast<uint64_t>(first_row) + i;
    std::memcpy(state_->plain.data() + 16 * i, &row, sizeof row);
  }
  int out_len = 0;
  if (count > 0 && EVP_EncryptUpdate(state_->ctx, state_->cipher.data(), &out_len,
                                     state_->plain.data(), static_cast<int>(count * 16)) != 1) {
    throw std::runtime_error("libcrypto failure in RowStream");
  }
  words.resize(count);
  for (size_t i = 0; i < count; ++i) std::memcpy(&words[i], state_->cipher.data() + 16 * i, 8);
}

}  // namespace veil
