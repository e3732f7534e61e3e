#pragma once
// Questions about the organization tree that other services (authorization, workflow) ask.
#include <cstdint>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace xeploai::service::org {

// True when `unit_id` is `ancestor_id` or lies below it in the current tree.
bool unit_in_subtree(store::Transaction& tx, std::int64_t unit_id, std::int64_t ancestor_id);

// The unit and its ancestors, nearest first.
std::vector<std::int64_t> unit_ancestry(store::Transaction& tx, std::int64_t unit_id);

// The ids of a materialized path ("/1/7/42/"), root first.
std::vector<std::int64_t> path_ids(std::string_view path);

}  // namespace xeploai::service::org
