#pragma once
// Reading the audit log, scoped to the caller's subtree (record_audit in service/audit.hpp writes it).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service::auth {

// "/root/…/unit/": the unit's current ancestry, the form audit_log.scope_path stores.
std::string scope_path_of(store::Transaction& tx, std::int64_t unit_id);

struct AuditFilter {
  std::int64_t unit_id = 0;  // the subtree to read; needs read_audit there
  std::optional<std::string> entity;
  std::optional<std::int64_t> entity_id;
  std::optional<std::string> action;
};

struct AuditPage {
  std::vector<nlohmann::json> items;  // {"id", "at", "actor_account_id", "action", "entity", "entity_id", "before",
                                      //  "after", "request_id"}, newest first
  std::int64_t total = 0;
};

Result<AuditPage> list_audit(store::Transaction& tx, const Principal& who, const AuditFilter& filter,
                             std::int64_t offset, std::int64_t limit);

}  // namespace xeploai::service::auth
