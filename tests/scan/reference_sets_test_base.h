// ReferenceSetsTest: a test fixture base that loads the scan's reference lists once per
// suite (they take a moment to build) and hands them to each test as references().
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "scan/reference_sets.h"

namespace veil::scan {

class ReferenceSetsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = ReferenceSets::Load();
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    Loaded() = loaded.value();
  }
  static void TearDownTestSuite() { Loaded().reset(); }
  static const ReferenceSets& references() { return *Loaded(); }

 private:
  static std::shared_ptr<const ReferenceSets>& Loaded() {
    static std::shared_ptr<const ReferenceSets> loaded;
    return loaded;
  }
};

}  // namespace veil::scan
