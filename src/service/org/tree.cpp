#include "service/org/tree.hpp"

#include <string>

namespace xeploai::service::org {

namespace {
// The materialized path of a unit ("/1/7/42/"): itself and its current ancestors, root first.
std::string path_of(store::Transaction& tx, std::int64_t unit_id) {
  auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(unit_id));
  return row ? row->get_text(0) : std::string{};
}
}  // namespace

bool unit_in_subtree(store::Transaction& tx, std::int64_t unit_id, std::int64_t ancestor_id) {
  auto path = path_of(tx, unit_id);
  return path.find("/" + std::to_string(ancestor_id) + "/") != std::string::npos;
}

std::vector<std::int64_t> path_ids(std::string_view path) {
  std::vector<std::int64_t> ids;
  for (std::size_t start = 1, end; (end = path.find('/', start)) != std::string_view::npos; start = end + 1)
    ids.push_back(std::stoll(std::string(path.substr(start, end - start))));
  return ids;
}

std::vector<std::int64_t> unit_ancestry(store::Transaction& tx, std::int64_t unit_id) {
  auto ids = path_ids(path_of(tx, unit_id));
  return {ids.rbegin(), ids.rend()};
}

}  // namespace xeploai::service::org
