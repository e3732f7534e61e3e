// The review meeting through the real server on SQLite and PostgreSQL: a cell of eight members meets (one absent
// with an approved reason, an exempt member present), the quorum is computed, the head and the deputy are reviewed
// first (the order gate refuses a member before them), comments and criticism are recorded, show-of-hands tallies
// decide some grades, a secret ballot decides one (each voter casts their own ballot, a second ballot and an absent
// member are refused, only counts are ever shown or stored), an incomplete review is refused with every path, the
// minutes are generated and frozen when the meeting closes; reminders are computed on read.
#include <gtest/gtest.h>

#include "api/support/commune.hpp"
#include "api/support/review_flow.hpp"
#include "api/support/test_app.hpp"
#include "service/auth/roles.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

class MeetingApiTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto units = seed_commune(*app_);
    commune_ = units.commune;
    cell_ = units.cells[0];
    other_ = units.other;
    hai_ = member("Nguyễn Văn Hải", "AH-01");
    lan_ = member("Trần Thị Lan", "AH-02");
    minh_ = member("Lê Văn Minh", "AH-03");
    nga_ = member("Phạm Thị Nga", "AH-04", "active", true);
    on_ = member("Hoàng Văn Ơn", "AH-05");
    phuong_ = member("Vũ Thị Phương", "AH-06");
    quang_ = member("Đỗ Văn Quang", "AH-07");
    son_ = member("Bùi Văn Sơn", "AH-08", "exempt");
    seed_post(*app_, hai_, cell_, "Bí thư chi bộ", true);
    seed_post(*app_, lan_, cell_, "Phó Bí thư chi bộ", false);
    app_->add_account("bch.xa", kPassword, commune_, {{Role::committee, commune_}});
    app_->add_account("bithu", kPassword, cell_, {{Role::cell_secretary, cell_}, {Role::member, cell_}}, hai_);
    app_->add_account("pho.bithu", kPassword, cell_, {{Role::member, cell_}}, lan_);
    app_->add_account("dv.minh", kPassword, cell_, {{Role::member, cell_}}, minh_);
    app_->add_account("dv.on", kPassword, cell_, {{Role::member, cell_}}, on_);
    app_->add_account("dv.phuong", kPassword, cell_, {{Role::member, cell_}}, phuong_);
    app_->add_account("dv.son", kPassword, cell_, {{Role::member, cell_}}, son_);
    app_->add_account("ngoai", kPassword, other_,
                      {{Role::administrator, other_}, {Role::committee, other_}, {Role::cell_secretary, other_}});
  }

  std::int64_t member(const std::string& name, const std::string& card, const std::string& status = "active",
                      bool civil_servant = false) {
    return seed_member(*app_,
                       {.name = name, .cell = cell_, .card = card, .status = status, .civil_servant = civil_servant});
  }

  // The reviews of a person in the cycle: {place -> subject id}.
  std::map<std::string, std::int64_t> reviews_of(std::int64_t person) {
    std::map<std::string, std::int64_t> out;
    app_->write([&](store::Transaction& tx) {
      for (auto& r : tx.query("SELECT place, id FROM review_subjects WHERE person_id = $1", store::params(person)))
        out[r.get_text(0)] = r.get_int(1);
    });
    return out;
  }

  // The secretary enters and submits a complete statement (27 + 62 points, HTTNV proposed) on the member's behalf
  // (support/review_flow.hpp; the test fails at a refusal).
  void submit(HttpClient& secretary, std::int64_t review) { submit_statement(secretary, review, "HTTNV"); }

  std::int64_t audited(const std::string& action) {
    return app_->write([&](store::Transaction& tx) {
      return tx.query_one("SELECT COUNT(*) FROM audit_log WHERE action = $1", store::params(action))->get_int(0);
    });
  }

  std::string meeting_tables_digest() {
    std::string out = std::to_string(app_->count_rows("audit_log"));
    for (const char* t :
         {"review_meetings", "review_meeting_attendees", "review_meeting_subjects", "review_ballot_voters",
          "review_meeting_comments", "review_meeting_received", "review_subjects", "review_transitions"})
      out += std::string("|") + app_->table_digest(t);
    return out;
  }

  std::unique_ptr<TestApp> app_;
  std::int64_t commune_ = 0, cell_ = 0, other_ = 0;
  std::int64_t hai_ = 0, lan_ = 0, minh_ = 0, nga_ = 0, on_ = 0, phuong_ = 0, quang_ = 0, son_ = 0;
};

TEST(MeetingRoles, TheCellSecretaryTheCommitteeAndItsStaffRunMeetings) {
  using service::auth::Action;
  using service::auth::role_allows;
  EXPECT_TRUE(role_allows(Role::cell_secretary, Action::run_meeting));
  EXPECT_TRUE(role_allows(Role::committee, Action::run_meeting));
  EXPECT_TRUE(role_allows(Role::committee_staff, Action::run_meeting));
  EXPECT_FALSE(role_allows(Role::member, Action::run_meeting));
  EXPECT_FALSE(role_allows(Role::administrator, Action::run_meeting));
  EXPECT_FALSE(role_allows(Role::inspection, Action::run_meeting));
  EXPECT_FALSE(role_allows(Role::organization_board, Action::run_meeting));
  EXPECT_EQ(service::auth::to_string(Action::run_meeting), "run_meeting");
  // The existing review actions keep their roles.
  EXPECT_TRUE(role_allows(Role::cell_secretary, Action::enter_statement));
  EXPECT_FALSE(role_allows(Role::committee, Action::enter_statement));
}

TEST_P(MeetingApiTest, ACellMeetingWithShowOfHandsASecretBallotAndMinutes) {
  auto committee = app_->login("bch.xa", kPassword);
  const auto cycle = open_cycle(committee, commune_, 2026);
  ASSERT_NE(cycle, 0);

  auto secretary = app_->login("bithu", kPassword);
  const auto hai = reviews_of(hai_), lan = reviews_of(lan_);
  ASSERT_TRUE(hai.count("cell") && hai.count("post") && lan.count("cell") && lan.count("post"));
  const auto minh = reviews_of(minh_)["cell"], nga = reviews_of(nga_)["cell"], on = reviews_of(on_)["cell"];
  for (auto review : {hai.at("cell"), hai.at("post"), lan.at("cell"), lan.at("post"), minh, nga, on})
    submit(secretary, review);

  // The meeting: everyone on the roster, present by default.
  const Json create = {{"cycle_id", cycle},    {"unit_id", cell_},
                       {"date", "2026-12-10"}, {"place", "Nhà văn hóa thôn Đông"},
                       {"chair_id", hai_},     {"secretary_id", lan_}};
  auto outsider = app_->login("ngoai", kPassword);
  EXPECT_EQ(outsider.post("/api/v1/meetings", create).status, 403);
  auto bad = secretary.post("/api/v1/meetings", {{"cycle_id", cycle},
                                                 {"unit_id", cell_},
                                                 {"date", "10/12/2026"},
                                                 {"chair_id", app_->root_unit()},
                                                 {"secretary_id", lan_},
                                                 {"rules", {{"quorum", {{"numerator", 3}, {"denominator", 2}}}}}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  for (const char* p : {"date", "place", "rules.quorum.numerator"}) EXPECT_TRUE(has_error_at(bad, p)) << p << bad.body;
  EXPECT_EQ(app_->count_rows("review_meetings"), 0);

  auto created = secretary.post("/api/v1/meetings", create);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(secretary.post("/api/v1/meetings", create).status, 409);  // one meeting per unit and cycle
  const auto meeting = "/api/v1/meetings/" + std::to_string(created.json()["id"].get<std::int64_t>());
  EXPECT_EQ(created.json()["attendees"].size(), 8u);
  EXPECT_EQ(created.json()["quorum"], (Json{{"base", 8}, {"present", 8}, {"met", true}}));
  EXPECT_EQ(created.json()["rules"]["approval"], (Json{{"numerator", 1}, {"denominator", 2}, {"strict", true}}));
  // The collective reviews come first (the cell as a party organization, Mẫu 01), then the head's, the deputy's
  // and the members'.
  const auto& listed = created.json()["subjects"];
  ASSERT_GE(listed.size(), 8u);
  const std::vector<std::string> rank_order = {"collective", "head", "deputy", "member"};
  auto rank_of = [&](const Json& s) {
    return std::find(rank_order.begin(), rank_order.end(), s["rank"].get<std::string>()) - rank_order.begin();
  };
  std::vector<std::int64_t> collectives;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (i > 0) EXPECT_LE(rank_of(listed[i - 1]), rank_of(listed[i])) << listed;
    if (listed[i]["rank"] == "collective") collectives.push_back(listed[i]["subject_id"].get<std::int64_t>());
  }
  ASSERT_FALSE(collectives.empty()) << listed;
  // Every subject has a name: the cell itself (party_organization) goes by the unit's name.
  for (const auto& s : listed) EXPECT_FALSE(s["name"].get<std::string>().empty()) << s;
  EXPECT_TRUE(std::any_of(listed.begin(), listed.end(), [](const Json& s) {
    return s["kind"] == "party_organization" && s["name"] == "Chi bộ thôn Đông";
  })) << listed;
  EXPECT_EQ(meeting_subject(created.json(), hai.at("cell"))["rank"], "head");
  EXPECT_EQ(meeting_subject(created.json(), lan.at("cell"))["rank"], "deputy");
  EXPECT_EQ(meeting_subject(created.json(), minh)["rank"], "member");

  // Phương is away on duty with an approved reason: not counted. Sơn is exempt and present: counted.
  auto version = created.json()["version"].get<std::int64_t>();
  auto no_reason =
      secretary.put(meeting + "/attendance", {{"version", version},
                                              {"attendees",
                                               {{{"person_id", phuong_}, {"presence", "absent_with_reason"}},
                                                {{"person_id", 999999}, {"presence", "present"}}}}});
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_TRUE(has_error_at(no_reason, "attendees[1].person_id")) << no_reason.body;
  auto attendance = secretary.put(meeting + "/attendance", {{"version", version},
                                                            {"attendees",
                                                             {{{"person_id", phuong_},
                                                               {"presence", "absent_with_reason"},
                                                               {"absence_reason", "Đi công tác tỉnh"},
                                                               {"absence_approved", true}}}}});
  ASSERT_EQ(attendance.status, 200) << attendance.body;
  EXPECT_EQ(attendance.json()["quorum"], (Json{{"base", 7}, {"present", 7}, {"met", true}}));
  EXPECT_EQ(
      outsider.put(meeting + "/attendance", {{"version", attendance.json()["version"]}, {"attendees", Json::array()}})
          .status,
      403);
  EXPECT_EQ(outsider.get(meeting).status, 404);  // nor is its existence revealed to a reader

  auto record = [&](std::int64_t review, const Json& body) {
    const auto path = "/api/v1/reviews/" + std::to_string(review) + "/meeting";
    auto current = meeting_subject(secretary.get(meeting).json(), review);
    Json b = body;
    b["version"] = current["version"];
    return secretary.put(path, b);
  };
  auto act = [&](std::int64_t review, const std::string& what, Json body = Json::object()) {
    auto current = meeting_subject(secretary.get(meeting).json(), review);
    body["version"] = current["version"];
    return secretary.post("/api/v1/reviews/" + std::to_string(review) + "/meeting/" + what, body);
  };
  auto tally = [&](std::int64_t review, const Json& counts) {
    auto current = meeting_subject(secretary.get(meeting).json(), review);
    return secretary.put("/api/v1/reviews/" + std::to_string(review) + "/meeting/tally",
                         {{"version", current["version"]}, {"method", "show_of_hands"}, {"tally", counts}});
  };
  const Json residence = {{"source", "residence"}, {"text", "Gia đình gương mẫu, tham gia tốt sinh hoạt khu dân cư"}};

  // A member before the head and the deputy: refused, naming who is waiting.
  ASSERT_EQ(record(minh, {{"received", {residence}}}).status, 200);
  ASSERT_EQ(tally(minh, {{"HTTNV", 7}}).status, 200);
  auto early = act(minh, "conclude");
  ASSERT_EQ(early.status, 409) << early.body;
  EXPECT_TRUE(has_error_at(early, "order." + std::to_string(hai.at("cell")))) << early.body;

  // The cell's own report (Mẫu 01, entered by the secretary) is reviewed and voted on first.
  for (auto collective : collectives) {
    submit(secretary, collective);
    ASSERT_EQ(tally(collective, {{"HTTNV", 7}}).status, 200);
    auto reviewed = act(collective, "conclude");
    ASSERT_EQ(reviewed.status, 200) << reviewed.body;
    EXPECT_EQ(reviewed.json()["state"], "reviewed");
  }

  // The head: comments and criticism (who said what), the residence comment, a show of hands.
  auto head = record(hai.at("cell"),
                     {{"comments",
                       {{{"speaker_id", minh_}, {"text", "Đồng chí gương mẫu, sâu sát cơ sở."}},
                        {{"speaker_id", on_}, {"text", "Còn chậm đôn đốc thu đảng phí."}, {"criticism", true}}}},
                      {"received", {residence}}});
  ASSERT_EQ(head.status, 200) << head.body;
  EXPECT_EQ(head.json()["comments"].size(), 2u);
  EXPECT_EQ(head.json()["comments"][1]["criticism"], true);
  EXPECT_EQ(tally(hai.at("cell"), {{"HTXSNV", 9}}).status, 400);  // more votes than the 7 voters present
  auto counted = tally(hai.at("cell"), {{"HTXSNV", 2}, {"HTTNV", 4}, {"blank", 1}});
  ASSERT_EQ(counted.status, 200) << counted.body;
  EXPECT_EQ(counted.json()["outcome"], "HTTNV");  // 2 + 4 = 6 of 7 approve at least HTTNV; 2 do not make HTXSNV
  auto concluded = act(hai.at("cell"), "conclude");
  ASSERT_EQ(concluded.status, 200) << concluded.body;
  EXPECT_EQ(concluded.json()["state"], "reviewed");
  EXPECT_EQ(concluded.json()["meeting_grade"], "HTTNV");
  EXPECT_EQ(record(hai.at("cell"), {{"comments", Json::array()}}).status, 409);  // concluded: read-only
  // His review at the post is reviewed, not graded: no vote, no grade.
  auto at_post = act(hai.at("post"), "conclude");
  ASSERT_EQ(at_post.status, 200) << at_post.body;
  EXPECT_EQ(at_post.json()["state"], "reviewed");
  EXPECT_TRUE(at_post.json()["meeting_grade"].is_null());

  // The deputy.
  ASSERT_EQ(record(lan.at("cell"), {{"received", {residence}}}).status, 200);
  ASSERT_EQ(tally(lan.at("cell"), {{"HTXSNV", 5}, {"HTTNV", 2}}).status, 200);
  ASSERT_EQ(act(lan.at("cell"), "conclude").json()["meeting_grade"], "HTXSNV");
  ASSERT_EQ(act(lan.at("post"), "conclude").status, 200);

  // Nga is a civil servant: without her residence comment, her civil-servant grade and a vote, every problem is
  // listed and nothing changes.
  const auto before = meeting_tables_digest();
  auto incomplete = act(nga, "conclude");
  ASSERT_EQ(incomplete.status, 400) << incomplete.body;
  for (const char* p : {"received.residence", "civil_servant_grade", "tally"})
    EXPECT_TRUE(has_error_at(incomplete, p)) << p << " " << incomplete.body;
  // Her residence is not known: the refusal names whose comments they are, not "?".
  for (const auto& d : incomplete.json()["error"]["details"])
    if (d["path"] == "received.residence") {
      const auto problem = d["problem"].get<std::string>();
      EXPECT_EQ(problem,
                "cần ý kiến nhận xét của tổ chức đảng nơi cư trú (R-RESIDENCE) / the comments of the party "
                "organization where the member lives are required (R-RESIDENCE)");
    }
  EXPECT_EQ(meeting_tables_digest(), before);
  // Her residence comment names the organization that wrote it (printed in the minutes).
  const Json named_residence = {{"source", "residence"}, {"unit_id", commune_}, {"text", "Tích cực ở khu dân cư"}};
  ASSERT_EQ(record(nga, {{"received", {named_residence}}, {"civil_servant_grade", "HTTNV"}}).status, 200);
  ASSERT_EQ(tally(nga, {{"HTTNV", 6}, {"HTNV", 1}}).status, 200);
  ASSERT_EQ(act(nga, "conclude").json()["meeting_grade"], "HTTNV");

  // Minh: a secret ballot. Each voter casts their own; a second ballot, an absent member, an Idempotency-Key and
  // a paper tally on top are refused; no response shows a running count.
  auto minh_client = app_->login("dv.minh", kPassword);
  auto on_client = app_->login("dv.on", kPassword);
  auto lan_client = app_->login("pho.bithu", kPassword);
  auto phuong = app_->login("dv.phuong", kPassword);
  ASSERT_EQ(record(on, {{"vote_method", "secret_ballot"}}).status, 200);
  auto by_ballot = record(minh, {{"vote_method", "secret_ballot"}});
  ASSERT_EQ(by_ballot.status, 200) << by_ballot.body;
  EXPECT_TRUE(by_ballot.json()["tally"].is_null());  // the earlier show of hands is dropped
  auto opened_ballot = act(minh, "ballot/open");
  ASSERT_EQ(opened_ballot.status, 200) << opened_ballot.body;
  EXPECT_EQ(opened_ballot.json()["ballot"], "open");
  const auto ballot = "/api/v1/reviews/" + std::to_string(minh) + "/meeting/ballot";
  const auto audit_before_casting = app_->count_rows("audit_log");
  auto cast = minh_client.post(ballot, {{"grade", "HTTNV"}});
  ASSERT_EQ(cast.status, 200) << cast.body;
  EXPECT_EQ(cast.json(), (Json{{"subject_id", minh}, {"voted", true}, {"ballots_cast", 1}}));
  EXPECT_EQ(minh_client.post(ballot, {{"grade", "HTXSNV"}}).status, 409);  // once only
  EXPECT_EQ(minh_client.post(ballot, {{"grade", "HTXSNV"}}, {{"Idempotency-Key", "phieu-1"}}).status, 400);
  EXPECT_EQ(on_client.post(ballot, {{"grade", "XUAT_SAC"}}).status, 400);  // not a grade
  ASSERT_EQ(on_client.post(ballot, {{"grade", "HTTNV"}}).status, 200);
  ASSERT_EQ(secretary.post(ballot, {{"grade", "HTXSNV"}}).status, 200);
  EXPECT_EQ(phuong.post(ballot, {{"grade", "KHTNV"}}).status, 403);    // absent
  EXPECT_EQ(outsider.post(ballot, {{"grade", "KHTNV"}}).status, 403);  // not at the meeting
  auto while_open = lan_client.get(meeting);
  ASSERT_EQ(while_open.status, 200) << while_open.body;  // an attendee reads the meeting to find the ballot
  auto open_subject = meeting_subject(while_open.json(), minh);
  EXPECT_TRUE(open_subject["tally"].is_null()) << open_subject;
  EXPECT_EQ(open_subject["ballots_cast"], 3);
  EXPECT_EQ(open_subject["you_voted"], false);
  EXPECT_EQ(meeting_subject(minh_client.get(meeting).json(), minh)["you_voted"], true);
  EXPECT_EQ(tally(minh, {{"HTTNV", 4}}).status, 409);  // no paper tally over an electronic ballot
  EXPECT_EQ(act(minh, "conclude").status, 409);        // close the ballot first
  EXPECT_EQ(act(on, "ballot/open").status, 409);       // one ballot at a time: a voter knows which one they cast
  ASSERT_EQ(lan_client.post(ballot, Json{{"grade", nullptr}}).status, 200);  // a blank ballot
  EXPECT_EQ(app_->count_rows("audit_log"), audit_before_casting);            // a ballot is no audit entry (order, time)

  // What is stored: who voted, and counts. Nothing else.
  app_->write([&](store::Transaction& tx) {
    auto voters = tx.query("SELECT * FROM review_ballot_voters WHERE subject_id = $1", store::params(minh));
    ASSERT_EQ(voters.size(), 4u);
    for (const auto& r : voters) EXPECT_EQ(r.size(), 2u) << "a voter row holds the subject and the person only";
    auto idem = tx.query_one("SELECT COUNT(*) FROM idempotency_keys WHERE key = 'phieu-1'");
    EXPECT_EQ(idem->get_int(0), 0);
  });

  auto closed_ballot = act(minh, "ballot/close");
  ASSERT_EQ(closed_ballot.status, 200) << closed_ballot.body;
  EXPECT_EQ(closed_ballot.json()["tally"],
            (Json{{"HTXSNV", 1}, {"HTTNV", 2}, {"HTNV", 0}, {"KHTNV", 0}, {"blank", 1}, {"total", 4}}));
  EXPECT_EQ(minh_client.post(ballot, {{"grade", "HTTNV"}}).status, 409);  // closed
  // 1 + 2 = 3 of 7 approve HTTNV: no majority, the meeting votes again.
  auto no_majority = act(minh, "conclude");
  ASSERT_EQ(no_majority.status, 400) << no_majority.body;
  EXPECT_TRUE(has_error_at(no_majority, "tally")) << no_majority.body;
  ASSERT_EQ(act(minh, "ballot/open").status, 200);
  EXPECT_TRUE(meeting_subject(secretary.get(meeting).json(), minh)["tally"].is_null());
  EXPECT_EQ(meeting_subject(secretary.get(meeting).json(), minh)["ballots_cast"], 0);
  for (auto* client : {&minh_client, &on_client, &secretary, &lan_client})
    ASSERT_EQ(client->post(ballot, {{"grade", "HTTNV"}}).status, 200);
  ASSERT_EQ(act(minh, "ballot/close").json()["tally"]["HTTNV"], 4);
  auto minh_done = act(minh, "conclude");
  ASSERT_EQ(minh_done.status, 200) << minh_done.body;
  EXPECT_EQ(minh_done.json()["meeting_grade"], "HTTNV");
  EXPECT_EQ(minh_done.json()["tally_source"], "secret_ballot");

  // The transitions and the audit.
  app_->write([&](store::Transaction& tx) {
    auto t = tx.query_one(
        "SELECT from_state, to_state, action, actor FROM review_transitions WHERE subject_id = $1 "
        "ORDER BY id DESC",
        store::params(minh));
    EXPECT_EQ(t->get_text(0), "submitted");
    EXPECT_EQ(t->get_text(1), "reviewed");
    EXPECT_EQ(t->get_text(2), "record_meeting");
    EXPECT_EQ(t->get_text(3), "secretary");
  });
  EXPECT_EQ(audited("meeting.create"), 1);
  EXPECT_EQ(audited("meeting.attendance"), 1);
  EXPECT_EQ(audited("meeting.conclude"), 6 + static_cast<std::int64_t>(collectives.size()));
  EXPECT_EQ(audited("meeting.ballot_open"), 2);
  EXPECT_EQ(audited("meeting.ballot_close"), 2);

  // The minutes: generated while open, frozen at the close.
  auto minutes = secretary.get(meeting + "/minutes");
  ASSERT_EQ(minutes.status, 200) << minutes.body;
  const auto text = minutes.json()["text"].get<std::string>();
  EXPECT_EQ(minutes.json()["frozen"], false);
  for (const char* part : {"BIÊN BẢN", "Nhà văn hóa thôn Đông", "Chủ trì: Nguyễn Văn Hải; thư ký: Trần Thị Lan",
                           "Vắng mặt: Vũ Thị Phương (có lý do: Đi công tác tỉnh)", "Phê bình — Hoàng Văn Ơn",
                           "Chi bộ thôn Đông", "bỏ phiếu kín", "Kết quả: đề nghị",
                           // The cell's own review under its name; a residence comment by its writer, or bare.
                           "Đối tượng: Chi bộ thôn Đông\n",
                           "Nhận xét nơi cư trú (Đảng bộ xã An Hòa): Tích cực ở khu dân cư",
                           "Nhận xét nơi cư trú: Gia đình gương mẫu"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  EXPECT_EQ(text.find("()"), std::string::npos) << text;
  EXPECT_EQ(text.find("Đối tượng: \n"), std::string::npos) << text;
  EXPECT_EQ(outsider.get(meeting + "/minutes").status, 404);
  auto closed = secretary.post(meeting + "/close", {{"version", secretary.get(meeting).json()["version"]}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  auto frozen = secretary.get(meeting + "/minutes");
  EXPECT_EQ(frozen.json()["frozen"], true);
  EXPECT_EQ(frozen.json()["text"], text);
  EXPECT_EQ(record(on, {{"received", {residence}}}).status, 409);  // read-only
  EXPECT_EQ(audited("meeting.close"), 1);

  // Lists: the secretary's scope; an attendee sees the meeting too; the outsider nothing.
  EXPECT_EQ(secretary.get("/api/v1/meetings?unit_id=" + std::to_string(cell_)).json()["total"], 1);
  EXPECT_EQ(minh_client.get("/api/v1/meetings").json()["total"], 1);
  EXPECT_EQ(outsider.get("/api/v1/meetings").json()["total"], 0);
  EXPECT_EQ(outsider.get("/api/v1/meetings?unit_id=" + std::to_string(cell_)).status, 403);
}

TEST_P(MeetingApiTest, RemindersAreComputedOnRead) {
  auto committee = app_->login("bch.xa", kPassword);
  ASSERT_NE(open_cycle(committee, commune_, 2026), 0);
  auto secretary = app_->login("bithu", kPassword);
  submit(secretary, reviews_of(hai_)["cell"]);

  // Phương has not written her statement: due on the cell's self-review deadline.
  auto phuong = app_->login("dv.phuong", kPassword);
  auto mine = phuong.get("/api/v1/me/reminders?within_days=30&today=2026-11-20");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.json()["items"].size(), 1u) << mine.body;
  const auto& own = mine.json()["items"][0];
  EXPECT_EQ(own["step"], "self_review");
  EXPECT_EQ(own["recipient"], "subject");
  EXPECT_EQ(own["deadline"], "2026-12-05");
  EXPECT_EQ(own["days_left"], 15);
  // Not within 3 days of 20/11, nor once the deadline has passed.
  EXPECT_EQ(phuong.get("/api/v1/me/reminders?within_days=3&today=2026-11-20").json()["items"].size(), 0u);
  EXPECT_EQ(phuong.get("/api/v1/me/reminders?within_days=30&today=2026-12-06").json()["items"].size(), 0u);

  // The secretary: the cell's meeting for the one submitted review, the others still owe their statements.
  auto theirs = secretary.get("/api/v1/me/reminders?within_days=30&today=2026-11-20");
  ASSERT_EQ(theirs.status, 200) << theirs.body;
  bool meeting_due = false;
  for (const auto& item : theirs.json()["items"])
    if (item["step"] == "meeting") {
      meeting_due = true;
      EXPECT_EQ(item["recipient"], "unit_secretary");
      EXPECT_EQ(item["unit_id"], cell_);
      EXPECT_EQ(item["count"], 1);
      EXPECT_EQ(item["subjects"][0]["name"], "Nguyễn Văn Hải");
    }
  EXPECT_TRUE(meeting_due) << theirs.body;
  EXPECT_EQ(secretary.get("/api/v1/me/reminders?within_days=400").status, 400);
  EXPECT_EQ(secretary.get("/api/v1/me/reminders?today=2026-13-01").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingApiTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
