#include "workflow/meeting.hpp"

#include <gtest/gtest.h>

#include "helpers.hpp"

namespace xeploai::workflow {
namespace {

using domain::Grade;
using testing::describe;
using testing::has_detail;

Attendee person(std::string id) {
  Attendee a;
  a.person = std::move(id);
  return a;
}

// A cell of `n` official members, all present; p1 chairs, p2 takes the minutes.
Meeting cell_meeting(int n) {
  Meeting m;
  m.unit = "cb-1";
  m.date = make_date(2025, 12, 10);
  m.place = "Nhà văn hóa thôn 1";
  m.chair = "p1";
  m.secretary = "p2";
  for (int i = 1; i <= n; ++i) m.attendees.push_back(person("p" + std::to_string(i)));
  return m;
}

Tally votes(int xs, int tt, int ht, int k, int blank = 0) {
  Tally t;
  t.per_grade = {k, ht, tt, xs};
  t.blank = blank;
  return t;
}

TEST(Meeting, QuorumCountsOfficialMembersPerQD24) {
  Meeting m = cell_meeting(10);
  m.attendees[9].official = false;  // probationary: not counted
  m.attendees[8].exempt = true;     // exempt and absent: not counted
  m.attendees[8].presence = Presence::absent_with_reason;
  m.attendees[8].absence_reason = "Tuổi cao";
  m.attendees[7].presence = Presence::absent_with_reason;  // approved reason: not counted
  m.attendees[7].absence_reason = "Công tác";
  m.attendees[7].absence_approved = true;
  m.attendees[6].presence = Presence::absent_without_reason;  // counted, absent
  m.attendees[5].suspended = true;                            // not counted
  m.attendees[4].temporarily_elsewhere = true;                // not counted
  Quorum q = quorum(m);
  EXPECT_EQ(q.base, 5);     // p1–p4 and p7
  EXPECT_EQ(q.present, 4);  // p1–p4
  EXPECT_TRUE(q.met);
  EXPECT_EQ(voters(m).size(), 4u);  // the present members of the base: p1–p4
}

TEST(Meeting, ExemptMemberWhoAttendsIsCounted) {
  Meeting m = cell_meeting(4);
  m.attendees[3].exempt = true;
  EXPECT_EQ(quorum(m).base, 4);
}

TEST(Meeting, NoQuorumRefusesTheVote) {
  Meeting m = cell_meeting(6);
  for (int i = 3; i < 6; ++i) m.attendees[i].presence = Presence::absent_without_reason;  // 3 of 6
  EXPECT_FALSE(quorum(m).met);
  auto r = vote_outcome(m, votes(0, 3, 0, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "attendees", "3 of 6"));
  m.rules.quorum.strict = false;  // "at least half" when a province decides so
  EXPECT_TRUE(quorum(m).met);
}

TEST(Meeting, MoreThanHalfOfTheMembersIsNeeded) {
  Meeting m = cell_meeting(10);
  EXPECT_EQ(vote_outcome(m, votes(6, 4, 0, 0)).value(), Grade::HTXSNV);
  // 5 of 10 is not more than half: HTXSNV fails, and cumulatively HTTNV passes with 5 + 4.
  EXPECT_EQ(vote_outcome(m, votes(5, 4, 1, 0)).value(), Grade::HTTNV);
  m.rules.cumulative = false;
  auto split = vote_outcome(m, votes(5, 4, 1, 0));
  ASSERT_FALSE(split.ok());
  EXPECT_TRUE(has_detail(split.error(), "tally"));
}

TEST(Meeting, TheBaseIsTheMembersNotThoseVoting) {
  // 10 members, 7 present: 5 votes are not more than half of 10 even though they are most of those present.
  Meeting m = cell_meeting(10);
  for (int i = 7; i < 10; ++i) m.attendees[i].presence = Presence::absent_without_reason;
  auto r = vote_outcome(m, votes(0, 5, 0, 0, 2));
  ASSERT_FALSE(r.ok()) << "5/10";
  EXPECT_EQ(vote_outcome(m, votes(0, 6, 0, 0, 1)).value(), Grade::HTTNV);
}

TEST(Meeting, TwoThirdsCanBeChosen) {
  Meeting m = cell_meeting(9);
  m.rules.approval = {2, 3, false};  // "at least two thirds" (HD 07-HD/BTCTW 2011 practice for the top grade)
  m.rules.cumulative = false;
  EXPECT_EQ(vote_outcome(m, votes(6, 3, 0, 0)).value(), Grade::HTXSNV);
  EXPECT_FALSE(vote_outcome(m, votes(5, 4, 0, 0)).ok());
}

TEST(Meeting, MoreVotesThanVotersIsRefused) {
  Meeting m = cell_meeting(5);
  m.attendees[4].presence = Presence::absent_without_reason;
  auto r = vote_outcome(m, votes(3, 2, 0, 0));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "tally", "5 votes for 4 voters"));
  EXPECT_TRUE(has_detail(vote_outcome(m, votes(-1, 3, 0, 0)).error(), "tally.HTXSNV", "negative"));
}

TEST(Meeting, SecretBallotKeepsOnlyCounts) {
  Meeting m = cell_meeting(5);
  BallotBox box(voters(m));
  ASSERT_TRUE(box.cast("p1", Grade::HTTNV).ok());
  ASSERT_TRUE(box.cast("p2", Grade::HTXSNV).ok());
  ASSERT_TRUE(box.cast("p3", std::nullopt).ok());
  auto twice = box.cast("p1", Grade::KHTNV);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto outsider = box.cast("p9", Grade::HTTNV);
  ASSERT_FALSE(outsider.ok());
  EXPECT_EQ(outsider.error().code, ErrorCode::forbidden);
  ASSERT_TRUE(box.cast("p4", Grade::HTTNV).ok());
  EXPECT_EQ(box.tally().per_grade[static_cast<int>(Grade::HTTNV)], 2);
  EXPECT_EQ(box.tally().per_grade[static_cast<int>(Grade::HTXSNV)], 1);
  EXPECT_EQ(box.tally().blank, 1);
  EXPECT_EQ(box.tally().total(), 4);
  EXPECT_EQ(box.voted().size(), 4u);
  // 3 of 5 approve HTTNV or better.
  EXPECT_EQ(vote_outcome(m, box.tally()).value(), Grade::HTTNV);
}

TEST(Meeting, AttendanceProblemsAreNamed) {
  Meeting m = cell_meeting(3);
  m.place.clear();
  m.attendees.push_back(person("p2"));
  m.attendees[0].presence = Presence::absent_with_reason;  // the chair, absent, no reason given
  auto r = validate_attendance(m);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "place"));
  EXPECT_TRUE(has_detail(r.error(), "attendees[3].person", "twice"));
  EXPECT_TRUE(has_detail(r.error(), "attendees[0].absence_reason"));
  EXPECT_TRUE(has_detail(r.error(), "chair", "present"));
  EXPECT_TRUE(validate_attendance(cell_meeting(3)).ok());
}

ReviewAssignment assignment_needing_everything() {
  ReviewAssignment a;
  a.unit = "cb-1";
  a.grading_cell = "cb-1";
  a.civil_servant_grade_needed = true;
  a.comments = {{CommentSource::previous_cell, "cb-old", "R-XFER-1"},
                {CommentSource::residence, "cb-thon", "R-RESIDENCE"}};
  return a;
}

TEST(Meeting, ConcludingASubjectNeedsTheRequiredComments) {
  Meeting m = cell_meeting(5);
  SubjectReview s;
  s.subject = "p5";
  s.comments = {{"p3", "Cần chủ động hơn", true}, {"p8", "vắng mà vẫn phát biểu", false}};
  s.tally = votes(0, 4, 1, 0);
  m.subjects.push_back(s);
  auto r = conclude_subject(m, 0, assignment_needing_everything());
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "subjects[0].received.previous_cell", "cb-old"));
  EXPECT_TRUE(has_detail(r.error(), "subjects[0].received.residence"));
  EXPECT_TRUE(has_detail(r.error(), "subjects[0].civil_servant_grade", "R-LINK-2"));
  EXPECT_TRUE(has_detail(r.error(), "subjects[0].comments[1].speaker"));

  m.subjects[0].comments.pop_back();
  m.subjects[0].received = {{CommentSource::previous_cell, "cb-old", "Hoàn thành tốt"},
                            {CommentSource::residence, "cb-thon", "Gương mẫu nơi cư trú"}};
  m.subjects[0].civil_servant_grade = Grade::HTTNV;
  auto ok = conclude_subject(m, 0, assignment_needing_everything());
  ASSERT_TRUE(ok.ok()) << describe(ok.error());
  EXPECT_EQ(ok->value(), Grade::HTTNV);
}

TEST(Meeting, VoteProblemsArePrefixedWithTheSubject) {
  Meeting m = cell_meeting(4);
  SubjectReview s;
  s.subject = "p4";
  s.received = {{CommentSource::residence, "x", "ok"}};
  s.tally = votes(2, 3, 0, 0);  // 5 votes, 4 voters
  m.subjects.push_back(s);
  ReviewAssignment a;
  a.unit = "cb-1";
  a.comments = {{CommentSource::residence, "", "R-RESIDENCE"}};
  auto r = conclude_subject(m, 0, a);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "subjects[0].tally")) << describe(r.error());
}

TEST(Meeting, ReviewedButNotGradedTakesNoVote) {
  Meeting m = cell_meeting(4);
  m.unit = "ubnd-xa";  // the leadership collective where a post is held
  SubjectReview s;
  s.subject = "p1";
  s.comments = {{"p2", "Cần quyết liệt hơn trong chỉ đạo", true}};
  m.subjects.push_back(s);
  ReviewAssignment post;
  post.place = Place::post;
  post.unit = "ubnd-xa";
  post.graded = false;
  auto r = conclude_subject(m, 0, post);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_FALSE(r->has_value());
  post.unit = "hdnd-xa";
  EXPECT_TRUE(has_detail(conclude_subject(m, 0, post).error(), "subjects[0]", "reviewed at hdnd-xa"));
}

TEST(Meeting, NotReviewedSubjectsCannotBeConcluded) {
  Meeting m = cell_meeting(4);
  SubjectReview s;
  s.subject = "p4";
  m.subjects.push_back(s);
  ReviewAssignment a;
  a.unit = "cb-1";
  a.reviewed = false;
  a.reasons = {{"R-EXEMPT-1", "", ""}};
  auto r = conclude_subject(m, 0, a);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_detail(r.error(), "subjects[0]", "R-EXEMPT-1"));
  EXPECT_EQ(conclude_subject(m, 3, a).error().code, ErrorCode::not_found);
}

TEST(Meeting, MinutesHoldAttendanceCommentsAndOnlyTallies) {
  Meeting m = cell_meeting(5);
  m.attendees[4].presence = Presence::absent_with_reason;
  m.attendees[4].absence_reason = "Ốm";
  SubjectReview s;
  s.subject = "p3";
  s.comments = {{"p2", "Còn chậm nộp báo cáo", true}};
  s.received = {{CommentSource::residence, "cb-thon", "Gương mẫu"}};
  s.method = VoteMethod::secret_ballot;
  s.tally = votes(1, 3, 0, 0);
  m.subjects.push_back(s);
  const std::string text = minutes(m, {{"p1", "Nguyễn Văn An"}, {"p2", "Trần Thị Bình"}, {"p5", "Lê Văn Đức"}});
  EXPECT_NE(text.find("BIÊN BẢN"), std::string::npos);
  EXPECT_NE(text.find("10/12/2025"), std::string::npos);
  EXPECT_NE(text.find("Chủ trì: Nguyễn Văn An"), std::string::npos);
  EXPECT_NE(text.find("Vắng mặt: Lê Văn Đức (có lý do: Ốm)"), std::string::npos);
  EXPECT_NE(text.find("Phê bình — Trần Thị Bình: Còn chậm nộp báo cáo"), std::string::npos);
  EXPECT_NE(text.find("bỏ phiếu kín"), std::string::npos);
  EXPECT_NE(text.find("Hoàn thành tốt nhiệm vụ: 3 phiếu"), std::string::npos);
  EXPECT_NE(text.find("Kết quả: đề nghị Hoàn thành tốt nhiệm vụ"), std::string::npos);
}

}  // namespace
}  // namespace xeploai::workflow
