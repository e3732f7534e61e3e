// The whole annual review of a commune, through the real server and its JSON API only, on SQLite and PostgreSQL
// (issue 4, "Done when"). Đảng bộ xã Tân Lập has three cells and 43 members: the commune's secretary and deputy
// (posts at the commune), a secretary per cell and a deputy in one, an exempt member, a member disciplined in the
// year, a member transferred in during the year (her previous cell's comment is needed), a civil servant (the
// meeting records her agency's grade). The roster is seeded through the services; everything of the cycle goes
// through HTTP: the province opens the cycle, members write and submit their statements (one is entered by the
// secretary on her behalf), each cell meets (attendance, quorum, comments, received comments, a secret ballot in
// one cell, shows of hands elsewhere, collective → head → deputy → members), the committee's staff appraise, a
// decision over the quota is refused whole, one within it is stored and published, a member reads her result and
// notification, complains, is upheld and re-graded, the province cancels another member's grade and re-grades it.
// After each step the audit log holds exactly the rows of that step's writes (action, actor, unit).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/support/commune.hpp"
#include "api/support/review_flow.hpp"
#include "api/support/test_app.hpp"
#include "service/people/people.hpp"

namespace xeploai::api::testing {
namespace {

using service::Role;

struct Member {
  std::int64_t id = 0;
  std::string name, account;
  std::int64_t cell = 0;
  bool civil_servant = false;
  std::string status = "active";
};

struct AuditRow {
  std::string action, actor, scope;
};

class WholeCycleTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    XEPLOAI_SKIP_UNLESS_BACKEND_AVAILABLE(GetParam());
    app_ = std::make_unique<TestApp>(GetParam());
    const auto units = seed_commune(*app_, {.commune = {"Đảng bộ xã Tân Lập", "TL"},
                                            .cells = {{"Chi bộ thôn Đông Hưng", "TL-DH"},
                                                      {"Chi bộ thôn Tây Hưng", "TL-TH"},
                                                      {"Chi bộ cơ quan xã", "TL-CQ"}}});
    province_ = units.province;
    commune_ = units.commune;
    cells_ = units.cells;
    other_ = units.other;

    // 15 + 14 + 14 members. Names: family, middle and given names in turn (all distinct).
    static const char* const kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ"};
    static const char* const kMiddle[] = {"Văn", "Thị", "Đức", "Minh", "Thu"};
    static const char* const kGiven[] = {"An",   "Bình", "Cường", "Dũng", "Giang", "Hà",    "Hải",   "Hạnh",  "Hiếu",
                                         "Hoa",  "Hùng", "Khánh", "Lan",  "Linh",  "Long",  "Mai",   "Nam",   "Nga",
                                         "Ngọc", "Phúc", "Quân",  "Sơn",  "Tâm",   "Thảo",  "Thắng", "Trang", "Tuấn",
                                         "Vân",  "Việt", "Xuân",  "Yến",  "Ánh",   "Bảo",   "Châu",  "Duyên", "Đạt",
                                         "Hằng", "Hưng", "Kiên",  "Lộc",  "Minh",  "Nhung", "Oanh"};
    int n = 0;
    for (std::size_t c = 0; c < cells_.size(); ++c)
      for (int i = 0; i < (c == 0 ? 15 : 14); ++i, ++n)
        people_.push_back({0, fmt::format("{} {} {}", kFamily[n % 9], kMiddle[n % 5], kGiven[n]),
                           fmt::format("dv{:02}", n + 1), cells_[c]});
    // Who is who (indexes into people_).
    people_[kDisciplined].name = "Đỗ Thị Kỷ";
    people_[kExempt].status = "exempt";
    people_[kExempt].name = "Hoàng Văn Miễn";
    people_[kCivilServant].civil_servant = true;
    people_[kCivilServant].name = "Phạm Thị Công";
    people_[kTransferred].name = "Trần Thị Chuyển";
    people_[kTransferred].cell = cells_[1];  // she starts in Tây Hưng, moves to Đông Hưng on 01/08/2026
    for (auto& m : people_) m.id = seed_person(m);
    move_transferred_member();
    seed_post(*app_, people_[kCommuneSecretary].id, commune_, "Bí thư Đảng ủy xã", true);
    seed_post(*app_, people_[kCommuneDeputy].id, commune_, "Phó Bí thư Đảng ủy xã", false);
    for (std::size_t c = 0; c < cells_.size(); ++c)
      seed_post(*app_, people_[kCellHead[c]].id, cells_[c], "Bí thư chi bộ", true);
    seed_post(*app_, people_[kCellDeputy].id, cells_[0], "Phó Bí thư chi bộ", false);

    app_->add_account("bch.tinh", kPassword, province_, {{Role::committee, province_}});
    app_->add_account("bch.xa", kPassword, commune_, {{Role::committee, commune_}});
    app_->add_account("vanphong.xa", kPassword, commune_, {{Role::committee_staff, commune_}});
    app_->add_account("kiemtra.xa", kPassword, commune_, {{Role::inspection, commune_}});
    app_->add_account("ngoai", kPassword, other_,
                      {{Role::administrator, other_}, {Role::committee, other_}, {Role::committee_staff, other_}});
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      const auto& head = people_[kCellHead[c]];
      app_->add_account(fmt::format("bithu.{}", c + 1), kPassword, cells_[c],
                        {{Role::cell_secretary, cells_[c]}, {Role::member, cells_[c]}}, head.id);
    }
    for (std::size_t i = 0; i < people_.size(); ++i)
      if (!is_cell_head(i))
        app_->add_account(people_[i].account, kPassword, people_[i].cell, {{Role::member, people_[i].cell}},
                          people_[i].id);
  }

  // ---- the roster (services, as the system) ----------------------------------------------------------------------

  std::int64_t seed_person(const Member& m) {
    return seed_member(*app_, {.name = m.name,
                               .cell = m.cell,
                               .card = "TL-" + m.account,
                               .status = m.status,
                               .admitted_on = "2010-03-26",
                               .civil_servant = m.civil_servant});
  }
  void move_transferred_member() {
    service::Call call{app_->system(), "seed"};
    app_->write([&](store::Transaction& tx) {
      auto r = service::people::move_person(tx, call, people_[kTransferred].id,
                                            {{"unit_id", cells_[0]}, {"effective", "2026-08-01"}});
      EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    });
    people_[kTransferred].cell = cells_[0];
  }

  bool is_cell_head(std::size_t i) const {
    return std::find(std::begin(kCellHead), std::end(kCellHead), i) != std::end(kCellHead);
  }
  std::string account_of(std::size_t i) const {
    for (std::size_t c = 0; c < 3; ++c)
      if (kCellHead[c] == i) return fmt::format("bithu.{}", c + 1);
    return people_[i].account;
  }
  HttpClient& client_of(std::size_t i) { return clients_.at(account_of(i)); }
  HttpClient& client(const std::string& account) { return clients_.at(account); }

  // ---- reading what the server stored (assertions only) -------------------------------------------------------

  std::int64_t max_audit_id() {
    return app_->write(
        [&](store::Transaction& tx) { return tx.query_one("SELECT COALESCE(MAX(id), 0) FROM audit_log")->get_int(0); });
  }
  // The audit rows written since `mark` (and moves the mark): action, actor's username, scope path.
  std::vector<AuditRow> audit_since(std::int64_t& mark) {
    std::vector<AuditRow> out;
    app_->write([&](store::Transaction& tx) {
      for (auto& r : tx.query("SELECT l.id, l.action, COALESCE(a.username, ''), COALESCE(l.scope_path, '') FROM "
                              "audit_log l LEFT JOIN accounts a ON a.id = l.actor_account_id WHERE l.id > $1 "
                              "ORDER BY l.id",
                              store::params(mark))) {
        mark = std::max(mark, r.get_int(0));
        out.push_back({r.get_text(1), r.get_text(2), r.get_text(3)});
      }
    });
    return out;
  }
  std::string path_of(std::int64_t unit) {
    return app_->write([&](store::Transaction& tx) {
      return tx.query_one("SELECT path FROM units WHERE id = $1", store::params(unit))->get_text(0);
    });
  }
  // The step wrote exactly `counts` audit rows (by action), each by one of `actors`, each about `unit`'s subtree.
  void expect_audited(const std::string& step, const std::map<std::string, int>& counts,
                      const std::set<std::string>& actors, std::int64_t unit) {
    const auto rows = audit_since(audit_mark_);
    std::map<std::string, int> got;
    const auto prefix = path_of(unit);
    for (const auto& r : rows) {
      ++got[r.action];
      EXPECT_TRUE(actors.contains(r.actor)) << step << ": " << r.action << " by " << r.actor;
      EXPECT_EQ(r.scope.rfind(prefix, 0), 0u)
          << step << ": " << r.action << " at " << r.scope << ", not under " << prefix;
    }
    EXPECT_EQ(got, counts) << "audit rows of step «" << step << "»";
  }

  // Every subject of the person in the cycle, by place ("cell", "post"), read from GET /me/reviews as the member.
  std::map<std::string, std::int64_t> my_reviews(std::size_t i) {
    std::map<std::string, std::int64_t> out;
    auto r = client_of(i).get("/api/v1/me/reviews");
    EXPECT_EQ(r.status, 200) << r.body;
    for (const auto& item : r.json()["items"])
      if (item["reviewed"] == true) out[item["place"].get<std::string>()] = item["id"].get<std::int64_t>();
    return out;
  }

  std::string decision_tables() {
    return app_->table_digest("review_subjects") + "|" + app_->table_digest("review_transitions") + "|" +
           app_->table_digest("review_decisions") + "|" + app_->table_digest("decision_grades") + "|" +
           app_->table_digest("notifications") + "|" + std::to_string(app_->count_rows("audit_log"));
  }

  // Who is who: indexes into people_ (cell 0: 0–14, cell 1: 15–28, cell 2: 29–42).
  static constexpr std::size_t kCellHead[3] = {0, 15, 29};
  static constexpr std::size_t kCellDeputy = 1;
  static constexpr std::size_t kBallot = 2;        // voted by secret ballot in Đông Hưng
  static constexpr std::size_t kTransferred = 3;   // from Tây Hưng to Đông Hưng on 01/08/2026
  static constexpr std::size_t kExempt = 16;       // Tây Hưng: exempt from party work
  static constexpr std::size_t kDisciplined = 17;  // Tây Hưng: reprimanded in May 2026
  static constexpr std::size_t kOnBehalf = 18;     // Tây Hưng: the secretary enters her statement
  static constexpr std::size_t kCommuneSecretary = 30, kCommuneDeputy = 31;
  static constexpr std::size_t kCivilServant = 32;  // cơ quan xã: her agency grades her first
  // Strong statements the meetings vote HTXSNV (none holds a post): eight, over the quota.
  static constexpr std::size_t kStrong[8] = {4, 5, 6, 19, 20, 33, 34, 35};
  static constexpr std::size_t kComplainant = 5;  // lowered to HTTNV by the decision, complains, is upheld
  static constexpr std::size_t kCancelled = 4;    // her HTXSNV is cancelled by the province

  std::unique_ptr<TestApp> app_;
  std::int64_t province_ = 0, commune_ = 0, other_ = 0;
  std::vector<std::int64_t> cells_;
  std::vector<Member> people_;
  std::map<std::string, HttpClient> clients_;
  std::int64_t audit_mark_ = 0;
};

TEST_P(WholeCycleTest, ACommunesAnnualReviewFromOpeningToReGrading) {
  // Everyone signs in first (sign-ins are audited too; the steps below count only their own rows).
  for (const char* account :
       {"bch.tinh", "bch.xa", "vanphong.xa", "kiemtra.xa", "ngoai", "bithu.1", "bithu.2", "bithu.3"})
    clients_.emplace(account, app_->login(account, kPassword));
  for (std::size_t i = 0; i < people_.size(); ++i)
    if (!is_cell_head(i)) clients_.emplace(people_[i].account, app_->login(people_[i].account, kPassword));
  audit_mark_ = max_audit_id();
  const std::set<std::size_t> strong_people = [&] {
    std::set<std::size_t> s;
    for (auto i : kStrong) s.insert(i);
    return s;
  }();

  // ---- Before the cycle: the commune's inspection commission reprimands a member (May 2026) -----------------------
  auto reprimand = client("kiemtra.xa")
                       .post("/api/v1/people/" + std::to_string(people_[kDisciplined].id) + "/conclusions",
                             {{"kind", "discipline"},
                              {"decided_on", "2026-05-12"},
                              {"form", "khien_trach"},
                              {"violation_year", 2026}});
  ASSERT_EQ(reprimand.status, 201) << reprimand.body;
  expect_audited("discipline recorded", {{"conclusion.record", 1}}, {"kiemtra.xa"}, commune_);

  // ---- Step 1: the province opens the commune's 2026 cycle ---------------------------------------------------
  auto opened = client("bch.tinh").post("/api/v1/cycles", {{"unit_id", commune_}, {"year", 2026}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const auto cycle = opened.json()["id"].get<std::int64_t>();
  const std::string base = "/api/v1/cycles/" + std::to_string(cycle);
  EXPECT_EQ(opened.json()["ruleset"], "qd366-2025");
  expect_audited("open the cycle", {{"cycle.open", 1}}, {"bch.tinh"}, commune_);
  // The commune sees it at once (the cycle runs at every level).
  auto seen = client("bch.xa").get("/api/v1/cycles?unit_id=" + std::to_string(commune_));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json()["items"].size(), 1u) << seen.body;

  // The exempt member is neither reviewed nor graded (R-EXEMPT-1); she is told why.
  {
    auto mine = client_of(kExempt).get("/api/v1/me/reviews");
    ASSERT_EQ(mine.status, 200) << mine.body;
    ASSERT_EQ(mine.json()["items"].size(), 1u) << mine.body;
    const auto& item = mine.json()["items"][0];
    EXPECT_EQ(item["reviewed"], false) << item;
    EXPECT_EQ(item["graded"], false) << item;
    EXPECT_NE(item["reasons"].dump().find("R-EXEMPT-1"), std::string::npos) << item;
  }

  // ---- Step 2: statements ----------------------------------------------------------------------------------------
  // Each reviewed member saves a draft and submits every review of theirs (at the cell, and at a post), as
  // themselves; the secretary of Tây Hưng enters one member's on her behalf; each secretary enters the cell's
  // report (Mẫu 01). Members with a strong statement propose HTXSNV.
  std::map<std::size_t, std::map<std::string, std::int64_t>> reviews;  // person index -> place -> review id
  int own_statements = 0;
  for (std::size_t i = 0; i < people_.size(); ++i) {
    if (i == kExempt) continue;
    reviews[i] = my_reviews(i);
    ASSERT_TRUE(reviews[i].count("cell")) << people_[i].name;
    for (const auto& [place, review] : reviews[i]) {
      if (i == kOnBehalf) continue;
      const bool strong = strong_people.contains(i) && place == "cell";
      auto submitted = submit_statement(client_of(i), review, strong ? "HTXSNV" : "HTTNV",
                                        strong ? Strength::strong : Strength::ordinary);
      ASSERT_EQ(submitted.status, 200) << people_[i].name << " " << place << ": " << submitted.body;
      ++own_statements;
    }
  }
  // The commune secretary and deputy are reviewed at their posts too; the cell secretaries at theirs.
  EXPECT_TRUE(reviews[kCommuneSecretary].count("post"));
  EXPECT_TRUE(reviews[kCellHead[0]].count("post"));
  auto on_behalf = submit_statement(client("bithu.2"), reviews[kOnBehalf]["cell"], "HTTNV");
  ASSERT_EQ(on_behalf.status, 200) << on_behalf.body;
  std::vector<std::int64_t> cell_reports;
  {
    auto progress = client("bch.xa").get(base + "/subjects?unit_id=" + std::to_string(commune_) + "&page_size=100");
    ASSERT_EQ(progress.status, 200) << progress.body;
    for (std::size_t c = 0; c < cells_.size(); ++c)
      for (const auto& s : progress.json()["items"])
        if (s["kind"] == "party_organization" && s["unit_id"] == cells_[c])
          cell_reports.push_back(s["subject_id"].get<std::int64_t>());
    ASSERT_EQ(cell_reports.size(), 3u) << progress.body;
  }
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    auto report = submit_statement(client(fmt::format("bithu.{}", c + 1)), cell_reports[c], "HTTNV");
    ASSERT_EQ(report.status, 200) << report.body;
  }
  {
    auto saved = client("bithu.2").get("/api/v1/reviews/" + std::to_string(reviews[kOnBehalf]["cell"]) + "/statement");
    EXPECT_EQ(saved.json()["on_behalf"], true) << saved.body;
  }
  std::set<std::string> member_accounts = {"bithu.1", "bithu.2", "bithu.3"};
  for (std::size_t i = 0; i < people_.size(); ++i) member_accounts.insert(account_of(i));
  expect_audited("statements",
                 // The three cells' reports are their own, written by their secretaries; one member's on her behalf.
                 {{"statement.save", own_statements + 3},
                  {"statement.submit", own_statements + 3},
                  {"statement.save_on_behalf", 1},
                  {"statement.submit_on_behalf", 1}},
                 member_accounts, commune_);

  // ---- Step 3: each cell meets ---------------------------------------------------------------------------------
  // The subjects in the order the meeting lists them (the cell's report, the head, the deputy, the members), each
  // with what its assignment asks for; a secret ballot in Đông Hưng for one member, shows of hands otherwise.
  std::map<std::int64_t, std::size_t> index_of_person;
  for (std::size_t i = 0; i < people_.size(); ++i) index_of_person[people_[i].id] = i;
  std::map<std::int64_t, std::string> meeting_grades;  // review -> the meeting's proposal
  const char* const kPlaces[] = {"Nhà văn hóa thôn Đông Hưng", "Nhà văn hóa thôn Tây Hưng", "Hội trường UBND xã"};
  for (std::size_t c = 0; c < cells_.size(); ++c) {
    const auto secretary_account = fmt::format("bithu.{}", c + 1);
    auto& secretary = client(secretary_account);
    const std::size_t clerk = c == 0 ? kCellDeputy : kCellHead[c] + 4;
    MeetingSession meeting(secretary, {cycle, cells_[c], fmt::format("2026-12-{:02}", 8 + c), kPlaces[c],
                                       people_[kCellHead[c]].id, people_[clerk].id});
    int attendance_writes = 0;
    if (c == 1) {
      // Tây Hưng: the exempt member stays home, one member is away with an approved reason; quorum holds.
      auto marked = meeting.attendance({{{"person_id", people_[kExempt].id},
                                         {"presence", "absent_with_reason"},
                                         {"absence_reason", "Được miễn sinh hoạt đảng"}},
                                        {{"person_id", people_[28].id},
                                         {"presence", "absent_with_reason"},
                                         {"absence_reason", "Đi viện điều trị"},
                                         {"absence_approved", true}}});
      ASSERT_EQ(marked.status, 200) << marked.body;
      EXPECT_EQ(marked.json()["quorum"]["present"], 12) << marked.json()["quorum"];
      EXPECT_EQ(marked.json()["quorum"]["base"], 12) << marked.json()["quorum"];  // neither absent one counts
      EXPECT_EQ(marked.json()["quorum"]["met"], true);
      ++attendance_writes;
    }
    const Json agenda = meeting.get()["subjects"];
    ASSERT_FALSE(agenda.empty());
    EXPECT_EQ(agenda[0]["rank"], "collective") << agenda[0];
    EXPECT_EQ(agenda[0]["subject_id"], cell_reports[c]);
    EXPECT_EQ(agenda[1]["rank"], "head") << agenda[1];
    EXPECT_EQ(agenda[1]["person_id"], people_[kCellHead[c]].id);
    for (const auto& item : agenda)
      EXPECT_NE(item["person_id"], people_[kExempt].id) << "the exempt member is not reviewed";

    int records = 0, tallies = 0, ballots = 0;
    for (const auto& item : agenda) {
      const auto review = item["subject_id"].get<std::int64_t>();
      const bool graded = item["graded"] == true;
      std::string grade = "HTTNV";
      std::optional<std::size_t> who;
      if (item["person_id"].is_number_integer()) who = index_of_person.at(item["person_id"].get<std::int64_t>());
      if (who && strong_people.contains(*who)) grade = "HTXSNV";
      if (who && *who == kDisciplined) grade = "KHTNV";  // the cell knows she was reprimanded this year
      Json extra = Json::object();
      if (item["rank"] == "head" && item["place"] == "cell")
        extra["comments"] = {
            {{"speaker_id", people_[kCellHead[c] + 2].id}, {"text", "Đồng chí sâu sát, gương mẫu trong công tác."}},
            {{"speaker_id", people_[kCellHead[c] + 3].id},
             {"text", "Còn chậm đôn đốc việc thu nộp đảng phí."},
             {"criticism", true}}};
      if (who && *who == kTransferred) {
        ASSERT_EQ(item["required_comments"].size(), 2u) << item;
        bool previous = false;
        for (const auto& need : item["required_comments"])
          previous |= need["source"] == "previous_cell" && need["unit_id"] == cells_[1];
        EXPECT_TRUE(previous) << "the previous cell's comment is owed: " << item;
        // Concluding without it is refused, naming the previous cell by its name.
        auto early = meeting.act(review, "conclude");
        ASSERT_EQ(early.status, 400) << early.body;
        std::string problem;
        for (const auto& d : early.json()["error"]["details"])
          if (d["path"] == "received.previous_cell") problem = d["problem"].get<std::string>();
        EXPECT_NE(problem.find("cần ý kiến nhận xét của Chi bộ thôn Tây Hưng (R-XFER-1) / the comments of Chi bộ "
                               "thôn Tây Hưng are required (R-XFER-1)"),
                  std::string::npos)
            << early.body;
      }
      if (who && *who == kCivilServant) {
        EXPECT_EQ(item["civil_servant_grade_needed"], true) << item;
      }
      const bool needs_record =
          !item["required_comments"].empty() || item["civil_servant_grade_needed"] == true || !extra.empty();
      HttpResponse concluded;
      if (who && *who == kBallot) {
        // Every present voter casts their own ballot: all but two for HTTNV, one for HTXSNV, one blank.
        std::vector<std::pair<HttpClient*, Json>> cast;
        const Json roster = meeting.get()["attendees"];
        for (const auto& a : roster) {
          if (a["voter"] != true || a["presence"] != "present") continue;
          const auto voter = index_of_person.at(a["person_id"].get<std::int64_t>());
          Json choice = cast.empty() ? Json("HTXSNV") : cast.size() == 1 ? Json(nullptr) : Json("HTTNV");
          cast.emplace_back(&client_of(voter), choice);
        }
        concluded = meeting.review_by_secret_ballot(review, cast);
        ASSERT_EQ(concluded.status, 200) << concluded.body;
        EXPECT_EQ(concluded.json()["tally_source"], "secret_ballot");
        EXPECT_EQ(concluded.json()["tally"]["HTXSNV"], 1) << concluded.body;
        EXPECT_EQ(concluded.json()["tally"]["blank"], 1) << concluded.body;
        EXPECT_EQ(concluded.json()["tally"]["total"], static_cast<int>(cast.size())) << concluded.body;
        ++records;
        ++ballots;
      } else {
        concluded = meeting.review_by_show_of_hands(review, grade, extra);
        ASSERT_EQ(concluded.status, 200) << concluded.body;
        records += needs_record;
        tallies += graded;
      }
      EXPECT_EQ(concluded.json()["state"], "reviewed") << concluded.body;
      if (graded) {
        EXPECT_EQ(concluded.json()["meeting_grade"], grade) << item["name"] << ": " << concluded.body;
        meeting_grades[review] = grade;
      } else {
        EXPECT_TRUE(concluded.json()["meeting_grade"].is_null()) << concluded.body;
      }
      if (who && *who == kTransferred) {
        bool from_previous = false;
        for (const auto& r : concluded.json()["received"])
          from_previous |= r["source"] == "previous_cell" && r["unit_id"] == cells_[1];
        EXPECT_TRUE(from_previous) << "the previous cell's comment is on record: " << concluded.body;
      }
      if (who && *who == kCivilServant) EXPECT_EQ(concluded.json()["civil_servant_grade"], "HTTNV");
    }
    // The minutes, generated from all of this and frozen when the meeting closes.
    auto minutes = secretary.get(meeting.path() + "/minutes");
    ASSERT_EQ(minutes.status, 200) << minutes.body;
    const auto text = minutes.json()["text"].get<std::string>();
    EXPECT_NE(text.find(kPlaces[c]), std::string::npos) << text;
    EXPECT_NE(text.find(people_[kCellHead[c]].name), std::string::npos) << text;
    EXPECT_NE(text.find("Phê bình"), std::string::npos) << text;
    if (c == 0) EXPECT_NE(text.find("bỏ phiếu kín"), std::string::npos) << text;
    if (c == 1) EXPECT_NE(text.find("Đi viện điều trị"), std::string::npos) << text;
    auto closed = meeting.close();
    ASSERT_EQ(closed.status, 200) << closed.body;
    auto frozen = secretary.get(meeting.path() + "/minutes");
    EXPECT_EQ(frozen.json()["frozen"], true);
    EXPECT_EQ(frozen.json()["text"], text);

    std::map<std::string, int> expected = {{"meeting.create", 1},
                                           {"meeting.record_subject", records},
                                           {"meeting.tally", tallies},
                                           {"meeting.conclude", static_cast<int>(agenda.size())},
                                           {"meeting.close", 1}};
    if (attendance_writes) expected["meeting.attendance"] = attendance_writes;
    if (ballots) {
      expected["meeting.ballot_open"] = ballots;
      expected["meeting.ballot_close"] = ballots;
    }
    // No row per ballot: its order and time would tie it to its voter.
    expect_audited(fmt::format("meeting of {}", c + 1), expected, {secretary_account}, cells_[c]);
  }

  // ---- Step 4: the committee's staff appraise, and propose -----------------------------------------------------
  const auto review_of = [&](std::size_t i) { return reviews.at(i).at("cell"); };
  auto& staff = client("vanphong.xa");
  auto& committee = client("bch.xa");
  auto untouched = decision_tables();
  auto appraisal = staff.post(base + "/appraisal", {{"unit_id", commune_}});
  ASSERT_EQ(appraisal.status, 200) << appraisal.body;
  std::map<std::int64_t, Json> appraised;
  for (const auto& s : appraisal.json()["subjects"]) appraised[s["subject_id"].get<std::int64_t>()] = s;
  for (const auto& [review, grade] : meeting_grades)
    EXPECT_TRUE(appraised.count(review)) << "review " << review << " is in the appraisal";
  // The disciplined member: KHTNV at most (R-DISC-2), with the rule and its source shown.
  {
    const Json& kept_down = appraised[review_of(kDisciplined)];
    EXPECT_EQ(kept_down["max"], "KHTNV") << kept_down;
    EXPECT_NE(kept_down["findings"].dump().find("R-DISC-2"), std::string::npos) << kept_down;
    EXPECT_EQ(kept_down["proposal_above_max"], false) << kept_down;
  }
  // The civil servant's agency grade, recorded at the meeting, is in the engine's batch.
  EXPECT_EQ(appraised[review_of(kCivilServant)]["civil_servant_grade"], "HTTNV") << appraised[review_of(kCivilServant)];
  // The quota meter over the commune's members: eight HTXSNV are too many.
  Json commune_meter;
  for (const auto& q : appraisal.json()["quotas"])
    if (q["unit_id"] == commune_) commune_meter = q;
  ASSERT_TRUE(commune_meter.is_object()) << appraisal.body;
  EXPECT_EQ(commune_meter["grade"], "HTXSNV");
  EXPECT_EQ(commune_meter["count"], 8) << commune_meter;
  EXPECT_EQ(commune_meter["ok"], false) << commune_meter;
  EXPECT_EQ(appraisal.json()["ok"], false);
  // The cells' reports: HTTNV as their meetings voted, which the engine allows (89 points, R-SCORE-1).
  for (std::size_t c = 0; c < cells_.size(); ++c)
    EXPECT_EQ(appraised[cell_reports[c]]["max"], "HTTNV") << appraised[cell_reports[c]];
  // The committee's grades: five of the eight HTXSNV lowered.
  Json grades = Json::object();
  for (auto i : {std::size_t{5}, std::size_t{6}, std::size_t{19}, std::size_t{20}, std::size_t{35}})
    grades[std::to_string(review_of(i))] = "HTTNV";
  auto what_if = staff.post(base + "/appraisal", {{"unit_id", commune_}, {"overrides", grades}});
  ASSERT_EQ(what_if.status, 200) << what_if.body;
  EXPECT_EQ(what_if.json()["ok"], true) << what_if.body;
  EXPECT_EQ(decision_tables(), untouched) << "an appraisal stores nothing";
  expect_audited("appraisal (what-if)", {}, {}, commune_);

  std::vector<std::int64_t> batch;
  for (const auto& [review, grade] : meeting_grades) {
    auto proposed = propose(staff, review);
    ASSERT_EQ(proposed.status, 200) << proposed.body;
    EXPECT_EQ(proposed.json()["proposed_grade"], grade);
    batch.push_back(review);
  }
  expect_audited("proposals", {{"review.propose", static_cast<int>(batch.size())}}, {"vanphong.xa"}, commune_);

  // ---- Step 5: a decision over the quota is refused whole ------------------------------------------------------
  auto decision_body = [&](const std::string& number, std::int64_t unit, const std::vector<std::int64_t>& ids) {
    return Json{{"unit_id", unit},
                {"number", number},
                {"date", "2026-12-28"},
                {"signer", "Nguyễn Văn An, Bí thư Đảng ủy xã"},
                {"body", "Quyết định công nhận kết quả xếp loại chất lượng năm 2026"},
                {"subject_ids", ids}};
  };
  untouched = decision_tables();
  Json over_quota = decision_body("45-QĐ/ĐU", commune_, batch);  // the proposals as they stand
  auto refused = committee.post(base + "/decisions", over_quota);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const auto quota_problem = problem_at(refused, "quotas." + std::to_string(commune_));
  EXPECT_NE(quota_problem.find("vượt hạn mức"), std::string::npos) << refused.body;
  EXPECT_NE(quota_problem.find("exceed the limit"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.json()["error"]["details"].size(), 1u) << "only the quota refuses: " << refused.body;
  EXPECT_EQ(decision_tables(), untouched) << "a refused decision stores nothing";
  expect_audited("refused decision", {}, {}, commune_);

  // ---- Step 6: a decision within the quota is stored, then published -------------------------------------------
  Json within = decision_body("46-QĐ/ĐU", commune_, batch);
  within["grades"] = grades;
  auto decided = committee.post(base + "/decisions", within);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(decided.json()["kind"], "decision");
  EXPECT_EQ(decided.json()["grades"].size(), batch.size());
  auto published = publish_decision(committee, decided);
  ASSERT_EQ(published.status, 200) << published.body;
  expect_audited("decision and publication", {{"decision.create", 1}, {"decision.publish", 1}}, {"bch.xa"}, commune_);

  // ---- Step 7: the member sees her result and a notification -----------------------------------------------------
  auto& complainant = client_of(kComplainant);
  {
    auto results = complainant.get("/api/v1/me/results");
    ASSERT_EQ(results.status, 200) << results.body;
    ASSERT_EQ(results.json()["items"].size(), 1u) << results.body;
    EXPECT_EQ(results.json()["items"][0]["year"], 2026);
    EXPECT_EQ(results.json()["items"][0]["grade"], "HTTNV") << results.body;
    auto notes = complainant.get("/api/v1/me/notifications");
    ASSERT_EQ(notes.status, 200) << notes.body;
    ASSERT_EQ(notes.json()["items"].size(), 1u) << notes.body;
    EXPECT_EQ(notes.json()["items"][0]["kind"], "grade_published");
    EXPECT_NE(notes.json()["items"][0]["text_vi"].get<std::string>().find("Hoàn thành tốt nhiệm vụ"), std::string::npos)
        << notes.body;
  }

  // ---- Step 8: she complains within the period; upheld; re-graded through the same checks ------------------------
  const auto complained = review_of(kComplainant);
  auto filed = complainant.post(
      "/api/v1/reviews/" + std::to_string(complained) + "/complaints",
      {{"text", "Tôi đã hoàn thành vượt mức nhiệm vụ trọng tâm, đề nghị xem xét lại"}, {"requested", "HTXSNV"}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  expect_audited("complaint filed", {{"complaint.file", 1}}, {account_of(kComplainant)}, commune_);
  const auto complaint = filed.json()["id"].get<std::int64_t>();
  auto upheld = committee.post("/api/v1/complaints/" + std::to_string(complaint) + "/answer",
                               {{"outcome", "upheld"}, {"reasons", "Hồ sơ chứng minh vượt chỉ tiêu trọng tâm"}});
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(upheld.json()["state"], "regrading");
  Json regrade = decision_body("52-QĐ/ĐU", commune_, {complained});
  regrade["complaint_id"] = complaint;
  regrade["grades"] = {{std::to_string(complained), "HTXSNV"}};
  auto redecided = committee.post(base + "/decisions", regrade);
  ASSERT_EQ(redecided.status, 201) << redecided.body;  // 4 HTXSNV of 37 HTTNV: within the quota
  EXPECT_EQ(redecided.json()["kind"], "complaint");
  EXPECT_EQ(redecided.json()["grades"][0]["previous_grade"], "HTTNV");
  ASSERT_EQ(publish_decision(committee, redecided).status, 200);
  expect_audited("complaint answered and re-decided",
                 {{"complaint.answer", 1}, {"decision.create", 1}, {"decision.publish", 1}}, {"bch.xa"}, commune_);

  // ---- Step 9: the province cancels one member's grade and re-grades it ------------------------------------------
  const auto cancelled = review_of(kCancelled);
  EXPECT_EQ(committee.post("/api/v1/reviews/" + std::to_string(cancelled) + "/cancel", {{"reason", "x"}}).status, 403)
      << "only the level above the competent one cancels";
  auto& province = client("bch.tinh");
  auto cancel = province.post("/api/v1/reviews/" + std::to_string(cancelled) + "/cancel",
                              {{"reason", "Kiểm tra phát hiện chưa đủ điều kiện Hoàn thành xuất sắc nhiệm vụ"}});
  ASSERT_EQ(cancel.status, 200) << cancel.body;
  EXPECT_EQ(cancel.json()["state"], "regrading");
  Json by_province = decision_body("08-QĐ/TU", province_, {cancelled});
  by_province["grades"] = {{std::to_string(cancelled), "HTTNV"}};
  by_province["signer"] = "Trần Văn Bình, Phó Bí thư Tỉnh ủy";
  auto regraded = province.post(base + "/decisions", by_province);
  ASSERT_EQ(regraded.status, 201) << regraded.body;
  EXPECT_EQ(regraded.json()["kind"], "regrade");
  EXPECT_EQ(regraded.json()["organ"], "standing_committee");
  ASSERT_EQ(publish_decision(province, regraded).status, 200);
  expect_audited("cancelled and re-graded by the province",
                 {{"review.cancel", 1}, {"decision.create", 1}, {"decision.publish", 1}}, {"bch.tinh"}, province_);

  // ---- Step 10: the history of the cancelled subject, as she reads it ------------------------------------------
  {
    auto history = client_of(kCancelled).get("/api/v1/reviews/" + std::to_string(cancelled));
    ASSERT_EQ(history.status, 200) << history.body;
    std::vector<std::string> actions;
    for (const auto& t : history.json()["transitions"]) actions.push_back(t["action"].get<std::string>());
    const std::vector<std::string> expected = {"save_draft", "submit", "record_meeting", "propose", "decide",
                                               "publish",    "cancel", "decide",         "publish"};
    EXPECT_EQ(actions, expected) << history.body;
    EXPECT_EQ(history.json()["grade"], "HTTNV");
    ASSERT_EQ(history.json()["decisions"].size(), 2u) << history.body;
    EXPECT_EQ(history.json()["decisions"][0]["grade"], "HTXSNV");
    EXPECT_EQ(history.json()["decisions"][1]["kind"], "regrade");
    EXPECT_EQ(history.json()["decisions"][1]["previous_grade"], "HTXSNV");
    EXPECT_EQ(history.json()["decisions"][1]["unit_id"], province_);
    EXPECT_EQ(history.json()["transitions"][6]["reason"],
              "Kiểm tra phát hiện chưa đủ điều kiện Hoàn thành xuất sắc nhiệm vụ");
    EXPECT_EQ(client_of(kComplainant).get("/api/v1/reviews/" + std::to_string(cancelled)).status, 403);
  }

  // ---- The special members, as the rules say ---------------------------------------------------------------
  auto final_grade = [&](std::int64_t review) {
    return committee.get("/api/v1/reviews/" + std::to_string(review)).json()["grade"];
  };
  EXPECT_EQ(final_grade(review_of(kDisciplined)), "KHTNV");   // R-DISC-2: disciplined in the year
  EXPECT_EQ(final_grade(review_of(kTransferred)), "HTTNV");   // graded by the receiving cell
  EXPECT_EQ(final_grade(review_of(kCivilServant)), "HTTNV");  // not above her agency's grade
  EXPECT_EQ(final_grade(review_of(kComplainant)), "HTXSNV");  // upheld
  {
    auto exempt = client_of(kExempt).get("/api/v1/me/results");
    ASSERT_EQ(exempt.status, 200) << exempt.body;
    for (const auto& item : exempt.json()["items"]) EXPECT_TRUE(item["grade"].is_null()) << item;
  }
  // Nobody outside the commune reached any of it.
  EXPECT_EQ(client("ngoai").get("/api/v1/reviews/" + std::to_string(cancelled)).status, 403);
  expect_audited("reads", {}, {}, commune_);
}

INSTANTIATE_TEST_SUITE_P(Backends, WholeCycleTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<Backend>>);

}  // namespace
}  // namespace xeploai::api::testing
