// Loads the Secret a policy names: an environment variable, a file, or an ephemeral
// one. Errors name the variable or file, never the secret's content.
#pragma once

#include "core/secret.h"
#include "policy/policy.h"

namespace veil {

Result<Secret> LoadSecret(const SecretSpec& spec);

}  // namespace veil
