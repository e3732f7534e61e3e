#pragma once
// Party members: their record, where they are active (memberships with history), and their leadership and
// management posts (docs/organization.md). Scope-checked, audited, inputs are API JSON bodies checked here.
#include <cstdint>
#include <optional>
#include <string>

#include "service/org/common.hpp"
#include "service/org/units.hpp"

namespace xeploai::service::people {

inline constexpr std::string_view kStatuses[] = {"active", "probationary", "exempt", "suspended"};

struct PeopleQuery {
  std::optional<std::int64_t> unit_id;  // the unit's whole current subtree; default: everything the caller sees
  std::optional<std::string> status;
  std::optional<std::string> q;  // diacritic-insensitive ("nguyen van duc" finds "Nguyễn Văn Đức")
  std::int64_t offset = 0;
  int limit = 50;
};
// Vietnamese order: given name, then family and middle names, `vi` collation.
Result<org::Page> list_people(store::Transaction& tx, const Call& call, const PeopleQuery& query);

// The person with their membership history and posts.
Result<Json> get_person(store::Transaction& tx, const Call& call, std::int64_t id);
// {full_name, unit_id, status, card_number?, gender?, birth_date?, admitted_on?, official_on?, residence?,
//  is_civil_servant?, joined_on?}: joined_on starts the membership in unit_id (default today).
Result<Json> create_person(store::Transaction& tx, const Call& call, const Json& body);
// {version, any of the fields above but unit_id and joined_on}
Result<Json> update_person(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// Moves a member to another cell: {unit_id, effective?, version?}
Result<Json> move_person(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);

Result<Json> list_posts(store::Transaction& tx, const Call& call, std::int64_t person_id, bool include_past);
// {unit_id, title, is_head?, is_leadership?, collective_id?, valid_from?}
Result<Json> create_post(store::Transaction& tx, const Call& call, std::int64_t person_id, const Json& body);
// {version, title?, is_head?, valid_to?}
Result<Json> update_post(store::Transaction& tx, const Call& call, std::int64_t post_id, const Json& body);

}  // namespace xeploai::service::people
