// PolicyValue: a value as the policy file wrote it — a scalar, a list or a map (its keys
// in the file's order), or null — with the line it stands on. It is the one form in
// which the policy's YAML leaves the policy module: rule arguments (RuleSpec::argument),
// hierarchy builders and the verifier read PolicyValues, never yaml-cpp nodes.
//
// A PolicyValue is immutable plain data, cheap to move, safe to share between threads.
// Looking up what is not there gives an absent value (false in a boolean context), as a
// missing map key does. Scalars convert exactly as yaml-cpp converts them (so `0x10` is
// 16 and `yes` is true); a conversion that fails throws BadPolicyValue, which rule
// builders turn into an error naming the policy line.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace veil {

// Thrown by PolicyValue::as<T>() when the value is not a T.
class BadPolicyValue : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PolicyValue {
 public:
  enum class Shape { kAbsent, kNull, kScalar, kList, kMap };
  using Entry = std::pair<PolicyValue, PolicyValue>;  // a map's key and value

  // An absent value.
  PolicyValue() = default;
  static PolicyValue Null(int line);
  static PolicyValue Scalar(std::string text, int line);
  static PolicyValue List(std::vector<PolicyValue> items, int line);
  static PolicyValue Map(std::vector<Entry> entries, int line);

  Shape shape() const { return shape_; }
  explicit operator bool() const { return shape_ != Shape::kAbsent; }
  bool IsNull() const { return shape_ == Shape::kNull; }
  bool IsScalar() const { return shape_ == Shape::kScalar; }
  bool IsSequence() const { return shape_ == Shape::kList; }
  bool IsMap() const { return shape_ == Shape::kMap; }
  // The 1-based line the value starts on; 0 if absent.
  int line() const { return line_; }

  // A list's items or a map's entries (empty for anything else).
  const std::vector<PolicyValue>& items() const { return items_; }
  const std::vector<Entry>& entries() const { return entries_; }
  // The number of items or entries; 0 for a scalar, null or absent value.
  size_t size() const { return shape_ == Shape::kMap ? entries_.size() : items_.size(); }

  // The value under `key` in a map (keys compared as text), or absent.
  const PolicyValue& operator[](std::string_view key) const;
  // The `index`th item of a list, or absent.
  const PolicyValue& operator[](size_t index) const;
  const PolicyValue& operator[](int index) const { return (*this)[static_cast<size_t>(index)]; }

  // The scalar's text as written ("" for anything else).
  const std::string& text() const { return text_; }

  // The value as a T: std::string (a null reads "null"), bool, int, int64_t, uint64_t
  // or double. Throws BadPolicyValue if it is not a scalar of that type.
  template <typename T>
  T as() const;
  // The same, or `fallback` where as<T>() would throw.
  template <typename T>
  T as(T fallback) const {
    try {
      return as<T>();
    } catch (const BadPolicyValue&) {
      return fallback;
    }
  }

 private:
  Shape shape_ = Shape::kAbsent;
  int line_ = 0;
  std::string text_;
  std::vector<PolicyValue> items_;
  std::vector<Entry> entries_;
};

template <>
std::string PolicyValue::as<std::string>() const;
template <>
bool PolicyValue::as<bool>() const;
template <>
int PolicyValue::as<int>() const;
template <>
int64_t PolicyValue::as<int64_t>() const;
template <>
uint64_t PolicyValue::as<uint64_t>() const;
template <>
double PolicyValue::as<double>() const;

}  // namespace veil
