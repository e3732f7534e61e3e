// The two lists the committee's screens read in one request, through the real server on SQLite and PostgreSQL:
// GET /cycles/{id}/complaints (the complaints filed about subjects of a unit's subtree, newest first, by status,
// paged) and GET /cycles/{id}/decisions (the decisions taken by a unit and its subtree). A commune with two cells
// holds its meetings (support/review_flow.hpp), decides and publishes each cell's members, three members complain
// (one answered), and the province cancels and re-grades a grade. The lists must match what was filed and decided;
// another commune, a plain member and a cell's secretary asking for the other cell are refused.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "api/support/review_flow.hpp"
#include "api/support/test_app.hpp"
#include "service/people/people.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

class CycleListsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    province_ = app_->root_unit();
    commune_ = app_->add_unit(province_, "grassroots_committee", "Đảng bộ xã Hòa Thuận", "HT");
    dong_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Đông", "HT-D");
    tay_ = app_->add_unit(commune_, "cell", "Chi bộ thôn Tây", "HT-T");
    other_ = app_->add_unit(province_, "grassroots_committee", "Đảng bộ xã Bình Minh", "BM");
    for (const char* name : {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cao", "Phạm Thị Dung", "Hoàng Văn Em"})
      dong_members_.push_back(member(name, dong_));
    for (const char* name : {"Vũ Thị Giang", "Đỗ Văn Hải", "Bùi Thị Hoa", "Đặng Văn Khoa"})
      tay_members_.push_back(member(name, tay_));
    app_->add_account("bch.tinh", "mat-khau-123", province_, {{Role::committee, province_}});
    app_->add_account("bch.xa", "mat-khau-123", commune_, {{Role::committee, commune_}});
    app_->add_account("vanphong.xa", "mat-khau-123", commune_, {{Role::committee_staff, commune_}});
    app_->add_account("bithu.xa", "mat-khau-123", commune_, {{Role::cell_secretary, commune_}});
    app_->add_account("bithu.tay", "mat-khau-123", tay_, {{Role::cell_secretary, tay_}});
    app_->add_account("dv.an", "mat-khau-123", dong_, {{Role::member, dong_}}, dong_members_[0]);
    app_->add_account("dv.binh", "mat-khau-123", dong_, {{Role::member, dong_}}, dong_members_[1]);
    app_->add_account("dv.giang", "mat-khau-123", tay_, {{Role::member, tay_}}, tay_members_[0]);
    app_->add_account("ngoai", "mat-khau-123", other_, {{Role::administrator, other_}, {Role::committee, other_}});
  }

  std::int64_t member(const std::string& name, std::int64_t cell) {
    service::Call call{app_->system(), "seed"};
    return app_->write([&](store::Transaction& tx) {
      auto r = service::people::create_person(tx, call,
                                              {{"full_name", name},
                                               {"unit_id", cell},
                                               {"card_number", fmt::format("HT-{:02}", ++cards_)},
                                               {"status", "active"},
                                               {"admitted_on", "2009-05-19"},
                                               {"joined_on", "2016-01-01"}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
      return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
    });
  }

  std::int64_t query_int(const std::string& sql) {
    return app_->write([&](store::Transaction& tx) { return tx.query_one(sql)->get_int(0); });
  }
  std::int64_t subject_of(std::int64_t person) {
    return query_int(fmt::format(
        "SELECT id FROM review_subjects WHERE person_id = {} AND cycle_id = {} AND place = 'cell'", person, cycle_));
  }
  std::int64_t org_subject(std::int64_t unit) {
    return query_int(fmt::format(
        "SELECT id FROM review_subjects WHERE kind = 'party_organization' AND unit_id = {} AND cycle_id = {}", unit,
        cycle_));
  }

  // A cell's members written, met (the cell's own report first), proposed HTTNV, decided by the commune under
  // `number` on `date` and published. Returns the decision's id.
  std::int64_t decide_cell(std::int64_t cell, const std::vector<std::int64_t>& people, const std::string& number,
                           const std::string& date) {
    auto secretary = app_->login("bithu.xa", "mat-khau-123");
    auto staff = app_->login("vanphong.xa", "mat-khau-123");
    auto committee = app_->login("bch.xa", "mat-khau-123");
    std::vector<std::int64_t> subjects;
    for (auto p : people) {
      subjects.push_back(subject_of(p));
      EXPECT_EQ(submit_statement(secretary, subjects.back(), "HTTNV").status, 200);
    }
    MeetingSession meeting(secretary, {cycle_, cell, "2026-12-10", "Nhà văn hóa thôn", people[0], people[1]});
    EXPECT_EQ(submit_statement(secretary, org_subject(cell), "HTTNV").status, 200);
    EXPECT_EQ(meeting.review_by_show_of_hands(org_subject(cell), "HTTNV").status, 200);
    for (auto id : subjects) {
      EXPECT_EQ(meeting.review_by_show_of_hands(id, "HTTNV").status, 200);
      EXPECT_EQ(propose(staff, id).status, 200);
    }
    auto decided =
        committee.post(fmt::format("/api/v1/cycles/{}/decisions", cycle_), {{"unit_id", commune_},
                                                                            {"number", number},
                                                                            {"date", date},
                                                                            {"signer", "Nguyễn Văn Thắng, Bí thư"},
                                                                            {"subject_ids", subjects}});
    EXPECT_EQ(decided.status, 201) << decided.body;
    const auto id = decided.json().value("id", std::int64_t{0});
    EXPECT_EQ(committee.post(fmt::format("/api/v1/decisions/{}/publish", id), Json::object()).status, 200);
    return id;
  }

  // The member behind `account` complains about their published grade.
  std::int64_t complain(const std::string& account, std::int64_t person, const std::string& text) {
    auto who = app_->login(account, "mat-khau-123");
    auto filed = who.post(fmt::format("/api/v1/reviews/{}/complaints", subject_of(person)),
                          {{"text", text}, {"requested", "HTXSNV"}});
    EXPECT_EQ(filed.status, 201) << filed.body;
    return filed.json().value("id", std::int64_t{0});
  }

  // The cycle decided and contested: the two cells' decisions, three complaints (An's answered), and the
  // province's re-grade of Hải's grade (not published).
  void play() {
    auto committee = app_->login("bch.xa", "mat-khau-123");
    auto opened = committee.post("/api/v1/cycles", {{"unit_id", commune_}, {"year", 2026}});
    ASSERT_EQ(opened.status, 201) << opened.body;
    cycle_ = opened.json()["id"].get<std::int64_t>();
    dong_decision_ = decide_cell(dong_, dong_members_, "12-QĐ/ĐU", "2026-11-20");
    tay_decision_ = decide_cell(tay_, tay_members_, "13-QĐ/ĐU", "2026-11-21");
    an_complaint_ = complain("dv.an", dong_members_[0], "Tôi đã vượt chỉ tiêu, đề nghị xem xét lại");
    auto answered = committee.post(fmt::format("/api/v1/complaints/{}/answer", an_complaint_),
                                   {{"outcome", "rejected"}, {"reasons", "Điểm tự chấm chưa đạt mức 90"}});
    ASSERT_EQ(answered.status, 200) << answered.body;
    giang_complaint_ = complain("dv.giang", tay_members_[0], "Đề nghị xem xét sản phẩm cụ thể của tôi");
    binh_complaint_ = complain("dv.binh", dong_members_[1], "Đề nghị giữ mức chi bộ đề xuất");
    auto province = app_->login("bch.tinh", "mat-khau-123");
    const auto hai = subject_of(tay_members_[1]);
    ASSERT_EQ(
        province.post(fmt::format("/api/v1/reviews/{}/cancel", hai), {{"reason", "Kiểm tra phát hiện sai sót"}}).status,
        200);
    auto regraded = province.post(fmt::format("/api/v1/cycles/{}/decisions", cycle_),
                                  {{"unit_id", province_},
                                   {"number", "05-QĐ/TU"},
                                   {"date", "2026-11-25"},
                                   {"signer", "Lê Văn Mạnh, Phó Bí thư"},
                                   {"subject_ids", {hai}},
                                   {"grades", {{std::to_string(hai), "HTNV"}}}});
    ASSERT_EQ(regraded.status, 201) << regraded.body;
    province_decision_ = regraded.json()["id"].get<std::int64_t>();
  }

  std::string complaints(const std::string& query = "") {
    return fmt::format("/api/v1/cycles/{}/complaints{}", cycle_, query);
  }
  std::string decisions(const std::string& query = "") {
    return fmt::format("/api/v1/cycles/{}/decisions{}", cycle_, query);
  }
  static std::vector<std::int64_t> ids(const HttpResponse& r) {
    std::vector<std::int64_t> out;
    for (const auto& item : r.json()["items"]) out.push_back(item["id"].get<std::int64_t>());
    return out;
  }
  static std::vector<std::string> paths(const HttpResponse& r) {
    std::vector<std::string> out;
    for (const auto& d : r.json()["error"]["details"]) out.push_back(d["path"].get<std::string>());
    return out;
  }

  std::unique_ptr<TestApp> app_;
  int cards_ = 0;
  std::int64_t province_ = 0, commune_ = 0, dong_ = 0, tay_ = 0, other_ = 0, cycle_ = 0;
  std::vector<std::int64_t> dong_members_, tay_members_;
  std::int64_t dong_decision_ = 0, tay_decision_ = 0, province_decision_ = 0;
  std::int64_t an_complaint_ = 0, giang_complaint_ = 0, binh_complaint_ = 0;
};

TEST_P(CycleListsTest, TheComplaintsOfASubtreeAreWhatWasFiledNewestFirst) {
  ASSERT_NO_FATAL_FAILURE(play());
  auto committee = app_->login("bch.xa", "mat-khau-123");

  // The commune (the cycle's root, also by default): all three, newest first.
  auto all = committee.get(complaints("?unit_id=" + std::to_string(commune_)));
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids(all), (std::vector<std::int64_t>{binh_complaint_, giang_complaint_, an_complaint_}));
  EXPECT_EQ(all.json()["total"], 3);
  EXPECT_EQ(ids(committee.get(complaints())), ids(all));

  // One item as the committee reads it: the member's words, the contested decision and grade, the answer.
  const Json an = all.json()["items"][2];
  const auto an_review = subject_of(dong_members_[0]);
  EXPECT_EQ(an["subject_id"], an_review);
  EXPECT_EQ(an["review_id"], an_review);
  EXPECT_EQ(an["subject_kind"], "member");
  EXPECT_EQ(an["subject_name"], "Nguyễn Văn An");
  EXPECT_EQ(an["unit_id"], dong_);
  EXPECT_EQ(an["unit_name"], "Chi bộ thôn Đông");
  EXPECT_EQ(an["decision_id"], dong_decision_);
  EXPECT_EQ(an["decision_number"], "12-QĐ/ĐU");
  EXPECT_EQ(an["decision_date"], "2026-11-20");
  EXPECT_EQ(an["decision_unit_id"], commune_);
  EXPECT_EQ(an["contested_grade"], "HTTNV");
  EXPECT_EQ(an["text"], "Tôi đã vượt chỉ tiêu, đề nghị xem xét lại");
  EXPECT_EQ(an["requested"], "HTXSNV");
  EXPECT_EQ(an["status"], "answered");
  EXPECT_EQ(an["outcome"], "rejected");
  EXPECT_EQ(an["reasons"], "Điểm tự chấm chưa đạt mức 90");
  EXPECT_TRUE(an["filed_at"].is_number_integer());
  EXPECT_EQ(an["state"], "published");  // rejected: the grade stands again
  EXPECT_EQ(an["review_version"],
            query_int("SELECT version FROM review_subjects WHERE id = " + std::to_string(an_review)));
  // The same complaint JSON as the review's history shows.
  auto history = committee.get("/api/v1/reviews/" + std::to_string(an_review));
  ASSERT_EQ(history.status, 200) << history.body;
  const Json& told = history.json()["complaints"][0];
  for (auto it = told.begin(); it != told.end(); ++it) EXPECT_EQ(an[it.key()], it.value()) << it.key();
  EXPECT_EQ(all.json()["items"][0]["status"], "open");
  EXPECT_EQ(all.json()["items"][0]["state"], "complaint_filed");
  EXPECT_EQ(all.json()["items"][0]["answered_on"], nullptr);

  // By status.
  auto open = committee.get(complaints("?status=open"));
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(ids(open), (std::vector<std::int64_t>{binh_complaint_, giang_complaint_}));
  EXPECT_EQ(open.json()["total"], 2);
  EXPECT_EQ(ids(committee.get(complaints("?status=answered"))), std::vector<std::int64_t>{an_complaint_});

  // By cell: each cell's complaints only.
  EXPECT_EQ(ids(committee.get(complaints("?unit_id=" + std::to_string(dong_)))),
            (std::vector<std::int64_t>{binh_complaint_, an_complaint_}));
  auto tay = committee.get(complaints(fmt::format("?unit_id={}&status=answered", tay_)));
  ASSERT_EQ(tay.status, 200) << tay.body;
  EXPECT_EQ(tay.json()["total"], 0);
  EXPECT_TRUE(tay.json()["items"].empty());

  // Paged: two, then the third; past the end, nothing (the total stays).
  auto first = committee.get(complaints("?page=1&page_size=2"));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(ids(first), (std::vector<std::int64_t>{binh_complaint_, giang_complaint_}));
  EXPECT_EQ(first.json()["page_size"], 2);
  EXPECT_EQ(first.json()["total"], 3);
  auto second = committee.get(complaints("?page=2&page_size=2"));
  EXPECT_EQ(ids(second), std::vector<std::int64_t>{an_complaint_});
  EXPECT_EQ(second.json()["page"], 2);
  auto past = committee.get(complaints("?page=3&page_size=2"));
  EXPECT_TRUE(past.json()["items"].empty());
  EXPECT_EQ(past.json()["total"], 3);

  // The province (above the cycle's root) reads them too.
  auto province = app_->login("bch.tinh", "mat-khau-123");
  EXPECT_EQ(ids(province.get(complaints("?unit_id=" + std::to_string(province_)))), ids(all));
}

TEST_P(CycleListsTest, TheComplaintListRefusesBadParametersAndOtherScopes) {
  ASSERT_NO_FATAL_FAILURE(play());
  auto committee = app_->login("bch.xa", "mat-khau-123");
  for (const auto& [query, path] : std::vector<std::pair<std::string, std::string>>{
           {"?status=closed", "query.status"},
           {"?page=0", "query.page"},
           {"?page_size=501", "query.page_size"},
           {"?page=x", "query.page"},
           {"?unit_id=-3", "query.unit_id"},
           {"?unit_id=" + std::to_string(other_), "query.unit_id"},  // a unit outside the cycle's tree
           {"?unit_id=999999", "query.unit_id"}}) {
    auto r = committee.get(complaints(query));
    ASSERT_EQ(r.status, 400) << query << " " << r.body;
    EXPECT_EQ(paths(r), std::vector<std::string>{path}) << query;
    // Bilingual: Vietnamese first, then English after " / ".
    const auto problem = r.json()["error"]["details"][0]["problem"].get<std::string>();
    EXPECT_NE(problem.find(" / "), std::string::npos) << problem;
  }
  // Another commune does not see the cycle; a member reads no one's complaints; the other cell's secretary reads
  // only her own cell's.
  auto outsider = app_->login("ngoai", "mat-khau-123");
  EXPECT_EQ(outsider.get(complaints("?unit_id=" + std::to_string(commune_))).status, 404);
  EXPECT_EQ(outsider.get(complaints("?unit_id=" + std::to_string(other_))).status, 404);
  auto member = app_->login("dv.an", "mat-khau-123");
  EXPECT_EQ(member.get(complaints("?unit_id=" + std::to_string(dong_))).status, 403);
  auto secretary = app_->login("bithu.tay", "mat-khau-123");
  EXPECT_EQ(secretary.get(complaints()).status, 403);
  EXPECT_EQ(secretary.get(complaints("?unit_id=" + std::to_string(dong_))).status, 403);
  auto own = secretary.get(complaints("?unit_id=" + std::to_string(tay_)));
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ids(own), std::vector<std::int64_t>{giang_complaint_});
}

TEST_P(CycleListsTest, TheDecisionsOfASubtreeAreWhatWasDecidedNewestFirst) {
  ASSERT_NO_FATAL_FAILURE(play());
  auto committee = app_->login("bch.xa", "mat-khau-123");
  auto commune = committee.get(decisions());
  ASSERT_EQ(commune.status, 200) << commune.body;
  // The commune's two, newest first; the province's re-grade is not the commune's.
  EXPECT_EQ(ids(commune), (std::vector<std::int64_t>{tay_decision_, dong_decision_}));
  EXPECT_EQ(commune.json()["total"], 2);
  const Json dong = commune.json()["items"][1];
  EXPECT_EQ(dong["number"], "12-QĐ/ĐU");
  EXPECT_EQ(dong["date"], "2026-11-20");
  EXPECT_EQ(dong["kind"], "decision");
  EXPECT_EQ(dong["organ"], "committee");
  EXPECT_EQ(dong["unit_id"], commune_);
  EXPECT_EQ(dong["unit_name"], "Đảng bộ xã Hòa Thuận");
  EXPECT_EQ(dong["subject_count"], static_cast<std::int64_t>(dong_members_.size()));
  EXPECT_TRUE(dong["published_at"].is_number_integer());
  EXPECT_EQ(dong["complaint_id"], nullptr);
  EXPECT_EQ(dong["cycle_id"], cycle_);

  // From the province (above the cycle's root): its re-grade first, not yet published.
  auto province = app_->login("bch.tinh", "mat-khau-123");
  auto all = province.get(decisions("?unit_id=" + std::to_string(province_)));
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(ids(all), (std::vector<std::int64_t>{province_decision_, tay_decision_, dong_decision_}));
  EXPECT_EQ(all.json()["items"][0]["kind"], "regrade");
  EXPECT_EQ(all.json()["items"][0]["organ"], "standing_committee");
  EXPECT_EQ(all.json()["items"][0]["subject_count"], 1);
  EXPECT_EQ(all.json()["items"][0]["published_at"], nullptr);
  // Each item agrees with the decision itself.
  for (const auto& item : all.json()["items"]) {
    auto one = province.get("/api/v1/decisions/" + std::to_string(item["id"].get<std::int64_t>()));
    ASSERT_EQ(one.status, 200) << one.body;
    for (const char* key : {"number", "date", "kind", "unit_id", "unit_name", "published_at", "organ", "signer"})
      EXPECT_EQ(item[key], one.json()[key]) << key;
    EXPECT_EQ(item["subject_count"], one.json()["grades"].size());
  }
  // Paged.
  auto second = province.get(decisions(fmt::format("?unit_id={}&page=2&page_size=2", province_)));
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(ids(second), std::vector<std::int64_t>{dong_decision_});
  EXPECT_EQ(second.json()["total"], 3);
  // A cell decides nothing.
  auto cell = committee.get(decisions("?unit_id=" + std::to_string(dong_)));
  ASSERT_EQ(cell.status, 200) << cell.body;
  EXPECT_EQ(cell.json()["total"], 0);

  // Refusals: bad parameters name themselves; other scopes see nothing.
  EXPECT_EQ(paths(committee.get(decisions("?page_size=0"))), std::vector<std::string>{"query.page_size"});
  EXPECT_EQ(paths(committee.get(decisions("?unit_id=abc"))), std::vector<std::string>{"query.unit_id"});
  EXPECT_EQ(paths(province.get(decisions("?unit_id=" + std::to_string(other_)))),
            std::vector<std::string>{"query.unit_id"});
  auto outsider = app_->login("ngoai", "mat-khau-123");
  EXPECT_EQ(outsider.get(decisions()).status, 404);
  auto secretary = app_->login("bithu.tay", "mat-khau-123");
  EXPECT_EQ(secretary.get(decisions()).status, 403);
  auto member = app_->login("dv.giang", "mat-khau-123");
  EXPECT_EQ(member.get(decisions("?unit_id=" + std::to_string(tay_))).status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, CycleListsTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
