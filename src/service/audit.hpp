#pragma once
// The append-only audit log: every write records who, when, what, before and after, in the same transaction
// as the write itself (so a rolled-back write leaves no audit row and a committed one always has one).
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "service/principal.hpp"
#include "store/database.hpp"

namespace xeploai::service {

struct AuditEntry {
  std::string action;       // "unit.create", "person.update", "account.login", ...
  std::string entity;       // "unit", "person", "account", ...
  std::int64_t entity_id = 0;
  nlohmann::json before;    // null for a creation
  nlohmann::json after;     // null for a deletion
  // The unit the change concerns (a unit: itself; a person: their cell; an account: its home unit). Readers of
  // the audit log see the entries of their subtree; an entry without a unit is visible from a root unit only.
  std::optional<std::int64_t> unit_id;
};

// `actor` may be null for system actions (migrations, demo seeding).
void record_audit(store::Transaction& tx, const Principal* actor, const AuditEntry& entry,
                  const std::string& request_id = {});

}  // namespace xeploai::service
