#include "service/auth/audit_log.hpp"

#include <fmt/format.h>

#include "service/auth/accounts.hpp"
#include "service/auth/authorize.hpp"
#include "service/org/tree.hpp"

namespace xeploai::service::auth {

namespace {
nlohmann::json parse_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  return nlohmann::json::parse(*text, nullptr, false);
}
}  // namespace

Result<AuditPage> list_audit(store::Transaction& tx, const Principal& who, const AuditFilter& filter,
                             std::int64_t offset, std::int64_t limit) {
  if (auto ok = authorize(tx, who, Action::read_audit, filter.unit_id); !ok) return ok.error();
  auto ancestry = org::unit_ancestry(tx, filter.unit_id);
  const std::string path = scope_path_of(tx, filter.unit_id);
  // Paths hold digits and '/', and '0' follows '/', so the subtree is the byte range [path, path with '/'->'0').
  std::string high = path;
  high.back() = '0';
  store::Params params{path, high};
  std::string where = "((scope_path >= $1 AND scope_path < $2)";
  // Entries about no unit (system actions) belong to the whole tree: readable from a root only.
  where += ancestry.size() == 1 ? " OR scope_path IS NULL)" : ")";
  if (filter.entity) {
    params.push_back(*filter.entity);
    where += fmt::format(" AND entity = ${}", params.size());
  }
  if (filter.entity_id) {
    params.push_back(*filter.entity_id);
    where += fmt::format(" AND entity_id = ${}", params.size());
  }
  if (filter.action) {
    params.push_back(*filter.action);
    where += fmt::format(" AND action = ${}", params.size());
  }
  AuditPage page;
  page.total = tx.query_one("SELECT COUNT(*) FROM audit_log WHERE " + where, params)->get_int(0);
  params.push_back(limit);
  params.push_back(offset);
  auto sql = fmt::format(
      "SELECT id, at, actor_account_id, action, entity, entity_id, before_json, after_json, request_id FROM "
      "audit_log WHERE {} ORDER BY id DESC LIMIT ${} OFFSET ${}",
      where, params.size() - 1, params.size());
  for (const auto& row : tx.query(sql, params)) {
    auto actor = row.get_optional_int(2);
    page.items.push_back({{"id", row.get_int(0)},
                          {"at", iso_time(row.get_int(1))},
                          {"actor_account_id", actor ? nlohmann::json(*actor) : nlohmann::json()},
                          {"action", row.get_text(3)},
                          {"entity", row.get_text(4)},
                          {"entity_id", row.get_int(5)},
                          {"before", parse_or_null(row.get_optional_text(6))},
                          {"after", parse_or_null(row.get_optional_text(7))},
                          {"request_id", row.get_text(8)}});
  }
  return page;
}

}  // namespace xeploai::service::auth
