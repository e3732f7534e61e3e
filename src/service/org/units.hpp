#pragma once
// Units of the organization tree and their history (docs/organization.md). Every function checks the caller's
// scope, runs inside the caller's transaction, and records an audit row for every write. Inputs are the JSON
// bodies of the API (checked here, every problem listed); outputs are the JSON the API returns.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "service/org/common.hpp"

namespace xeploai::service::org {

// FORMAT.md unit kinds.
inline constexpr std::string_view kUnitKinds[] = {"province_committee",
                                                  "upper_grassroots_committee",
                                                  "grassroots_committee",
                                                  "grassroots_cell",
                                                  "sectional_committee",
                                                  "cell",
                                                  "agency"};
bool is_unit_kind(std::string_view kind);
// Kinds where members are active (a member's unit must be one of these).
bool is_cell_kind(std::string_view kind);
// The parent kinds a kind may sit under; a root is allowed when `parent_kind` is empty and the kind may be a root.
bool allowed_under(std::string_view kind, std::string_view parent_kind);

// Unit JSON: {id, kind, name, code, parent_id, established_on, dissolved_on, version}
// One unit with `ancestors`: [{id, name, kind}] from the root down to its parent.
Result<Json> get_unit(store::Transaction& tx, const Call& call, std::int64_t id);

struct UnitQuery {
  std::optional<std::int64_t> parent_id;  // children of this unit (current)
  std::optional<std::string> kind;
  std::optional<std::string> q;  // diacritic-insensitive match on name or code
  bool include_dissolved = false;
  std::int64_t offset = 0;
  int limit = 50;
};
struct Page {
  Json items = Json::array();
  std::int64_t total = 0;
};
Result<Page> list_units(store::Transaction& tx, const Call& call, const UnitQuery& query);

// {kind, name, code, parent_id|null, established_on?}
Result<Json> create_unit(store::Transaction& tx, const Call& call, const Json& body);
// {version, name?, code?}: 409 when version is stale.
Result<Json> update_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// The subtree of `id` as it was on `as_of` ('YYYY-MM-DD', default today), each node with its member count that day:
// {id, kind, name, code, members, children: [...]}. `max_depth` < 0: unlimited.
Result<Json> unit_tree(store::Transaction& tx, const Call& call, std::int64_t id,
                       const std::optional<std::string>& as_of, int max_depth = -1);

// Restructuring (each keeps history with validity intervals; `effective` defaults to today):
// {parent_id, effective?, version?}
Result<Json> move_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);
// {sources: [ids], into: id} or {sources: [ids], new_unit: {kind, name, code, parent_id}}, effective?
Result<Json> merge_units(store::Transaction& tx, const Call& call, const Json& body);
// {parts: [{name, code, kind?, units: [ids], members: [ids]}], effective?}: every current child unit and member of
// the source goes to exactly one part; the source is dissolved.
Result<Json> split_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);

// Leadership collectives of a unit.
inline constexpr std::string_view kCollectiveKinds[] = {"executive_committee", "standing_committee", "cell_committee",
                                                        "leadership_board", "other"};
Result<Json> list_collectives(store::Transaction& tx, const Call& call, std::int64_t unit_id, bool include_past);
// {kind, name, valid_from?}
Result<Json> create_collective(store::Transaction& tx, const Call& call, std::int64_t unit_id, const Json& body);
// {version, name?, valid_to?}
Result<Json> update_collective(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body);

// A root unit created by the system (installation, demo seeding): no caller to check, audited with no actor.
std::int64_t create_root_unit(store::Transaction& tx, const std::string& kind, const std::string& name,
                              const std::string& code, const std::string& established_on);

// Internal helpers shared with the people service and the demo seeder.
std::optional<std::string> unit_kind_of(store::Transaction& tx, std::int64_t unit_id, bool current_only = true);

}  // namespace xeploai::service::org
