// CodeLists: named lists of codes a `choice` rule draws from. The built-in set holds
// every list of the DfE code sets shipped in veil, named "dfe.<name>" (e.g.
// dfe.ethnicity). Immutable after construction; safe to share between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "veil/status.h"

namespace veil {

class CodeLists {
 public:
  static Result<std::shared_ptr<const CodeLists>> Builtin();

  // The list named `name`, or nullptr.
  const std::vector<std::string>* Find(const std::string& name) const;
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, std::vector<std::string>> lists_;
};

}  // namespace veil
