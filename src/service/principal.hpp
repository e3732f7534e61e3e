#pragma once
// Who is calling, and with which roles over which parts of the organization tree.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xeploai::service {

// Roles are granted on a unit and hold for it and everything below it (DESIGN.md; issue 2).
enum class Role {
  member,              // đảng viên: themself only
  cell_secretary,      // bí thư chi bộ: runs the cell's review
  committee_staff,     // cán bộ văn phòng/ban tổ chức cấp ủy: prepares, appraises
  committee,           // cấp ủy: decides
  organization_board,  // ban tổ chức: supervises
  inspection,          // ủy ban kiểm tra: records discipline
  administrator,       // quản trị: units, people, accounts
};

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);

struct RoleGrant {
  Role role;
  std::int64_t unit_id;  // the grant covers this unit and its whole subtree
};

struct Principal {
  std::int64_t account_id = 0;
  std::string username;
  std::optional<std::int64_t> person_id;  // the party member this account belongs to, if any
  std::vector<RoleGrant> grants;
  bool via_cookie = false;                // cookie sessions need a CSRF token on writes
  std::string session_id_hash;            // for logout
};

}  // namespace xeploai::service
