// The review API through the real server on SQLite and PostgreSQL: a commune with several cells opens its cycle
// (exempt and new members not graded), members save drafts and submit, an incomplete submission is refused with
// paths and changes nothing, a secretary submits on a member's behalf, progress drops as statements arrive, and a
// user of another branch is refused.
#include <gtest/gtest.h>

#include "api/support/commune.hpp"
#include "api/support/test_app.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

class ReviewApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto units = seed_commune(
        *app_, {.cells = {{"Chi bộ thôn Đông", "AH-D"}, {"Chi bộ thôn Tây", "AH-T"}, {"Chi bộ thôn Nam", "AH-N"}}});
    commune_ = units.commune;
    c1_ = units.cells[0];
    c2_ = units.cells[1];
    c3_ = units.cells[2];
    other_ = units.other;
    an_ = member("Nguyễn Văn An", c1_, "AH-01");
    binh_ = member("Trần Thị Bình", c1_, "AH-02");
    exempt_ = member("Lê Văn Cao", c1_, "AH-03", "1975-01-01", "exempt");
    cuong_ = member("Hoàng Văn Cường", c2_, "AH-04");
    new_ = member("Phạm Thị Duyên", c2_, "AH-05", "2026-10-01");
    dung_ = member("Đỗ Văn Dũng", c3_, "AH-06");
    app_->add_account("bch.xa", kPassword, commune_, {{Role::committee, commune_}});
    app_->add_account("bithu.dong", kPassword, c1_, {{Role::cell_secretary, c1_}, {Role::member, c1_}});
    app_->add_account("dv.an", kPassword, c1_, {{Role::member, c1_}}, an_);
    app_->add_account("dv.cuong", kPassword, c2_, {{Role::member, c2_}}, cuong_);
    app_->add_account("ngoai", kPassword, other_,
                      {{Role::administrator, other_}, {Role::committee, other_}, {Role::cell_secretary, other_}});
  }

  std::int64_t member(const std::string& name, std::int64_t cell, const std::string& card,
                      const std::string& admitted = "2008-07-15", const std::string& status = "active") {
    return seed_member(*app_, {.name = name, .cell = cell, .card = card, .status = status, .admitted_on = admitted});
  }

  // A complete statement for the form a GET of the statement returned.
  static Json complete(const Json& form, std::int64_t version) {
    Json sections = Json::object();
    for (const auto& s : form["sections"])
      sections[s["key"].get<std::string>()] = "Nội dung " + s["key"].get<std::string>();
    return {{"version", version},
            {"sections", sections},
            {"scores", {{"general", 26}, {"tasks", 58}}},
            {"tasks",
             {{{"title", "Vận động hộ dân hiến đất làm đường"},
               {"status", "completed_on_time"},
               {"evidence", {"https://xa-anhoa.example/bao-cao-duong"}}}}},
            {"limitations", {{"identified", 0}}},
            {"proposed", "HTTNV"}};
  }

  std::string review_tables_digest() {
    return app_->table_digest("review_subjects") + "|" + app_->table_digest("review_statements") + "|" +
           app_->table_digest("review_transitions") + "|" + std::to_string(app_->count_rows("audit_log"));
  }

  std::unique_ptr<TestApp> app_;
  std::int64_t commune_ = 0, c1_ = 0, c2_ = 0, c3_ = 0, other_ = 0;
  std::int64_t an_ = 0, binh_ = 0, exempt_ = 0, cuong_ = 0, new_ = 0, dung_ = 0;
};

TEST_P(ReviewApiTest, ACommuneCycleFromOpeningToSubmittedStatements) {
  auto committee = app_->login("bch.xa", kPassword);
  // Opening is idempotent under its key.
  const Json open_body = {{"unit_id", commune_}, {"year", 2026}};
  auto opened = committee.post("/api/v1/cycles", open_body, {{"Idempotency-Key", "mo-dot-2026"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto again = committee.post("/api/v1/cycles", open_body, {{"Idempotency-Key", "mo-dot-2026"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.json()["id"], opened.json()["id"]);
  EXPECT_EQ(app_->count_rows("review_cycles"), 1);
  EXPECT_EQ(committee.post("/api/v1/cycles", open_body).status, 409);  // same period, same subtree
  const auto cycle = std::to_string(opened.json()["id"].get<std::int64_t>());
  EXPECT_EQ(opened.json()["ruleset"], "qd366-2025");
  EXPECT_EQ(opened.json()["subjects"]["total"], 10);  // 6 members, the commune and its 3 cells (Mẫu 01)
  EXPECT_EQ(opened.json()["subjects"]["graded"], 8);  // not the exempt member nor the one admitted in October

  // Lower levels see it at once.
  auto an = app_->login("dv.an", kPassword);
  EXPECT_EQ(an.get("/api/v1/cycles").json()["total"], 1);
  EXPECT_EQ(an.get("/api/v1/cycles/" + cycle).status, 200);
  auto mine = an.get("/api/v1/me/reviews");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_EQ(mine.json()["items"][0]["self_review_due"], "2026-12-05");
  const auto review = std::to_string(mine.json()["items"][0]["id"].get<std::int64_t>());
  auto statement = an.get("/api/v1/reviews/" + review + "/statement");
  ASSERT_EQ(statement.status, 200) << statement.body;
  const Json form = statement.json()["form"];
  EXPECT_EQ(form["code"], "02B-HD KĐ.ĐG 2025");

  auto progress = [&](std::int64_t unit) {
    auto r = committee.get("/api/v1/cycles/" + cycle + "/progress?unit_id=" + std::to_string(unit));
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["unit"]["pending"]["self_review"].get<int>();
  };
  EXPECT_EQ(progress(commune_), 8);  // 4 members and 4 organizations' reports
  EXPECT_EQ(progress(c1_), 3);

  // A draft, then a submission that is incomplete: refused with paths, nothing changes.
  auto draft = an.put("/api/v1/reviews/" + review + "/statement",
                      {{"version", 0}, {"sections", {{"strengths", "Gương mẫu, nhiệt tình"}}}});
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.json()["state"], "draft");
  const auto before = review_tables_digest();
  auto refused = an.post("/api/v1/reviews/" + review + "/statement/submit", {{"version", 1}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(has_error_at(refused, "proposed")) << refused.body;
  EXPECT_TRUE(has_error_at(refused, "scores.tasks")) << refused.body;
  EXPECT_TRUE(has_error_at(refused, "sections.direction")) << refused.body;
  EXPECT_EQ(review_tables_digest(), before);
  EXPECT_EQ(an.put("/api/v1/reviews/" + review + "/statement", complete(form, 0)).status, 409);  // stale

  auto full = an.put("/api/v1/reviews/" + review + "/statement", complete(form, 1));
  ASSERT_EQ(full.status, 200) << full.body;
  auto submitted = an.post("/api/v1/reviews/" + review + "/statement/submit", {{"version", 2}});
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json()["state"], "submitted");
  EXPECT_EQ(submitted.json()["on_behalf"], false);
  EXPECT_EQ(progress(commune_), 7);
  EXPECT_EQ(progress(c1_), 2);

  // The secretary of thôn Đông enters and submits Bình's statement; recorded as on her behalf.
  auto secretary = app_->login("bithu.dong", kPassword);
  auto c1_progress = secretary.get("/api/v1/cycles/" + cycle + "/progress?unit_id=" + std::to_string(c1_));
  ASSERT_EQ(c1_progress.status, 200) << c1_progress.body;
  ASSERT_EQ(c1_progress.json()["not_submitted"].size(), 2u);  // Bình, then the cell's own report
  EXPECT_EQ(c1_progress.json()["not_submitted"][0]["person_id"], binh_);
  const auto binh = std::to_string(c1_progress.json()["not_submitted"][0]["subject_id"].get<std::int64_t>());
  ASSERT_EQ(secretary.put("/api/v1/reviews/" + binh + "/statement", complete(form, 0)).status, 200);
  auto for_binh = secretary.post("/api/v1/reviews/" + binh + "/statement/submit", {{"version", 1}});
  ASSERT_EQ(for_binh.status, 200) << for_binh.body;
  EXPECT_EQ(for_binh.json()["on_behalf"], true);
  EXPECT_TRUE(for_binh.json()["entered_by"].is_number_integer());
  EXPECT_EQ(progress(commune_), 6);
  // The secretary of thôn Đông may not write for thôn Tây, nor see its progress.
  auto cuong = app_->login("dv.cuong", kPassword);
  const auto cuong_review =
      std::to_string(cuong.get("/api/v1/me/reviews").json()["items"][0]["id"].get<std::int64_t>());
  EXPECT_EQ(secretary.put("/api/v1/reviews/" + cuong_review + "/statement", complete(form, 0)).status, 403);
  EXPECT_EQ(secretary.get("/api/v1/cycles/" + cycle + "/progress?unit_id=" + std::to_string(c2_)).status, 403);
  // A member reads only their own statement; a plain member follows no progress.
  EXPECT_EQ(cuong.get("/api/v1/reviews/" + review + "/statement").status, 403);
  EXPECT_EQ(cuong.get("/api/v1/cycles/" + cycle + "/progress?unit_id=" + std::to_string(c2_)).status, 403);

  // Every write is in the audit log.
  auto audited = app_->write([&](store::Transaction& tx) {
    return tx
        .query_one(
            "SELECT COUNT(*) FROM audit_log WHERE action IN ('cycle.open', 'statement.save', "
            "'statement.submit', 'statement.save_on_behalf', 'statement.submit_on_behalf')")
        ->get_int(0);
  });
  EXPECT_EQ(audited, 6);
}

TEST_P(ReviewApiTest, AUserOfAnotherBranchIsRefusedAndNothingChanges) {
  auto committee = app_->login("bch.xa", kPassword);
  const auto cycle = std::to_string(open_cycle(committee, commune_, 2026));
  ASSERT_NE(cycle, "0");
  auto an = app_->login("dv.an", kPassword);
  const auto review = std::to_string(an.get("/api/v1/me/reviews").json()["items"][0]["id"].get<std::int64_t>());

  auto outsider = app_->login("ngoai", kPassword);
  const auto before = review_tables_digest() + app_->table_digest("review_cycles");
  EXPECT_EQ(outsider.get("/api/v1/cycles/" + cycle).status, 404);
  EXPECT_EQ(outsider.get("/api/v1/cycles").json()["total"], 0);
  EXPECT_EQ(outsider.get("/api/v1/cycles?unit_id=" + std::to_string(commune_)).status, 403);
  EXPECT_EQ(outsider.get("/api/v1/cycles/" + cycle + "/progress").status, 404);
  EXPECT_EQ(outsider.get("/api/v1/me/reviews").json()["items"].size(), 0u);
  EXPECT_EQ(outsider.get("/api/v1/reviews/" + review + "/statement").status, 403);
  EXPECT_EQ(outsider.put("/api/v1/reviews/" + review + "/statement", {{"version", 0}}).status, 403);
  EXPECT_EQ(outsider.post("/api/v1/reviews/" + review + "/statement/submit", {{"version", 0}}).status, 403);
  EXPECT_EQ(outsider.post("/api/v1/cycles", {{"unit_id", c1_}, {"year", 2027}}).status, 403);
  EXPECT_EQ(review_tables_digest() + app_->table_digest("review_cycles"), before);
  // Bad input is refused with its path.
  auto bad =
      committee.post("/api/v1/cycles", {{"unit_id", commune_}, {"year", 2026}, {"complaint_days", 0}, {"quarter", 2}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_TRUE(has_error_at(bad, "complaint_days")) << bad.body;
}

TEST_P(ReviewApiTest, TheSubjectsOfAUnitWithTheirStates) {
  auto committee = app_->login("bch.xa", kPassword);
  const auto cycle = std::to_string(open_cycle(committee, commune_, 2026));
  ASSERT_NE(cycle, "0");
  auto an = app_->login("dv.an", kPassword);
  const auto review = std::to_string(an.get("/api/v1/me/reviews").json()["items"][0]["id"].get<std::int64_t>());
  auto form = an.get("/api/v1/reviews/" + review + "/statement").json()["form"];
  ASSERT_EQ(an.put("/api/v1/reviews/" + review + "/statement", complete(form, 0)).status, 200);
  ASSERT_EQ(an.post("/api/v1/reviews/" + review + "/statement/submit", {{"version", 1}}).status, 200);

  // The secretary's cell: its three members in Vietnamese name order (by given name: An, Bình, Cao), then the
  // cell's own report; submitted is told apart from not reviewed.
  auto secretary = app_->login("bithu.dong", kPassword);
  auto cell = secretary.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=" + std::to_string(c1_));
  ASSERT_EQ(cell.status, 200) << cell.body;
  EXPECT_EQ(cell.json()["total"], 4);
  const auto& items = cell.json()["items"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["person_id"], an_);
  EXPECT_EQ(items[0]["state"], "submitted");
  EXPECT_EQ(items[0]["statement_status"], "submitted");
  EXPECT_EQ(items[0]["reviewed"], true);
  EXPECT_EQ(items[0]["unit_name"], "Chi bộ thôn Đông");
  EXPECT_EQ(items[1]["person_id"], binh_);
  EXPECT_EQ(items[1]["state"], "not_started");
  EXPECT_TRUE(items[1]["statement_status"].is_null());
  EXPECT_EQ(items[2]["person_id"], exempt_);
  EXPECT_EQ(items[2]["graded"], false);
  EXPECT_TRUE(items[2]["grade"].is_null());
  EXPECT_EQ(items[3]["kind"], "party_organization");
  EXPECT_EQ(items[3]["full_name"], "Chi bộ thôn Đông");

  // The commune's subtree (10 subjects), paged.
  auto page = committee.get("/api/v1/cycles/" + cycle + "/subjects?page=2&page_size=4");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.json()["total"], 10);
  EXPECT_EQ(page.json()["items"].size(), 4u);

  // own=true: the unit's own collective subjects only — the commune's party organization, not its cells' nor members.
  auto own = committee.get("/api/v1/cycles/" + cycle + "/subjects?own=true&unit_id=" + std::to_string(commune_));
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json()["total"], 1) << own.body;
  EXPECT_EQ(own.json()["items"][0]["kind"], "party_organization");
  EXPECT_EQ(own.json()["items"][0]["unit_id"], commune_);
  auto own_cell = secretary.get("/api/v1/cycles/" + cycle + "/subjects?own=true&unit_id=" + std::to_string(c1_));
  ASSERT_EQ(own_cell.json()["total"], 1) << own_cell.body;
  EXPECT_EQ(own_cell.json()["items"][0]["full_name"], "Chi bộ thôn Đông");
  auto bad_own = committee.get("/api/v1/cycles/" + cycle + "/subjects?own=yes");
  ASSERT_EQ(bad_own.status, 400) << bad_own.body;
  EXPECT_TRUE(has_error_at(bad_own, "query.own")) << bad_own.body;

  // Another cell, a plain member, a unit outside the cycle, a malformed unit: refused, with the query's path.
  EXPECT_EQ(secretary.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=" + std::to_string(c2_)).status, 403);
  EXPECT_EQ(an.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=" + std::to_string(c1_)).status, 403);
  auto outside = committee.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=" + std::to_string(other_));
  ASSERT_EQ(outside.status, 400) << outside.body;
  EXPECT_TRUE(has_error_at(outside, "query.unit_id")) << outside.body;
  EXPECT_EQ(committee.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=abc").status, 400);
  EXPECT_EQ(app_->login("ngoai", kPassword).get("/api/v1/cycles/" + cycle + "/subjects").status, 404);
}

// A collective's own report (Mẫu 01) is the unit's: its cell secretary or its committee writes it, not on anyone's
// behalf (a committee above may write it for the unit, recorded as on its behalf); a member may not, nor a cell's
// secretary for the level above, and the committee still does not enter a member's statement.
TEST_P(ReviewApiTest, ACollectivesOwnReportIsWrittenByItsOwnUnit) {
  auto committee = app_->login("bch.xa", kPassword);
  const auto cycle = std::to_string(open_cycle(committee, commune_, 2026));
  ASSERT_NE(cycle, "0");
  auto own_report = [&](std::int64_t unit) -> std::string {
    auto r = committee.get("/api/v1/cycles/" + cycle + "/subjects?page_size=100&unit_id=" + std::to_string(unit));
    for (const auto& s : r.json()["items"])
      if (s["kind"] == "party_organization" && s["unit_id"] == unit)
        return std::to_string(s["subject_id"].get<std::int64_t>());
    return "";
  };
  const auto cell_report = own_report(c1_), commune_report = own_report(commune_);
  ASSERT_FALSE(cell_report.empty());
  ASSERT_FALSE(commune_report.empty());
  auto draft = [](const Json& form, std::int64_t version) {
    return Json{{"version", version},
                {"sections", {{form["sections"][0]["key"].get<std::string>(), "Chi bộ đã lãnh đạo hoàn thành"}}}};
  };

  auto secretary = app_->login("bithu.dong", kPassword);
  auto read = secretary.get("/api/v1/reviews/" + cell_report + "/statement");
  ASSERT_EQ(read.status, 200) << read.body;
  const auto cell_form = read.json()["form"];
  EXPECT_EQ(cell_form["code"], "01-HD KĐ.ĐG 2025");
  auto saved = secretary.put("/api/v1/reviews/" + cell_report + "/statement", draft(cell_form, 0));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["on_behalf"], false);
  EXPECT_EQ(app_->count_rows("audit_log WHERE action = 'statement.save_on_behalf'"), 0);

  const auto commune_form = committee.get("/api/v1/reviews/" + commune_report + "/statement").json()["form"];
  auto by_committee = committee.put("/api/v1/reviews/" + commune_report + "/statement", draft(commune_form, 0));
  ASSERT_EQ(by_committee.status, 200) << by_committee.body;
  EXPECT_EQ(by_committee.json()["on_behalf"], false);

  // The commune's committee may write a cell's report for it: recorded as on the cell's behalf.
  auto for_the_cell = committee.put("/api/v1/reviews/" + cell_report + "/statement", draft(cell_form, 1));
  ASSERT_EQ(for_the_cell.status, 200) << for_the_cell.body;
  EXPECT_EQ(for_the_cell.json()["on_behalf"], true);

  auto an = app_->login("dv.an", kPassword);
  const auto before = review_tables_digest();
  // The cell's secretary over the commune's report (a level above hers), a member over her cell's.
  EXPECT_EQ(secretary.put("/api/v1/reviews/" + commune_report + "/statement", draft(commune_form, 1)).status, 403);
  EXPECT_EQ(an.put("/api/v1/reviews/" + cell_report + "/statement", draft(cell_form, 2)).status, 403);
  // A member's statement stays the member's or her cell secretary's to write.
  const auto binh = committee.get("/api/v1/cycles/" + cycle + "/subjects?unit_id=" + std::to_string(c1_))
                        .json()["items"][1]["subject_id"].get<std::int64_t>();
  const auto member_form = committee.get("/api/v1/reviews/" + std::to_string(binh) + "/statement").json()["form"];
  EXPECT_EQ(committee.put("/api/v1/reviews/" + std::to_string(binh) + "/statement", draft(member_form, 0)).status,
            403);
  EXPECT_EQ(review_tables_digest(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
