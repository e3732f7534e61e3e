// Accounts and access over the real server, on SQLite and PostgreSQL: login, cookies, CSRF, throttling, expiry,
// logout, accounts, roles, versions, idempotency keys and the audit log.
#include <gtest/gtest.h>

#include "api/support/test_app.hpp"
#include "security/security.hpp"
#include "service/auth/accounts.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

class AuthApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    a_ = app_->add_unit(app_->root_unit(), "grassroots_committee", "Đảng bộ xã An Bình", "XAB");
    a_cell_ = app_->add_unit(a_, "cell", "Chi bộ thôn 1", "XAB-T1");
    b_ = app_->add_unit(app_->root_unit(), "grassroots_committee", "Đảng bộ phường Đông Hà", "PDH");
    admin_a_ = app_->add_account("admin.a", "mat-khau-A1", a_, {{Role::administrator, a_}});
    admin_b_ = app_->add_account("admin.b", "mat-khau-B1", b_, {{Role::administrator, b_}});
  }
  void TearDown() override { app_.reset(); }

  std::int64_t audit_count() { return app_->count_rows("audit_log"); }

  std::unique_ptr<TestApp> app_;
  std::int64_t a_ = 0, a_cell_ = 0, b_ = 0, admin_a_ = 0, admin_b_ = 0;
};

TEST_P(AuthApiTest, LoginSetsHttpOnlyStrictCookieAndStoresOnlyTheTokenHash) {
  auto c = app_->client();
  auto r = c.login("admin.a", "mat-khau-A1");
  ASSERT_EQ(r.status, 201) << r.body;
  auto cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("xeploai_session="), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "no TLS in tests: " << cookie;
  auto j = r.json();
  EXPECT_EQ(j["account"]["username"], "admin.a");
  EXPECT_FALSE(j.contains("token")) << "a cookie login does not expose the token to scripts";
  EXPECT_FALSE(j["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(r.body.find("argon2"), std::string::npos) << "no password hash in a response";

  const std::string token = c.cookies().at("xeploai_session");
  auto tx = app_->db().begin(store::Access::read);
  auto rows = tx->query("SELECT token_hash FROM sessions");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].get_text(0), security::token_hash(token));
  EXPECT_NE(rows[0].get_text(0), token);
  tx.reset();

  auto me = c.get("/api/v1/session");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["account"]["id"], admin_a_);
  EXPECT_EQ(me.json()["account"]["roles"][0]["role"], "administrator");
  EXPECT_EQ(me.json()["csrf_token"], c.csrf_token());
}

TEST_P(AuthApiTest, WrongPasswordAndUnknownUserGetTheSameRefusal) {
  auto c = app_->client();
  auto wrong = c.login("admin.a", "not-the-password");
  auto unknown = c.login("nobody.here", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["error"]["message"], unknown.json()["error"]["message"]);
  EXPECT_TRUE(c.cookies().empty());
  EXPECT_EQ(c.get("/api/v1/session").status, 401);
  auto missing = c.post("/api/v1/sessions", {{"username", "admin.a"}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.json()["error"]["details"][0]["path"], "password");
}

TEST_P(AuthApiTest, FiveFailuresLockTheAccountWithRetryAfter) {
  auto c = app_->client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login("admin.a", "wrong-" + std::to_string(i)).status, 401);
  auto locked = c.login("admin.a", "mat-khau-A1");  // even the right password is refused now
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.error_code(), "rate_limited");
  auto retry = std::stoll(locked.header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
  // Other accounts are not locked by it.
  EXPECT_EQ(c.login("admin.b", "mat-khau-B1").status, 201);
  // When the failures age out of the window, the account opens again.
  app_->write([](store::Transaction& tx) { tx.execute("UPDATE login_attempts SET at = at - 16 * 60 * 1000"); });
  EXPECT_EQ(c.login("admin.a", "mat-khau-A1").status, 201);
}

TEST_P(AuthApiTest, TwentyFailuresFromOneAddressBlockIt) {
  auto c = app_->client();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(c.login("guess" + std::to_string(i), "wrong-password").status, 401) << i;
  auto blocked = c.login("admin.b", "mat-khau-B1");
  EXPECT_EQ(blocked.status, 429) << blocked.body;
  EXPECT_FALSE(blocked.header("retry-after").empty());
}

TEST_P(AuthApiTest, CookieWritesNeedTheCsrfTokenAndBearerWritesDoNot) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const nlohmann::json body = {
      {"username", "thu.ky"}, {"display_name", "Thư ký"}, {"password", "mat-khau-123"}, {"home_unit_id", a_cell_}};
  const auto before = app_->count_rows("accounts");
  c.set_send_csrf(false);
  auto refused = c.post("/api/v1/accounts", body);
  EXPECT_EQ(refused.status, 403) << refused.body;
  c.set_csrf_token("forged");
  c.set_send_csrf(true);
  EXPECT_EQ(c.post("/api/v1/accounts", body).status, 403);
  EXPECT_EQ(app_->count_rows("accounts"), before);

  auto scripted = app_->client();
  auto login = scripted.login("admin.a", "mat-khau-A1", /*bearer=*/true);
  ASSERT_EQ(login.status, 201);
  scripted.cookies().clear();
  scripted.set_bearer(login.json()["token"]);
  scripted.set_send_csrf(false);
  auto created = scripted.post("/api/v1/accounts", body);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(app_->count_rows("accounts"), before + 1);
}

TEST_P(AuthApiTest, LogoutEndsTheSessionAndClearsTheCookie) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const auto token = c.cookies().at("xeploai_session");
  auto out = c.logout();
  EXPECT_EQ(out.status, 200) << out.body;
  EXPECT_NE(out.header("set-cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_TRUE(c.cookies().empty());
  // The old token is dead even if a client kept it.
  c.cookies()["xeploai_session"] = token;
  EXPECT_EQ(c.get("/api/v1/session").status, 401);
  EXPECT_EQ(app_->count_rows("sessions"), 0);
}

TEST_P(AuthApiTest, SessionsExpireWhenIdleAndAtTheirAbsoluteEnd) {
  auto idle = app_->login("admin.a", "mat-khau-A1");
  auto absolute = app_->login("admin.b", "mat-khau-B1");
  ASSERT_EQ(idle.get("/api/v1/session").status, 200);
  const auto now = service::auth::now_ms();
  app_->write([&](store::Transaction& tx) {
    // ApiOptions::session_hours is 12 by default.
    tx.execute("UPDATE sessions SET last_seen_at = $1 WHERE account_id = $2",
               store::params(now - 13LL * 3600 * 1000, admin_a_));
    tx.execute("UPDATE sessions SET expires_at = $1 WHERE account_id = $2", store::params(now - 1, admin_b_));
  });
  EXPECT_EQ(idle.get("/api/v1/session").status, 401);
  EXPECT_EQ(absolute.get("/api/v1/session").status, 401);
}

TEST_P(AuthApiTest, GetSessionRefreshesTheIdleExpiry) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const auto now = service::auth::now_ms();
  app_->write([&](store::Transaction& tx) {
    tx.execute("UPDATE sessions SET last_seen_at = $1", store::params(now - 11LL * 3600 * 1000));
  });
  ASSERT_EQ(c.get("/api/v1/session").status, 200);
  auto tx = app_->db().begin(store::Access::read);
  EXPECT_GE(tx->query_one("SELECT last_seen_at FROM sessions")->get_int(0), now);
}

TEST_P(AuthApiTest, CreateAccountIsAuditedWithoutThePassword) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const auto audits = audit_count();
  auto r = c.post("/api/v1/accounts", {{"username", "Bi.Thu.T1"},
                                       {"display_name", "Bí thư chi bộ thôn 1"},
                                       {"password", "mat-khau-123"},
                                       {"home_unit_id", a_cell_},
                                       {"roles", {{{"role", "cell_secretary"}, {"unit_id", a_cell_}}}}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["username"], "bi.thu.t1");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["roles"][0]["role"], "cell_secretary");
  EXPECT_EQ(audit_count(), audits + 1);
  auto tx = app_->db().begin(store::Access::read);
  auto row = tx->query_one(
      "SELECT action, entity, entity_id, before_json, after_json, actor_account_id FROM "
      "audit_log ORDER BY id DESC LIMIT 1");
  EXPECT_EQ(row->get_text(0), "account.create");
  EXPECT_EQ(row->get_int(2), j["id"].get<std::int64_t>());
  EXPECT_TRUE(row->is_null(3));
  EXPECT_EQ(row->get_text(4).find("argon2"), std::string::npos);
  EXPECT_EQ(row->get_int(5), admin_a_);
  tx.reset();
  // The new account can sign in; the same name again is a conflict (case-insensitively).
  EXPECT_EQ(app_->client().login("bi.thu.t1", "mat-khau-123").status, 201);
  auto again = c.post(
      "/api/v1/accounts",
      {{"username", "BI.THU.T1"}, {"display_name", "X"}, {"password", "mat-khau-123"}, {"home_unit_id", a_cell_}});
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_P(AuthApiTest, BadAccountInputNamesEveryProblemAndChangesNothing) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const auto accounts = app_->count_rows("accounts");
  const auto audits = audit_count();
  auto r = c.post("/api/v1/accounts", {{"username", "x"},
                                       {"password", "short"},
                                       {"home_unit_id", -3},
                                       {"roles", {{{"role", "king"}, {"unit_id", a_}}}},
                                       {"colour", "red"}});
  ASSERT_EQ(r.status, 400) << r.body;
  std::set<std::string> paths;
  const auto error = r.json();
  for (const auto& d : error["error"]["details"]) paths.insert(d["path"].get<std::string>());
  for (const char* p : {"username", "display_name", "password", "home_unit_id", "roles[0].role", "colour"})
    EXPECT_TRUE(paths.count(p)) << "missing problem for " << p << " in " << r.body;
  EXPECT_EQ(app_->count_rows("accounts"), accounts);
  EXPECT_EQ(audit_count(), audits);
  EXPECT_EQ(c.post("/api/v1/accounts", nlohmann::json::array()).status, 400);
  EXPECT_EQ(c.request("POST", "/api/v1/accounts", "{not json").status, 400);
}

TEST_P(AuthApiTest, UpdatesCarryTheVersionAndStaleOnesConflict) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  auto id = app_->add_account("can.bo", "mat-khau-123", a_cell_, {});
  auto ok = c.patch("/api/v1/accounts/" + std::to_string(id), {{"version", 1}, {"display_name", "Cán bộ văn phòng"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["version"], 2);
  EXPECT_EQ(ok.json()["display_name"], "Cán bộ văn phòng");
  auto stale = c.patch("/api/v1/accounts/" + std::to_string(id), {{"version", 1}, {"display_name", "Khác"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(c.get("/api/v1/accounts/" + std::to_string(id)).json()["display_name"], "Cán bộ văn phòng");
}

TEST_P(AuthApiTest, DisablingAnAccountEndsItsSessionsAndRefusesLogin) {
  auto id = app_->add_account("tam.nghi", "mat-khau-123", a_cell_, {{Role::committee_staff, a_}});
  auto user = app_->login("tam.nghi", "mat-khau-123");
  auto admin = app_->login("admin.a", "mat-khau-A1");
  auto r = admin.patch("/api/v1/accounts/" + std::to_string(id), {{"version", 1}, {"disabled", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(user.get("/api/v1/session").status, 401);
  EXPECT_EQ(app_->client().login("tam.nghi", "mat-khau-123").status, 401);
}

TEST_P(AuthApiTest, ChangingYourOwnPasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  auto phone = app_->login("admin.a", "mat-khau-A1");
  auto laptop = app_->login("admin.a", "mat-khau-A1");
  const auto path = "/api/v1/accounts/" + std::to_string(admin_a_) + "/password";
  EXPECT_EQ(laptop.post(path, {{"password", "mat-khau-moi-1"}}).status, 400);
  EXPECT_EQ(laptop.post(path, {{"password", "mat-khau-moi-1"}, {"current_password", "wrong-one"}}).status, 403);
  auto ok = laptop.post(path, {{"password", "mat-khau-moi-1"}, {"current_password", "mat-khau-A1"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(laptop.get("/api/v1/session").status, 200);
  EXPECT_EQ(phone.get("/api/v1/session").status, 401);
  EXPECT_EQ(app_->client().login("admin.a", "mat-khau-A1").status, 401);
  EXPECT_EQ(app_->client().login("admin.a", "mat-khau-moi-1").status, 201);
  // An administrator sets the password of an account in scope without the current one, not out of scope.
  auto other = app_->add_account("thu.quy", "mat-khau-123", a_cell_, {});
  EXPECT_EQ(
      laptop.post("/api/v1/accounts/" + std::to_string(other) + "/password", {{"password", "mat-khau-456"}}).status,
      200);
  EXPECT_EQ(app_->client().login("thu.quy", "mat-khau-456").status, 201);
  EXPECT_EQ(
      laptop.post("/api/v1/accounts/" + std::to_string(admin_b_) + "/password", {{"password", "mat-khau-456"}}).status,
      404);
}

TEST_P(AuthApiTest, RolesAreGrantedAndRevokedOnlyInsideTheGrantorsSubtree) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  auto id = app_->add_account("uy.vien", "mat-khau-123", a_cell_, {});
  const auto roles = "/api/v1/accounts/" + std::to_string(id) + "/roles";
  auto granted = c.post(roles, {{"role", "committee"}, {"unit_id", a_}});
  ASSERT_EQ(granted.status, 201) << granted.body;
  EXPECT_EQ(granted.json()["roles"].size(), 1u);
  EXPECT_EQ(c.post(roles, {{"role", "committee"}, {"unit_id", a_}}).status, 409);
  auto outside = c.post(roles, {{"role", "committee"}, {"unit_id", b_}});
  EXPECT_EQ(outside.status, 403) << outside.body;
  EXPECT_EQ(c.post(roles, {{"role", "administrator"}, {"unit_id", app_->root_unit()}}).status, 403);
  auto revoked = c.del(roles + "/committee/" + std::to_string(a_));
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(revoked.json()["roles"].empty());
  EXPECT_EQ(c.del(roles + "/committee/" + std::to_string(a_)).status, 404);
}

TEST_P(AuthApiTest, AccountListsAreLimitedToTheCallersSubtreeAndPaginate) {
  for (int i = 0; i < 3; ++i) app_->add_account("dv.a" + std::to_string(i), "mat-khau-123", a_cell_, {});
  app_->add_account("dv.b", "mat-khau-123", b_, {});
  auto c = app_->login("admin.a", "mat-khau-A1");
  auto all = c.get("/api/v1/accounts");
  ASSERT_EQ(all.status, 200) << all.body;
  const auto listed = all.json();
  EXPECT_EQ(listed["total"], 4);  // admin.a and three members; nobody from B
  for (const auto& a : listed["items"]) EXPECT_NE(a["username"], "dv.b");
  auto page = c.get("/api/v1/accounts?page=2&page_size=3");
  EXPECT_EQ(page.json()["items"].size(), 1u);
  EXPECT_EQ(page.json()["page"], 2);
  EXPECT_EQ(c.get("/api/v1/accounts?page_size=501").status, 400);
  EXPECT_EQ(c.get("/api/v1/accounts?unit_id=" + std::to_string(b_)).status, 403);
  EXPECT_EQ(c.get("/api/v1/accounts/" + std::to_string(admin_b_)).status, 404);
}

TEST_P(AuthApiTest, AnIdempotencyKeyReplaysTheFirstAnswer) {
  auto c = app_->login("admin.a", "mat-khau-A1");
  const nlohmann::json body = {
      {"username", "mot.lan"}, {"display_name", "Một lần"}, {"password", "mat-khau-123"}, {"home_unit_id", a_cell_}};
  auto first = c.post("/api/v1/accounts", body, {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = c.post("/api/v1/accounts", body, {{"Idempotency-Key", "k-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("idempotent-replayed"), "true");
  auto changed = body;
  changed["username"] = "hai.lan";
  EXPECT_EQ(c.post("/api/v1/accounts", changed, {{"Idempotency-Key", "k-1"}}).status, 409);
  auto tx = app_->db().begin(store::Access::read);
  EXPECT_EQ(tx->query_one("SELECT COUNT(*) FROM accounts WHERE username IN ('mot.lan', 'hai.lan')")->get_int(0), 1);
}

TEST_P(AuthApiTest, TheAuditLogIsAppendOnly) {
  auto tx = app_->db().begin(store::Access::write);
  EXPECT_THROW(tx->execute("UPDATE audit_log SET action = 'forged'"), store::DatabaseError);
  tx.reset();
  tx = app_->db().begin(store::Access::write);
  EXPECT_THROW(tx->execute("DELETE FROM audit_log"), store::DatabaseError);
  tx.reset();
  EXPECT_GT(audit_count(), 0);
}

TEST_P(AuthApiTest, TheAuditLogIsReadPerSubtree) {
  auto ca = app_->login("admin.a", "mat-khau-A1");
  auto cb = app_->login("admin.b", "mat-khau-B1");
  ASSERT_EQ(
      ca.post(
            "/api/v1/accounts",
            {{"username", "moi.a"}, {"display_name", "Mới A"}, {"password", "mat-khau-123"}, {"home_unit_id", a_cell_}})
          .status,
      201);
  auto mine = ca.get("/api/v1/audit?entity=account&action=account.create");
  ASSERT_EQ(mine.status, 200) << mine.body;
  bool found = false;
  const auto mine_json = mine.json();
  for (const auto& e : mine_json["items"]) {
    found |= e["after"]["username"] == "moi.a";
    EXPECT_NE(e["after"]["username"], "admin.b");
  }
  EXPECT_TRUE(found) << mine.body;
  auto theirs = cb.get("/api/v1/audit?entity=account&action=account.create");
  ASSERT_EQ(theirs.status, 200);
  const auto theirs_json = theirs.json();
  for (const auto& e : theirs_json["items"]) EXPECT_NE(e["after"]["username"], "moi.a");
  EXPECT_EQ(cb.get("/api/v1/audit?unit_id=" + std::to_string(a_)).status, 403);
  // A role that may not read the log gets a refusal, not an empty page.
  app_->add_account("thu.ky.a", "mat-khau-123", a_cell_, {{Role::cell_secretary, a_cell_}});
  EXPECT_EQ(app_->login("thu.ky.a", "mat-khau-123").get("/api/v1/audit").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
