#pragma once
// Which role allows which action (the table behind authorize()); exposed for tests and the session endpoint.
#include <string_view>

#include "service/auth/authorize.hpp"
#include "util/error.hpp"

namespace xeploai::service::auth {

bool role_allows(Role role, Action action);
std::string_view to_string(Action action);
// The standard refusal naming the action and the unit.
Error out_of_scope(Action action, std::int64_t unit_id);

}  // namespace xeploai::service::auth
