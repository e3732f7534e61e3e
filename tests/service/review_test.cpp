// The review service on SQLite and PostgreSQL: opening a cycle for a commune from its roster (exempt, suspended and
// new members kept as not graded with the rule), drafts and submission with every problem's path, a secretary
// writing for a member, progress counts, and callers from another branch refused.
#include "service/review/review.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

class ReviewServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped()) return;
    commune_ = unit("grassroots_committee", "Đảng bộ xã An Hòa", "AH", province_);
    c1_ = unit("cell", "Chi bộ thôn Đông", "AH-D", commune_);
    c2_ = unit("cell", "Chi bộ thôn Tây", "AH-T", commune_);
    other_ = unit("grassroots_committee", "Đảng bộ xã Bình Minh", "BM", province_);
    other_cell_ = unit("cell", "Chi bộ thôn Bắc", "BM-B", other_);
    an_ = member("Nguyễn Văn An", c1_, "AH-01");
    binh_ = member("Trần Thị Bình", c1_, "AH-02");
    exempt_ = member("Lê Văn Cao", c1_, "AH-03", "1980-05-01", "exempt");
    new_ = member("Phạm Thị Dung", c2_, "AH-04", "2026-09-01");
    cuong_ = member("Hoàng Văn Cường", c2_, "AH-05");
    suspended_ = member("Vũ Văn Em", c2_, "AH-06", "2001-01-01", "suspended");
    member("Đỗ Văn Giang", other_cell_, "BM-01");
    committee_.username = "bch.xa";
    committee_.grants = {{Role::committee, commune_}};
    secretary_.username = "bithu.dong";
    secretary_.grants = {{Role::cell_secretary, c1_}, {Role::member, c1_}};
    outsider_.username = "bch.binhminh";
    outsider_.grants = {{Role::administrator, other_}, {Role::committee, other_}, {Role::cell_secretary, other_cell_}};
  }

  std::int64_t member(const std::string& name, std::int64_t cell, const std::string& card,
                      const std::string& admitted = "2010-03-02", const std::string& status = "active") {
    auto r = write([&](store::Transaction& tx) {
      return people::create_person(tx, call(),
                                   {{"full_name", name},
                                    {"unit_id", cell},
                                    {"card_number", card},
                                    {"status", status},
                                    {"admitted_on", admitted},
                                    {"joined_on", "2015-01-01"}});
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error()));
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }

  Principal member_of(std::int64_t person, std::int64_t cell) {
    Principal p;
    p.username = "dv" + std::to_string(person);
    p.person_id = person;
    p.grants = {{Role::member, cell}};
    return p;
  }

  Result<Json> open(const Principal& who, std::int64_t unit) {
    return write([&](store::Transaction& tx) {
      return review::open_cycle(tx, call_as(who), {{"unit_id", unit}, {"year", 2026}});
    });
  }

  // The subject of a person at their cell.
  std::int64_t subject_of(std::int64_t person) {
    return count("SELECT id FROM review_subjects WHERE place = 'cell' AND person_id = " + std::to_string(person));
  }

  // A complete 366 statement for the form returned by get_statement.
  static Json complete(const Json& form, std::int64_t version) {
    Json sections = Json::object();
    for (const auto& s : form["sections"])
      sections[s["key"].get<std::string>()] = "Nội dung " + s["key"].get<std::string>();
    return {{"version", version},
            {"sections", sections},
            {"scores", {{"general", 27}, {"tasks", 64}}},
            {"tasks",
             {{{"title", "Số hóa hồ sơ một cửa"},
               {"status", "completed_on_time"},
               {"key", true},
               {"evidence", {"https://vanban.example/so-hoa"}}}}},
            {"limitations", {{"identified", 1}, {"remedied", 1}}},
            {"proposed", "HTXSNV"}};
  }

  static bool has_path(const Error& e, const std::string& path) {
    for (const auto& d : e.details)
      if (d.path == path) return true;
    return false;
  }

  std::int64_t commune_ = 0, c1_ = 0, c2_ = 0, other_ = 0, other_cell_ = 0;
  std::int64_t an_ = 0, binh_ = 0, exempt_ = 0, new_ = 0, cuong_ = 0, suspended_ = 0;
  Principal committee_, secretary_, outsider_;
};

TEST_P(ReviewServiceTest, OpensACycleFromTheRosterWithTheRules) {
  auto r = open(committee_, commune_);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_EQ((*r)["ruleset"], "qd366-2025");
  EXPECT_EQ((*r)["calendar"].size(), 4u);
  // Six members, and the commune and its two cells as party organizations (Mẫu 01).
  EXPECT_EQ((*r)["subjects"]["total"], 9);
  EXPECT_EQ((*r)["subjects"]["reviewed"], 6);  // an, binh, cuong and the three organizations
  EXPECT_EQ((*r)["subjects"]["graded"], 6);
  // Not graded, each with the rule that says why.
  auto rule_of = [&](std::int64_t person) {
    return read([&](store::Transaction& tx) {
      auto row = tx.query_one("SELECT reviewed, graded, reasons_json FROM review_subjects WHERE person_id = $1",
                              store::params(person));
      EXPECT_TRUE(row);
      EXPECT_FALSE(row->get_bool(0));
      EXPECT_FALSE(row->get_bool(1));
      return Json::parse(row->get_text(2))[0]["rule"].get<std::string>();
    });
  };
  EXPECT_EQ(rule_of(exempt_), "R-EXEMPT-1");
  EXPECT_EQ(rule_of(new_), "R-EXEMPT-3b");
  EXPECT_EQ(rule_of(suspended_), "R-EXEMPT-2");
  // The other commune's member is not part of it; the opening is audited once.
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_subjects s JOIN people p ON p.id = s.person_id WHERE p.unit_id = " +
                  std::to_string(other_cell_)),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'cycle.open'"), 1);

  // A second open cycle of the same period over part of the subtree is a conflict; a secretary may not open one.
  auto again = open(committee_, c1_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto by_secretary = open(secretary_, c1_);
  ASSERT_FALSE(by_secretary.ok());
  EXPECT_EQ(by_secretary.error().code, ErrorCode::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_cycles"), 1);
}

TEST_P(ReviewServiceTest, ALeaderIsReviewedAtTheCellAndAtEachPostGradedOnce) {
  auto post = write([&](store::Transaction& tx) {
    return people::create_post(
        tx, call(), binh_, {{"unit_id", commune_}, {"title", "Phó Bí thư Đảng ủy xã"}, {"valid_from", "2021-01-01"}});
  });
  ASSERT_TRUE(post.ok()) << describe(post.error());
  auto r = open(committee_, commune_);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_EQ((*r)["subjects"]["total"], 10);  // 7 member reviews and 3 organizations
  EXPECT_EQ((*r)["subjects"]["reviewed"], 7);
  EXPECT_EQ((*r)["subjects"]["graded"], 6);  // Bình graded once, at the cell
  auto rows = read([&](store::Transaction& tx) {
    return tx.query(
        "SELECT place, unit_id, form, graded, post_title FROM review_subjects WHERE person_id = $1 "
        "ORDER BY id",
        store::params(binh_));
  });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].get_text(0), "cell");
  EXPECT_EQ(rows[0].get_int(1), c1_);
  EXPECT_EQ(rows[0].get_text(2), "02A-HD KĐ.ĐG 2025");  // a leader writes Mẫu 02A
  EXPECT_TRUE(rows[0].get_bool(3));
  EXPECT_EQ(rows[1].get_text(0), "post");
  EXPECT_EQ(rows[1].get_int(1), commune_);
  EXPECT_FALSE(rows[1].get_bool(3));
  EXPECT_EQ(rows[1].get_text(4), "Phó Bí thư Đảng ủy xã");
  // The post's review counts where it is held: the commune itself, not its cells.
  auto p = read([&](store::Transaction& tx) {
    return review::cycle_progress(tx, call_as(committee_), (*r)["id"].get<std::int64_t>(), commune_,
                                  std::string("2026-12-01"));
  });
  ASSERT_TRUE(p.ok()) << describe(p.error());
  EXPECT_EQ((*p)["unit"]["total"], 7);  // 3 members, the post, 3 organizations
  std::int64_t in_cells = 0;
  for (const auto& child : (*p)["children"]) in_cells += child["total"].get<std::int64_t>();
  EXPECT_EQ(in_cells, 5);  // 3 members and the 2 cells' own reviews
}

TEST_P(ReviewServiceTest, BadCalendarAndIncompleteRosterAreRefusedWithPaths) {
  auto bad = write([&](store::Transaction& tx) {
    return review::open_cycle(tx, call_as(committee_),
                              {{"unit_id", commune_},
                               {"year", 2026},
                               {"quarter", 4},
                               {"calendar", {{{"level", "cell"}, {"self_review", "2026-13-01"}}}}});
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_path(bad.error(), "calendar[0].self_review")) << describe(bad.error());
  EXPECT_TRUE(has_path(bad.error(), "calendar[0].meeting")) << describe(bad.error());
  // A member without an admission date: nobody can say whether they are reviewed.
  auto no_date = write([&](store::Transaction& tx) {
    return people::create_person(tx, call(), {{"full_name", "Ngô Văn Hải"}, {"unit_id", c2_}, {"status", "active"}});
  });
  ASSERT_TRUE(no_date.ok());
  auto r = open(committee_, commune_);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(
      has_path(r.error(), "roster.people[" + std::to_string((*no_date)["id"].get<std::int64_t>()) + "].admitted_on"))
      << describe(r.error());
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_cycles"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_subjects"), 0);
}

TEST_P(ReviewServiceTest, DraftsSubmissionOnBehalfAndProgress) {
  auto cycle = open(committee_, commune_);
  ASSERT_TRUE(cycle.ok()) << describe(cycle.error());
  const auto cycle_id = (*cycle)["id"].get<std::int64_t>();
  auto progress = [&](std::int64_t unit) {
    auto p = read([&](store::Transaction& tx) {
      return review::cycle_progress(tx, call_as(committee_), cycle_id, unit, std::string("2026-12-01"));
    });
    EXPECT_TRUE(p.ok()) << describe(p.error());
    return p.ok() ? *p : Json();
  };
  // 3 members and 3 organizations (the commune and its cells write Mẫu 01).
  EXPECT_EQ(progress(commune_)["unit"]["total"], 6);
  EXPECT_EQ(progress(commune_)["unit"]["pending"]["self_review"], 6);
  EXPECT_EQ(progress(commune_)["not_submitted_total"], 6);

  // The member sees their review and the form.
  const Principal an = member_of(an_, c1_);
  auto mine = read([&](store::Transaction& tx) { return review::my_reviews(tx, call_as(an)); });
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ((*mine)["items"].size(), 1u);
  EXPECT_EQ((*mine)["items"][0]["form"], "02B-HD KĐ.ĐG 2025");
  EXPECT_EQ((*mine)["items"][0]["state"], "not_started");
  const auto subject = (*mine)["items"][0]["id"].get<std::int64_t>();
  auto st = read([&](store::Transaction& tx) { return review::get_statement(tx, call_as(an), subject); });
  ASSERT_TRUE(st.ok()) << describe(st.error());
  EXPECT_EQ((*st)["version"], 0);
  const Json form = (*st)["form"];

  // An incomplete draft is saved.
  auto draft = write([&](store::Transaction& tx) {
    return review::save_statement(tx, call_as(an), subject,
                                  {{"version", 0}, {"sections", {{"strengths", "Hoàn thành tốt nhiệm vụ"}}}});
  });
  ASSERT_TRUE(draft.ok()) << describe(draft.error());
  EXPECT_EQ((*draft)["state"], "draft");
  EXPECT_EQ((*draft)["version"], 1);
  EXPECT_EQ((*draft)["on_behalf"], false);
  // Its submission is refused with the paths of what is missing, and nothing changes.
  const auto transitions = count("SELECT COUNT(*) FROM review_transitions");
  auto refused = write([&](store::Transaction& tx) {
    return review::submit_statement(tx, call_as(an), subject, {{"version", 1}});
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_TRUE(has_path(refused.error(), "proposed")) << describe(refused.error());
  EXPECT_TRUE(has_path(refused.error(), "scores.general")) << describe(refused.error());
  EXPECT_TRUE(has_path(refused.error(), "sections.limitations")) << describe(refused.error());
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_transitions"), transitions);
  EXPECT_EQ(count("SELECT version FROM review_statements WHERE subject_id = " + std::to_string(subject)), 1);
  // A stale version is a conflict; a bad value in a draft is refused with its path.
  auto stale = write([&](store::Transaction& tx) {
    return review::save_statement(tx, call_as(an), subject, {{"version", 0}});
  });
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto bad = write([&](store::Transaction& tx) {
    return review::save_statement(tx, call_as(an), subject,
                                  {{"version", 1}, {"tasks", {{{"title", "x"}, {"status", "xong"}}}}});
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_path(bad.error(), "tasks[0].status")) << describe(bad.error());

  // Completed and submitted: the count drops.
  auto full = write(
      [&](store::Transaction& tx) { return review::save_statement(tx, call_as(an), subject, complete(form, 1)); });
  ASSERT_TRUE(full.ok()) << describe(full.error());
  auto sent = write([&](store::Transaction& tx) {
    return review::submit_statement(tx, call_as(an), subject, {{"version", 2}});
  });
  ASSERT_TRUE(sent.ok()) << describe(sent.error());
  EXPECT_EQ((*sent)["state"], "submitted");
  EXPECT_EQ((*sent)["status"], "submitted");
  EXPECT_EQ(progress(commune_)["unit"]["pending"]["self_review"], 5);
  // Once submitted the member cannot edit it.
  auto late_edit = write(
      [&](store::Transaction& tx) { return review::save_statement(tx, call_as(an), subject, complete(form, 3)); });
  ASSERT_FALSE(late_edit.ok());
  EXPECT_EQ(late_edit.error().code, ErrorCode::conflict);

  // The cell secretary writes and submits Bình's statement on her behalf; a member of another cell may not.
  const auto binh = subject_of(binh_);
  const Principal cuong = member_of(cuong_, c2_);
  auto foreign = write(
      [&](store::Transaction& tx) { return review::save_statement(tx, call_as(cuong), binh, complete(form, 0)); });
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);
  auto for_binh = write(
      [&](store::Transaction& tx) { return review::save_statement(tx, call_as(secretary_), binh, complete(form, 0)); });
  ASSERT_TRUE(for_binh.ok()) << describe(for_binh.error());
  auto submitted = write([&](store::Transaction& tx) {
    return review::submit_statement(tx, call_as(secretary_), binh, {{"version", 1}});
  });
  ASSERT_TRUE(submitted.ok()) << describe(submitted.error());
  EXPECT_EQ((*submitted)["on_behalf"], true);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_transitions WHERE actor = 'secretary' AND subject_id = " +
                  std::to_string(binh)),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'statement.submit_on_behalf'"), 1);
  auto p = progress(commune_);
  EXPECT_EQ(p["unit"]["pending"]["self_review"], 4);  // Cường and the 3 organizations' reports
  ASSERT_EQ(p["children"].size(), 2u);
  EXPECT_EQ(p["not_submitted"][0]["person_id"], cuong_);          // members first
  EXPECT_EQ(progress(c1_)["unit"]["pending"]["self_review"], 1);  // the cell's own report
  EXPECT_EQ(progress(c2_)["unit"]["late"]["self_review"], 0);     // 01/12: not due yet
  // After the cells' self-review deadline (05/12 in the default calendar) Cường is late.
  auto after_deadline = read([&](store::Transaction& tx) {
    return review::cycle_progress(tx, call_as(committee_), cycle_id, c2_, std::string("2026-12-06"));
  });
  ASSERT_TRUE(after_deadline.ok()) << describe(after_deadline.error());
  EXPECT_EQ((*after_deadline)["unit"]["late"]["self_review"], 2);  // Cường and the cell's report
  // The secretary may not enter for an exempt member: not reviewed, with the rule.
  auto exempt = write([&](store::Transaction& tx) {
    return review::save_statement(tx, call_as(secretary_), subject_of(exempt_), complete(form, 0));
  });
  ASSERT_FALSE(exempt.ok());
  EXPECT_EQ(exempt.error().code, ErrorCode::conflict);
}

TEST_P(ReviewServiceTest, AnotherBranchSeesNothingAndChangesNothing) {
  auto cycle = open(committee_, commune_);
  ASSERT_TRUE(cycle.ok()) << describe(cycle.error());
  const auto cycle_id = (*cycle)["id"].get<std::int64_t>();
  const auto subject = subject_of(an_);
  auto got = read([&](store::Transaction& tx) { return review::get_cycle(tx, call_as(outsider_), cycle_id); });
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  auto listed = read([&](store::Transaction& tx) { return review::list_cycles(tx, call_as(outsider_), {}); });
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->total, 0);
  auto progress = read(
      [&](store::Transaction& tx) { return review::cycle_progress(tx, call_as(outsider_), cycle_id, std::nullopt); });
  EXPECT_FALSE(progress.ok());
  auto st = read([&](store::Transaction& tx) { return review::get_statement(tx, call_as(outsider_), subject); });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, ErrorCode::forbidden);
  auto save = write([&](store::Transaction& tx) {
    return review::save_statement(tx, call_as(outsider_), subject, {{"version", 0}});
  });
  ASSERT_FALSE(save.ok());
  EXPECT_EQ(save.error().code, ErrorCode::forbidden);
  auto opened = open(outsider_, commune_);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_statements"), 0);
  // Every level of the subtree and above sees it at once: the province and the cell's secretary.
  Principal board;
  board.grants = {{Role::organization_board, province_}};
  EXPECT_TRUE(read([&](store::Transaction& tx) { return review::get_cycle(tx, call_as(board), cycle_id); }).ok());
  auto seen = read([&](store::Transaction& tx) { return review::list_cycles(tx, call_as(secretary_), {}); });
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->total, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewServiceTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
