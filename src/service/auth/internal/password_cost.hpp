#pragma once
// The Argon2id cost in force (interactive, or libsodium's minimum in tests) and a dummy hash of that cost, so
// a login for an unknown name spends the same time as one for a real account.
#include <string>

#include "security/security.hpp"

namespace xeploai::service::auth::internal {

security::PasswordCost password_cost();
const std::string& dummy_password_hash();

}  // namespace xeploai::service::auth::internal
