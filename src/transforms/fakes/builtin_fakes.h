// The families of built-in fake kinds (internal to src/transforms/fakes). Each Add*
// function adds its kinds to `catalog`, or fails with an InternalError when the embedded
// reference data it needs is missing or malformed (the catalog is then incomplete and
// must be discarded). FakeCatalog::Builtin() calls every one of them.
#pragma once

#include "transforms/fakes/fake_kind.h"
#include "veil/status.h"

namespace veil {

// first_name, last_name, full_name.
Status AddNameFakes(FakeCatalog& catalog);
// email, phone, mobile, username, ip.
Status AddContactFakes(FakeCatalog& catalog);
// postcode, city, address_line.
Status AddAddressFakes(FakeCatalog& catalog);
// nhs_number, upn, ni_number.
Status AddIdentifierFakes(FakeCatalog& catalog);
// date_of_birth.
Status AddDateFakes(FakeCatalog& catalog);

}  // namespace veil
