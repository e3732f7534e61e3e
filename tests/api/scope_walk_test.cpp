// THE out-of-scope walk. For every route the router knows, a user holding every role on branch A of the tree
// calls it with ids of objects on branch B (path parameters, unit/person query parameters, and a body built from the
// route's documented request schema), and must be refused with 401/403/404 while the database stays unchanged
// (the audit log's row count and a digest of every domain table). A new route that forgets its scope check fails
// here; a new kind of path parameter fails here until the walk knows an out-of-scope value for it.
// A second pass calls every authenticated route without a session and expects 401.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

#include "api/support/test_app.hpp"
#include "service/org/common.hpp"
#include "service/org/units.hpp"
#include "service/people/people.hpp"
#include "service/review/meetings.hpp"
#include "service/review/review.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

// Routes about the caller themself, not about anything in the tree: answered for any signed-in user.
const std::set<std::string> kSelfRoutes = {"GET /api/v1/session", "DELETE /api/v1/sessions/current",
                                           "GET /api/v1/me/reviews", "GET /api/v1/me/reminders",
                                           "GET /api/v1/me/notifications", "GET /api/v1/me/results"};
// Routes that read no stored data at all, so no branch can leak through them: answered for any signed-in user.
// POST /api/v1/grading/check grades the batch in its body and stores nothing (tests/api/grading_test.cpp).
const std::set<std::string> kScopeFreeRoutes = {"POST /api/v1/grading/check"};

// Tables whose content an out-of-scope call must not change (sessions and login attempts may move).
const char* const kDomainTables[] = {"units",
                                     "unit_parents",
                                     "unit_events",
                                     "collectives",
                                     "people",
                                     "memberships",
                                     "posts",
                                     "accounts",
                                     "role_grants",
                                     "idempotency_keys",
                                     "review_cycles",
                                     "review_subjects",
                                     "review_statements",
                                     "review_transitions",
                                     "review_decisions",
                                     "decision_grades",
                                     "review_complaints",
                                     "notifications",
                                     "member_conclusions"};
// The meeting's tables (service/review/meetings), among them the secret ballot's.
const char* const kMeetingTables[] = {"review_meetings",      "review_meeting_attendees", "review_meeting_subjects",
                                      "review_ballot_voters", "review_meeting_comments",  "review_meeting_received"};

class ScopeWalkTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto root = app_->root_unit();
    a_ = app_->add_unit(root, "grassroots_committee", "Đảng bộ xã An Bình", "XAB");
    a_cell_ = app_->add_unit(a_, "cell", "Chi bộ thôn 1", "XAB-T1");
    b_ = app_->add_unit(root, "grassroots_committee", "Đảng bộ phường Đông Hà", "PDH");
    b_cell_ = app_->add_unit(b_, "cell", "Chi bộ khu phố 2", "PDH-KP2");
    a_person_ = app_->add_person(a_cell_, "Nguyễn Văn An", "A-0001");
    b_person_ = app_->add_person(b_cell_, "Trần Thị Bình", "B-0001");
    service::Call call{app_->system(), "walk-seed"};
    b_collective_ = app_->write([&](store::Transaction& tx) {
      auto r = service::org::create_collective(tx, call, b_, {{"kind", "executive_committee"}, {"name", "BCH"}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
    });
    b_post_ = app_->write([&](store::Transaction& tx) {
      auto r = service::people::create_post(tx, call, b_person_, {{"unit_id", b_}, {"title", "Bí thư"}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
    });
    // A review cycle on branch B (service/review), so that /cycles/{id} and /reviews/{id} have B's ids.
    b_cycle_ = app_->write([&](store::Transaction& tx) {
      tx.execute("UPDATE people SET admitted_on = '2010-01-01' WHERE id = $1", store::params(b_person_));
      auto r = service::review::open_cycle(tx, call, {{"unit_id", b_}, {"year", 2026}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
    });
    b_review_ = app_->write([&](store::Transaction& tx) {
      // The review at the cell (B's member also holds a post), which B's meeting below holds.
      return tx
          .query_one("SELECT id FROM review_subjects WHERE person_id = $1 AND place = 'cell'", store::params(b_person_))
          ->get_int(0);
    });
    // B's cell meeting in that cycle (service/review/meetings), so that /meetings/{id} has B's id and the
    // /reviews/{id}/meeting routes reach a meeting. Seeded by a committee of the root: run_meeting is not the
    // administrator's.
    {
      service::Principal committee;
      committee.username = "walk-committee";
      committee.grants = {{Role::committee, root}};
      service::Call as_committee{committee, "walk-seed"};
      b_meeting_ = app_->write([&](store::Transaction& tx) {
        auto r = service::review::create_meeting(tx, as_committee,
                                                 {{"cycle_id", b_cycle_},
                                                  {"unit_id", b_cell_},
                                                  {"date", "2026-12-10"},
                                                  {"place", "Hội trường khu phố 2"},
                                                  {"chair_id", b_person_},
                                                  {"secretary_id", b_person_}});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
      });
    }
    // A decision, a complaint and a notification on branch B (as the decision service stores them), so that
    // /decisions/{id}, /complaints/{id} and /me/notifications/{id} have B's ids.
    app_->write([&](store::Transaction& tx) {
      b_decision_ = tx.query_one(
                          "INSERT INTO review_decisions (cycle_id, unit_id, organ, kind, number, decided_on, signer, "
                          "appraisal_json, created_at, updated_at) VALUES ($1, $2, 'committee', 'decision', "
                          "'1-QĐ/ĐU', '2026-11-20', 'Bí thư', '{}', 0, 0) RETURNING id",
                          store::params(b_cycle_, b_))
                        ->get_int(0);
      tx.execute("INSERT INTO decision_grades (decision_id, subject_id, grade) VALUES ($1, $2, 'HTTNV')",
                 store::params(b_decision_, b_review_));
      b_complaint_ = tx.query_one(
                           "INSERT INTO review_complaints (subject_id, decision_id, filed_on, text, created_at, "
                           "updated_at) VALUES ($1, $2, '2026-11-25', 'Khiếu nại', 0, 0) RETURNING id",
                           store::params(b_review_, b_decision_))
                         ->get_int(0);
      b_notification_ = tx.query_one(
                              "INSERT INTO notifications (person_id, unit_id, kind, subject_id, text_vi, text_en, "
                              "created_at) VALUES ($1, $2, 'grade_published', $3, 'Kết quả', 'Result', 0) RETURNING id",
                              store::params(b_person_, b_cell_, b_review_))
                            ->get_int(0);
    });
    b_account_ = app_->add_account("admin.b", "mat-khau-B1", b_, {{Role::administrator, b_}}, b_person_);
    // Every role there is, but all of them on branch A.
    app_->add_account("moi.vai.tro.a", "mat-khau-A1", a_,
                      {{Role::administrator, a_},
                       {Role::committee_staff, a_},
                       {Role::committee, a_},
                       {Role::organization_board, a_},
                       {Role::inspection, a_},
                       {Role::cell_secretary, a_cell_},
                       {Role::member, a_cell_}},
                      a_person_);
  }
  void TearDown() override { app_.reset(); }

  // An id on branch B for a path parameter, from the segment before it ("/units/{id}" -> a unit of B).
  std::optional<std::string> out_of_scope_param(const std::string& pattern, const std::string& name) {
    if (name == "unit_id") return std::to_string(b_);
    if (name == "person_id") return std::to_string(b_person_);
    if (name == "role") return "administrator";
    const auto at = pattern.find("{" + name + "}");
    auto before = pattern.substr(0, at);
    if (!before.empty() && before.back() == '/') before.pop_back();
    const auto collection = before.substr(before.rfind('/') + 1);
    if (collection == "units") return std::to_string(b_);
    if (collection == "people") return std::to_string(b_person_);
    if (collection == "accounts") return std::to_string(b_account_);
    if (collection == "collectives") return std::to_string(b_collective_);
    if (collection == "posts") return std::to_string(b_post_);
    if (collection == "cycles") return std::to_string(b_cycle_);
    if (collection == "reviews") return std::to_string(b_review_);
    if (collection == "meetings") return std::to_string(b_meeting_);
    if (collection == "decisions") return std::to_string(b_decision_);
    if (collection == "complaints") return std::to_string(b_complaint_);
    if (collection == "notifications") return std::to_string(b_notification_);
    return std::nullopt;
  }

  Json id_for(const std::string& field) {
    if (field == "version") return 1;
    if (field == "person_id" || field == "members") return b_person_;
    if (field == "collective_id") return b_collective_;
    if (field == "cycle_id") return b_cycle_;
    if (field == "chair_id" || field == "secretary_id" || field == "speaker_id") return b_person_;
    // unit_id, parent_id, home_unit_id, into, sources, units, ...: B's cell, where members may be placed, so that a
    // body is refused for its scope rather than for the kind of unit.
    return b_cell_;
  }

  // A body that is valid as far as its schema says, aimed at branch B.
  Json sample(const Json& schema, const std::string& field) {
    if (schema.contains("enum")) return schema["enum"][0];
    const auto type = schema.value("type", std::string("object"));
    if (type == "object") {
      Json out = Json::object();
      std::set<std::string> required;
      if (schema.contains("required"))
        for (const auto& r : schema["required"]) required.insert(r.get<std::string>());
      if (schema.contains("properties"))
        for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it) {
          const auto& key = it.key();
          // Required fields, and every id (or list of ids) so that the request points at B.
          const auto& prop = it.value();
          const auto prop_type = prop.value("type", std::string());
          bool id_like = prop_type == "integer" || (prop_type == "array" && prop.contains("items") &&
                                                    prop["items"].value("type", "") == "integer");
          if (required.count(key) || id_like) out[key] = sample(prop, key);
        }
      return out;
    }
    if (type == "integer" || type == "number") return id_for(field);
    if (type == "boolean") return false;
    if (type == "array") return Json::array({sample(schema.value("items", Json::object()), field)});
    const auto format = schema.value("format", std::string());
    if (format == "date") return "2021-01-01";
    if (format == "password" || field.find("password") != std::string::npos) return "mat-khau-thu-123";
    if (field == "code") return "WALK-1";
    if (field == "username") return "walk.user";
    return "Giá trị thử";
  }

  std::string snapshot() {
    std::string out = std::to_string(app_->count_rows("audit_log"));
    for (const char* table : kDomainTables) out += std::string("|") + table + ":" + app_->table_digest(table);
    for (const char* table : kMeetingTables) out += std::string("|") + table + ":" + app_->table_digest(table);
    return out;
  }

  std::unique_ptr<TestApp> app_;
  std::int64_t a_ = 0, a_cell_ = 0, b_ = 0, b_cell_ = 0, a_person_ = 0, b_person_ = 0, b_collective_ = 0, b_post_ = 0,
               b_account_ = 0, b_cycle_ = 0, b_review_ = 0, b_meeting_ = 0, b_decision_ = 0, b_complaint_ = 0,
               b_notification_ = 0;
};

TEST_P(ScopeWalkTest, EveryRouteRefusesAUserFromAnotherBranch) {
  auto client = app_->login("moi.vai.tro.a", "mat-khau-A1");
  int walked = 0;
  for (const auto& route : app_->router().routes()) {
    const std::string name = route.method + " " + route.pattern;
    if (!route.doc.authenticated || kSelfRoutes.count(name) || kScopeFreeRoutes.count(name)) continue;
    SCOPED_TRACE(name);
    // The path with B's ids.
    std::string target;
    bool substituted = true;
    for (std::size_t i = 0; i < route.pattern.size();) {
      if (route.pattern[i] == '{') {
        auto close = route.pattern.find('}', i);
        auto param = route.pattern.substr(i + 1, close - i - 1);
        auto value = out_of_scope_param(route.pattern, param);
        if (!value) {
          ADD_FAILURE() << "the walk knows no out-of-scope value for {" << param << "} in " << name
                        << ": teach out_of_scope_param()";
          substituted = false;
          break;
        }
        target += *value;
        i = close + 1;
      } else {
        target += route.pattern[i++];
      }
    }
    if (!substituted) continue;
    // Lists and searches are pointed at B.
    std::string query;
    for (const auto& q : route.doc.query_params) {
      if (q == "unit_id" || q == "parent_id") query += fmt::format("{}{}={}", query.empty() ? "?" : "&", q, b_);
      if (q == "person_id") query += fmt::format("{}{}={}", query.empty() ? "?" : "&", q, b_person_);
    }
    std::string body;
    if (!route.doc.request_schema.is_null())
      body = sample(route.doc.request_schema, "").dump();
    else if (route.method != "GET" && route.method != "DELETE")
      body = "{}";

    const auto before = snapshot();
    auto r = client.request(route.method, target + query, body);
    ++walked;
    EXPECT_TRUE(r.status == 401 || r.status == 403 || r.status == 404)
        << name << " answered " << r.status << " to an out-of-scope user: " << target + query << " " << body << " -> "
        << r.body;
    EXPECT_EQ(snapshot(), before) << name << " changed the database for an out-of-scope user";
  }
  EXPECT_GT(walked, 5);
  // The caller is still signed in: the refusals were about scope, not a lost session.
  EXPECT_EQ(client.get("/api/v1/session").status, 200);
}

TEST_P(ScopeWalkTest, EveryAuthenticatedRouteRefusesAnAnonymousCaller) {
  auto anonymous = app_->client();
  for (const auto& route : app_->router().routes()) {
    if (!route.doc.authenticated) continue;
    std::string target;
    for (std::size_t i = 0; i < route.pattern.size();) {
      if (route.pattern[i] == '{') {
        auto close = route.pattern.find('}', i);
        target += out_of_scope_param(route.pattern, route.pattern.substr(i + 1, close - i - 1)).value_or("1");
        i = close + 1;
      } else {
        target += route.pattern[i++];
      }
    }
    const auto before = snapshot();
    std::string body = route.doc.request_schema.is_null() ? "" : sample(route.doc.request_schema, "").dump();
    auto r = anonymous.request(route.method, target, body);
    EXPECT_EQ(r.status, 401) << route.method << " " << route.pattern << " -> " << r.body;
    EXPECT_EQ(snapshot(), before) << route.method << " " << route.pattern;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ScopeWalkTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
