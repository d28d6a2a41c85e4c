#include "io/csv/writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace veil {
namespace {

constexpr size_t kFlushBytes = 1024 * 1024;
constexpr size_t kSlack = 16;  // readable bytes past any field, for 16-byte loads

#if defined(__SSE2__)
// True if one of the `n` bytes at `p` is `delimiter`, a quote, CR or LF. May read up to
// 15 bytes past p + n.
bool HasSpecial(const char* p, size_t n, char delimiter) {
  const __m128i d = _mm_set1_epi8(delimiter);
  const __m128i q = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  for (size_t i = 0; i < n; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                                     _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (n - i < 16) mask &= (1u << (n - i)) - 1;
    if (mask != 0) return true;
  }
  return false;
}
#endif

bool IsEdgeSpace(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

CsvWriter::CsvWriter(int fd, std::string display, size_t columns, CsvWriterOptions options)
    : fd_(fd), display_(std::move(display)), columns_(columns), options_(std::move(options)) {
  for (const char c : {options_.delimiter, '"', '\r', '\n'}) {
    special_[static_cast<unsigned char>(c)] = 1;
  }
  out_.resize(kFlushBytes);
}

CsvWriter::~CsvWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::filesystem::path& path,
                                                   const TableSchema& schema,
                                                   const CsvWriterOptions& options) {
  if (schema.columns.empty()) {
    return InvalidArgument(
        fmt::format("cannot write {}: table {} has no columns", path.string(), schema.name));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) {
    return IoError(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  }
  std::unique_ptr<CsvWriter> writer(
      new CsvWriter(fd, path.string(), schema.columns.size(), options));
  for (size_t c = 0; c < schema.columns.size(); ++c) {
    const std::string& name = schema.columns[c].name;
    VEIL_RETURN_IF_ERROR(writer->Reserve(2 * name.size() + 3));
    if (c > 0) writer->out_[writer->used_++] = options.delimiter;
    char* out = writer->out_.data() + writer->used_;
    // A reader skips a byte-order mark at the start of a file: one that is the start of
    // the first name is quoted, so that it is read as part of the name.
    const bool starts_with_bom = c == 0 && name.starts_with("\xEF\xBB\xBF");
    writer->used_ += starts_with_bom ? QuoteField(name, out) : writer->EncodeField(name, out);
  }
  VEIL_RETURN_IF_ERROR(writer->Reserve(options.line_ending.size()));
  std::memcpy(writer->out_.data() + writer->used_, options.line_ending.data(),
              options.line_ending.size());
  writer->used_ += options.line_ending.size();
  return writer;
}

size_t CsvWriter::EncodeField(std::string_view text, char* out) const {
  const size_t n = text.size();
  if (n > 0 && !IsEdgeSpace(text.front()) && !IsEdgeSpace(text.back())) {
    std::memcpy(out, text.data(), n);
#if defined(__SSE2__)
    if (!HasSpecial(out, n, options_.delimiter)) return n;
#else
    uint8_t special = 0;
    for (size_t i = 0; i < n; ++i) special |= special_[static_cast<unsigned char>(text[i])];
    if (special == 0) return n;
#endif
  }
  return QuoteField(text, out);
}

size_t CsvWriter::QuoteField(std::string_view text, char* out) {
  char* o = out;
  *o++ = '"';
  for (const char c : text) {
    *o++ = c;
    if (c == '"') *o++ = '"';
  }
  *o++ = '"';
  return static_cast<size_t>(o - out);
}

Status CsvWriter::Reserve(size_t bytes) {
  bytes += kSlack;
  if (out_.size() - used_ >= bytes) return Status::Ok();
  VEIL_RETURN_IF_ERROR(Flush());
  if (out_.size() < bytes) out_.resize(bytes);
  return Status::Ok();
}

Status CsvWriter::Write(const Batch& batch) {
  if (finished_) return InternalError(fmt::format("write to {} after Finish()", display_));
  if (batch.columns.size() != columns_) {
    return InternalError(fmt::format("batch for {} has {} columns, expected {}", display_,
                                     batch.columns.size(), columns_));
  }
  const size_t rows = batch.rows();
  const std::string_view line_ending = options_.line_ending;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns_; ++c) {
      const Column& column = batch.columns[c];
      const std::string_view text = column.Text(r);
      VEIL_RETURN_IF_ERROR(Reserve(2 * text.size() + 3));
      char* out = out_.data() + used_;
      if (c > 0) *out++ = options_.delimiter;
      if (!column.IsNull(r)) out += EncodeField(text, out);
      used_ = static_cast<size_t>(out - out_.data());
    }
    VEIL_RETURN_IF_ERROR(Reserve(line_ending.size()));
    std::memcpy(out_.data() + used_, line_ending.data(), line_ending.size());
    used_ += line_ending.size();
  }
  return Status::Ok();
}

Status CsvWriter::Flush() {
  size_t done = 0;
  while (done < used_) {
    const ssize_t n = ::write(fd_, out_.data() + done, used_ - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(fmt::format("cannot write {}: {}", display_, std::strerror(errno)));
    done += static_cast<size_t>(n);
  }
  used_ = 0;
  return Status::Ok();
}

Status CsvWriter::Finish() {
  if (finished_) return Status::Ok();
  VEIL_RETURN_IF_ERROR(Flush());
  if (::fsync(fd_) != 0) {
    return IoError(fmt::format("cannot sync {}: {}", display_, std::strerror(errno)));
  }
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) {
    return IoError(fmt::format("cannot close {}: {}", display_, std::strerror(errno)));
  }
  finished_ = true;
  return Status::Ok();
}

}  // namespace veil
