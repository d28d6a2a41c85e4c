// DescribedSource: a Source that forwards to another one but describes itself in its own
// words, e.g. a sink's staged output read as the target it will become (its real name
// being a temporary one). Owns the source it forwards to.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/source.h"

namespace veil {

class DescribedSource final : public Source {
 public:
  DescribedSource(std::unique_ptr<Source> inner, std::string description)
      : inner_(std::move(inner)), description_(std::move(description)) {}
  std::string Describe() const override { return description_; }
  std::vector<std::string> TableNames() const override { return inner_->TableNames(); }
  Result<TableSchema> Schema(const std::string& table) const override {
    return inner_->Schema(table);
  }
  Result<std::unique_ptr<TableReader>> Open(const std::string& table) override {
    return inner_->Open(table);
  }
  Result<std::vector<ViewSchema>> Views() const override { return inner_->Views(); }

 private:
  std::unique_ptr<Source> inner_;
  std::string description_;
};

}  // namespace veil
