// The review meeting: facts and rules, attendance from the roster, per subject the comments, received comments,
// civil-servant grade and vote (show of hands, secret ballot, paper ballots), concluding a subject, the minutes.
#include "service/review/meetings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "service/audit.hpp"
#include "service/org/tree.hpp"
#include "service/review/internal/common.hpp"
#include "text/text.hpp"
#include "workflow/meeting.hpp"
#include "workflow/progress.hpp"
#include "workflow/review.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

constexpr std::size_t kMaxComment = 20000;  // characters of one comment: a few pages
constexpr std::int32_t kMaxVotes = 100000;

// The tally columns, by domain::Grade (KHTNV = 0 … HTXSNV = 3).
constexpr const char* kVoteColumns[4] = {"votes_khtnv", "votes_htnv", "votes_httnv", "votes_htxsnv"};

// ---- rows -------------------------------------------------------------------------------------------------------

struct MeetingRow {
  std::int64_t id = 0, cycle_id = 0, unit_id = 0, chair_id = 0, secretary_id = 0, version = 0;
  std::string date, place, vote_method, status, unit_name, unit_kind;
  workflow::MeetingRules rules;
  std::optional<std::string> minutes;
  std::optional<std::int64_t> closed_at;
};

constexpr const char* kMeetingSelect =
    "SELECT m.id, m.cycle_id, m.unit_id, m.meeting_date, m.place, m.chair_id, m.secretary_id, m.quorum_numerator, "
    "m.quorum_denominator, m.quorum_strict, m.approval_numerator, m.approval_denominator, m.approval_strict, "
    "m.cumulative, m.vote_method, m.status, m.minutes, m.closed_at, m.version, u.name, u.kind FROM review_meetings m "
    "JOIN units u ON u.id = m.unit_id ";

MeetingRow meeting_row(const store::Row& r) {
  MeetingRow m;
  m.id = r.get_int(0);
  m.cycle_id = r.get_int(1);
  m.unit_id = r.get_int(2);
  m.date = r.get_text(3);
  m.place = r.get_text(4);
  m.chair_id = r.get_int(5);
  m.secretary_id = r.get_int(6);
  m.rules.quorum = {static_cast<int>(r.get_int(7)), static_cast<int>(r.get_int(8)), r.get_bool(9)};
  m.rules.approval = {static_cast<int>(r.get_int(10)), static_cast<int>(r.get_int(11)), r.get_bool(12)};
  m.rules.cumulative = r.get_bool(13);
  m.vote_method = r.get_text(14);
  m.status = r.get_text(15);
  m.minutes = r.get_optional_text(16);
  m.closed_at = r.get_optional_int(17);
  m.version = r.get_int(18);
  m.unit_name = r.get_text(19);
  m.unit_kind = r.get_text(20);
  return m;
}

std::optional<MeetingRow> load_meeting(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(std::string(kMeetingSelect) + "WHERE m.id = $1", store::params(id));
  if (!r) return std::nullopt;
  return meeting_row(*r);
}

struct AttendeeRow {
  std::int64_t person_id = 0;
  std::string name;
  workflow::Attendee a;
};

std::string_view code(workflow::Presence p) {
  switch (p) {
    case workflow::Presence::present:
      return "present";
    case workflow::Presence::absent_with_reason:
      return "absent_with_reason";
    case workflow::Presence::absent_without_reason:
      return "absent_without_reason";
  }
  return "?";
}
workflow::Presence parse_presence(std::string_view s) {
  if (s == "absent_with_reason") return workflow::Presence::absent_with_reason;
  if (s == "absent_without_reason") return workflow::Presence::absent_without_reason;
  return workflow::Presence::present;
}

std::vector<AttendeeRow> load_attendees(store::Transaction& tx, std::int64_t meeting_id) {
  std::vector<AttendeeRow> out;
  for (auto& r :
       tx.query("SELECT a.person_id, p.full_name, a.official, a.exempt, a.suspended, a.temporarily_elsewhere, "
                "a.presence, a.absence_reason, a.absence_approved FROM review_meeting_attendees a JOIN people "
                "p ON p.id = a.person_id WHERE a.meeting_id = $1 ORDER BY p.sort_key, a.person_id",
                store::params(meeting_id))) {
    AttendeeRow row;
    row.person_id = r.get_int(0);
    row.name = r.get_text(1);
    row.a.person = std::to_string(row.person_id);
    row.a.official = r.get_bool(2);
    row.a.exempt = r.get_bool(3);
    row.a.suspended = r.get_bool(4);
    row.a.temporarily_elsewhere = r.get_bool(5);
    row.a.presence = parse_presence(r.get_text(6));
    row.a.absence_reason = r.get_text(7);
    row.a.absence_approved = r.get_bool(8);
    out.push_back(std::move(row));
  }
  return out;
}

struct CommentRow {
  std::int64_t speaker_id = 0;
  std::string speaker_name, text;
  bool criticism = false;
};
struct ReceivedRow {
  std::string source;
  std::optional<std::int64_t> unit_id;
  std::string unit_name, text;
};

// A review subject of the meeting with what the meeting holds for it.
struct MSubject {
  std::int64_t id = 0, unit_id = 0, cycle_id = 0, meeting_id = 0, subject_version = 0, version = 0;
  std::optional<std::int64_t> person_id;
  std::string name, kind, place, state;
  std::optional<std::string> post_title, proposed, meeting_grade, civil_servant_grade, tally_source;
  bool reviewed = false, graded = false, civil_servant_grade_needed = false;
  Json required = Json::array(), reasons = Json::array();
  std::string vote_method, ballot;
  workflow::Tally tally;
  std::optional<std::int64_t> concluded_at;
  workflow::Rank rank = workflow::Rank::member;
  std::vector<CommentRow> comments;
  std::vector<ReceivedRow> received;
};

// A meeting's subjects with their meeting records, in subject_row's column order (a cell's own subjects carry no
// person: kSubjectName names them).
const std::string kSubjectSelect = fmt::format(
    "SELECT s.id, s.person_id, {}, s.kind, s.place, s.post_title, s.state, s.reviewed, s.graded, "
    "s.civil_servant_grade_needed, s.comments_json, st.proposed, s.meeting_grade, ms.civil_servant_grade, "
    "ms.vote_method, ms.tally_source, ms.ballot, ms.votes_khtnv, ms.votes_htnv, ms.votes_httnv, ms.votes_htxsnv, "
    "ms.votes_blank, ms.concluded_at, ms.version, s.unit_id, s.cycle_id, ms.meeting_id, s.reasons_json, s.version "
    "FROM review_meeting_subjects ms JOIN review_subjects s ON s.id = ms.subject_id {} JOIN units u ON u.id = "
    "s.unit_id LEFT JOIN review_statements st ON st.subject_id = s.id ",
    kSubjectName, kSubjectNameJoins);

MSubject subject_row(const store::Row& r) {
  MSubject s;
  s.id = r.get_int(0);
  s.person_id = r.get_optional_int(1);
  s.name = r.get_text(2);
  s.kind = r.get_text(3);
  s.place = r.get_text(4);
  s.post_title = r.get_optional_text(5);
  s.state = r.get_text(6);
  s.reviewed = r.get_bool(7);
  s.graded = r.get_bool(8);
  s.civil_servant_grade_needed = r.get_bool(9);
  s.required = Json::parse(r.get_text(10));
  s.proposed = r.get_optional_text(11);
  s.meeting_grade = r.get_optional_text(12);
  s.civil_servant_grade = r.get_optional_text(13);
  s.vote_method = r.get_text(14);
  s.tally_source = r.get_optional_text(15);
  s.ballot = r.get_text(16);
  for (int g = 0; g < 4; ++g) s.tally.per_grade[g] = static_cast<std::int32_t>(r.get_int(17 + g));
  s.tally.blank = static_cast<std::int32_t>(r.get_int(21));
  s.concluded_at = r.get_optional_int(22);
  s.version = r.get_int(23);
  s.unit_id = r.get_int(24);
  s.cycle_id = r.get_int(25);
  s.meeting_id = r.get_int(26);
  s.reasons = Json::parse(r.get_text(27));
  s.subject_version = r.get_int(28);
  return s;
}

// 366 Điều 7, 43-HD Mục 2: the collective first, then the head, the deputies, the others. The head is the holder of
// the unit's head post (posts.is_head); a deputy holds a post of the unit whose title starts with "Phó" (Phó Bí thư,
// Phó Chủ tịch …). **Decision**: the roster has no other mark of a deputy.
void assign_ranks(store::Transaction& tx, std::vector<MSubject>& subjects, std::int64_t unit_id,
                  const std::string& as_of) {
  std::map<std::int64_t, workflow::Rank> by_person;
  for (auto& r : tx.query("SELECT person_id, title, is_head FROM posts WHERE unit_id = $1 AND valid_from <= $2 AND "
                          "(valid_to IS NULL OR valid_to >= $2)",
                          store::params(unit_id, as_of))) {
    const std::string title = r.get_text(1);
    const auto rank = r.get_bool(2)                ? workflow::Rank::head
                      : title.rfind("Phó", 0) == 0 ? workflow::Rank::deputy
                                                   : workflow::Rank::member;
    auto& have = by_person.try_emplace(r.get_int(0), workflow::Rank::member).first->second;
    have = std::min(have, rank);
  }
  for (auto& s : subjects) {
    if (s.kind != "member") {
      s.rank = workflow::Rank::collective;
    } else if (s.person_id) {
      auto it = by_person.find(*s.person_id);
      if (it != by_person.end()) s.rank = it->second;
    }
  }
  std::stable_sort(subjects.begin(), subjects.end(),
                   [](const MSubject& a, const MSubject& b) { return a.rank < b.rank; });
}

void load_discussion(store::Transaction& tx, std::vector<MSubject>& subjects, const std::string& where,
                     const store::Params& p) {
  std::map<std::int64_t, MSubject*> by_id;
  for (auto& s : subjects) by_id[s.id] = &s;
  for (auto& r : tx.query("SELECT c.subject_id, c.speaker_id, COALESCE(p.full_name, ''), c.body, c.criticism FROM "
                          "review_meeting_comments c LEFT JOIN people p ON p.id = c.speaker_id WHERE " +
                              where + " ORDER BY c.subject_id, c.id",
                          p))
    if (auto it = by_id.find(r.get_int(0)); it != by_id.end())
      it->second->comments.push_back({r.get_int(1), r.get_text(2), r.get_text(3), r.get_bool(4)});
  for (auto& r : tx.query("SELECT c.subject_id, c.source, c.unit_id, COALESCE(u.name, ''), c.body FROM "
                          "review_meeting_received c LEFT JOIN units u ON u.id = c.unit_id WHERE " +
                              where + " ORDER BY c.subject_id, c.id",
                          p))
    if (auto it = by_id.find(r.get_int(0)); it != by_id.end())
      it->second->received.push_back({r.get_text(1), r.get_optional_int(2), r.get_text(3), r.get_text(4)});
}

std::string grading_date(store::Transaction& tx, std::int64_t cycle_id) {
  auto r = tx.query_one("SELECT grading_date FROM review_cycles WHERE id = $1", store::params(cycle_id));
  return r ? r->get_text(0) : today();
}

// Every subject of a meeting, in review order (rank, then Vietnamese name order), with the discussion.
std::vector<MSubject> load_subjects(store::Transaction& tx, const MeetingRow& m) {
  std::vector<MSubject> out;
  for (auto& r : tx.query(kSubjectSelect + "WHERE ms.meeting_id = $1 ORDER BY p.sort_key, s.id", store::params(m.id)))
    out.push_back(subject_row(r));
  assign_ranks(tx, out, m.unit_id, grading_date(tx, m.cycle_id));
  load_discussion(tx, out, "c.subject_id IN (SELECT subject_id FROM review_meeting_subjects WHERE meeting_id = $1)",
                  store::params(m.id));
  return out;
}

std::optional<domain::Grade> grade_of(const std::optional<std::string>& s) {
  return s ? domain::parse_grade(*s) : std::nullopt;
}

std::optional<workflow::CommentSource> parse_source(std::string_view s) {
  for (auto c : {workflow::CommentSource::previous_cell, workflow::CommentSource::temporary_cell,
                 workflow::CommentSource::residence})
    if (workflow::code(c) == s) return c;
  return std::nullopt;
}

// The workflow's view of the meeting. `hide_open_ballots`: a ballot still open counts as no tally (its running
// counts are never shown, nor printed in the minutes).
workflow::Meeting to_workflow(const MeetingRow& m, const std::vector<AttendeeRow>& attendees,
                              const std::vector<MSubject>& subjects) {
  workflow::Meeting wm;
  wm.unit = std::to_string(m.unit_id);
  wm.date = domain::parse_iso_date(m.date).value_or(domain::kNoDate);
  wm.place = m.place;
  wm.chair = std::to_string(m.chair_id);
  wm.secretary = std::to_string(m.secretary_id);
  wm.rules = m.rules;
  for (const auto& a : attendees) wm.attendees.push_back(a.a);
  for (const auto& s : subjects) {
    workflow::SubjectReview sr;
    sr.subject = std::to_string(s.id);
    for (const auto& c : s.comments) sr.comments.push_back({std::to_string(c.speaker_id), c.text, c.criticism});
    for (const auto& r : s.received)
      sr.received.push_back({*parse_source(r.source), r.unit_id ? std::to_string(*r.unit_id) : std::string(), r.text});
    sr.civil_servant_grade = grade_of(s.civil_servant_grade);
    sr.self_proposed = grade_of(s.proposed);
    sr.method =
        s.vote_method == "secret_ballot" ? workflow::VoteMethod::secret_ballot : workflow::VoteMethod::show_of_hands;
    if (s.ballot != "open" && s.tally_source) sr.tally = s.tally;
    wm.subjects.push_back(std::move(sr));
  }
  return wm;
}

workflow::ReviewAssignment assignment_of(const MSubject& s) {
  workflow::ReviewAssignment a;
  a.place = s.place == "post" ? workflow::Place::post : workflow::Place::cell;
  a.unit = std::to_string(s.unit_id);
  a.post_title = s.post_title.value_or("");
  a.reviewed = s.reviewed;
  a.graded = s.graded;
  a.civil_servant_grade_needed = s.civil_servant_grade_needed;
  for (const auto& c : s.required)
    if (auto source = parse_source(c.value("source", "")))
      a.comments.push_back({*source,
                            c.contains("unit_id") && c["unit_id"].is_number_integer()
                                ? std::to_string(c["unit_id"].get<std::int64_t>())
                                : std::string(),
                            c.value("rule", "")});
  for (const auto& r : s.reasons) a.reasons.push_back({r.value("rule", ""), r.value("vi", ""), r.value("en", "")});
  return a;
}

// ---- JSON -------------------------------------------------------------------------------------------------------

Json tally_json(const workflow::Tally& t) {
  return {{"HTXSNV", t.per_grade[3]}, {"HTTNV", t.per_grade[2]}, {"HTNV", t.per_grade[1]},
          {"KHTNV", t.per_grade[0]},  {"blank", t.blank},        {"total", t.total()}};
}

Json threshold_json(const workflow::Threshold& t) {
  return {{"numerator", t.numerator}, {"denominator", t.denominator}, {"strict", t.strict}};
}

Json quorum_json(const workflow::Meeting& wm) {
  const auto q = workflow::quorum(wm);
  return {{"base", q.base}, {"present", q.present}, {"met", q.met}};
}

std::string_view code(workflow::Rank r) {
  static constexpr std::string_view kRank[] = {"collective", "head", "deputy", "member"};
  return kRank[static_cast<int>(r)];
}

std::int64_t ballots_cast(store::Transaction& tx, std::int64_t subject_id) {
  return tx.query_one("SELECT COUNT(*) FROM review_ballot_voters WHERE subject_id = $1", store::params(subject_id))
      ->get_int(0);
}

Json subject_json(store::Transaction& tx, const Call& call, const MSubject& s, const workflow::Meeting& wm) {
  Json comments = Json::array(), received = Json::array();
  for (const auto& c : s.comments)
    comments.push_back(
        {{"speaker_id", c.speaker_id}, {"speaker_name", c.speaker_name}, {"text", c.text}, {"criticism", c.criticism}});
  for (const auto& r : s.received)
    received.push_back({{"source", r.source},
                        {"unit_id", r.unit_id ? Json(*r.unit_id) : Json(nullptr)},
                        {"unit_name", r.unit_name},
                        {"text", r.text}});
  // Counts only, and only once the ballot is closed: a running tally read between two ballots tells a choice.
  const bool shown = s.tally_source && s.ballot != "open";
  Json outcome = nullptr;
  if (shown && s.graded)
    if (auto o = workflow::vote_outcome(wm, s.tally)) outcome = domain::code(*o);
  Json out = {{"subject_id", s.id},
              {"person_id", s.person_id ? Json(*s.person_id) : Json(nullptr)},
              {"name", s.name},
              {"kind", s.kind},
              {"place", s.place},
              {"post_title", s.post_title ? Json(*s.post_title) : Json(nullptr)},
              {"rank", code(s.rank)},
              {"state", s.state},
              {"reviewed", s.reviewed},
              {"graded", s.graded},
              {"self_proposed", s.proposed ? Json(*s.proposed) : Json(nullptr)},
              {"required_comments", s.required},
              {"civil_servant_grade_needed", s.civil_servant_grade_needed},
              {"comments", comments},
              {"received", received},
              {"civil_servant_grade", s.civil_servant_grade ? Json(*s.civil_servant_grade) : Json(nullptr)},
              {"vote_method", s.vote_method},
              {"ballot", s.ballot},
              {"tally_source", s.tally_source ? Json(*s.tally_source) : Json(nullptr)},
              {"tally", shown ? tally_json(s.tally) : Json(nullptr)},
              {"outcome", outcome},
              {"meeting_grade", s.meeting_grade ? Json(*s.meeting_grade) : Json(nullptr)},
              {"concluded", s.concluded_at.has_value()},
              {"version", s.version}};
  if (s.ballot != "none") {
    out["ballots_cast"] = ballots_cast(tx, s.id);
    out["you_voted"] = call.who.person_id && tx.query_one(
                                                 "SELECT 1 FROM review_ballot_voters WHERE subject_id = $1 "
                                                 "AND person_id = $2",
                                                 store::params(s.id, *call.who.person_id));
  }
  return out;
}

Json meeting_json(store::Transaction& tx, const Call& call, const MeetingRow& m) {
  const auto attendees = load_attendees(tx, m.id);
  const auto subjects = load_subjects(tx, m);
  const auto wm = to_workflow(m, attendees, subjects);
  const auto voters = workflow::voters(wm);
  Json people = Json::array(), items = Json::array();
  for (const auto& a : attendees)
    people.push_back({{"person_id", a.person_id},
                      {"full_name", a.name},
                      {"official", a.a.official},
                      {"exempt", a.a.exempt},
                      {"suspended", a.a.suspended},
                      {"temporarily_elsewhere", a.a.temporarily_elsewhere},
                      {"presence", code(a.a.presence)},
                      {"absence_reason", a.a.absence_reason},
                      {"absence_approved", a.a.absence_approved},
                      {"voter", voters.contains(a.a.person)}});
  for (const auto& s : subjects) items.push_back(subject_json(tx, call, s, wm));
  return {{"id", m.id},
          {"cycle_id", m.cycle_id},
          {"unit_id", m.unit_id},
          {"unit_name", m.unit_name},
          {"date", m.date},
          {"place", m.place},
          {"chair_id", m.chair_id},
          {"secretary_id", m.secretary_id},
          {"rules",
           {{"quorum", threshold_json(m.rules.quorum)},
            {"approval", threshold_json(m.rules.approval)},
            {"cumulative", m.rules.cumulative}}},
          {"vote_method", m.vote_method},
          {"status", m.status},
          {"closed_at", m.closed_at ? Json(*m.closed_at) : Json(nullptr)},
          {"attendees", people},
          {"quorum", quorum_json(wm)},
          {"subjects", items},
          {"version", m.version}};
}

Json meeting_summary(store::Transaction& tx, const MeetingRow& m) {
  auto c = tx.query_one(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN concluded_at IS NULL THEN 0 ELSE 1 END), 0), "
      "COALESCE(SUM(CASE WHEN ballot = 'open' THEN 1 ELSE 0 END), 0) FROM review_meeting_subjects WHERE meeting_id = "
      "$1",
      store::params(m.id));
  return {{"id", m.id},
          {"cycle_id", m.cycle_id},
          {"unit_id", m.unit_id},
          {"unit_name", m.unit_name},
          {"date", m.date},
          {"place", m.place},
          {"vote_method", m.vote_method},
          {"status", m.status},
          {"subjects", c->get_int(0)},
          {"concluded", c->get_int(1)},
          {"open_ballots", c->get_int(2)},
          {"version", m.version}};
}

// ---- access -----------------------------------------------------------------------------------------------------

Error meeting_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy hội nghị {} / Meeting {} not found", id, id));
}

bool attends(store::Transaction& tx, const Principal& who, std::int64_t meeting_id) {
  return who.person_id &&
         tx.query_one("SELECT 1 FROM review_meeting_attendees WHERE meeting_id = $1 AND person_id = $2",
                      store::params(meeting_id, *who.person_id));
}

// The meeting as the caller may use it: to read it (read_reviews on its unit, or an attendee; 404 otherwise, so a
// meeting's existence is not revealed) or to run it (run_meeting on its unit).
enum class MeetingUse { read, run };
Result<MeetingRow> meeting_for(store::Transaction& tx, const Call& call, std::int64_t id, MeetingUse use) {
  auto m = load_meeting(tx, id);
  if (!m) return meeting_not_found(id);
  if (use == MeetingUse::run)
    XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::run_meeting, m->unit_id));
  else if (!auth::authorize(tx, call.who, auth::Action::read_reviews, m->unit_id) && !attends(tx, call.who, id))
    return meeting_not_found(id);
  return std::move(*m);
}

std::optional<std::int64_t> version_of(const Json& body, Fields& f) {
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer() ||
      body["version"].get<std::int64_t>() < 1) {
    f.fail("version", "bắt buộc, số nguyên ≥ 1 / required, an integer ≥ 1");
    return std::nullopt;
  }
  return body["version"].get<std::int64_t>();
}

Result<void> writable(store::Transaction& tx, const MeetingRow& m) {
  if (m.status != "open")
    return Error::conflict(fmt::format("Hội nghị {} đã kết thúc, biên bản đã chốt / Meeting {} is closed", m.id, m.id));
  auto c = load_cycle(tx, m.cycle_id);
  if (!c || c->status != "open")
    return Error::conflict(fmt::format("Đợt kiểm điểm {} đã đóng / Review cycle {} is closed", m.cycle_id, m.cycle_id));
  return {};
}

// The start of a meeting-level write: scope (run_meeting on the meeting's unit), the fields, the version, open.
Result<MeetingRow> begin_meeting_write(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body,
                                       std::initializer_list<std::string_view> fields) {
  auto m = meeting_for(tx, call, id, MeetingUse::run);
  if (!m) return m;
  Fields f(body);
  f.only(fields);
  auto version = version_of(body, f);
  if (!f.ok()) return f.error();
  XEPLOAI_REVIEW_TRY(writable(tx, *m));
  if (*version != m->version) return stale_version(m->version);
  return std::move(*m);
}

Error review_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy bản kiểm điểm {} / Review {} not found", id, id));
}

struct SubjectContext {
  MeetingRow meeting;
  std::vector<AttendeeRow> attendees;
  std::vector<MSubject> subjects;  // the meeting's, in review order
  std::size_t index = 0;           // this subject among them
  MSubject& subject() { return subjects[index]; }
};

Result<SubjectContext> load_subject_context(store::Transaction& tx, std::int64_t subject_id) {
  auto ms =
      tx.query_one("SELECT meeting_id FROM review_meeting_subjects WHERE subject_id = $1", store::params(subject_id));
  if (!ms)
    return Error::conflict(
        fmt::format("Đơn vị chưa tạo hội nghị kiểm điểm cho bản kiểm điểm {} / No meeting holds review {} yet",
                    subject_id, subject_id));
  SubjectContext ctx{*load_meeting(tx, ms->get_int(0)), {}, {}, 0};
  ctx.attendees = load_attendees(tx, ctx.meeting.id);
  ctx.subjects = load_subjects(tx, ctx.meeting);
  for (std::size_t i = 0; i < ctx.subjects.size(); ++i)
    if (ctx.subjects[i].id == subject_id) ctx.index = i;
  return ctx;
}

// The start of a subject-level write by the meeting's secretary: scope on the subject's unit first (an outsider
// learns nothing), then the meeting, the fields and the subject's meeting-record version.
Result<SubjectContext> begin_subject_write(store::Transaction& tx, const Call& call, std::int64_t subject_id,
                                           const Json& body, std::initializer_list<std::string_view> fields) {
  auto unit = tx.query_one("SELECT unit_id FROM review_subjects WHERE id = $1", store::params(subject_id));
  if (!unit) return review_not_found(subject_id);
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::run_meeting, unit->get_int(0)));
  Fields f(body);
  f.only(fields);
  auto version = version_of(body, f);
  if (!f.ok()) return f.error();
  auto ctx = load_subject_context(tx, subject_id);
  if (!ctx) return std::move(ctx).error();
  XEPLOAI_REVIEW_TRY(writable(tx, ctx->meeting));
  if (*version != ctx->subject().version) return stale_version(ctx->subject().version);
  if (ctx->subject().concluded_at)
    return Error::conflict(
        fmt::format("Đã kết luận kiểm điểm {} tại hội nghị / Review {} is already concluded", subject_id, subject_id));
  return ctx;
}

// Only a subject graded at this meeting is voted on (a review at a post is reviewed, not graded, there).
Result<void> voted_here(const MSubject& s) {
  if (s.graded) return {};
  return Error::conflict(
      "Đối tượng được kiểm điểm nhưng không xếp loại tại đây: không biểu quyết / Reviewed but not graded here: no "
      "vote");
}

Result<void> no_open_ballot(store::Transaction& tx, std::int64_t meeting_id) {
  auto open = tx.query_one("SELECT subject_id FROM review_meeting_subjects WHERE meeting_id = $1 AND ballot = 'open'",
                           store::params(meeting_id));
  if (!open) return {};
  Error e =
      Error::conflict("Đang bỏ phiếu kín: hãy kết thúc cuộc bỏ phiếu trước / A secret ballot is open: close it first");
  e.details.push_back({"ballot", fmt::format("review {}", open->get_int(0))});
  return e;
}

void bump_subject(store::Transaction& tx, const MSubject& s, std::int64_t now) {
  tx.execute("UPDATE review_meeting_subjects SET version = version + 1, updated_at = $2 WHERE subject_id = $1",
             store::params(s.id, now));
}

void bump_meeting(store::Transaction& tx, const MeetingRow& m, std::int64_t now) {
  tx.execute("UPDATE review_meetings SET version = version + 1, updated_at = $2 WHERE id = $1",
             store::params(m.id, now));
}

Json subject_after(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  auto ctx = load_subject_context(tx, subject_id);
  return subject_json(tx, call, ctx->subject(), to_workflow(ctx->meeting, ctx->attendees, ctx->subjects));
}

// ---- input ------------------------------------------------------------------------------------------------------

// Free text kept with its line breaks (a comment, a written opinion): valid UTF-8, NFC, trimmed, not empty.
std::optional<std::string> long_text(const Json& v, const std::string& path, std::vector<ErrorDetail>& p) {
  if (!v.is_string()) {
    p.push_back({path, "bắt buộc, văn bản / required text"});
    return std::nullopt;
  }
  const auto& s = v.get_ref<const std::string&>();
  if (!text::is_valid_utf8(s)) {
    p.push_back({path, "không phải UTF-8 hợp lệ / not valid UTF-8"});
    return std::nullopt;
  }
  auto nfc = text::to_nfc(s);
  const auto first = nfc.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    p.push_back({path, "không được để trống / must not be empty"});
    return std::nullopt;
  }
  nfc = nfc.substr(first, nfc.find_last_not_of(" \t\r\n") - first + 1);
  if (nfc.size() > kMaxComment * 4) {
    p.push_back({path, "quá dài / too long"});
    return std::nullopt;
  }
  return nfc;
}

workflow::Threshold read_threshold(const Json& v, const std::string& path, workflow::Threshold t,
                                   std::vector<ErrorDetail>& p) {
  Fields f(v, path);
  f.only({"numerator", "denominator", "strict"});
  auto number = [&](const char* key, int& out) {
    if (!v.is_object() || !v.contains(key)) return;
    if (!v[key].is_number_integer() || v[key].get<std::int64_t>() < 1 || v[key].get<std::int64_t>() > 100)
      f.fail(key, "số nguyên từ 1 đến 100 / an integer from 1 to 100");
    else
      out = v[key].get<int>();
  };
  number("numerator", t.numerator);
  number("denominator", t.denominator);
  if (auto strict = f.boolean("strict", false)) t.strict = *strict;
  if (f.ok() && t.numerator > t.denominator) f.fail("numerator", "không lớn hơn mẫu số / not above the denominator");
  for (auto& d : f.details()) p.push_back(d);
  return t;
}

workflow::MeetingRules read_rules(const Json& v, workflow::MeetingRules rules, std::vector<ErrorDetail>& p) {
  Fields f(v, "rules");
  f.only({"quorum", "approval", "cumulative"});
  if (v.is_object() && v.contains("quorum"))
    rules.quorum = read_threshold(v["quorum"], "rules.quorum", rules.quorum, p);
  if (v.is_object() && v.contains("approval"))
    rules.approval = read_threshold(v["approval"], "rules.approval", rules.approval, p);
  if (auto c = f.boolean("cumulative", false)) rules.cumulative = *c;
  for (auto& d : f.details()) p.push_back(d);
  return rules;
}

// The people of a meeting's roster: the unit's members, the subjects reviewed there and the holders of its posts.
struct RosterEntry {
  std::string status;
};
std::map<std::int64_t, RosterEntry> roster_of(store::Transaction& tx, std::int64_t unit_id, std::int64_t cycle_id,
                                              const std::string& as_of) {
  std::map<std::int64_t, RosterEntry> out;
  for (auto& r : tx.query(
           "SELECT id, status FROM people WHERE unit_id = $1 UNION SELECT p.id, p.status FROM review_subjects s "
           "JOIN people p ON p.id = s.person_id WHERE s.cycle_id = $2 AND s.unit_id = $1 UNION SELECT p.id, p.status "
           "FROM posts po JOIN people p ON p.id = po.person_id WHERE po.unit_id = $1 AND po.valid_from <= $3 AND "
           "(po.valid_to IS NULL OR po.valid_to >= $3)",
           store::params(unit_id, cycle_id, as_of)))
    out[r.get_int(0)] = {r.get_text(1)};
  return out;
}

// Replaces a workflow path "subjects[i].x" with "x" (the API speaks of one subject at a time).
std::vector<ErrorDetail> subject_paths(std::vector<ErrorDetail> details, std::size_t index) {
  const std::string prefix = fmt::format("subjects[{}]", index);
  for (auto& d : details) {
    if (d.path == prefix)
      d.path = "subject";
    else if (d.path.rfind(prefix + ".", 0) == 0)
      d.path = d.path.substr(prefix.size() + 1);
  }
  return details;
}

void audit_meeting(store::Transaction& tx, const Call& call, const std::string& action, const MeetingRow& m,
                   Json before, Json after) {
  record_audit(tx, &call.who, {action, "meeting", m.id, std::move(before), std::move(after), m.unit_id},
               call.request_id);
}

void audit_subject(store::Transaction& tx, const Call& call, const std::string& action, std::int64_t subject_id,
                   std::int64_t unit_id, Json before, Json after) {
  record_audit(tx, &call.who, {action, "review", subject_id, std::move(before), std::move(after), unit_id},
               call.request_id);
}

// The minutes with names: people by id, the unit and the writers of received comments by name, each subject by
// its name (and post). Open ballots print no tally.
std::string minutes_text(store::Transaction& tx, const MeetingRow& m) {
  const auto attendees = load_attendees(tx, m.id);
  auto subjects = load_subjects(tx, m);
  std::map<std::string, std::string> names;
  for (const auto& a : attendees) names[a.a.person] = a.name;
  for (auto id : {m.chair_id, m.secretary_id})
    if (!names.contains(std::to_string(id)))
      if (auto r = tx.query_one("SELECT full_name FROM people WHERE id = $1", store::params(id)))
        names[std::to_string(id)] = r->get_text(0);
  for (const auto& s : subjects)
    for (const auto& c : s.comments) names.try_emplace(std::to_string(c.speaker_id), c.speaker_name);
  // Subjects reviewed at this meeting: concluded, or submitted and waiting.
  std::erase_if(subjects, [](const MSubject& s) { return !s.concluded_at && s.state != "submitted"; });
  auto wm = to_workflow(m, attendees, subjects);
  wm.unit = m.unit_name;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    const auto& s = subjects[i];
    wm.subjects[i].subject = s.name + (s.post_title ? " (" + *s.post_title + ")" : std::string());
    for (std::size_t j = 0; j < s.received.size(); ++j)
      if (!s.received[j].unit_name.empty()) wm.subjects[i].received[j].unit = s.received[j].unit_name;
  }
  return workflow::minutes(wm, names);
}

}  // namespace

// ---- meetings ---------------------------------------------------------------------------------------------------

Result<Json> create_meeting(store::Transaction& tx, const Call& call, const Json& body) {
  Fields f(body);
  f.only({"cycle_id", "unit_id", "date", "place", "chair_id", "secretary_id", "rules", "vote_method"});
  auto cycle_id = f.id("cycle_id", true);
  auto unit_id = f.id("unit_id", true);
  if (!f.ok()) return f.error();
  auto unit = tx.query_one("SELECT name FROM units WHERE id = $1", store::params(*unit_id));
  if (!unit) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *unit_id, *unit_id));
  // Scope first: a caller outside the unit learns nothing more.
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::run_meeting, *unit_id));
  auto cycle = load_cycle(tx, *cycle_id);
  if (!cycle || !cycle_visible(tx, call.who, *cycle)) return cycle_not_found(*cycle_id);

  auto date = f.date("date", true);
  auto place = f.text("place", true, 500);
  auto chair = f.id("chair_id", true);
  auto secretary = f.id("secretary_id", true);
  auto method = f.one_of("vote_method", {"show_of_hands", "secret_ballot"}, false);
  std::vector<ErrorDetail> p = f.details();
  workflow::MeetingRules rules;
  if (body.contains("rules") && !body["rules"].is_null()) rules = read_rules(body["rules"], rules, p);
  if (!org::unit_in_subtree(tx, *unit_id, cycle->root_unit_id))
    p.push_back({"unit_id", fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of cycle {}",
                                        *unit_id, *cycle_id, *unit_id, *cycle_id)});
  const auto subjects =
      tx.query("SELECT id FROM review_subjects WHERE cycle_id = $1 AND unit_id = $2 AND reviewed = 1 ORDER BY id",
               store::params(*cycle_id, *unit_id));
  if (subjects.empty() && p.empty())
    p.push_back({"unit_id",
                 "không có ai được kiểm điểm tại đơn vị này trong đợt / nobody is reviewed at this unit in "
                 "this cycle"});
  const auto roster = roster_of(tx, *unit_id, *cycle_id, cycle->grading_date);
  for (const auto& [path, id] : {std::pair{"chair_id", chair}, std::pair{"secretary_id", secretary}})
    if (id && !roster.contains(*id))
      p.push_back({path, fmt::format("người {} không có trong danh sách đảng viên của đơn vị / person {} is not on the "
                                     "unit's roster",
                                     *id, *id)});
  if (!p.empty()) return invalid(std::move(p));
  if (cycle->status != "open")
    return Error::conflict(fmt::format("Đợt kiểm điểm {} đã đóng / Review cycle {} is closed", cycle->id, cycle->id));
  if (auto clash = tx.query_one("SELECT id FROM review_meetings WHERE cycle_id = $1 AND unit_id = $2",
                                store::params(*cycle_id, *unit_id))) {
    Error e = Error::conflict(
        "Đơn vị đã có hội nghị kiểm điểm trong đợt này / The unit already has its meeting in this cycle");
    e.details.push_back({"unit_id", fmt::format("meeting {}", clash->get_int(0))});
    return e;
  }

  const auto now = now_ms();
  const std::string vote_method = method.value_or("show_of_hands");
  const auto id =
      tx.query_one(
            "INSERT INTO review_meetings (cycle_id, unit_id, meeting_date, place, chair_id, secretary_id, "
            "quorum_numerator, quorum_denominator, quorum_strict, approval_numerator, approval_denominator, "
            "approval_strict, cumulative, vote_method, status, created_by, version, created_at, updated_at) VALUES "
            "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', $15, 1, $16, $16) RETURNING id",
            store::params(*cycle_id, *unit_id, *date, *place, *chair, *secretary, rules.quorum.numerator,
                          rules.quorum.denominator, rules.quorum.strict, rules.approval.numerator,
                          rules.approval.denominator, rules.approval.strict, rules.cumulative, vote_method,
                          account_of(call.who), now))
          ->get_int(0);
  auto& attendee = tx.prepare(
      "INSERT INTO review_meeting_attendees (meeting_id, person_id, official, exempt, suspended) VALUES ($1, $2, $3, "
      "$4, $5)");
  for (const auto& [person, entry] : roster)
    attendee.execute(store::params(id, person, entry.status != "probationary", entry.status == "exempt",
                                   entry.status == "suspended"));
  auto& subject = tx.prepare(
      "INSERT INTO review_meeting_subjects (subject_id, meeting_id, vote_method, updated_at) VALUES ($1, $2, $3, $4)");
  for (const auto& r : subjects) subject.execute(store::params(r.get_int(0), id, vote_method, now));
  const auto m = *load_meeting(tx, id);
  auto after = meeting_json(tx, call, m);
  audit_meeting(tx, call, "meeting.create", m, nullptr, after);
  return after;
}

Result<org::Page> list_meetings(store::Transaction& tx, const Call& call, const MeetingQuery& query) {
  store::Params p;
  std::string where;
  if (query.unit_id) {
    auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(*query.unit_id));
    if (!row)
      return Error::not_found(
          fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *query.unit_id, *query.unit_id));
    XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, *query.unit_id));
    where = path_filter("u.path", {row->get_text(0)}, p);
  } else {
    where = path_filter("u.path", scope_paths(tx, call.who, auth::Action::read_reviews), p);
    if (call.who.person_id) {
      p.push_back(*call.who.person_id);
      where = fmt::format("({} OR m.id IN (SELECT meeting_id FROM review_meeting_attendees WHERE person_id = ${}))",
                          where, p.size());
    }
  }
  if (query.cycle_id) {
    p.push_back(*query.cycle_id);
    where += fmt::format(" AND m.cycle_id = ${}", p.size());
  }
  org::Page page;
  page.total = tx.query_one("SELECT COUNT(*) FROM review_meetings m JOIN units u ON u.id = m.unit_id WHERE " + where, p)
                   ->get_int(0);
  const auto n = p.size();
  p.push_back(static_cast<std::int64_t>(query.limit));
  p.push_back(query.offset);
  for (auto& r : tx.query(fmt::format("{} WHERE {} ORDER BY m.meeting_date DESC, m.id DESC LIMIT ${} OFFSET ${}",
                                      kMeetingSelect, where, n + 1, n + 2),
                          p))
    page.items.push_back(meeting_summary(tx, meeting_row(r)));
  return page;
}

Result<Json> get_meeting(store::Transaction& tx, const Call& call, std::int64_t id) {
  auto m = meeting_for(tx, call, id, MeetingUse::read);
  if (!m) return std::move(m).error();
  return meeting_json(tx, call, *m);
}

Result<Json> update_meeting(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto m = begin_meeting_write(tx, call, id, body,
                               {"version", "date", "place", "chair_id", "secretary_id", "rules", "vote_method"});
  if (!m) return std::move(m).error();
  Fields f(body);
  auto date = f.date("date", false);
  auto place = f.text("place", false, 500);
  auto chair = f.id("chair_id", false);
  auto secretary = f.id("secretary_id", false);
  auto method = f.one_of("vote_method", {"show_of_hands", "secret_ballot"}, false);
  std::vector<ErrorDetail> p = f.details();
  auto rules = m->rules;
  const bool new_rules = body.contains("rules") && !body["rules"].is_null();
  if (new_rules) rules = read_rules(body["rules"], rules, p);
  auto attendees = load_attendees(tx, m->id);
  auto on_roster = [&](std::int64_t person) {
    return std::any_of(attendees.begin(), attendees.end(), [&](const AttendeeRow& a) { return a.person_id == person; });
  };
  for (const auto& [path, who] : {std::pair{"chair_id", chair}, std::pair{"secretary_id", secretary}})
    if (who && !on_roster(*who))
      p.push_back({path, fmt::format("người {} không có trong danh sách dự hội nghị / person {} is not on the "
                                     "meeting's roster",
                                     *who, *who)});
  if (!p.empty()) return invalid(std::move(p));
  if (new_rules) {
    XEPLOAI_REVIEW_TRY(no_open_ballot(tx, m->id));
    if (tx.query_one("SELECT 1 FROM review_meeting_subjects WHERE meeting_id = $1 AND concluded_at IS NOT NULL",
                     store::params(m->id)))
      return Error::conflict(
          "Đã có kết luận theo quy tắc biểu quyết hiện tại: không đổi được quy tắc / A subject was concluded under "
          "the current voting rules: they can no longer change");
  }
  const auto before = meeting_json(tx, call, *m);
  MeetingRow next = *m;
  if (date) next.date = *date;
  if (place) next.place = *place;
  if (chair) next.chair_id = *chair;
  if (secretary) next.secretary_id = *secretary;
  next.rules = rules;
  if (method) next.vote_method = *method;
  if (auto ok = workflow::validate_attendance(to_workflow(next, attendees, {})); !ok) return std::move(ok).error();
  const auto now = now_ms();
  tx.execute(
      "UPDATE review_meetings SET meeting_date = $2, place = $3, chair_id = $4, secretary_id = $5, quorum_numerator = "
      "$6, quorum_denominator = $7, quorum_strict = $8, approval_numerator = $9, approval_denominator = $10, "
      "approval_strict = $11, cumulative = $12, vote_method = $13, version = version + 1, updated_at = $14 WHERE id = "
      "$1",
      store::params(m->id, next.date, next.place, next.chair_id, next.secretary_id, rules.quorum.numerator,
                    rules.quorum.denominator, rules.quorum.strict, rules.approval.numerator, rules.approval.denominator,
                    rules.approval.strict, rules.cumulative, next.vote_method, now));
  // The meeting's method applies to the subjects not yet voted on.
  if (method)
    tx.execute(
        "UPDATE review_meeting_subjects SET vote_method = $2, version = version + 1, updated_at = $3 WHERE meeting_id "
        "= $1 AND concluded_at IS NULL AND ballot = 'none' AND tally_source IS NULL AND vote_method <> $2",
        store::params(m->id, *method, now));
  auto after = meeting_json(tx, call, *load_meeting(tx, m->id));
  audit_meeting(tx, call, "meeting.update", *m, before, after);
  return after;
}

Result<Json> record_attendance(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto m = begin_meeting_write(tx, call, id, body, {"version", "attendees"});
  if (!m) return std::move(m).error();
  std::vector<ErrorDetail> p;
  if (!body.contains("attendees") || !body["attendees"].is_array()) {
    return invalid_field("attendees", "bắt buộc, một mảng / required, an array");
  }
  auto attendees = load_attendees(tx, m->id);
  std::map<std::int64_t, std::size_t> at;  // person -> index in the roster
  for (std::size_t i = 0; i < attendees.size(); ++i) at[attendees[i].person_id] = i;
  std::map<std::size_t, std::size_t> body_index;  // roster index -> index in the body
  const Json& items = body["attendees"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    Fields e(items[i], fmt::format("attendees[{}]", i));
    e.only({"person_id", "presence", "absence_reason", "absence_approved", "temporarily_elsewhere"});
    auto person = e.id("person_id", true);
    auto presence = e.one_of("presence", {"present", "absent_with_reason", "absent_without_reason"}, false);
    auto reason = e.text("absence_reason", false, 1000);
    auto approved = e.boolean("absence_approved", false);
    auto elsewhere = e.boolean("temporarily_elsewhere", false);
    if (person && !at.contains(*person))
      e.fail("person_id", "không có trong danh sách dự hội nghị / not on the meeting's roster");
    else if (person && body_index.contains(at[*person]))
      e.fail("person_id", "có hai lần / listed twice");
    for (auto& d : e.details()) p.push_back(d);
    if (!e.ok() || !person) continue;
    auto& a = attendees[at[*person]].a;
    body_index[at[*person]] = i;
    if (presence) {
      a.presence = parse_presence(*presence);
      if (a.presence == workflow::Presence::present) {
        a.absence_reason.clear();
        a.absence_approved = false;
      }
    }
    if (reason) a.absence_reason = *reason;
    if (approved) a.absence_approved = *approved;
    if (elsewhere) a.temporarily_elsewhere = *elsewhere;
  }
  if (!p.empty()) return invalid(std::move(p));
  if (auto ok = workflow::validate_attendance(to_workflow(*m, attendees, {})); !ok) {
    Error e = std::move(ok).error();
    for (auto& d : e.details) {
      // "attendees[k].x" in roster order -> the body's index, or the person when the body did not list them.
      if (d.path.rfind("attendees[", 0) != 0) continue;
      const auto close = d.path.find(']');
      const auto k = static_cast<std::size_t>(std::stoul(d.path.substr(10, close - 10)));
      const auto rest = d.path.substr(close + 1);
      d.path = body_index.contains(k) ? fmt::format("attendees[{}]{}", body_index[k], rest)
                                      : fmt::format("roster.{}{}", attendees[k].person_id, rest);
    }
    return e;
  }
  XEPLOAI_REVIEW_TRY(no_open_ballot(tx, m->id));
  const auto before = meeting_json(tx, call, *m);
  auto& update = tx.prepare(
      "UPDATE review_meeting_attendees SET presence = $3, absence_reason = $4, absence_approved = $5, "
      "temporarily_elsewhere = $6 WHERE meeting_id = $1 AND person_id = $2");
  for (const auto& [k, i] : body_index) {
    const auto& a = attendees[k].a;
    update.execute(store::params(m->id, attendees[k].person_id, code(a.presence), a.absence_reason, a.absence_approved,
                                 a.temporarily_elsewhere));
  }
  bump_meeting(tx, *m, now_ms());
  auto after = meeting_json(tx, call, *load_meeting(tx, m->id));
  audit_meeting(tx, call, "meeting.attendance", *m,
                Json{{"attendees", before["attendees"]}, {"quorum", before["quorum"]}},
                Json{{"attendees", after["attendees"]}, {"quorum", after["quorum"]}});
  return after;
}

Result<Json> close_meeting(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto m = begin_meeting_write(tx, call, id, body, {"version"});
  if (!m) return std::move(m).error();
  XEPLOAI_REVIEW_TRY(no_open_ballot(tx, m->id));
  const auto text = minutes_text(tx, *m);
  const auto now = now_ms();
  tx.execute(
      "UPDATE review_meetings SET status = 'closed', minutes = $2, closed_at = $3, version = version + 1, updated_at = "
      "$3 WHERE id = $1",
      store::params(m->id, text, now));
  auto after = meeting_json(tx, call, *load_meeting(tx, m->id));
  audit_meeting(tx, call, "meeting.close", *m, Json{{"status", "open"}},
                Json{{"status", "closed"}, {"minutes", text}, {"version", after["version"]}});
  return after;
}

Result<Json> meeting_minutes(store::Transaction& tx, const Call& call, std::int64_t id) {
  auto m = meeting_for(tx, call, id, MeetingUse::read);
  if (!m) return std::move(m).error();
  const bool frozen = m->status == "closed" && m->minutes;
  return Json{{"meeting_id", m->id},
              {"text", frozen ? *m->minutes : minutes_text(tx, *m)},
              {"frozen", frozen},
              {"closed_at", m->closed_at ? Json(*m->closed_at) : Json(nullptr)},
              {"version", m->version}};
}

// ---- subjects ---------------------------------------------------------------------------------------------------

Result<Json> record_subject(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto ctx = begin_subject_write(tx, call, subject_id, body,
                                 {"version", "comments", "received", "civil_servant_grade", "vote_method"});
  if (!ctx) return std::move(ctx).error();
  auto& s = ctx->subject();
  std::vector<ErrorDetail> p;
  std::set<std::int64_t> roster;
  for (const auto& a : ctx->attendees) roster.insert(a.person_id);

  std::optional<std::vector<CommentRow>> comments;
  if (body.contains("comments")) {
    comments.emplace();
    if (!body["comments"].is_array()) p.push_back({"comments", "phải là một mảng / must be an array"});
    for (std::size_t i = 0; body["comments"].is_array() && i < body["comments"].size(); ++i) {
      const Json& c = body["comments"][i];
      const std::string at = fmt::format("comments[{}]", i);
      Fields e(c, at);
      e.only({"speaker_id", "text", "criticism"});
      auto speaker = e.id("speaker_id", true);
      auto criticism = e.boolean("criticism", false);
      if (speaker && !roster.contains(*speaker))
        e.fail("speaker_id", "không có trong danh sách dự hội nghị / not on the meeting's roster");
      for (auto& d : e.details()) p.push_back(d);
      auto text = c.is_object() ? long_text(c.value("text", Json(nullptr)), at + ".text", p) : std::nullopt;
      if (speaker && text) comments->push_back({*speaker, {}, *text, criticism.value_or(false)});
    }
  }
  std::optional<std::vector<ReceivedRow>> received;
  if (body.contains("received")) {
    received.emplace();
    if (!body["received"].is_array()) p.push_back({"received", "phải là một mảng / must be an array"});
    for (std::size_t i = 0; body["received"].is_array() && i < body["received"].size(); ++i) {
      const Json& c = body["received"][i];
      const std::string at = fmt::format("received[{}]", i);
      Fields e(c, at);
      e.only({"source", "unit_id", "text"});
      auto source = e.one_of("source", {"previous_cell", "temporary_cell", "residence"}, true);
      auto unit = e.id("unit_id", false);
      if (unit && !tx.query_one("SELECT 1 FROM units WHERE id = $1", store::params(*unit)))
        e.fail("unit_id", "không có đơn vị này / no such unit");
      // Without a unit, the one the assignment names for this source (R-XFER-1, R-XFER-2, R-RESIDENCE).
      if (source && !unit)
        for (const auto& req : s.required)
          if (req.value("source", "") == *source && req.contains("unit_id") && req["unit_id"].is_number_integer())
            unit = req["unit_id"].get<std::int64_t>();
      for (auto& d : e.details()) p.push_back(d);
      auto text = c.is_object() ? long_text(c.value("text", Json(nullptr)), at + ".text", p) : std::nullopt;
      if (source && text) received->push_back({*source, unit, {}, *text});
    }
  }
  Fields f(body);
  std::optional<std::optional<std::string>> civil;
  if (body.contains("civil_servant_grade")) {
    if (body["civil_servant_grade"].is_null())
      civil.emplace(std::nullopt);
    else if (auto g = f.one_of("civil_servant_grade", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}, true))
      civil.emplace(*g);
  }
  auto method = f.one_of("vote_method", {"show_of_hands", "secret_ballot"}, false);
  for (auto& d : f.details()) p.push_back(d);
  if (!p.empty()) return invalid(std::move(p));
  if (method && *method != s.vote_method && s.ballot == "open")
    return Error::conflict("Đang bỏ phiếu kín: không đổi được hình thức / A secret ballot is open: the method stays");

  const auto before = subject_json(tx, call, s, to_workflow(ctx->meeting, ctx->attendees, ctx->subjects));
  const auto now = now_ms();
  if (comments) {
    tx.execute("DELETE FROM review_meeting_comments WHERE subject_id = $1", store::params(s.id));
    for (const auto& c : *comments)
      tx.execute(
          "INSERT INTO review_meeting_comments (subject_id, speaker_id, body, criticism) VALUES ($1, $2, $3, $4)",
          store::params(s.id, c.speaker_id, c.text, c.criticism));
  }
  if (received) {
    tx.execute("DELETE FROM review_meeting_received WHERE subject_id = $1", store::params(s.id));
    for (const auto& r : *received)
      tx.execute("INSERT INTO review_meeting_received (subject_id, source, unit_id, body) VALUES ($1, $2, $3, $4)",
                 store::params(s.id, r.source, r.unit_id, r.text));
  }
  if (civil)
    tx.execute("UPDATE review_meeting_subjects SET civil_servant_grade = $2 WHERE subject_id = $1",
               store::params(s.id, *civil));
  if (method && *method != s.vote_method) {
    // A new method is a new vote: the earlier tally and ballot are dropped.
    tx.execute(
        "UPDATE review_meeting_subjects SET vote_method = $2, tally_source = NULL, ballot = 'none', votes_khtnv = 0, "
        "votes_htnv = 0, votes_httnv = 0, votes_htxsnv = 0, votes_blank = 0 WHERE subject_id = $1",
        store::params(s.id, *method));
    tx.execute("DELETE FROM review_ballot_voters WHERE subject_id = $1", store::params(s.id));
  }
  bump_subject(tx, s, now);
  auto after = subject_after(tx, call, s.id);
  audit_subject(tx, call, "meeting.record_subject", s.id, ctx->meeting.unit_id, before, after);
  return after;
}

Result<Json> record_tally(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto ctx = begin_subject_write(tx, call, subject_id, body, {"version", "method", "tally"});
  if (!ctx) return std::move(ctx).error();
  auto& s = ctx->subject();
  Fields f(body);
  auto method = f.one_of("method", {"show_of_hands", "paper_ballot"}, true);
  std::vector<ErrorDetail> p = f.details();
  workflow::Tally tally;
  if (!body.contains("tally") || !body["tally"].is_object()) {
    p.push_back({"tally", "bắt buộc: số phiếu theo từng mức / required: the votes per grade"});
  } else {
    Fields t(body["tally"], "tally");
    t.only({"HTXSNV", "HTTNV", "HTNV", "KHTNV", "blank"});
    for (auto& d : t.details()) p.push_back(d);
    for (auto it = body["tally"].begin(); it != body["tally"].end(); ++it) {
      const auto g = domain::parse_grade(it.key());
      if (!g && it.key() != "blank") continue;
      if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > kMaxVotes) {
        p.push_back({"tally." + it.key(), "số nguyên ≥ 0 / an integer ≥ 0"});
        continue;
      }
      (g ? tally.per_grade[static_cast<int>(*g)] : tally.blank) = it->get<std::int32_t>();
    }
  }
  if (!p.empty()) return invalid(std::move(p));
  XEPLOAI_REVIEW_TRY(voted_here(s));
  const bool hands = *method == "show_of_hands";
  if (hands != (s.vote_method == "show_of_hands"))
    return Error::conflict(fmt::format(
        "Hình thức biểu quyết của đối tượng là {}: hãy đổi hình thức trước / The subject's vote method is {}: change "
        "it first",
        s.vote_method, s.vote_method));
  if (s.ballot != "none")
    return Error::conflict(
        "Đã bỏ phiếu kín điện tử cho đối tượng này: không nhập phiếu giấy / An electronic ballot was held for this "
        "subject: no paper tally");
  const auto wm = to_workflow(ctx->meeting, ctx->attendees, ctx->subjects);
  const auto present = static_cast<std::int32_t>(workflow::voters(wm).size());
  if (tally.total() > present)
    return invalid_field("tally", fmt::format("{} phiếu cho {} đảng viên có mặt được biểu quyết / {} votes for {} "
                                              "voters present",
                                              tally.total(), present, tally.total(), present));
  const auto before = subject_json(tx, call, s, wm);
  const auto now = now_ms();
  tx.execute(
      "UPDATE review_meeting_subjects SET tally_source = $2, votes_khtnv = $3, votes_htnv = $4, votes_httnv = $5, "
      "votes_htxsnv = $6, votes_blank = $7 WHERE subject_id = $1",
      store::params(s.id, *method, tally.per_grade[0], tally.per_grade[1], tally.per_grade[2], tally.per_grade[3],
                    tally.blank));
  bump_subject(tx, s, now);
  auto after = subject_after(tx, call, s.id);
  audit_subject(tx, call, "meeting.tally", s.id, ctx->meeting.unit_id, before, after);
  return after;
}

Result<Json> open_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto ctx = begin_subject_write(tx, call, subject_id, body, {"version"});
  if (!ctx) return std::move(ctx).error();
  auto& s = ctx->subject();
  XEPLOAI_REVIEW_TRY(voted_here(s));
  if (s.vote_method != "secret_ballot")
    return Error::conflict(
        "Hình thức biểu quyết của đối tượng là giơ tay / The subject's vote method is a show of hands");
  if (s.ballot == "open") return Error::conflict("Cuộc bỏ phiếu đang mở / The ballot is already open");
  XEPLOAI_REVIEW_TRY(no_open_ballot(tx, ctx->meeting.id));  // one ballot at a time: voters know which one they cast
  const auto wm = to_workflow(ctx->meeting, ctx->attendees, ctx->subjects);
  const auto q = workflow::quorum(wm);
  if (!q.met)
    return invalid_field("attendees", fmt::format("{} trên {} đảng viên có mặt: hội nghị chưa đủ số lượng / {} of {} "
                                                  "members present: no quorum",
                                                  q.present, q.base, q.present, q.base));
  const auto before = subject_json(tx, call, s, wm);
  // A new ballot (after one that reached no majority) starts from nothing.
  tx.execute("DELETE FROM review_ballot_voters WHERE subject_id = $1", store::params(s.id));
  tx.execute(
      "UPDATE review_meeting_subjects SET ballot = 'open', tally_source = 'secret_ballot', votes_khtnv = 0, "
      "votes_htnv = 0, votes_httnv = 0, votes_htxsnv = 0, votes_blank = 0 WHERE subject_id = $1",
      store::params(s.id));
  bump_subject(tx, s, now_ms());
  auto after = subject_after(tx, call, s.id);
  audit_subject(tx, call, "meeting.ballot_open", s.id, ctx->meeting.unit_id, before,
                Json{{"ballot", "open"}, {"voters_eligible", q.present}, {"version", after["version"]}});
  return after;
}

Result<Json> cast_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto unit = tx.query_one("SELECT unit_id FROM review_subjects WHERE id = $1", store::params(subject_id));
  if (!unit) return review_not_found(subject_id);
  auto ms =
      tx.query_one("SELECT meeting_id FROM review_meeting_subjects WHERE subject_id = $1", store::params(subject_id));
  const Error not_a_voter =
      Error::forbidden("Đồng chí không có quyền bỏ phiếu tại hội nghị này / you are not a voter at this meeting");
  // Only a present voting member of the subject's meeting gets further than this: anyone else learns nothing.
  if (!ms || !call.who.person_id || !attends(tx, call.who, ms->get_int(0))) return not_a_voter;
  Fields f(body);
  f.only({"grade"});
  std::optional<domain::Grade> choice;
  if (!body.is_object() || !body.contains("grade"))
    f.fail("grade",
           "bắt buộc: mức xếp loại, hoặc null cho phiếu trắng / required: a grade, or null for a blank ballot");
  else if (!body["grade"].is_null()) {
    if (auto g = f.one_of("grade", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}, true)) choice = domain::parse_grade(*g);
  }
  if (!f.ok()) return f.error();
  auto ctx = load_subject_context(tx, subject_id);
  if (!ctx) return std::move(ctx).error();
  XEPLOAI_REVIEW_TRY(writable(tx, ctx->meeting));
  const auto& s = ctx->subject();
  if (s.ballot != "open")
    return Error::conflict("Chưa mở hoặc đã kết thúc bỏ phiếu kín / The secret ballot is not open");
  // The workflow's ballot box decides: a present voter counted in the base, and once only.
  workflow::BallotBox box(workflow::voters(to_workflow(ctx->meeting, ctx->attendees, ctx->subjects)));
  for (auto& r : tx.query("SELECT person_id FROM review_ballot_voters WHERE subject_id = $1", store::params(s.id)))
    (void)box.cast(std::to_string(r.get_int(0)), std::nullopt);
  XEPLOAI_REVIEW_TRY(box.cast(std::to_string(*call.who.person_id), choice));
  tx.execute("INSERT INTO review_ballot_voters (subject_id, person_id) VALUES ($1, $2)",
             store::params(s.id, *call.who.person_id));
  // Only the count moves: no version, no time, nothing that says who or when.
  const std::string column = choice ? kVoteColumns[static_cast<int>(*choice)] : "votes_blank";
  // A close committed meanwhile leaves no open ballot to count in: the whole cast is refused (and rolled back).
  if (tx.execute(fmt::format("UPDATE review_meeting_subjects SET {0} = {0} + 1 WHERE subject_id = $1 AND ballot = "
                             "'open'",
                             column),
                 store::params(s.id)) != 1)
    return Error::conflict("Cuộc bỏ phiếu vừa kết thúc / The secret ballot has just been closed");
  return Json{{"subject_id", s.id}, {"voted", true}, {"ballots_cast", ballots_cast(tx, s.id)}};
}

Result<Json> close_ballot(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto ctx = begin_subject_write(tx, call, subject_id, body, {"version"});
  if (!ctx) return std::move(ctx).error();
  auto& s = ctx->subject();
  if (s.ballot != "open") return Error::conflict("Chưa mở bỏ phiếu kín / The secret ballot is not open");
  tx.execute("UPDATE review_meeting_subjects SET ballot = 'closed' WHERE subject_id = $1", store::params(s.id));
  bump_subject(tx, s, now_ms());
  auto after = subject_after(tx, call, s.id);
  Json voters = Json::array();
  for (auto& r : tx.query("SELECT person_id FROM review_ballot_voters WHERE subject_id = $1 ORDER BY person_id",
                          store::params(s.id)))
    voters.push_back(r.get_int(0));
  audit_subject(
      tx, call, "meeting.ballot_close", s.id, ctx->meeting.unit_id, Json{{"ballot", "open"}},
      Json{{"ballot", "closed"}, {"voted", voters}, {"tally", after["tally"]}, {"version", after["version"]}});
  return after;
}

Result<Json> conclude_subject(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto ctx = begin_subject_write(tx, call, subject_id, body, {"version"});
  if (!ctx) return std::move(ctx).error();
  auto& s = ctx->subject();
  if (s.ballot == "open")
    return Error::conflict("Đang bỏ phiếu kín: hãy kết thúc trước / The secret ballot is open: close it first");
  if (s.state != "submitted") {
    Error e = Error::conflict(
        "Chỉ kết luận được bản kiểm điểm đã nộp / Only a submitted statement can be concluded at the meeting");
    e.details.push_back({"state", s.state});
    return e;
  }
  // The order of the unit's reviews: the collective, the head, the deputies, then the others.
  std::vector<workflow::OrderEntry> order;
  for (const auto& x : ctx->subjects)
    order.push_back({std::to_string(x.id), x.rank, *workflow::parse_review_state(x.state)});
  XEPLOAI_REVIEW_TRY(workflow::review_order_gate(order, std::to_string(s.id)));
  const auto wm = to_workflow(ctx->meeting, ctx->attendees, ctx->subjects);
  std::vector<ErrorDetail> p;
  if (auto ok = workflow::validate_attendance(wm); !ok)
    for (auto& d : ok.error().details) p.push_back(d);
  const auto assignment = assignment_of(s);
  auto outcome = workflow::conclude_subject(wm, ctx->index, assignment);
  if (!outcome) {
    for (auto& d : subject_paths(outcome.error().details, ctx->index)) {
      // The workflow knows the writer by id: name it (the unit's name) for the secretary.
      for (const auto& req : assignment.comments)
        if (!req.unit.empty() && d.path == "received." + std::string(workflow::code(req.source)))
          if (auto u = tx.query_one("SELECT name FROM units WHERE id = $1", store::params(std::stoll(req.unit))))
            d.problem = workflow::required_comment_problem(req, u->get_text(0));
      p.push_back(d);
    }
    // conclude_subject stops before the vote when the record is incomplete: list the vote's problems too.
    if (s.graded && !p.empty()) {
      if (!s.tally_source)
        p.push_back({"tally", "chưa có kết quả biểu quyết / no tally recorded yet"});
      else if (auto v = workflow::vote_outcome(wm, s.tally); !v)
        for (auto& d : v.error().details) p.push_back(d);
    }
  } else if (s.graded && !s.tally_source) {
    p.push_back({"tally", "chưa có kết quả biểu quyết / no tally recorded yet"});
  }
  // Duplicates (the same vote problem reached twice) are listed once.
  std::vector<ErrorDetail> unique;
  for (auto& d : p)
    if (std::none_of(unique.begin(), unique.end(),
                     [&](const ErrorDetail& u) { return u.path == d.path && u.problem == d.problem; }))
      unique.push_back(d);
  if (!unique.empty()) {
    Error e = invalid(std::move(unique));
    e.message = "Chưa đủ điều kiện kết luận kiểm điểm / The review cannot be concluded";
    return e;
  }
  const std::optional<domain::Grade> grade = *outcome;

  const auto now = now_ms();
  const Json before = {{"state", s.state}, {"meeting_grade", s.meeting_grade ? Json(*s.meeting_grade) : Json(nullptr)}};
  workflow::Review review;
  review.subject = std::to_string(s.id);
  review.state = *workflow::parse_review_state(s.state);
  review.version = s.subject_version;
  XEPLOAI_REVIEW_TRY(workflow::apply(
      review,
      {workflow::Action::record_meeting, workflow::Actor::secretary, call.who.username, now / 1000, {}, std::nullopt}));
  const auto& t = review.history.back();
  tx.execute(
      "INSERT INTO review_transitions (subject_id, from_state, to_state, action, actor, account_id, at, reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, '')",
      store::params(s.id, workflow::code(t.from), workflow::code(t.to), workflow::code(t.action),
                    workflow::code(t.actor), account_of(call.who), now));
  const auto grade_code = grade ? std::optional<std::string>(std::string(domain::code(*grade))) : std::nullopt;
  if (tx.execute(
          "UPDATE review_subjects SET state = $2, version = $3, meeting_grade = $4, updated_at = $5 WHERE id = "
          "$1 AND version = $6",
          store::params(s.id, workflow::code(review.state), review.version, grade_code, now, s.subject_version)) != 1)
    return stale_version(s.version);
  tx.execute("UPDATE review_meeting_subjects SET concluded_at = $2 WHERE subject_id = $1", store::params(s.id, now));
  bump_subject(tx, s, now);
  auto after = subject_after(tx, call, s.id);
  audit_subject(tx, call, "meeting.conclude", s.id, ctx->meeting.unit_id, before,
                Json{{"state", after["state"]},
                     {"meeting_grade", after["meeting_grade"]},
                     {"tally", after["tally"]},
                     {"tally_source", after["tally_source"]}});
  return after;
}

// ---- reminders --------------------------------------------------------------------------------------------------

namespace {

std::string_view code(workflow::Recipient r) {
  switch (r) {
    case workflow::Recipient::subject:
      return "subject";
    case workflow::Recipient::unit_secretary:
      return "unit_secretary";
    case workflow::Recipient::deciding_level:
      return "deciding_level";
  }
  return "?";
}

struct DueSubject {
  std::int64_t id = 0, cycle_id = 0, unit_id = 0;
  std::string kind, unit_name, state, name;
};

std::vector<DueSubject> due_subjects(store::Transaction& tx, const std::string& where, const store::Params& p) {
  std::vector<DueSubject> out;
  for (auto& r :
       tx.query(fmt::format("SELECT s.id, s.cycle_id, s.unit_id, u.kind, u.name, s.state, {} FROM review_subjects s "
                            "JOIN review_cycles c ON c.id = s.cycle_id JOIN units u ON u.id = s.unit_id {} WHERE "
                            "c.status = 'open' AND s.reviewed = 1 AND {} ORDER BY s.cycle_id, u.path, p.sort_key, s.id",
                            kSubjectName, kSubjectNameJoins, where),
                p))
    out.push_back(
        {r.get_int(0), r.get_int(1), r.get_int(2), r.get_text(3), r.get_text(4), r.get_text(5), r.get_text(6)});
  return out;
}

// workflow::reminders_due per cycle over `subjects`, keeping those for `mine` (the subject) or the others.
void remind(store::Transaction& tx, const std::vector<DueSubject>& subjects, domain::Days today, int within_days,
            bool mine, Json& items) {
  std::map<std::int64_t, std::vector<const DueSubject*>> by_cycle;
  for (const auto& s : subjects) by_cycle[s.cycle_id].push_back(&s);
  for (const auto& [cycle_id, list] : by_cycle) {
    const auto c = load_cycle(tx, cycle_id);
    const auto wc = to_workflow(tx, *c);
    std::vector<workflow::UnitNode> units;
    std::map<std::int64_t, std::int32_t> index;
    std::vector<workflow::SubjectProgress> progress;
    std::map<std::string, const DueSubject*> by_id;
    for (const auto* s : list) {
      auto [it, fresh] = index.try_emplace(s->unit_id, static_cast<std::int32_t>(units.size()));
      if (fresh) units.push_back({std::to_string(s->unit_id), *domain::parse_unit_kind(s->kind), -1});
      progress.push_back({std::to_string(s->id), it->second, *workflow::parse_review_state(s->state)});
      by_id[std::to_string(s->id)] = s;
    }
    auto due = workflow::reminders_due(wc, units, progress, today, within_days);
    if (!due) continue;
    // One entry per unit, step and recipient, with the subjects (the first 20) and their count.
    std::map<std::tuple<std::string, int, int>, Json> grouped;
    for (const auto& r : *due) {
      if ((r.to == workflow::Recipient::subject) != mine) continue;
      const auto* s = by_id[r.subject];
      auto& g = grouped[{r.unit, static_cast<int>(r.step), static_cast<int>(r.to)}];
      if (g.is_null())
        g = {{"cycle_id", cycle_id},      {"year", c->year},
             {"quarter", c->quarter},     {"step", workflow::code(r.step)},
             {"recipient", code(r.to)},   {"unit_id", s->unit_id},
             {"unit_name", s->unit_name}, {"deadline", domain::format_iso(r.deadline)},
             {"days_left", r.days_left},  {"count", 0},
             {"subjects", Json::array()}};
      g["count"] = g["count"].get<int>() + 1;
      if (g["subjects"].size() < 20) g["subjects"].push_back({{"subject_id", s->id}, {"name", s->name}});
    }
    for (auto& [key, g] : grouped) items.push_back(std::move(g));
  }
}

}  // namespace

Result<Json> my_reminders(store::Transaction& tx, const Call& call, int within_days, std::optional<std::string> today) {
  if (within_days < 0 || within_days > 90)
    return invalid_field("query.within_days", "số ngày từ 0 đến 90 / a number of days from 0 to 90");
  const std::string day = today.value_or(service::today());
  const auto today_days = domain::parse_iso_date(day);
  if (!today_days) return invalid_field("query.today", "không phải ngày YYYY-MM-DD / not a YYYY-MM-DD date");
  Json items = Json::array();
  if (call.who.person_id)
    remind(tx, due_subjects(tx, "s.person_id = $1", store::params(*call.who.person_id)), *today_days, within_days, true,
           items);
  // The units where the caller runs meetings or decides: their pending meetings, proposals and decisions.
  store::Params p;
  const auto paths = scope_paths(tx, call.who, auth::Action::run_meeting);
  if (!paths.empty())
    remind(tx, due_subjects(tx, path_filter("u.path", paths, p), p), *today_days, within_days, false, items);
  std::stable_sort(items.begin(), items.end(),
                   [](const Json& a, const Json& b) { return a["days_left"].get<int>() < b["days_left"].get<int>(); });
  return Json{{"as_of", day}, {"within_days", within_days}, {"items", items}};
}

}  // namespace xeploai::service::review
