#include "io/csv/reader.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace veil {
namespace {

constexpr size_t kPadding = 16;             // readable bytes after the sentinel
constexpr size_t kHeaderBlock = 64 * 1024;  // first read: enough for a header line
constexpr size_t kBlock = 1024 * 1024;      // later reads
constexpr size_t kMaxBuffer = std::numeric_limits<uint32_t>::max() / 2;

// Length of the valid UTF-8 sequence at `s` (2-4), 0 if invalid (overlong, surrogate,
// above U+10FFFF, bad lead or continuation byte), -1 if cut short by `end`.
int Utf8SequenceLength(const char* s, const char* end) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  const auto* e = reinterpret_cast<const unsigned char*>(end);
  const unsigned char lead = p[0];
  int length = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) lo = 0xA0;  // overlong
    if (lead == 0xED) hi = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) lo = 0x90;  // overlong
    if (lead == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (int i = 1; i < length; ++i) {
    if (p + i >= e) return -1;
    const unsigned char b = p[i];
    if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF)) return 0;
  }
  return length;
}

// Appends `raw` (the inside of a quoted field) with each doubled quote made single.
void AppendUnescaped(std::string& out, std::string_view raw) {
  while (!raw.empty()) {
    const size_t quote = raw.find('"');
    if (quote == std::string_view::npos) {
      out.append(raw);
      return;
    }
    out.append(raw.data(), quote + 1);
    raw.remove_prefix(std::min(raw.size(), quote + 2));
  }
}

std::string Plural(size_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// Finds the first byte at or after `p` that is one of four ASCII stop bytes or is not
// ASCII (so UTF-8 is checked only where needed). The caller guarantees a stop byte
// before the end of readable memory, and kPadding readable bytes after it.
#if defined(__SSE2__)
class StopFinder {
 public:
  StopFinder(char a, char b, char c, char d)
      : a_(_mm_set1_epi8(a)), b_(_mm_set1_epi8(b)), c_(_mm_set1_epi8(c)), d_(_mm_set1_epi8(d)) {}

  const char* Find(const char* p) const {
    for (;; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a_), _mm_cmpeq_epi8(v, b_)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, c_), _mm_cmpeq_epi8(v, d_)));
      // The sign bit of each byte of `v` marks a non-ASCII byte.
      const int mask = _mm_movemask_epi8(_mm_or_si128(hit, v));
      if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    }
  }

 private:
  __m128i a_, b_, c_, d_;
};
#else
class StopFinder {
 public:
  StopFinder(char a, char b, char c, char d) {
    for (int i = 0x80; i < 0x100; ++i) stop_[i] = true;
    for (const char x : {a, b, c, d}) stop_[static_cast<unsigned char>(x)] = true;
  }

  const char* Find(const char* p) const {
    while (!stop_[static_cast<unsigned char>(*p)]) ++p;
    return p;
  }

 private:
  bool stop_[256] = {};
};
#endif

}  // namespace

struct CsvReader::Finders {
  explicit Finders(char delimiter)
      : unquoted(delimiter, '"', '\n', '\r'), quoted('"', '"', '\n', '\r') {}
  StopFinder unquoted;
  StopFinder quoted;
};

CsvReader::CsvReader(int fd, std::string display, const CsvOptions& options)
    : fd_(fd),
      display_(std::move(display)),
      delimiter_(options.delimiter == 0 ? ',' : options.delimiter),
      buffer_(kHeaderBlock + 1 + kPadding) {
  buffer_[0] = '\n';  // sentinel
}

CsvReader::~CsvReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::filesystem::path& path,
                                                   std::string table_name,
                                                   const CsvOptions& options) {
  if (options.delimiter != 0 && !IsUsableCsvDelimiter(options.delimiter)) {
    return InvalidArgument("the CSV delimiter must be one ASCII character other than a quote");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return IoError(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
  }
  std::unique_ptr<CsvReader> reader(new CsvReader(fd, path.string(), options));
  struct stat st = {};
  if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    return IoError(fmt::format("cannot read {}: not a regular file", path.string()));
  }
  VEIL_RETURN_IF_ERROR(reader->ReadHeader(std::move(table_name), options.delimiter == 0));
  reader->EstimateRows(S_ISREG(st.st_mode) ? static_cast<int64_t>(st.st_size) : -1);
  return reader;
}

Status CsvReader::ReadHeader(std::string table_name, bool detect) {
  while (!eof_ && end_ < 3) VEIL_RETURN_IF_ERROR(Refill());
  if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
  if (detect) {
    delimiter_ = DetectDelimiter(std::string_view(buffer_.data() + begin_, end_ - begin_));
  }
  size_t pos = 0;
  int64_t line = 1;
  VEIL_ASSIGN_OR_RETURN(const bool got, ScanNextRow(pos, line));
  if (!got || IsBlankRow()) {
    return InputError(
        fmt::format("{}: line 1: empty header (the first line must name the columns)", display_));
  }
  header_crlf_ = pos >= 2 && buffer_[pos - 2] == '\r' && buffer_[pos - 1] == '\n';
  schema_.name = std::move(table_name);
  for (size_t i = 0; i < fields_.size(); ++i) {
    std::string name = FieldText(fields_[i]);
    if (name.empty()) return Error(1, i, "empty column name in the header");
    const int previous = schema_.ColumnIndex(name);
    if (previous >= 0) {
      return Error(
          1, i, fmt::format("duplicate column name \"{}\" (also column {})", name, previous + 1));
    }
    ColumnSchema column;
    column.name = std::move(name);
    column.declared_type = "TEXT";
    schema_.columns.push_back(std::move(column));
  }
  begin_ = pos;
  line_ = line;
  return Status::Ok();
}

void CsvReader::EstimateRows(int64_t file_size) {
  const char* data = buffer_.data() + begin_;
  const size_t bytes = end_ - begin_;
  const auto newlines = static_cast<int64_t>(std::count(data, data + bytes, '\n'));
  if (eof_) {
    estimated_rows_ = newlines + (bytes > 0 && data[bytes - 1] != '\n' ? 1 : 0);
  } else if (file_size > 0 && newlines > 0) {
    const auto remaining = file_size - static_cast<int64_t>(begin_);
    estimated_rows_ =
        static_cast<int64_t>(static_cast<double>(remaining) * static_cast<double>(newlines) /
                             static_cast<double>(bytes));
  }
}

// Keeps the unread bytes, moves them to the front and reads more after them. The buffer
// grows from the header's small block to kBlock, and beyond only when one row does not fit.
Status CsvReader::Refill() {
  if (eof_) return Status::Ok();
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  size_t capacity = buffer_.size() - 1 - kPadding;
  const bool header_done = !schema_.columns.empty();  // the header needs only a small read
  if (end_ == capacity || (capacity < kBlock && header_done)) {
    if (capacity >= kMaxBuffer) {
      return InputError(
          fmt::format("{}: line {}: a row longer than {} bytes", display_, line_, kMaxBuffer));
    }
    capacity = std::max(kBlock, capacity * 2);
    buffer_.resize(capacity + 1 + kPadding);
  }
  ssize_t n = 0;
  do {
    n = ::read(fd_, buffer_.data() + end_, capacity - end_);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return IoError(fmt::format("cannot read {}: {}", display_, std::strerror(errno)));
  if (n == 0) eof_ = true;
  end_ += static_cast<size_t>(n);
  buffer_[end_] = '\n';  // sentinel: stops every scanning loop
  return Status::Ok();
}

// Scans the row at begin_ into fields_, reading more input as needed. Sets `pos` and
// `line` to just after the row; returns false at the end of the file.
Result<bool> CsvReader::ScanNextRow(size_t& pos, int64_t& line) {
  for (;;) {
    if (begin_ == end_ && eof_) return false;
    pos = begin_;
    line = line_;
    switch (ScanRow(pos, line)) {
      case Scan::kRow:
        return true;
      case Scan::kError:
        return error_;
      case Scan::kNeedMore:
        VEIL_RETURN_IF_ERROR(Refill());
        break;
    }
  }
}

CsvReader::Scan CsvReader::ScanRow(size_t& pos, int64_t& line) {
  const Finders finders(delimiter_);
  fields_.clear();
  const char* const end = buffer_.data() + end_;
  const char* p = buffer_.data() + pos;
  for (;;) {
    Field& field = fields_.emplace_back();  // filled in place: no copy of a fresh store
    const Scan scan = *p == '"' && p != end ? ScanQuoted(p, line, field, finders)
                                            : ScanUnquoted(p, line, field, finders);
    if (scan != Scan::kRow) return scan;
    if (p == end) break;  // end of file
    if (*p == delimiter_) {
      ++p;
      continue;
    }
    const Scan row_end = AtRowEnd(p, line);
    if (row_end != Scan::kRow) return row_end;
    break;
  }
  pos = static_cast<size_t>(p - buffer_.data());
  return Scan::kRow;
}

CsvReader::Scan CsvReader::ScanUnquoted(const char*& p, int64_t line, Field& field,
                                        const Finders& finders) {
  const char* const base = buffer_.data();
  const char* const end = base + end_;
  field.begin = static_cast<uint32_t>(p - base);
  for (;;) {
    p = finders.unquoted.Find(p);
    const char c = *p;
    if (c == delimiter_ || c == '\n' || c == '\r') {  // the sentinel at `end` is a LF
      if (p == end && !eof_) return Scan::kNeedMore;
      field.end = static_cast<uint32_t>(p - base);
      return Scan::kRow;
    }
    if (c == '"') {
      error_ = Error(line, fields_.size() - 1,
                     "a quote inside an unquoted field (quote the whole field and double "
                     "inner quotes)");
      return Scan::kError;
    }
    const Scan scan = ScanUtf8(p, line);
    if (scan != Scan::kRow) return scan;
  }
}

CsvReader::Scan CsvReader::ScanQuoted(const char*& p, int64_t& line, Field& field,
                                      const Finders& finders) {
  const char* const base = buffer_.data();
  const char* const end = base + end_;
  const int64_t start_line = line;
  field.quoted = true;
  field.begin = static_cast<uint32_t>(++p - base);
  for (;;) {
    p = finders.quoted.Find(p);
    switch (*p) {
      case '"':
        if (p + 1 == end && !eof_) return Scan::kNeedMore;
        if (p + 1 != end && p[1] == '"') {
          field.escaped = true;
          p += 2;
          break;
        }
        field.end = static_cast<uint32_t>(p++ - base);
        if (p == end) return eof_ ? Scan::kRow : Scan::kNeedMore;
        if (*p == delimiter_ || *p == '\n' || *p == '\r') return Scan::kRow;
        error_ = Error(line, fields_.size() - 1,
                       "unexpected characters after a closing quote (a quote inside a quoted "
                       "field must be doubled)");
        return Scan::kError;
      case '\n':
        if (p == end) {
          if (!eof_) return Scan::kNeedMore;
          error_ = Error(start_line, fields_.size() - 1,
                         "unterminated quoted field (the file ends before its closing quote)");
          return Scan::kError;
        }
        ++line;
        ++p;
        break;
      case '\r':
        if (p + 1 == end && !eof_) return Scan::kNeedMore;
        if (p + 1 == end || p[1] != '\n') ++line;  // a lone CR ends a line
        ++p;
        break;
      default: {  // not ASCII
        const Scan scan = ScanUtf8(p, line);
        if (scan != Scan::kRow) return scan;
      }
    }
  }
}

CsvReader::Scan CsvReader::ScanUtf8(const char*& p, int64_t line) {
  const char* const end = buffer_.data() + end_;
  const int length = Utf8SequenceLength(p, end);
  if (length > 0) {
    p += length;
    return Scan::kRow;
  }
  if (length < 0 && !eof_) return Scan::kNeedMore;
  error_ = Error(line, fields_.size() - 1, "invalid UTF-8 (the file must be UTF-8 encoded)");
  return Scan::kError;
}

// `p` is at a CR or LF that ends a row; moves past the line break.
CsvReader::Scan CsvReader::AtRowEnd(const char*& p, int64_t& line) {
  const char* const end = buffer_.data() + end_;
  if (*p == '\r') {
    if (p + 1 == end && !eof_) return Scan::kNeedMore;
    ++p;
    if (p != end && *p == '\n') ++p;
  } else {
    ++p;
  }
  ++line;
  return Scan::kRow;
}

bool CsvReader::IsBlankRow() const {
  return fields_.size() == 1 && !fields_[0].quoted && fields_[0].begin == fields_[0].end;
}

Result<bool> CsvReader::Next(Batch& batch) {
  const size_t columns = schema_.columns.size();
  batch.Reset(columns);
  batch.first_row = next_row_;
  while (batch.rows() < kBatchRows) {
    size_t pos = 0;
    int64_t line = 0;
    VEIL_ASSIGN_OR_RETURN(const bool got, ScanNextRow(pos, line));
    if (!got) break;
    if (columns > 1 && IsBlankRow()) {
      // Allowed only at the end of the file: an error if a row follows.
      if (pending_blank_line_ == 0) pending_blank_line_ = line_;
    } else {
      if (pending_blank_line_ != 0) return Ragged(pending_blank_line_, 1);
      if (fields_.size() != columns) return Ragged(line_, fields_.size());
      CommitRow(batch);
    }
    begin_ = pos;
    line_ = line;
  }
  next_row_ += static_cast<int64_t>(batch.rows());
  return batch.rows() > 0;
}

void CsvReader::CommitRow(Batch& batch) const {
  const char* const base = buffer_.data();
  for (size_t c = 0; c < fields_.size(); ++c) {
    const Field& f = fields_[c];
    Column& column = batch.columns[c];
    const std::string_view raw(base + f.begin, f.end - f.begin);
    if (f.escaped) {
      AppendUnescaped(column.buffer(), raw);
      column.CommitCell(CellKind::kText);
    } else if (raw.empty() && !f.quoted) {
      column.AppendNull();
    } else {
      column.Append(raw, CellKind::kText);
    }
  }
}

std::string CsvReader::FieldText(const Field& field) const {
  const std::string_view raw(buffer_.data() + field.begin, field.end - field.begin);
  std::string text;
  AppendUnescaped(text, raw);
  return text;
}

Status CsvReader::Error(int64_t line, size_t field_index, std::string_view what) const {
  std::string column = fmt::format("column {}", field_index + 1);
  if (field_index < schema_.columns.size()) {
    column += fmt::format(" ({})", schema_.columns[field_index].name);
  }
  return InputError(fmt::format("{}: line {}, {}: {}", display_, line, column, what));
}

Status CsvReader::Ragged(int64_t line, size_t fields) const {
  const size_t columns = schema_.columns.size();
  return Error(line, std::min(fields, columns),
               fmt::format("ragged row: line {} has {}, header has {}", line,
                           Plural(fields, "field"), columns));
}

}  // namespace veil
