#include "service/audit.hpp"

#include <chrono>

#include "service/auth/audit_log.hpp"
#include "service/org/tree.hpp"

namespace xeploai::service {

namespace {
std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::string> json_or_null(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.dump();
}
}  // namespace

namespace auth {
std::string scope_path_of(store::Transaction& tx, std::int64_t unit_id) {
  auto ancestry = org::unit_ancestry(tx, unit_id);  // nearest first
  std::string path = "/";
  for (auto it = ancestry.rbegin(); it != ancestry.rend(); ++it) path += std::to_string(*it) + "/";
  return path;
}
}  // namespace auth

void record_audit(store::Transaction& tx, const Principal* actor, const AuditEntry& entry,
                  const std::string& request_id) {
  std::optional<std::string> scope;
  if (entry.unit_id) scope = auth::scope_path_of(tx, *entry.unit_id);
  std::optional<std::int64_t> actor_id;
  if (actor) actor_id = actor->account_id;
  tx.execute(
      "INSERT INTO audit_log (at, actor_account_id, action, entity, entity_id, scope_path, before_json, "
      "after_json, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      store::params(now_ms(), actor_id, entry.action, entry.entity, entry.entity_id, scope, json_or_null(entry.before),
                    json_or_null(entry.after), request_id));
}

}  // namespace xeploai::service
