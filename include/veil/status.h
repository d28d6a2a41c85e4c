// Status and Result<T>: errors as values, carried across every module boundary.
//
// A Status is either OK or an error with a code and a one-line message. Messages name
// places (file, line, table, column, row, policy line) and never the content of a cell.
// Result<T> holds either a T or a non-OK Status. Both are cheap to move and safe to copy.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace veil {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something malformed (usage, paths, options)
  kPolicy,           // the policy is malformed or does not cover the data
  kInput,            // the source data is malformed (bad CSV, a date rule on a non-date)
  kIo,               // the file system or a database refused an operation
  kConflict,         // the target exists, a pseudonym collided, a guard refused
  kInternal,         // a bug in veil
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(ErrorCode code, std::string message) {
    assert(code != ErrorCode::kOk);
    return Status(code, std::move(message));
  }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns this error with `context + ": "` put in front of its message; OK stays OK.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return Status::Error(ErrorCode::kInvalidArgument, std::move(m));
}
inline Status PolicyError(std::string m) {
  return Status::Error(ErrorCode::kPolicy, std::move(m));
}
inline Status InputError(std::string m) {
  return Status::Error(ErrorCode::kInput, std::move(m));
}
inline Status IoError(std::string m) {
  return Status::Error(ErrorCode::kIo, std::move(m));
}
inline Status ConflictError(std::string m) {
  return Status::Error(ErrorCode::kConflict, std::move(m));
}
inline Status InternalError(std::string m) {
  return Status::Error(ErrorCode::kInternal, std::move(m));
}

// Either a value or an error. Accessing value() of an error is a bug (asserted).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace veil

#define VEIL_CONCAT_INNER(a, b) a##b
#define VEIL_CONCAT(a, b) VEIL_CONCAT_INNER(a, b)

// Returns the Status from the enclosing function if `expr` is not OK.
#define VEIL_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::veil::Status veil_status_ = (expr);        \
    if (!veil_status_.ok()) return veil_status_; \
  } while (false)

// Declares `lhs` from a Result-returning `expr`, or returns its error.
#define VEIL_ASSIGN_OR_RETURN(lhs, expr) \
  VEIL_ASSIGN_OR_RETURN_IMPL(VEIL_CONCAT(veil_result_, __LINE__), lhs, expr)
#define VEIL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
