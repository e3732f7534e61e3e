// Appraisal, decision within quota, publication, complaints, cancellation, reopening and history through the real
// server on SQLite and PostgreSQL (the cell's meeting held through the meeting routes, support/review_flow.hpp; the
// civil-servant grade recorded there reaches the engine): a commune whose cell of 11 members all proposed HTXSNV is
// refused with the quota reason and nothing stored, then decided within it; the organization is refused before its
// members; published results are read-only and notified; a complaint is upheld and re-decided; the province cancels and
// re-grades; a later discipline reopens a 124 year and is refused under 366; the member reads the history.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/support/commune.hpp"
#include "api/support/review_flow.hpp"
#include "api/support/test_app.hpp"
#include "service/org/units.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

constexpr int kCellMembers = 11;

class DecisionApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto units = seed_commune(*app_, {.cells = {{"Chi bộ thôn Đông", "AH-D"}, {"Chi bộ thôn Tây", "AH-T"}}});
    province_ = units.province;
    commune_ = units.commune;
    c1_ = units.cells[0];
    c2_ = units.cells[1];
    other_ = units.other;
    static const char* const kNames[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cao",    "Phạm Thị Dung",
                                         "Hoàng Văn Em",  "Vũ Thị Giang",  "Đỗ Văn Hải",    "Bùi Thị Hoa",
                                         "Đặng Văn Khoa", "Ngô Thị Lan",   "Dương Văn Minh"};
    for (int i = 0; i < kCellMembers; ++i)
      cell_members_.push_back(member(kNames[i], c1_, fmt::format("AH-{:02}", i + 1)));
    tay_ = member("Lý Văn Tây", c2_, "AH-20");
    service::Call call{app_->system(), "seed"};
    app_->write([&](store::Transaction& tx) {
      auto r = service::org::create_collective(tx, call, commune_,
                                               {{"kind", "executive_committee"}, {"name", "Ban Chấp hành Đảng bộ xã"}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    });
    app_->add_account("bch.tinh", kPassword, province_, {{Role::committee, province_}});
    app_->add_account("bch.xa", kPassword, commune_, {{Role::committee, commune_}});
    app_->add_account("vanphong.xa", kPassword, commune_, {{Role::committee_staff, commune_}});
    app_->add_account("bithu.xa", kPassword, commune_, {{Role::cell_secretary, commune_}});
    app_->add_account("kiemtra.xa", kPassword, commune_, {{Role::inspection, commune_}});
    app_->add_account("dv.an", kPassword, c1_, {{Role::member, c1_}}, cell_members_[0]);
    app_->add_account("dv.binh", kPassword, c1_, {{Role::member, c1_}}, cell_members_[1]);
    app_->add_account("ngoai", kPassword, other_,
                      {{Role::administrator, other_}, {Role::committee, other_}, {Role::committee_staff, other_}});
  }

  std::int64_t member(const std::string& name, std::int64_t cell, const std::string& card, bool civil_servant = false) {
    return seed_member(
        *app_, {.name = name, .cell = cell, .card = card, .admitted_on = "2009-05-19", .civil_servant = civil_servant});
  }

  std::int64_t query_int(const std::string& sql) {
    return app_->write([&](store::Transaction& tx) { return tx.query_one(sql)->get_int(0); });
  }
  std::string query_text(const std::string& sql) {
    return app_->write([&](store::Transaction& tx) { return tx.query_one(sql)->get_text(0); });
  }
  std::int64_t subject_of(std::int64_t person, std::int64_t cycle) {
    return query_int(
        fmt::format("SELECT id FROM review_subjects WHERE person_id = {} AND cycle_id = {} AND place = "
                    "'cell'",
                    person, cycle));
  }
  std::int64_t org_subject(std::int64_t unit, std::int64_t cycle) {
    return query_int(fmt::format(
        "SELECT id FROM review_subjects WHERE kind = 'party_organization' AND unit_id = {} AND cycle_id = {}", unit,
        cycle));
  }
  std::int64_t version_of(std::int64_t subject) {
    return query_int("SELECT version FROM review_subjects WHERE id = " + std::to_string(subject));
  }

  // Opens the commune's cycle of `year`; returns its id.
  std::int64_t open_cycle(int year) {
    auto committee = app_->login("bch.xa", kPassword);
    return xeploai::api::testing::open_cycle(committee, commune_, year);
  }

  // The cell's meeting, held through the meeting routes (tests/api/support/review_flow.hpp): the cell's own report
  // first (the order gate), then each subject in `subjects`, voted `grade` by a show of hands.
  void meet(std::int64_t cycle, const std::vector<std::int64_t>& subjects, const std::string& grade) {
    auto secretary = app_->login("bithu.xa", kPassword);
    MeetingSession meeting(secretary,
                           {cycle, c1_, "2026-12-10", "Hội trường thôn Đông", cell_members_[0], cell_members_[1]});
    const auto cell = org_subject(c1_, cycle);
    if (meeting.subject(cell)["concluded"] != true) {
      ASSERT_EQ(submit_statement(secretary, cell, "HTTNV", Strength::strong).status, 200);
      ASSERT_EQ(meeting.review_by_show_of_hands(cell, "HTTNV").status, 200);
    }
    for (auto id : subjects) {
      if (meeting.subject(id)["concluded"] == true) continue;
      auto concluded = meeting.review_by_show_of_hands(id, grade);
      ASSERT_EQ(concluded.status, 200) << concluded.body;
      EXPECT_EQ(concluded.json()["meeting_grade"], grade);
    }
  }

  // The secretary enters and submits each member's statement (Mẫu 02B, strong enough for HTXSNV), the cell's
  // meeting votes `grade`, and the appraiser confirms it.
  void bring_to_proposed(const std::vector<std::int64_t>& people, std::int64_t cycle, const std::string& grade) {
    auto secretary = app_->login("bithu.xa", kPassword);
    std::vector<std::int64_t> subjects;
    for (auto person : people) {
      subjects.push_back(subject_of(person, cycle));
      ASSERT_EQ(submit_statement(secretary, subjects.back(), "HTXSNV", Strength::strong).status, 200);
    }
    meet(cycle, subjects, grade);
    for (auto id : subjects) bring_subject_to_proposed(cycle, id, grade);
  }
  // The appraiser proposes a subject the meeting concluded with `grade` (the cell's own report is concluded by
  // the first meeting()).
  void bring_subject_to_proposed(std::int64_t cycle, std::int64_t id, const std::string& grade) {
    meet(cycle, {}, grade);
    auto staff = app_->login("vanphong.xa", kPassword);
    auto proposed = propose(staff, id);
    ASSERT_EQ(proposed.status, 200) << proposed.body;
    EXPECT_EQ(proposed.json()["state"], "proposed");
    EXPECT_EQ(proposed.json()["proposed_grade"], grade);
  }

  Json decision_body(const std::string& number, std::int64_t unit, const std::vector<std::int64_t>& subjects) {
    return {{"unit_id", unit},
            {"number", number},
            {"date", "2026-11-20"},
            {"signer", "Nguyễn Văn Thắng, Bí thư"},
            {"body", "Quyết định công nhận kết quả xếp loại chất lượng đảng viên năm 2026"},
            {"subject_ids", subjects}};
  }

  std::string decision_tables() {
    return app_->table_digest("review_subjects") + "|" + app_->table_digest("review_transitions") + "|" +
           app_->table_digest("review_decisions") + "|" + app_->table_digest("decision_grades") + "|" +
           app_->table_digest("notifications") + "|" + std::to_string(app_->count_rows("audit_log"));
  }

  std::int64_t audits(const std::string& action) {
    return query_int("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

  // The cell decided within quota (one HTXSNV, ten HTTNV) and published; returns the decision id.
  std::int64_t decided_and_published(std::int64_t cycle, std::vector<std::int64_t>& subjects) {
    bring_to_proposed(cell_members_, cycle, "HTTNV");
    subjects.clear();
    for (auto p : cell_members_) subjects.push_back(subject_of(p, cycle));
    auto committee = app_->login("bch.xa", kPassword);
    Json body = decision_body("12-QĐ/ĐU", commune_, subjects);
    body["grades"] = {{std::to_string(subjects[1]), "HTXSNV"}};
    auto decided = committee.post("/api/v1/cycles/" + std::to_string(cycle) + "/decisions", body);
    EXPECT_EQ(decided.status, 201) << decided.body;
    const auto id = decided.json()["id"].get<std::int64_t>();
    auto published = publish_decision(committee, id);
    EXPECT_EQ(published.status, 200) << published.body;
    return id;
  }

  std::unique_ptr<TestApp> app_;
  std::int64_t province_ = 0, commune_ = 0, c1_ = 0, c2_ = 0, other_ = 0, tay_ = 0;
  std::vector<std::int64_t> cell_members_;
};

TEST_P(DecisionApiTest, OpeningAddsTheOrganizationsAndCollectivesWithMau01) {
  const auto cycle = open_cycle(2026);
  EXPECT_EQ(query_int(fmt::format("SELECT COUNT(*) FROM review_subjects WHERE cycle_id = {} AND kind = "
                                  "'party_organization'",
                                  cycle)),
            3);  // the commune and its two cells
  EXPECT_EQ(query_int(fmt::format("SELECT COUNT(*) FROM review_subjects WHERE cycle_id = {} AND kind = "
                                  "'leadership_collective' AND unit_id = {}",
                                  cycle, commune_)),
            1);
  EXPECT_EQ(query_text(fmt::format("SELECT form FROM review_subjects WHERE id = {}", org_subject(c1_, cycle))),
            "01-HD KĐ.ĐG 2025");
  EXPECT_EQ(query_int(fmt::format("SELECT COUNT(*) FROM review_subjects WHERE cycle_id = {} AND kind <> 'member' AND "
                                  "(graded = 0 OR reviewed = 0 OR profile <> 'collective')",
                                  cycle)),
            0);
}

TEST_P(DecisionApiTest, AQuotaBreachIsRefusedWholeThenTheBatchIsDecidedWithinIt) {
  const auto cycle = open_cycle(2026);
  const std::string base = "/api/v1/cycles/" + std::to_string(cycle);
  bring_to_proposed(cell_members_, cycle, "HTXSNV");
  std::vector<std::int64_t> subjects;
  for (auto p : cell_members_) subjects.push_back(subject_of(p, cycle));

  // The appraisal shows the meter over the limit (nothing stored). Sign-ins are audited: they come first.
  auto staff = app_->login("vanphong.xa", kPassword);
  auto committee = app_->login("bch.xa", kPassword);
  auto outsider = app_->login("ngoai", kPassword);
  auto untouched = decision_tables();
  auto appraisal = staff.post(base + "/appraisal", {{"unit_id", commune_}});
  ASSERT_EQ(appraisal.status, 200) << appraisal.body;
  EXPECT_FALSE(appraisal.json()["ok"].get<bool>());
  ASSERT_EQ(appraisal.json()["quotas"].size(), 1u) << appraisal.body;
  const Json meter = appraisal.json()["quotas"][0];
  EXPECT_EQ(meter["unit_id"], commune_);
  EXPECT_EQ(meter["count"], kCellMembers);
  EXPECT_EQ(meter["percent"], 20);  // the ruleset's default share of HTXSNV
  EXPECT_FALSE(meter["ok"].get<bool>());
  for (const auto& s : appraisal.json()["subjects"]) {
    // Each item carries its review's version: a screen proposes without reading the review first.
    EXPECT_EQ(s["version"], version_of(s["subject_id"].get<std::int64_t>())) << s.dump();
    if (s["kind"] != "member") continue;        // the cell, reviewed first at the meeting, is capped apart
    EXPECT_EQ(s["max"], "HTXSNV") << s.dump();  // each one alone deserves it: only the quota refuses
    EXPECT_TRUE(s["in_scope"].get<bool>());
  }
  // The quota meter follows the committee's changes: ten moved to HTTNV leaves one HTXSNV within 20% of ten.
  Json overrides = Json::object();
  for (std::size_t i = 1; i < subjects.size(); ++i) overrides[std::to_string(subjects[i])] = "HTTNV";
  auto what_if = staff.post(base + "/appraisal", {{"unit_id", commune_}, {"overrides", overrides}});
  ASSERT_EQ(what_if.status, 200) << what_if.body;
  EXPECT_TRUE(what_if.json()["ok"].get<bool>()) << what_if.body;
  EXPECT_EQ(what_if.json()["quotas"][0]["limit"], 2);
  EXPECT_EQ(what_if.json()["quotas"][0]["count"], 1);
  EXPECT_EQ(decision_tables(), untouched);

  // A proposal other than the meeting's needs a reason, kept in the history.
  const auto an_id = std::to_string(subjects[0]);
  auto no_reason =
      staff.post("/api/v1/reviews/" + an_id + "/propose", {{"version", version_of(subjects[0])}, {"grade", "HTNV"}});
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(error_paths(no_reason), std::vector<std::string>{"reason"});
  Json appraised_version;
  for (const auto& s : appraisal.json()["subjects"])
    if (s["subject_id"] == subjects[0]) appraised_version = s["version"];
  ASSERT_TRUE(appraised_version.is_number_integer()) << appraisal.body;
  auto lowered = staff.post("/api/v1/reviews/" + an_id + "/propose",
                            {{"version", appraised_version}, {"grade", "HTNV"}, {"reason", "Thử giảm mức"}});
  ASSERT_EQ(lowered.status, 200) << lowered.body;
  EXPECT_EQ(lowered.json()["proposed_grade"], "HTNV");
  EXPECT_EQ(query_text("SELECT reason FROM review_transitions WHERE action = 'propose' AND subject_id = " + an_id +
                       " ORDER BY id DESC LIMIT 1"),
            "Thử giảm mức");
  ASSERT_EQ(staff.post("/api/v1/reviews/" + an_id + "/propose", {{"version", version_of(subjects[0])}}).status, 200);
  untouched = decision_tables();

  // Deciding all eleven as HTXSNV is refused with the quota reason, and nothing at all is stored.
  auto refused = committee.post(base + "/decisions", decision_body("12-QĐ/ĐU", commune_, subjects));
  ASSERT_EQ(refused.status, 400) << refused.body;
  const auto quota_problem = problem_at(refused, "quotas." + std::to_string(commune_));
  EXPECT_NE(quota_problem.find("vượt hạn mức"), std::string::npos) << refused.body;
  EXPECT_NE(quota_problem.find("exceed the limit"), std::string::npos) << refused.body;
  EXPECT_NE(quota_problem.find("Đảng bộ xã An Hòa"), std::string::npos) << refused.body;
  EXPECT_NE(refused.json()["error"]["message"].get<std::string>().find("không có gì được lưu"), std::string::npos);
  EXPECT_EQ(decision_tables(), untouched);

  // Staff cannot decide; an outsider cannot even see the cycle.
  EXPECT_EQ(staff.post(base + "/decisions", decision_body("12-QĐ/ĐU", commune_, subjects)).status, 403);
  EXPECT_EQ(outsider.post(base + "/decisions", decision_body("12-QĐ/ĐU", other_, subjects)).status, 404);
  EXPECT_EQ(outsider.post(base + "/appraisal", {{"unit_id", other_}}).status, 404);

  // The cell's own grade waits for its members (366 Điều 12.2).
  const auto cell = org_subject(c1_, cycle);
  bring_subject_to_proposed(cycle, cell, "HTTNV");
  untouched = decision_tables();
  auto early = committee.post(base + "/decisions", decision_body("13-QĐ/ĐU", commune_, {cell}));
  ASSERT_EQ(early.status, 409) << early.body;
  EXPECT_NE(problem_at(early, "order." + std::to_string(subjects[0])).find("Nguyễn Văn An"), std::string::npos)
      << early.body;
  EXPECT_EQ(decision_tables(), untouched);

  // Within the quota: ten HTTNV and one HTXSNV, with the members and their cell in one batch.
  Json body = decision_body("12-QĐ/ĐU", commune_, subjects);
  body["subject_ids"].push_back(cell);
  body["grades"] = overrides;
  auto decided = committee.post(base + "/decisions", body);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(decided.json()["kind"], "decision");
  EXPECT_EQ(decided.json()["organ"], "committee");
  EXPECT_EQ(decided.json()["grades"].size(), subjects.size() + 1);
  EXPECT_EQ(
      query_int(fmt::format("SELECT COUNT(*) FROM review_subjects WHERE cycle_id = {} AND state = 'decided'", cycle)),
      kCellMembers + 1);
  EXPECT_EQ(query_text("SELECT grade FROM review_subjects WHERE id = " + std::to_string(subjects[0])), "HTXSNV");
  EXPECT_EQ(query_text("SELECT grade FROM review_subjects WHERE id = " + std::to_string(subjects[1])), "HTTNV");
  EXPECT_EQ(audits("decision.create"), 1);
  EXPECT_EQ(audits("review.propose"), kCellMembers + 3);
  EXPECT_EQ(query_int(fmt::format("SELECT COUNT(*) FROM review_transitions WHERE action = 'decide' AND grade IS NOT "
                                  "NULL AND reason LIKE '%12-QĐ/ĐU%'")),
            kCellMembers + 1);
  // The statistics' stored sums moved with the decision (the commune's board reads them, not a recount).
  auto statistics = committee.get("/api/v1/units/" + std::to_string(commune_) + "/statistics?year=2026");
  ASSERT_EQ(statistics.status, 200) << statistics.body;
  ASSERT_EQ(statistics.json()["cycles"].size(), 1u) << statistics.body;
  EXPECT_EQ(statistics.json()["cycles"][0]["source"], "summed");
  EXPECT_EQ(statistics.json()["unit"]["categories"]["members"]["counts"]["HTXSNV"], 1) << statistics.body;
  EXPECT_EQ(statistics.json()["unit"]["categories"]["members"]["counts"]["HTTNV"], kCellMembers - 1) << statistics.body;
  // Deciding again is a conflict: a grade stands.
  EXPECT_EQ(committee.post(base + "/decisions", body).status, 409);

  // Publication: read-only results, a notification to each member and the unit's list.
  const auto decision = std::to_string(decided.json()["id"].get<std::int64_t>());
  auto published = committee.post("/api/v1/decisions/" + decision + "/publish", Json::object());
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_TRUE(published.json()["published_at"].is_number_integer());
  EXPECT_EQ(committee.post("/api/v1/decisions/" + decision + "/publish", Json::object()).status, 409);
  EXPECT_EQ(audits("decision.publish"), 1);
  auto an = app_->login("dv.an", kPassword);
  auto mine = an.get("/api/v1/me/notifications");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u) << mine.body;
  EXPECT_NE(mine.json()["items"][0]["text_vi"].get<std::string>().find("Hoàn thành xuất sắc"), std::string::npos)
      << mine.body;
  const auto note = std::to_string(mine.json()["items"][0]["id"].get<std::int64_t>());
  auto binh = app_->login("dv.binh", kPassword);
  EXPECT_EQ(binh.post("/api/v1/me/notifications/" + note + "/read", Json::object()).status, 404);
  auto read = an.post("/api/v1/me/notifications/" + note + "/read", Json::object());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(read.json()["read_at"].is_number_integer());
  auto unit_list = committee.get("/api/v1/units/" + std::to_string(c1_) + "/notifications");
  ASSERT_EQ(unit_list.status, 200) << unit_list.body;
  EXPECT_EQ(unit_list.json()["items"].size(), static_cast<std::size_t>(kCellMembers + 1));
  EXPECT_EQ(outsider.get("/api/v1/units/" + std::to_string(c1_) + "/notifications").status, 403);

  // Read-only after publication: a new proposal, a statement and a decision are refused.
  const auto an_review = std::to_string(subjects[0]);
  EXPECT_EQ(staff.post("/api/v1/reviews/" + an_review + "/propose", {{"version", version_of(subjects[0])}}).status,
            409);
  EXPECT_EQ(an.put("/api/v1/reviews/" + an_review + "/statement", {{"version", 2}}).status, 409);
  EXPECT_EQ(committee.post(base + "/decisions", decision_body("14-QĐ/ĐU", commune_, {subjects[0]})).status, 409);
}

TEST_P(DecisionApiTest, ComplaintCancellationReopeningAndTheMembersHistory) {
  const auto cycle = open_cycle(2026);
  const std::string base = "/api/v1/cycles/" + std::to_string(cycle);
  std::vector<std::int64_t> subjects;
  decided_and_published(cycle, subjects);
  const auto an_review = std::to_string(subjects[0]);

  // Only the member files, within the period; the commune answers, upheld; the grade is re-decided with the
  // complaint through the same checks.
  auto an = app_->login("dv.an", kPassword);
  auto binh = app_->login("dv.binh", kPassword);
  EXPECT_EQ(binh.post("/api/v1/reviews/" + an_review + "/complaints", {{"text", "Thay mặt"}}).status, 403);
  EXPECT_EQ(an.post("/api/v1/reviews/" + an_review + "/complaints", {{"text", ""}}).status, 400);
  auto filed = an.post("/api/v1/reviews/" + an_review + "/complaints",
                       {{"text", "Tôi đã vượt chỉ tiêu chủ yếu, đề nghị xem xét lại"}, {"requested", "HTXSNV"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  EXPECT_EQ(filed.json()["outcome"], "pending");
  const auto complaint = std::to_string(filed.json()["id"].get<std::int64_t>());
  auto committee = app_->login("bch.xa", kPassword);
  auto staff = app_->login("vanphong.xa", kPassword);
  EXPECT_EQ(staff.post("/api/v1/complaints/" + complaint + "/answer", {{"outcome", "upheld"}, {"reasons", "x"}}).status,
            403);
  auto no_reason = committee.post("/api/v1/complaints/" + complaint + "/answer", {{"outcome", "upheld"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(error_paths(no_reason), std::vector<std::string>{"reasons"});
  auto upheld = committee.post("/api/v1/complaints/" + complaint + "/answer",
                               {{"outcome", "upheld"}, {"reasons", "Hồ sơ chứng minh vượt chỉ tiêu"}});
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(upheld.json()["state"], "regrading");
  EXPECT_EQ(
      committee.post("/api/v1/complaints/" + complaint + "/answer", {{"outcome", "rejected"}, {"reasons", "x"}}).status,
      409);
  // Two HTXSNV among nine HTTNV would exceed the quota: refused again through the same checks.
  Json again = decision_body("20-QĐ/ĐU", commune_, {subjects[0]});
  again["complaint_id"] = std::stoll(complaint);
  again["grades"] = {{an_review, "HTXSNV"}};
  auto over = committee.post(base + "/decisions", again);
  ASSERT_EQ(over.status, 400) << over.body;
  EXPECT_FALSE(problem_at(over, "quotas." + std::to_string(commune_)).empty()) << over.body;
  again["grades"] = {{an_review, "HTTNV"}};
  auto redecided = committee.post(base + "/decisions", again);
  ASSERT_EQ(redecided.status, 201) << redecided.body;
  EXPECT_EQ(redecided.json()["kind"], "complaint");
  EXPECT_EQ(redecided.json()["grades"][0]["previous_grade"], "HTTNV");
  ASSERT_EQ(publish_decision(committee, redecided).status, 200);

  // The province (the level above) cancels Bình's HTXSNV; the commune may not; the province re-grades it.
  const auto binh_review = std::to_string(subjects[1]);
  EXPECT_EQ(committee.post("/api/v1/reviews/" + binh_review + "/cancel", {{"reason", "x"}}).status, 403);
  auto province = app_->login("bch.tinh", kPassword);
  auto cancelled = province.post("/api/v1/reviews/" + binh_review + "/cancel",
                                 {{"reason", "Kiểm tra phát hiện chưa đủ điều kiện Hoàn thành xuất sắc"}});
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.json()["state"], "regrading");
  EXPECT_EQ(query_int("SELECT COUNT(*) FROM review_subjects WHERE grade IS NOT NULL AND id = " + binh_review), 0);
  Json regrade = decision_body("05-QĐ/TU", province_, {subjects[1]});
  regrade["grades"] = {{binh_review, "HTTNV"}};
  auto regraded = province.post(base + "/decisions", regrade);
  ASSERT_EQ(regraded.status, 201) << regraded.body;
  EXPECT_EQ(regraded.json()["kind"], "regrade");
  EXPECT_EQ(regraded.json()["organ"], "standing_committee");
  EXPECT_EQ(regraded.json()["grades"][0]["previous_grade"], "HTXSNV");

  // A later discipline reopens nothing under 366 (the reason says why) …
  auto inspection = app_->login("kiemtra.xa", kPassword);
  auto recorded = inspection.post(
      "/api/v1/people/" + std::to_string(cell_members_[2]) + "/conclusions",
      {{"kind", "discipline"}, {"decided_on", "2027-03-10"}, {"form", "khien_trach"}, {"violation_year", 2026}});
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const auto cao_review = std::to_string(subjects[2]);
  auto not_reopened = province.post("/api/v1/reviews/" + cao_review + "/reopen",
                                    {{"conclusion_id", recorded.json()["id"]}, {"reason", "Kỷ luật năm 2027"}});
  ASSERT_EQ(not_reopened.status, 400) << not_reopened.body;
  EXPECT_NE(problem_at(not_reopened, "ruleset").find("366-QĐ/TW"), std::string::npos) << not_reopened.body;
  EXPECT_EQ(query_text("SELECT state FROM review_subjects WHERE id = " + cao_review), "published");

  // … but reopens a 124 year (2024), whose grade then goes back to regrading with its history.
  const auto old_cycle = open_cycle(2024);
  const auto old_review = subject_of(cell_members_[2], old_cycle);
  app_->write([&](store::Transaction& tx) {  // TESTS ONLY: the 2024 grade as it was published then
    tx.execute("UPDATE review_subjects SET state = 'published', grade = 'HTTNV' WHERE id = $1",
               store::params(old_review));
  });
  auto discipline_2024 = inspection.post(
      "/api/v1/people/" + std::to_string(cell_members_[2]) + "/conclusions",
      {{"kind", "discipline"}, {"decided_on", "2025-04-02"}, {"form", "canh_cao"}, {"violation_year", 2024}});
  ASSERT_EQ(discipline_2024.status, 201) << discipline_2024.body;
  auto reopened = province.post("/api/v1/reviews/" + std::to_string(old_review) + "/reopen",
                                {{"conclusion_id", discipline_2024.json()["id"]}, {"reason", "Kỷ luật cảnh cáo 2025"}});
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_EQ(reopened.json()["state"], "regrading");

  // The member's history and results across years.
  auto history = an.get("/api/v1/reviews/" + an_review);
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(history.json()["grade"], "HTTNV");
  EXPECT_EQ(history.json()["decisions"].size(), 2u);
  EXPECT_EQ(history.json()["complaints"].size(), 1u);
  EXPECT_EQ(history.json()["complaints"][0]["outcome"], "upheld");
  std::vector<std::string> actions;
  for (const auto& t : history.json()["transitions"]) actions.push_back(t["action"].get<std::string>());
  const std::vector<std::string> expected = {"save_draft", "submit",         "record_meeting",   "propose", "decide",
                                             "publish",    "file_complaint", "uphold_complaint", "decide",  "publish"};
  EXPECT_EQ(actions, expected);
  EXPECT_EQ(binh.get("/api/v1/reviews/" + an_review).status, 403);
  auto results = an.get("/api/v1/me/results");
  ASSERT_EQ(results.status, 200) << results.body;
  ASSERT_EQ(results.json()["items"].size(), 2u) << results.body;  // 2026 and 2024
  EXPECT_EQ(results.json()["items"][0]["year"], 2026);
  EXPECT_EQ(results.json()["items"][0]["grade"], "HTTNV");
  EXPECT_EQ(results.json()["items"][0]["decisions"].size(), 2u);

  // A complaint after the period (30 days from publication by default) is refused, nothing changes.
  app_->write([&](store::Transaction& tx) {  // TESTS ONLY: the first decision published 40 days ago
    tx.execute("UPDATE review_decisions SET published_at = published_at - $1 WHERE number = '12-QĐ/ĐU'",
               store::params(std::int64_t{40} * 86'400'000));
  });
  app_->add_account("dv.dung", kPassword, c1_, {{Role::member, c1_}}, cell_members_[3]);
  auto dung = app_->login("dv.dung", kPassword);
  const auto before_late = decision_tables();
  auto late = dung.post("/api/v1/reviews/" + std::to_string(subjects[3]) + "/complaints", {{"text", "Xin xem lại"}});
  ASSERT_EQ(late.status, 400) << late.body;
  EXPECT_EQ(error_paths(late), std::vector<std::string>{"filed"});
  EXPECT_NE(late.json()["error"]["message"].get<std::string>().find("hết thời hạn khiếu nại"), std::string::npos);
  EXPECT_EQ(decision_tables(), before_late);

  // Every step is in the audit log.
  for (const char* action :
       {"cycle.open", "statement.submit_on_behalf", "review.propose", "decision.create", "decision.publish",
        "complaint.file", "complaint.answer", "review.cancel", "conclusion.record", "review.reopen"})
    EXPECT_GT(audits(action), 0) << action;
}

// R-LINK-1/2: the agency grades a civil servant first and the meeting records that grade; the appraisal and the
// decision read it from there. Under 132 (the ruleset that carries R-LINK-1) an agency grade below HTXSNV caps the
// party grade at HTTNV, so the meeting's HTXSNV is refused with the rule and HTTNV is decided.
TEST_P(DecisionApiTest, TheCivilServantGradeRecordedAtTheMeetingReachesTheEngine) {
  const auto civil = member("Phan Thị Công", c1_, "AH-30", true);
  const auto cycle = open_cycle(2022);
  ASSERT_EQ(query_text(fmt::format("SELECT ruleset FROM review_cycles WHERE id = {}", cycle)), "qd132-2018");
  auto secretary = app_->login("bithu.xa", kPassword);
  auto staff = app_->login("vanphong.xa", kPassword);
  auto committee = app_->login("bch.xa", kPassword);
  const auto review = subject_of(civil, cycle);
  const auto cell = org_subject(c1_, cycle);
  ASSERT_EQ(submit_statement(secretary, review, "HTXSNV", Strength::strong).status, 200);
  ASSERT_EQ(submit_statement(secretary, cell, "HTTNV").status, 200);
  MeetingSession meeting(secretary,
                         {cycle, c1_, "2022-12-12", "Hội trường thôn Đông", cell_members_[0], cell_members_[1]});
  EXPECT_EQ(meeting.subject(review)["civil_servant_grade_needed"], true);
  ASSERT_EQ(meeting.review_by_show_of_hands(cell, "HTTNV").status, 200);
  auto concluded = meeting.review_by_show_of_hands(review, "HTXSNV", Json::object(), "HTTNV");
  ASSERT_EQ(concluded.status, 200) << concluded.body;
  EXPECT_EQ(concluded.json()["civil_servant_grade"], "HTTNV");
  EXPECT_EQ(concluded.json()["meeting_grade"], "HTXSNV");

  // The appraisal: the engine has her agency grade and caps her at HTTNV (R-LINK-1).
  auto appraisal = staff.post("/api/v1/cycles/" + std::to_string(cycle) + "/appraisal", {{"unit_id", commune_}});
  ASSERT_EQ(appraisal.status, 200) << appraisal.body;
  Json appraised;
  for (const auto& s : appraisal.json()["subjects"])
    if (s["subject_id"] == review) appraised = s;
  ASSERT_TRUE(appraised.is_object()) << appraisal.body;
  EXPECT_EQ(appraised["civil_servant_grade"], "HTTNV") << appraised;
  EXPECT_EQ(appraised["max"], "HTTNV") << appraised;
  EXPECT_EQ(appraised["proposal_above_max"], true) << appraised;
  EXPECT_NE(appraised["findings"].dump().find("R-LINK-1"), std::string::npos) << appraised;

  // The meeting's HTXSNV is refused with the rule, nothing stored; HTTNV is decided.
  ASSERT_EQ(propose(staff, review).status, 200);
  const auto untouched = decision_tables();
  auto refused = committee.post("/api/v1/cycles/" + std::to_string(cycle) + "/decisions",
                                decision_body("03-QĐ/ĐU", commune_, {review}));
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(problem_at(refused, "grades." + std::to_string(review)).find("R-LINK-1"), std::string::npos)
      << refused.body;
  EXPECT_EQ(decision_tables(), untouched);
  Json body = decision_body("03-QĐ/ĐU", commune_, {review});
  body["grades"] = {{std::to_string(review), "HTTNV"}};
  auto decided = committee.post("/api/v1/cycles/" + std::to_string(cycle) + "/decisions", body);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(query_text("SELECT grade FROM review_subjects WHERE id = " + std::to_string(review)), "HTTNV");
}

INSTANTIATE_TEST_SUITE_P(Backends, DecisionApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
