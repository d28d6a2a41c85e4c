#include "policy/policy_value.h"

#include <yaml-cpp/yaml.h>

namespace veil {
namespace {

const PolicyValue& Absent() {
  static const PolicyValue absent;
  return absent;
}

// yaml-cpp's own conversion of the scalar `text`, so that a policy means what it meant
// when rules read yaml-cpp nodes.
template <typename T>
T Convert(const PolicyValue& value, const char* type) {
  if (!value.IsScalar()) {
    throw BadPolicyValue("line " + std::to_string(value.line()) + ": not a " + type);
  }
  try {
    return YAML::Node(value.text()).as<T>();
  } catch (const YAML::Exception&) {
    throw BadPolicyValue("line " + std::to_string(value.line()) + ": not a " + type);
  }
}

}  // namespace

PolicyValue PolicyValue::Null(int line) {
  PolicyValue value;
  value.shape_ = Shape::kNull;
  value.line_ = line;
  return value;
}

PolicyValue PolicyValue::Scalar(std::string text, int line) {
  PolicyValue value;
  value.shape_ = Shape::kScalar;
  value.text_ = std::move(text);
  value.line_ = line;
  return value;
}

PolicyValue PolicyValue::List(std::vector<PolicyValue> items, int line) {
  PolicyValue value;
  value.shape_ = Shape::kList;
  value.items_ = std::move(items);
  value.line_ = line;
  return value;
}

PolicyValue PolicyValue::Map(std::vector<Entry> entries, int line) {
  PolicyValue value;
  value.shape_ = Shape::kMap;
  value.entries_ = std::move(entries);
  value.line_ = line;
  return value;
}

const PolicyValue& PolicyValue::operator[](std::string_view key) const {
  for (const auto& [name, value] : entries_) {
    if (name.IsScalar() && name.text() == key) return value;
  }
  return Absent();
}

const PolicyValue& PolicyValue::operator[](size_t index) const {
  return index < items_.size() ? items_[index] : Absent();
}

template <>
std::string PolicyValue::as<std::string>() const {
  if (IsNull()) return "null";
  if (!IsScalar()) throw BadPolicyValue("line " + std::to_string(line_) + ": not text");
  return text_;
}

template <>
bool PolicyValue::as<bool>() const {
  return Convert<bool>(*this, "true or false");
}

template <>
int PolicyValue::as<int>() const {
  return Convert<int>(*this, "whole number");
}

template <>
int64_t PolicyValue::as<int64_t>() const {
  return Convert<int64_t>(*this, "whole number");
}

template <>
uint64_t PolicyValue::as<uint64_t>() const {
  return Convert<uint64_t>(*this, "whole number from 0");
}

template <>
double PolicyValue::as<double>() const {
  return Convert<double>(*this, "number");
}

}  // namespace veil
