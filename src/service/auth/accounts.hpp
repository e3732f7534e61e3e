#pragma once
// Accounts and role grants. Every call takes the caller (Principal) and checks scope itself: an account is
// administered from its home unit, so reading or changing it needs manage_accounts there, and granting a role on
// a unit needs manage_accounts on that unit too (nobody hands out power outside their own subtree).
// Password hashing is slow by design, so callers hash with prepare_password() before opening a transaction.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service::auth {

struct Account {
  std::int64_t id = 0;
  std::string username;
  std::string display_name;
  std::optional<std::int64_t> person_id;
  std::int64_t home_unit_id = 0;
  bool disabled = false;
  std::optional<std::string> email;  // where e-mail reminders go (service/mail); none: no e-mail
  std::int64_t created_at = 0;  // Unix ms
  std::int64_t updated_at = 0;
  std::int64_t version = 1;
  std::vector<RoleGrant> grants;
};

// The API shape: {"id", "username", "display_name", "person_id", "home_unit_id", "disabled", "email", "created_at",
// "updated_at", "version", "roles": [{"role", "unit_id"}]}. Never includes the password hash.
nlohmann::json to_json(const Account& account);
// Unix ms as "YYYY-MM-DDTHH:MM:SS.mmmZ".
std::string iso_time(std::int64_t unix_ms);
std::int64_t now_ms();

// Checks the password policy (8 to 256 bytes, valid UTF-8) and returns its Argon2id hash; `field` names the
// input in the error. Tests may lower the cost (set_password_cost_for_tests).
Result<std::string> prepare_password(std::string_view password, std::string_view field = "password");
void set_password_cost_for_tests(bool minimal);

// E-mail addresses: trimmed, at most 254 bytes, ASCII local@domain (the domain lower-cased, at least one dot);
// `field` names the input in the error.
Result<std::string> normalize_email(std::string_view email, std::string_view field = "email");

// Usernames: 3 to 64 of [a-z0-9._-], compared lower-cased.
Result<std::string> normalize_username(std::string_view username, std::string_view field = "username");

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string password_hash;  // from prepare_password
  std::optional<std::int64_t> person_id;
  std::int64_t home_unit_id = 0;
  std::vector<RoleGrant> grants;
  std::optional<std::string> email;
};

// `actor` null is the system (demo seeding, first administrator): no scope check.
Result<Account> create_account(store::Transaction& tx, const Principal* actor, const NewAccount& account,
                               const std::string& request_id = {});

Result<Account> get_account(store::Transaction& tx, const Principal& who, std::int64_t id);

struct AccountPage {
  std::vector<Account> items;
  std::int64_t total = 0;
};
// Accounts whose home unit lies in `unit_id`'s subtree; needs manage_accounts on `unit_id`.
Result<AccountPage> list_accounts(store::Transaction& tx, const Principal& who, std::int64_t unit_id,
                                  std::int64_t offset, std::int64_t limit);

struct AccountChanges {
  std::int64_t version = 0;  // must equal the stored version (409 otherwise)
  std::optional<std::string> display_name;
  std::optional<std::optional<std::int64_t>> person_id;  // set, or clear with nullopt inside
  std::optional<bool> disabled;
  std::optional<std::int64_t> home_unit_id;  // moving needs manage_accounts on both units
  std::optional<std::optional<std::string>> email;  // set, or clear with nullopt inside
};
Result<Account> update_account(store::Transaction& tx, const Principal& who, std::int64_t id,
                               const AccountChanges& changes, const std::string& request_id = {});

// An administrator sets anyone's password in scope; an account holder changes their own with the current one
// (checked by the caller with verify_current_password before hashing the new one). Ends the account's other
// sessions.
Result<void> set_password(store::Transaction& tx, const Principal& who, std::int64_t id,
                          const std::string& password_hash, const std::string& request_id = {});
// Loads the stored hash so the caller can verify the current password outside the transaction.
Result<std::string> stored_password_hash(store::Transaction& tx, std::int64_t id);

Result<Account> grant_role(store::Transaction& tx, const Principal& who, std::int64_t account_id, Role role,
                           std::int64_t unit_id, const std::string& request_id = {});
Result<Account> revoke_role(store::Transaction& tx, const Principal& who, std::int64_t account_id, Role role,
                            std::int64_t unit_id, const std::string& request_id = {});

// Loads an account without a scope check (sessions, tests); not_found when missing.
Result<Account> load_account(store::Transaction& tx, std::int64_t id);
std::vector<RoleGrant> load_grants(store::Transaction& tx, std::int64_t account_id);

}  // namespace xeploai::service::auth
