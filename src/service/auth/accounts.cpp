#include "service/auth/accounts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cctype>
#include <cstring>
#include <ctime>

#include "security/security.hpp"
#include "service/audit.hpp"
#include "service/auth/authorize.hpp"
#include "service/auth/internal/password_cost.hpp"
#include "service/org/tree.hpp"
#include "text/text.hpp"

namespace xeploai::service::auth {

namespace {

std::atomic<bool> g_minimal_cost{false};

constexpr const char* kAccountColumns =
    "id, username, display_name, person_id, home_unit_id, disabled, created_at, updated_at, version, email";

Account account_from_row(const store::Row& row) {
  Account a;
  a.id = row.get_int(0);
  a.username = row.get_text(1);
  a.display_name = row.get_text(2);
  a.person_id = row.get_optional_int(3);
  a.home_unit_id = row.get_int(4);
  a.disabled = row.get_bool(5);
  a.created_at = row.get_int(6);
  a.updated_at = row.get_int(7);
  a.version = row.get_int(8);
  a.email = row.get_optional_text(9);
  return a;
}

Error account_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy tài khoản {} / account {} not found", id, id));
}

// Reading or changing an account is refused as not_found when the caller may not see it, so ids outside the
// caller's scope cannot be probed.
Result<Account> load_in_scope(store::Transaction& tx, const Principal& who, std::int64_t id) {
  auto account = load_account(tx, id);
  if (!account) return account;
  if (!authorize(tx, who, Action::manage_accounts, account->home_unit_id)) return account_not_found(id);
  // An account that holds power outside the caller's subtree is not theirs to change (or to take over by setting
  // its password), even when its home unit is inside.
  for (const auto& g : account->grants)
    if (auto ok = authorize(tx, who, Action::manage_accounts, g.unit_id); !ok) return ok.error();
  return account;
}

Result<std::string> normalize_display_name(std::string_view name) {
  auto normalized = text::normalize_field(name, "display_name");
  if (!normalized) return normalized;
  if (normalized->empty() || normalized->size() > 200)
    return Error::invalid("Tên hiển thị không hợp lệ / invalid display name",
                          {{"display_name", "must be 1 to 200 bytes"}});
  return normalized;
}

bool email_local_char(unsigned char c) {
  return std::isalnum(c) || std::strchr("!#$%&'*+-/=?^_`{|}~.", c) != nullptr;
}

}  // namespace

Result<std::string> normalize_email(std::string_view email, std::string_view field) {
  std::string_view v = email;
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
  auto bad = [&](std::string why) {
    return Error::invalid("Địa chỉ e-mail không hợp lệ / invalid e-mail address", {{std::string(field), std::move(why)}});
  };
  if (v.empty() || v.size() > 254) return bad("phải dài 3 đến 254 byte / must be 3 to 254 bytes");
  const auto at = v.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || at + 1 == v.size())
    return bad("phải có dạng tên@miền / must look like name@domain");
  const auto local = v.substr(0, at);
  std::string domain(v.substr(at + 1));
  for (unsigned char c : local)
    if (!email_local_char(c))
      return bad("tên trước @ chỉ gồm chữ Latin không dấu, số và .!#$%&'*+-/=?^_`{|}~ / the part before @ allows ASCII "
                 "letters, digits and .!#$%&'*+-/=?^_`{|}~ only");
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return bad("dấu chấm không ở đầu, cuối hay liền nhau / no leading, trailing or double dots");
  for (auto& c : domain) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '-' || c == '.'))
      return bad("tên miền chỉ gồm chữ Latin không dấu, số, - và . / the domain allows ASCII letters, digits, - and . only");
    c = static_cast<char>(std::tolower(u));
  }
  if (domain.find('.') == std::string::npos || domain.front() == '.' || domain.back() == '.' ||
      domain.find("..") != std::string::npos || domain.front() == '-')
    return bad("tên miền phải có dạng ten.mien / the domain must look like example.org");
  return std::string(local) + "@" + domain;
}

namespace {

Result<void> check_person_exists(store::Transaction& tx, std::optional<std::int64_t> person_id) {
  if (!person_id) return {};
  if (!tx.query_one("SELECT 1 FROM people WHERE id = $1", store::params(*person_id)))
    return Error::invalid("Đảng viên không tồn tại / no such person",
                          {{"person_id", fmt::format("no person with id {}", *person_id)}});
  return {};
}

Result<void> check_person_unused(store::Transaction& tx, std::optional<std::int64_t> person_id,
                                 std::int64_t except_account) {
  if (!person_id) return {};
  if (tx.query_one("SELECT id FROM accounts WHERE person_id = $1 AND id <> $2",
                   store::params(*person_id, except_account)))
    return Error::conflict(
        fmt::format("Đảng viên {} đã có tài khoản / person {} already has an account", *person_id, *person_id));
  return {};
}

std::string role_unit_key(const RoleGrant& g) { return fmt::format("{}@{}", to_string(g.role), g.unit_id); }

nlohmann::json grants_json(const std::vector<RoleGrant>& grants) {
  auto out = nlohmann::json::array();
  for (const auto& g : grants) out.push_back({{"role", std::string(to_string(g.role))}, {"unit_id", g.unit_id}});
  return out;
}

}  // namespace

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso_time(std::int64_t unix_ms) {
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(unix_ms % 1000));
}

nlohmann::json to_json(const Account& a) {
  return {{"id", a.id},
          {"username", a.username},
          {"display_name", a.display_name},
          {"person_id", a.person_id ? nlohmann::json(*a.person_id) : nlohmann::json()},
          {"home_unit_id", a.home_unit_id},
          {"disabled", a.disabled},
          {"email", a.email ? nlohmann::json(*a.email) : nlohmann::json()},
          {"created_at", iso_time(a.created_at)},
          {"updated_at", iso_time(a.updated_at)},
          {"version", a.version},
          {"roles", grants_json(a.grants)}};
}

void set_password_cost_for_tests(bool minimal) { g_minimal_cost = minimal; }

namespace internal {
security::PasswordCost password_cost() {
  return g_minimal_cost ? security::PasswordCost::minimal() : security::PasswordCost::interactive();
}
const std::string& dummy_password_hash() {
  if (g_minimal_cost) {
    static const std::string minimal =
        security::hash_password("not a password: timing only", security::PasswordCost::minimal());
    return minimal;
  }
  static const std::string interactive =
      security::hash_password("not a password: timing only", security::PasswordCost::interactive());
  return interactive;
}
}  // namespace internal

Result<std::string> prepare_password(std::string_view password, std::string_view field) {
  if (!text::is_valid_utf8(password))
    return Error::invalid("Mật khẩu không hợp lệ / invalid password", {{std::string(field), "not valid UTF-8"}});
  if (password.size() < 8 || password.size() > 256)
    return Error::invalid("Mật khẩu phải dài 8 đến 256 byte / the password must be 8 to 256 bytes long",
                          {{std::string(field), fmt::format("{0} byte; cần từ 8 đến 256 / {0} bytes; 8 to 256 required",
                                                            password.size())}});
  return security::hash_password(password, internal::password_cost());
}

Result<std::string> normalize_username(std::string_view username, std::string_view field) {
  std::string out;
  for (char c : username) {
    char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '.' || lower == '_' ||
              lower == '-';
    if (!ok)
      return Error::invalid("Tên đăng nhập không hợp lệ / invalid username",
                            {{std::string(field), "only letters a-z, digits, '.', '_' and '-' are allowed"}});
    out.push_back(lower);
  }
  if (out.size() < 3 || out.size() > 64)
    return Error::invalid("Tên đăng nhập không hợp lệ / invalid username",
                          {{std::string(field), "must be 3 to 64 characters"}});
  return out;
}

std::vector<RoleGrant> load_grants(store::Transaction& tx, std::int64_t account_id) {
  std::vector<RoleGrant> grants;
  for (const auto& row :
       tx.query("SELECT role, unit_id FROM role_grants WHERE account_id = $1 ORDER BY id", store::params(account_id))) {
    if (auto role = parse_role(row.get_text(0))) grants.push_back({*role, row.get_int(1)});
  }
  return grants;
}

Result<Account> load_account(store::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(fmt::format("SELECT {} FROM accounts WHERE id = $1", kAccountColumns), store::params(id));
  if (!row) return account_not_found(id);
  auto account = account_from_row(*row);
  account.grants = load_grants(tx, id);
  return account;
}

Result<Account> create_account(store::Transaction& tx, const Principal* actor, const NewAccount& input,
                               const std::string& request_id) {
  std::vector<ErrorDetail> problems;
  auto username = normalize_username(input.username);
  if (!username) problems.insert(problems.end(), username.error().details.begin(), username.error().details.end());
  auto display_name = normalize_display_name(input.display_name);
  if (!display_name)
    problems.insert(problems.end(), display_name.error().details.begin(), display_name.error().details.end());
  if (input.password_hash.empty()) problems.push_back({"password", "required"});
  std::optional<std::string> email;
  if (input.email) {
    auto e = normalize_email(*input.email);
    if (e)
      email = *e;
    else
      problems.insert(problems.end(), e.error().details.begin(), e.error().details.end());
  }
  if (!problems.empty()) return Error::invalid("Tài khoản không hợp lệ / invalid account", problems);

  if (actor) {
    if (auto ok = authorize(tx, *actor, Action::manage_accounts, input.home_unit_id); !ok) return ok.error();
    for (const auto& g : input.grants)
      if (auto ok = authorize(tx, *actor, Action::manage_accounts, g.unit_id); !ok) return ok.error();
  }
  if (auto ok = check_person_exists(tx, input.person_id); !ok) return ok.error();
  if (auto ok = check_person_unused(tx, input.person_id, 0); !ok) return ok.error();
  if (tx.query_one("SELECT id FROM accounts WHERE username = $1", store::params(*username)))
    return Error::conflict(
        fmt::format("Tên đăng nhập '{}' đã được dùng / username '{}' is taken", *username, *username));

  const auto now = now_ms();
  std::int64_t id = 0;
  try {
    auto row = tx.query_one(
        "INSERT INTO accounts (username, display_name, password_hash, person_id, home_unit_id, disabled, "
        "created_at, updated_at, version, email) VALUES ($1, $2, $3, $4, $5, 0, $6, $6, 1, $7) RETURNING id",
        store::params(*username, *display_name, input.password_hash, input.person_id, input.home_unit_id, now,
                      email));
    id = row->get_int(0);
    std::vector<std::string> seen;
    for (const auto& g : input.grants) {
      if (std::find(seen.begin(), seen.end(), role_unit_key(g)) != seen.end()) continue;
      seen.push_back(role_unit_key(g));
      tx.execute(
          "INSERT INTO role_grants (account_id, role, unit_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)",
          store::params(id, std::string(to_string(g.role)), g.unit_id,
                        actor ? std::optional<std::int64_t>(actor->account_id) : std::nullopt, now));
    }
  } catch (const store::ConstraintViolation&) {
    // Only a unit id that does not exist gets here (the username and person were checked above).
    return Error::invalid("Đơn vị không tồn tại / no such unit",
                          {{"home_unit_id", "không có đơn vị này / no unit with this id"}});
  }
  auto account = load_account(tx, id);
  record_audit(tx, actor, {"account.create", "account", id, nullptr, to_json(*account), account->home_unit_id},
               request_id);
  return account;
}

Result<Account> get_account(store::Transaction& tx, const Principal& who, std::int64_t id) {
  // Everyone may read their own account.
  if (who.account_id == id) return load_account(tx, id);
  return load_in_scope(tx, who, id);
}

Result<AccountPage> list_accounts(store::Transaction& tx, const Principal& who, std::int64_t unit_id,
                                  std::int64_t offset, std::int64_t limit) {
  if (auto ok = authorize(tx, who, Action::manage_accounts, unit_id); !ok) return ok.error();
  // The tree's shape belongs to the org module, so the subtree is found through its questions: the distinct
  // home units are few next to the accounts.
  std::vector<std::int64_t> units;
  for (const auto& row : tx.query("SELECT DISTINCT home_unit_id FROM accounts")) {
    auto u = row.get_int(0);
    if (org::unit_in_subtree(tx, u, unit_id)) units.push_back(u);
  }
  AccountPage page;
  if (units.empty()) return page;
  std::string in_list;
  for (auto u : units) in_list += (in_list.empty() ? "" : ",") + std::to_string(u);
  page.total =
      tx.query_one(fmt::format("SELECT COUNT(*) FROM accounts WHERE home_unit_id IN ({})", in_list))->get_int(0);
  for (const auto& row : tx.query(fmt::format("SELECT {} FROM accounts WHERE home_unit_id IN ({}) ORDER BY "
                                              "username LIMIT $1 OFFSET $2",
                                              kAccountColumns, in_list),
                                  store::params(limit, offset))) {
    auto a = account_from_row(row);
    a.grants = load_grants(tx, a.id);
    page.items.push_back(std::move(a));
  }
  return page;
}

Result<Account> update_account(store::Transaction& tx, const Principal& who, std::int64_t id,
                               const AccountChanges& changes, const std::string& request_id) {
  auto before = load_in_scope(tx, who, id);
  if (!before) return before;
  if (changes.version != before->version)
    return Error::conflict(
        fmt::format("Tài khoản đã bị thay đổi (phiên bản {}, gửi lên {}) / the account changed (version {}, sent {})",
                    before->version, changes.version, before->version, changes.version));
  Account after = *before;
  if (changes.display_name) {
    auto name = normalize_display_name(*changes.display_name);
    if (!name) return name.error();
    after.display_name = *name;
  }
  if (changes.person_id) {
    if (auto ok = check_person_exists(tx, *changes.person_id); !ok) return ok.error();
    if (auto ok = check_person_unused(tx, *changes.person_id, id); !ok) return ok.error();
    after.person_id = *changes.person_id;
  }
  if (changes.disabled) {
    if (*changes.disabled && who.account_id == id)
      return Error::invalid("Không thể tự khóa tài khoản của mình / you cannot disable your own account",
                            {{"disabled", "own account"}});
    after.disabled = *changes.disabled;
  }
  if (changes.email) {
    if (*changes.email) {
      auto e = normalize_email(**changes.email);
      if (!e) return e.error();
      after.email = *e;
    } else {
      after.email.reset();
    }
  }
  if (changes.home_unit_id && *changes.home_unit_id != before->home_unit_id) {
    if (auto ok = authorize(tx, who, Action::manage_accounts, *changes.home_unit_id); !ok) return ok.error();
    after.home_unit_id = *changes.home_unit_id;
  }
  after.updated_at = now_ms();
  after.version = before->version + 1;
  auto changed = tx.execute(
      "UPDATE accounts SET display_name = $1, person_id = $2, disabled = $3, home_unit_id = $4, updated_at = $5, "
      "version = $6, email = $9 WHERE id = $7 AND version = $8",
      store::params(after.display_name, after.person_id, after.disabled, after.home_unit_id, after.updated_at,
                    after.version, id, before->version, after.email));
  if (changed != 1) return Error::conflict("Tài khoản vừa bị thay đổi / the account changed meanwhile");
  // A disabled account loses its sessions at once.
  if (after.disabled) tx.execute("DELETE FROM sessions WHERE account_id = $1", store::params(id));
  record_audit(tx, &who, {"account.update", "account", id, to_json(*before), to_json(after), after.home_unit_id},
               request_id);
  return after;
}

Result<std::string> stored_password_hash(store::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one("SELECT password_hash FROM accounts WHERE id = $1", store::params(id));
  if (!row) return account_not_found(id);
  return row->get_text(0);
}

Result<void> set_password(store::Transaction& tx, const Principal& who, std::int64_t id,
                          const std::string& password_hash, const std::string& request_id) {
  auto account = who.account_id == id ? load_account(tx, id) : load_in_scope(tx, who, id);
  if (!account) return account.error();
  tx.execute("UPDATE accounts SET password_hash = $1, updated_at = $2, version = version + 1 WHERE id = $3",
             store::params(password_hash, now_ms(), id));
  // Other sessions end: a changed password must lock out whoever knew the old one.
  tx.execute("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2",
             store::params(id, who.account_id == id ? who.session_id_hash : std::string()));
  // The hash itself never enters the audit log.
  record_audit(tx, &who,
               {"account.set_password", "account", id, nullptr, {{"password_changed", true}}, account->home_unit_id},
               request_id);
  return {};
}

Result<Account> grant_role(store::Transaction& tx, const Principal& who, std::int64_t account_id, Role role,
                           std::int64_t unit_id, const std::string& request_id) {
  auto before = load_in_scope(tx, who, account_id);
  if (!before) return before;
  if (auto ok = authorize(tx, who, Action::manage_accounts, unit_id); !ok) return ok.error();
  for (const auto& g : before->grants)
    if (g.role == role && g.unit_id == unit_id)
      return Error::conflict(
          fmt::format("Tài khoản đã có vai trò {} tại đơn vị {} / the account already has role {} on unit {}",
                      to_string(role), unit_id, to_string(role), unit_id));
  tx.execute("INSERT INTO role_grants (account_id, role, unit_id, granted_by, granted_at) VALUES ($1, $2, $3, $4, $5)",
             store::params(account_id, std::string(to_string(role)), unit_id, who.account_id, now_ms()));
  tx.execute("UPDATE accounts SET version = version + 1, updated_at = $1 WHERE id = $2",
             store::params(now_ms(), account_id));
  auto after = load_account(tx, account_id);
  record_audit(tx, &who, {"account.grant_role", "account", account_id, to_json(*before), to_json(*after), unit_id},
               request_id);
  return after;
}

Result<Account> revoke_role(store::Transaction& tx, const Principal& who, std::int64_t account_id, Role role,
                            std::int64_t unit_id, const std::string& request_id) {
  auto before = load_in_scope(tx, who, account_id);
  if (!before) return before;
  if (auto ok = authorize(tx, who, Action::manage_accounts, unit_id); !ok) return ok.error();
  auto removed = tx.execute("DELETE FROM role_grants WHERE account_id = $1 AND role = $2 AND unit_id = $3",
                            store::params(account_id, std::string(to_string(role)), unit_id));
  if (removed == 0)
    return Error::not_found(fmt::format("Tài khoản không có vai trò {} tại đơn vị {} / no role {} on unit {}",
                                        to_string(role), unit_id, to_string(role), unit_id));
  tx.execute("UPDATE accounts SET version = version + 1, updated_at = $1 WHERE id = $2",
             store::params(now_ms(), account_id));
  auto after = load_account(tx, account_id);
  record_audit(tx, &who, {"account.revoke_role", "account", account_id, to_json(*before), to_json(*after), unit_id},
               request_id);
  return after;
}

}  // namespace xeploai::service::auth
