#include "verify/subset_original.h"

#include "policy/secret_source.h"
#include "subset/subset_option.h"
#include "subset/subset_source.h"

namespace veil {
namespace {

Result<Secret> SecretFor(const VerifyOptions& options, const Policy& policy) {
  if (!AsksForSample(options.subset)) return Secret::Ephemeral();  // not used to choose
  if (policy.secret.kind == SecretSpec::Kind::kEphemeral) {
    return InvalidArgument(
        "--subset draws a sample with the policy's secret, and this policy's secret is "
        "ephemeral: the sample cannot be drawn again; subset by a condition instead");
  }
  Result<Secret> secret = LoadSecret(policy.secret);
  if (!secret.ok()) return secret.status().WithContext("--subset draws its sample with the secret");
  return secret;
}

}  // namespace

Result<std::unique_ptr<Source>> SubsetOriginal(const VerifyOptions& options, const Policy& policy,
                                               std::unique_ptr<Source> original) {
  if (options.subset.empty()) return original;
  VEIL_ASSIGN_OR_RETURN(Secret secret, SecretFor(options, policy));
  SubsetSummary unused;
  return OpenSubset(std::move(original),
                    SubsetRequest{options.subset, options.subset_keep_unrelated}, policy, secret,
                    unused);
}

}  // namespace veil
