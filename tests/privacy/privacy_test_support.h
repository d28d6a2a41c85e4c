// Helpers for the privacy tests: the Adult fixture (tests/fixtures/adult) and a policy
// text with a chosen privacy section, prepared for the search.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "io/registry/location.h"
#include "privacy/privacy_input.h"

namespace veil::testing {

inline std::filesystem::path AdultDir() {
  return std::filesystem::path(VEIL_SOURCE_DIR) / "tests/fixtures/adult";
}

// The Adult policy (tests/fixtures/adult/policy.yaml) with its privacy section replaced.
inline std::string AdultPolicy(const std::string& privacy) {
  std::string text =
      "version: 1\ntables:\n  adult:\n    columns:\n"
      "      sex: {generalise: {hierarchy: adult_hierarchy_sex.csv}}\n"
      "      age: {generalise: {hierarchy: adult_hierarchy_age.csv}}\n"
      "      race: {generalise: {hierarchy: adult_hierarchy_race.csv}}\n"
      "      marital-status: {generalise: {hierarchy: adult_hierarchy_marital-status.csv}}\n"
      "      education: {generalise: {hierarchy: adult_hierarchy_education.csv}}\n"
      "      native-country: {generalise: {hierarchy: adult_hierarchy_native-country.csv}}\n"
      "      workclass: {generalise: {hierarchy: adult_hierarchy_workclass.csv}}\n"
      "      occupation: {generalise: {hierarchy: adult_hierarchy_occupation.csv}}\n"
      "      salary-class: keep\n"
      "    privacy: " +
      privacy + "\n";
  return text;
}

// Reads `table` of `source` (a CSV file or directory) under `policy_text` (paths
// relative to `policy_dir`) into a PrivacyInput.
inline std::unique_ptr<PrivacyInput> Prepare(const std::string& policy_text,
                                             const std::filesystem::path& policy_dir,
                                             const std::filesystem::path& source,
                                             const std::string& table) {
  auto policy = ParsePolicy(policy_text, (policy_dir / "policy.yaml").string());
  EXPECT_TRUE(policy.ok()) << policy.status().message();
  if (!policy.ok()) return nullptr;
  auto location = ResolveSourceLocation(source.string());
  EXPECT_TRUE(location.ok()) << location.status().message();
  auto opened = location->OpenSource(SourceOptions{});
  EXPECT_TRUE(opened.ok()) << opened.status().message();
  if (!opened.ok()) return nullptr;
  auto reader = (*opened)->Open(table);
  EXPECT_TRUE(reader.ok()) << reader.status().message();
  if (!reader.ok()) return nullptr;
  auto input = PreparePrivacyInput(*policy->FindTable(table), *policy, **reader);
  EXPECT_TRUE(input.ok()) << input.status().message();
  return input.ok() ? std::move(*input) : nullptr;
}

}  // namespace veil::testing
