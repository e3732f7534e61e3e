#include "service/principal.hpp"

#include <array>
#include <utility>

namespace xeploai::service {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoleNames{{
    {Role::member, "member"},
    {Role::cell_secretary, "cell_secretary"},
    {Role::committee_staff, "committee_staff"},
    {Role::committee, "committee"},
    {Role::organization_board, "organization_board"},
    {Role::inspection, "inspection"},
    {Role::administrator, "administrator"},
}};
}  // namespace

std::string_view to_string(Role role) {
  for (const auto& [r, name] : kRoleNames)
    if (r == role) return name;
  return "member";
}

std::optional<Role> parse_role(std::string_view text) {
  for (const auto& [r, name] : kRoleNames)
    if (name == text) return r;
  return std::nullopt;
}

}  // namespace xeploai::service
