// The meeting service on SQLite and PostgreSQL, the cases the API test does not play: the quorum base of QĐ 24
// point 9.3.2 (probationary members attend but do not vote, suspended members are not counted, an exempt member is
// counted only when present, an approved absence leaves the base, an unexcused one does not), a ballot refused
// without quorum and to a probationary member, paper-ballot tallies, a comment by an absent speaker, rules fixed
// after a conclusion, and a closed meeting read-only.
#include <gtest/gtest.h>

#include "service/review/meetings.hpp"
#include "service/review/review.hpp"
#include "service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

class MeetingServiceTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped()) return;
    commune_ = unit("grassroots_committee", "Đảng bộ xã An Hòa", "AH", province_);
    cell_ = unit("cell", "Chi bộ thôn Đông", "AH-D", commune_);
    an_ = member("Nguyễn Văn An", "AH-01");
    binh_ = member("Trần Thị Bình", "AH-02");
    chi_ = member("Lê Thị Chi", "AH-03");
    dung_ = member("Phạm Văn Dũng", "AH-04", "probationary", "2025-03-01");
    em_ = member("Vũ Văn Em", "AH-05", "suspended");
    phuc_ = member("Đỗ Văn Phúc", "AH-06", "exempt");
    giang_ = member("Hồ Văn Giang", "AH-07");
    committee_.username = "bch.xa";
    committee_.grants = {{Role::committee, commune_}};
    secretary_.username = "bithu";
    secretary_.person_id = an_;
    secretary_.grants = {{Role::cell_secretary, cell_}, {Role::member, cell_}};
    auto cycle = write([&](store::Transaction& tx) {
      return review::open_cycle(tx, call_as(committee_), {{"unit_id", commune_}, {"year", 2026}});
    });
    ASSERT_TRUE(cycle.ok()) << describe(cycle.error());
    cycle_ = (*cycle)["id"].get<std::int64_t>();
    auto meeting = write([&](store::Transaction& tx) {
      return review::create_meeting(tx, call_as(secretary_),
                                    {{"cycle_id", cycle_},
                                     {"unit_id", cell_},
                                     {"date", "2026-12-10"},
                                     {"place", "Nhà văn hóa thôn Đông"},
                                     {"chair_id", an_},
                                     {"secretary_id", binh_},
                                     {"vote_method", "secret_ballot"}});
    });
    ASSERT_TRUE(meeting.ok()) << describe(meeting.error());
    meeting_ = (*meeting)["id"].get<std::int64_t>();
  }

  std::int64_t member(const std::string& name, const std::string& card, const std::string& status = "active",
                      const std::string& admitted = "2010-03-02") {
    auto r = write([&](store::Transaction& tx) {
      return people::create_person(tx, call(),
                                   {{"full_name", name},
                                    {"unit_id", cell_},
                                    {"card_number", card},
                                    {"status", status},
                                    {"admitted_on", admitted},
                                    {"joined_on", "2015-01-01"}});
    });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error()));
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }

  Principal voter(std::int64_t person) {
    Principal p;
    p.username = "dv" + std::to_string(person);
    p.person_id = person;
    p.grants = {{Role::member, cell_}};
    return p;
  }

  std::int64_t review_of(std::int64_t person) {
    return count("SELECT id FROM review_subjects WHERE place = 'cell' AND person_id = " + std::to_string(person));
  }

  Json meeting() {
    auto r = read([&](store::Transaction& tx) { return review::get_meeting(tx, call_as(secretary_), meeting_); });
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : describe(r.error()));
    return r.ok() ? *r : Json();
  }
  Json subject(std::int64_t review) {
    const Json m = meeting();
    for (const auto& s : m["subjects"])
      if (s["subject_id"] == review) return s;
    return nullptr;
  }

  Result<Json> attendance(const Json& attendees) {
    return write([&](store::Transaction& tx) {
      return review::record_attendance(tx, call_as(secretary_), meeting_,
                                       {{"version", meeting()["version"]}, {"attendees", attendees}});
    });
  }

  // The secretary submits a complete statement for the member.
  void submit(std::int64_t review) {
    auto form = read([&](store::Transaction& tx) { return review::get_statement(tx, call_as(secretary_), review); });
    ASSERT_TRUE(form.ok()) << describe(form.error());
    Json sections = Json::object();
    for (const auto& s : (*form)["form"]["sections"])
      sections[s["key"].get<std::string>()] = "Nội dung " + s["key"].get<std::string>();
    auto saved = write([&](store::Transaction& tx) {
      return review::save_statement(tx, call_as(secretary_), review,
                                    {{"version", 0},
                                     {"sections", sections},
                                     {"scores", {{"general", 27}, {"tasks", 62}}},
                                     {"tasks",
                                      {{{"title", "Làm đường giao thông nông thôn"},
                                        {"status", "completed_on_time"},
                                        {"evidence", {"https://xa.example/duong"}}}}},
                                     {"limitations", {{"identified", 0}}},
                                     {"proposed", "HTTNV"}});
    });
    ASSERT_TRUE(saved.ok()) << describe(saved.error());
    auto submitted = write([&](store::Transaction& tx) {
      return review::submit_statement(tx, call_as(secretary_), review, {{"version", 1}});
    });
    ASSERT_TRUE(submitted.ok()) << describe(submitted.error());
  }

  static bool has_path(const Error& e, const std::string& path) {
    for (const auto& d : e.details)
      if (d.path == path) return true;
    return false;
  }

  std::int64_t commune_ = 0, cell_ = 0, cycle_ = 0, meeting_ = 0;
  std::int64_t an_ = 0, binh_ = 0, chi_ = 0, dung_ = 0, em_ = 0, phuc_ = 0, giang_ = 0;
  Principal committee_, secretary_;
};

TEST_P(MeetingServiceTest, TheQuorumBaseFollowsQd24AndOnlyCountedMembersVote) {
  auto m = meeting();
  ASSERT_EQ(m["attendees"].size(), 7u);
  // Everyone present: An, Bình, Chi, Giang and the exempt Phúc are counted; Dũng (probationary) and Em (suspended)
  // are not.
  EXPECT_EQ(m["quorum"], (Json{{"base", 5}, {"present", 5}, {"met", true}}));
  for (const auto& a : m["attendees"]) {
    const auto person = a["person_id"].get<std::int64_t>();
    EXPECT_EQ(a["voter"], person == an_ || person == binh_ || person == chi_ || person == giang_ || person == phuc_)
        << a;
  }
  // Giang absent without a reason still counts; Chi's approved absence leaves the base.
  auto r = attendance({{{"person_id", giang_}, {"presence", "absent_without_reason"}},
                       {{"person_id", chi_},
                        {"presence", "absent_with_reason"},
                        {"absence_reason", "Ốm"},
                        {"absence_approved", true}}});
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_EQ((*r)["quorum"], (Json{{"base", 4}, {"present", 3}, {"met", true}}));
  // The exempt Phúc absent (reason not approved): no longer counted.
  r = attendance({{{"person_id", phuc_}, {"presence", "absent_with_reason"}, {"absence_reason", "Đi xa"}}});
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_EQ((*r)["quorum"], (Json{{"base", 3}, {"present", 2}, {"met", true}}));
  // A province's stricter quorum (more than 3/4): 2 of 3 is not enough.
  auto rules = [&](int numerator, int denominator) {
    return write([&](store::Transaction& tx) {
      return review::update_meeting(
          tx, call_as(secretary_), meeting_,
          {{"version", meeting()["version"]},
           {"rules", {{"quorum", {{"numerator", numerator}, {"denominator", denominator}, {"strict", true}}}}}});
    });
  };
  auto strict = rules(3, 4);
  ASSERT_TRUE(strict.ok()) << describe(strict.error());
  EXPECT_EQ((*strict)["quorum"], (Json{{"base", 3}, {"present", 2}, {"met", false}}));
  // An absence with a reason names it; the chair cannot be absent.
  auto bad = attendance({{{"person_id", an_}, {"presence", "absent_with_reason"}}});
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(has_path(bad.error(), "attendees[0].absence_reason")) << describe(bad.error());
  EXPECT_TRUE(has_path(bad.error(), "chair")) << describe(bad.error());

  const auto an = review_of(an_);
  auto no_quorum = write([&](store::Transaction& tx) {
    return review::open_ballot(tx, call_as(secretary_), an, {{"version", subject(an)["version"]}});
  });
  ASSERT_FALSE(no_quorum.ok());
  EXPECT_TRUE(has_path(no_quorum.error(), "attendees")) << describe(no_quorum.error());

  // With Phúc back and the default rules there is a quorum; the probationary Dũng, present, may not vote, nor may
  // the absent Giang.
  ASSERT_TRUE(attendance({{{"person_id", phuc_}, {"presence", "present"}}}).ok());
  ASSERT_TRUE(rules(1, 2).ok());
  auto opened = write([&](store::Transaction& tx) {
    return review::open_ballot(tx, call_as(secretary_), an, {{"version", subject(an)["version"]}});
  });
  ASSERT_TRUE(opened.ok()) << describe(opened.error());
  auto cast = [&](std::int64_t person, const Json& grade) {
    return write([&](store::Transaction& tx) {
      return review::cast_ballot(tx, call_as(voter(person)), an, {{"grade", grade}});
    });
  };
  auto probationary = cast(dung_, "HTTNV");
  ASSERT_FALSE(probationary.ok());
  EXPECT_EQ(probationary.error().code, ErrorCode::forbidden);
  auto absent = cast(giang_, "HTTNV");
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(cast(an_, "HTTNV").ok());
  // Attendance does not change while a ballot is open.
  auto during = attendance({{{"person_id", giang_}, {"presence", "present"}}});
  ASSERT_FALSE(during.ok());
  EXPECT_EQ(during.error().code, ErrorCode::conflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM review_ballot_voters"), 1);
}

TEST_P(MeetingServiceTest, PaperBallotsAnAbsentSpeakerFixedRulesAndAClosedMeeting) {
  const auto an = review_of(an_), binh = review_of(binh_);
  submit(an);
  submit(binh);
  auto record = [&](std::int64_t review, Json body) {
    body["version"] = subject(review)["version"];
    return write([&](store::Transaction& tx) { return review::record_subject(tx, call_as(secretary_), review, body); });
  };
  auto tally = [&](std::int64_t review, const std::string& method, const Json& counts) {
    return write([&](store::Transaction& tx) {
      return review::record_tally(tx, call_as(secretary_), review,
                                  {{"version", subject(review)["version"]}, {"method", method}, {"tally", counts}});
    });
  };
  auto conclude = [&](std::int64_t review) {
    return write([&](store::Transaction& tx) {
      return review::conclude_subject(tx, call_as(secretary_), review, {{"version", subject(review)["version"]}});
    });
  };
  // Chi and Giang are away (approved): An, Bình and the exempt Phúc are the three members counted.
  ASSERT_TRUE(attendance({{{"person_id", chi_},
                           {"presence", "absent_with_reason"},
                           {"absence_reason", "Đi học"},
                           {"absence_approved", true}},
                          {{"person_id", giang_},
                           {"presence", "absent_with_reason"},
                           {"absence_reason", "Đi công tác"},
                           {"absence_approved", true}}})
                  .ok());
  // The meeting votes by secret ballot: a show of hands is refused, the counting committee's paper count is taken.
  auto hands = tally(an, "show_of_hands", {{"HTTNV", 3}});
  ASSERT_FALSE(hands.ok());
  EXPECT_EQ(hands.error().code, ErrorCode::conflict);
  EXPECT_FALSE(tally(an, "paper_ballot", {{"HTTNV", 4}}).ok());  // more ballots than the 3 voters present
  auto paper = tally(an, "paper_ballot", {{"HTXSNV", 1}, {"HTTNV", 1}, {"blank", 1}});
  ASSERT_TRUE(paper.ok()) << describe(paper.error());
  EXPECT_EQ((*paper)["tally_source"], "paper_ballot");
  EXPECT_EQ((*paper)["outcome"], "HTTNV");  // 1 + 1 = 2 of the 3 members counted approve HTTNV
  auto bad_tally = tally(an, "paper_ballot", {{"HTTNV", -1}, {"XYZ", 1}});
  ASSERT_FALSE(bad_tally.ok());
  EXPECT_TRUE(has_path(bad_tally.error(), "tally.HTTNV")) << describe(bad_tally.error());
  EXPECT_TRUE(has_path(bad_tally.error(), "tally.XYZ")) << describe(bad_tally.error());

  // The cell itself (as a party organization, Mẫu 01) is reviewed before its members: its report, a paper count.
  auto collectives = read([&](store::Transaction& tx) {
    std::vector<std::int64_t> ids;
    for (auto& r : tx.query("SELECT id FROM review_subjects WHERE cycle_id = $1 AND unit_id = $2 AND kind <> 'member'",
                            store::params(cycle_, cell_)))
      ids.push_back(r.get_int(0));
    return ids;
  });
  ASSERT_FALSE(collectives.empty());
  for (auto collective : collectives) {
    submit(collective);
    auto counted = tally(collective, "paper_ballot", {{"HTTNV", 3}});
    ASSERT_TRUE(counted.ok()) << describe(counted.error());
    auto reviewed = conclude(collective);
    ASSERT_TRUE(reviewed.ok()) << describe(reviewed.error());
  }

  // A comment by a member who is not there cannot stand in the record.
  ASSERT_TRUE(record(an, {{"comments", {{{"speaker_id", chi_}, {"text", "Ý kiến gửi trước"}}}},
                          {"received", {{{"source", "residence"}, {"text", "Gương mẫu nơi cư trú"}}}}})
                  .ok());
  auto absent_speaker = conclude(an);
  ASSERT_FALSE(absent_speaker.ok());
  EXPECT_TRUE(has_path(absent_speaker.error(), "comments[0].speaker")) << describe(absent_speaker.error());
  ASSERT_TRUE(record(an, {{"comments", {{{"speaker_id", binh_}, {"text", "Đồng ý với bản tự kiểm điểm"}}}}}).ok());
  auto done = conclude(an);
  ASSERT_TRUE(done.ok()) << describe(done.error());
  EXPECT_EQ((*done)["meeting_grade"], "HTTNV");
  EXPECT_EQ(
      count("SELECT COUNT(*) FROM review_subjects WHERE meeting_grade = 'HTTNV' AND state = 'reviewed' AND id = " +
            std::to_string(an)),
      1);

  // Rules are fixed once a subject is concluded; the chair must be on the roster.
  auto rules = write([&](store::Transaction& tx) {
    return review::update_meeting(
        tx, call_as(secretary_), meeting_,
        {{"version", meeting()["version"]},
         {"rules", {{"approval", {{"numerator", 2}, {"denominator", 3}, {"strict", false}}}}}});
  });
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.error().code, ErrorCode::conflict);
  auto chair = write([&](store::Transaction& tx) {
    return review::update_meeting(tx, call_as(secretary_), meeting_,
                                  {{"version", meeting()["version"]}, {"chair_id", 999999}, {"place", "Trụ sở xã"}});
  });
  ASSERT_FALSE(chair.ok());
  EXPECT_TRUE(has_path(chair.error(), "chair_id")) << describe(chair.error());
  auto moved = write([&](store::Transaction& tx) {
    return review::update_meeting(tx, call_as(secretary_), meeting_,
                                  {{"version", meeting()["version"]}, {"place", "Trụ sở xã"}, {"date", "2026-12-11"}});
  });
  ASSERT_TRUE(moved.ok()) << describe(moved.error());
  EXPECT_EQ((*moved)["place"], "Trụ sở xã");

  // Closed: the minutes are frozen and nothing changes any more.
  auto closed = write([&](store::Transaction& tx) {
    return review::close_meeting(tx, call_as(secretary_), meeting_, {{"version", meeting()["version"]}});
  });
  ASSERT_TRUE(closed.ok()) << describe(closed.error());
  auto late = record(binh, {{"comments", Json::array()}});
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  auto minutes =
      read([&](store::Transaction& tx) { return review::meeting_minutes(tx, call_as(secretary_), meeting_); });
  ASSERT_TRUE(minutes.ok());
  EXPECT_EQ((*minutes)["frozen"], true);
  EXPECT_NE((*minutes)["text"].get<std::string>().find("Trụ sở xã"), std::string::npos);
  EXPECT_NE((*minutes)["text"].get<std::string>().find("Ý kiến — Trần Thị Bình: Đồng ý với bản tự kiểm điểm"),
            std::string::npos)
      << (*minutes)["text"];
}

INSTANTIATE_TEST_SUITE_P(Backends, MeetingServiceTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
