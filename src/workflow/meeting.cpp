#include "workflow/meeting.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace xeploai::workflow {

namespace {

bool counted(const Attendee& a) {
  if (!a.official || a.suspended || a.temporarily_elsewhere) return false;
  if (a.presence == Presence::present) return true;
  if (a.exempt) return false;  // exempt and absent: not counted (QĐ 24, 9.3.2)
  if (a.presence == Presence::absent_with_reason && a.absence_approved) return false;
  return true;  // absent without an approved reason still counts in the base
}

const Attendee* find(const Meeting& m, const std::string& person) {
  for (const Attendee& a : m.attendees)
    if (a.person == person) return &a;
  return nullptr;
}

std::string name(const std::map<std::string, std::string>& names, const std::string& id) {
  auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

}  // namespace

Result<void> BallotBox::cast(const std::string& voter, std::optional<domain::Grade> choice) {
  if (!eligible_.contains(voter))
    return Error::forbidden(bilingual("Không có quyền bỏ phiếu tại hội nghị này", "not a voter at this meeting"));
  if (!voted_.insert(voter).second)
    return Error::conflict(bilingual("Đồng chí đã bỏ phiếu", "this voter has already voted"));
  if (choice)
    ++tally_.per_grade[static_cast<int>(*choice)];
  else
    ++tally_.blank;
  return {};
}

std::set<std::string> voters(const Meeting& m) {
  std::set<std::string> out;
  for (const Attendee& a : m.attendees)
    if (counted(a) && a.presence == Presence::present) out.insert(a.person);
  return out;
}

Quorum quorum(const Meeting& m) {
  Quorum q;
  for (const Attendee& a : m.attendees) {
    if (!counted(a)) continue;
    ++q.base;
    if (a.presence == Presence::present) ++q.present;
  }
  q.met = q.base > 0 && m.rules.quorum.met(q.present, q.base);
  return q;
}

Result<void> validate_attendance(const Meeting& m) {
  std::vector<ErrorDetail> p;
  if (m.unit.empty()) p.push_back({"unit", "bắt buộc / required"});
  if (m.date == kNoDate) p.push_back({"date", "bắt buộc / required"});
  if (m.place.empty()) p.push_back({"place", "bắt buộc / required"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < m.attendees.size(); ++i) {
    const Attendee& a = m.attendees[i];
    const std::string at = fmt::format("attendees[{}]", i);
    if (a.person.empty())
      p.push_back({at + ".person", "bắt buộc / required"});
    else if (!seen.insert(a.person).second)
      p.push_back({at + ".person", "được kê hai lần / listed twice"});
    if (a.presence != Presence::present && a.presence != Presence::absent_without_reason && a.absence_reason.empty())
      p.push_back({at + ".absence_reason", "vắng có lý do phải ghi lý do / an absence with a reason names the reason"});
    if (a.presence == Presence::present && (a.absence_approved || !a.absence_reason.empty()))
      p.push_back({at + ".absence_reason", "có mặt thì không ghi lý do vắng / present: no absence reason"});
  }
  for (const auto& [path, who] : {std::pair{"chair", &m.chair}, std::pair{"secretary", &m.secretary}}) {
    const Attendee* a = who->empty() ? nullptr : find(m, *who);
    if (who->empty())
      p.push_back({path, "bắt buộc / required"});
    else if (!a || a->presence != Presence::present)
      p.push_back({path, "phải có mặt tại hội nghị / must be present at the meeting"});
  }
  if (!p.empty()) return Error::invalid(bilingual("Thông tin hội nghị không hợp lệ", "invalid meeting record"), p);
  return {};
}

Result<domain::Grade> vote_outcome(const Meeting& m, const Tally& t) {
  const Quorum q = quorum(m);
  if (!q.met)
    return Error::invalid(
        bilingual("Hội nghị không đủ số lượng đảng viên theo quy định", "the meeting has no quorum"),
        {{"attendees",
          fmt::format("{0}/{1} đảng viên có mặt; cần {2} {3}/{4} / {0} of {1} members present; needs {5} {3}/{4}",
                      q.present, q.base, m.rules.quorum.strict ? "trên" : "ít nhất", m.rules.quorum.numerator,
                      m.rules.quorum.denominator, m.rules.quorum.strict ? "more than" : "at least")}});
  const auto present_voters = static_cast<std::int32_t>(voters(m).size());
  for (int g = 0; g < 4; ++g)
    if (t.per_grade[g] < 0)
      return Error::invalid(
          bilingual("Kết quả biểu quyết không hợp lệ", "invalid tally"),
          {{fmt::format("tally.{}", domain::code(static_cast<domain::Grade>(g))), "không được là số âm / negative"}});
  if (t.blank < 0)
    return Error::invalid(bilingual("Kết quả biểu quyết không hợp lệ", "invalid tally"),
                          {{"tally.blank", "không được là số âm / negative"}});
  if (t.total() > present_voters)
    return Error::invalid(
        bilingual("Số phiếu vượt số đảng viên có mặt được biểu quyết", "more votes than voters present"),
        {{"tally", fmt::format("{0} phiếu cho {1} người biểu quyết có mặt / {0} votes for {1} voters present",
                               t.total(), present_voters)}});
  std::int32_t running = 0;
  for (int g = 3; g >= 0; --g) {
    running = m.rules.cumulative ? running + t.per_grade[g] : t.per_grade[g];
    if (m.rules.approval.met(running, q.base)) return static_cast<domain::Grade>(g);
  }
  return Error::invalid(
      bilingual("Không mức xếp loại nào đạt quá nửa số đảng viên: cần biểu quyết lại",
                "no grade reached the required majority: vote again"),
      {{"tally",
        fmt::format("trên {0} đảng viên; cao nhất {1} phiếu / base {0} members; best count {1}", q.base, running)}});
}

std::string required_comment_problem(const CommentRequest& req, const std::string& writer) {
  if (!writer.empty())
    return fmt::format("cần ý kiến nhận xét của {0} ({1}) / the comments of {0} are required ({1})", writer, req.rule);
  // Without a known writer, say whose comments they are by their source.
  switch (req.source) {
    case CommentSource::previous_cell:
      return fmt::format("cần ý kiến nhận xét của chi bộ nơi sinh hoạt trước ({0}) / the comments of the previous "
                         "cell are required ({0})",
                         req.rule);
    case CommentSource::temporary_cell:
      return fmt::format("cần ý kiến nhận xét của chi bộ sinh hoạt tạm thời ({0}) / the comments of the temporary "
                         "cell are required ({0})",
                         req.rule);
    case CommentSource::residence:
      break;
  }
  return fmt::format("cần ý kiến nhận xét của tổ chức đảng nơi cư trú ({0}) / the comments of the party organization "
                     "where the member lives are required ({0})",
                     req.rule);
}

Result<std::optional<domain::Grade>> conclude_subject(const Meeting& m, std::size_t index, const ReviewAssignment& a) {
  if (index >= m.subjects.size())
    return Error::not_found(bilingual("Không có đối tượng này trong hội nghị", "no such subject in the meeting"));
  const SubjectReview& s = m.subjects[index];
  const std::string at = fmt::format("subjects[{}]", index);
  std::vector<ErrorDetail> p;
  if (!a.reviewed)
    p.push_back(
        {at, fmt::format("đối tượng này không kiểm điểm năm nay ({0}) / this subject is not reviewed this year ({0})",
                         a.reasons.empty() ? std::string("?") : a.reasons.front().rule)});
  if (a.unit != m.unit)
    p.push_back(
        {at, fmt::format("kiểm điểm tại {0}, không phải tại {1} / reviewed at {0}, not at {1}", a.unit, m.unit)});
  for (const CommentRequest& req : a.comments) {
    const bool have = std::any_of(s.received.begin(), s.received.end(), [&](const ReceivedComment& r) {
      return r.source == req.source && (req.unit.empty() || r.unit == req.unit) && !r.text.empty();
    });
    if (!have)
      p.push_back({at + ".received." + std::string(code(req.source)), required_comment_problem(req, req.unit)});
  }
  if (a.civil_servant_grade_needed && !s.civil_servant_grade)
    p.push_back({at + ".civil_servant_grade",
                 "cần xếp loại công chức trước xếp loại đảng viên (R-LINK-2) / "
                 "the civil-servant grade comes before the party grade (R-LINK-2)"});
  for (std::size_t j = 0; j < s.comments.size(); ++j) {
    const Attendee* who = find(m, s.comments[j].speaker);
    if (!who || who->presence != Presence::present)
      p.push_back(
          {fmt::format("{}.comments[{}].speaker", at, j), "không có mặt tại hội nghị / not present at the meeting"});
    if (s.comments[j].text.empty()) p.push_back({fmt::format("{}.comments[{}].text", at, j), "bắt buộc / required"});
  }
  if (!p.empty())
    return Error::invalid(bilingual("Chưa đủ điều kiện kết luận kiểm điểm", "the review cannot be concluded"), p);
  if (!a.graded) return std::optional<domain::Grade>{};
  auto outcome = vote_outcome(m, s.tally);
  if (!outcome) {
    Error e = std::move(outcome).error();
    for (ErrorDetail& d : e.details) d.path = at + "." + d.path;
    return e;
  }
  return std::optional<domain::Grade>{*outcome};
}

std::string minutes(const Meeting& m, const std::map<std::string, std::string>& names) {
  const Quorum q = quorum(m);
  std::string out;
  auto line = [&](std::string s) {
    out += s;
    out += '\n';
  };
  line("BIÊN BẢN HỘI NGHỊ KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG");
  line(fmt::format("Đơn vị: {}", m.unit));
  line(fmt::format("Thời gian: {}; địa điểm: {}", domain::format_dmy(m.date), m.place));
  line(fmt::format("Chủ trì: {}; thư ký: {}", name(names, m.chair), name(names, m.secretary)));
  line(fmt::format("Tổng số đảng viên tính theo quy định: {}; có mặt: {}; {}", q.base, q.present,
                   q.met ? "hội nghị đủ điều kiện tiến hành" : "hội nghị KHÔNG đủ số lượng theo quy định"));
  for (const Attendee& a : m.attendees)
    if (a.presence != Presence::present)
      line(
          fmt::format("- Vắng mặt: {} ({})", name(names, a.person),
                      a.presence == Presence::absent_with_reason ? "có lý do: " + a.absence_reason : "không có lý do"));
  for (const SubjectReview& s : m.subjects) {
    line("");
    line(fmt::format("Đối tượng: {}", name(names, s.subject)));
    if (s.self_proposed) line(fmt::format("  Tự xếp loại: {}", domain::name_vi(*s.self_proposed)));
    for (const Comment& c : s.comments)
      line(fmt::format("  {} {}: {}", c.criticism ? "Phê bình —" : "Ý kiến —", name(names, c.speaker), c.text));
    for (const ReceivedComment& r : s.received) {
      const char* from = r.source == CommentSource::residence       ? "Nhận xét nơi cư trú"
                         : r.source == CommentSource::previous_cell ? "Nhận xét của chi bộ nơi sinh hoạt trước"
                                                                    : "Nhận xét của chi bộ sinh hoạt tạm thời";
      // No writer given (a residence not yet known): no empty "()".
      line(r.unit.empty() ? fmt::format("  {}: {}", from, r.text) : fmt::format("  {} ({}): {}", from, r.unit, r.text));
    }
    if (s.civil_servant_grade)
      line(fmt::format("  Xếp loại công chức, viên chức: {}", domain::name_vi(*s.civil_servant_grade)));
    line(fmt::format("  Hình thức: {}", s.method == VoteMethod::secret_ballot ? "bỏ phiếu kín" : "biểu quyết giơ tay"));
    for (int g = 3; g >= 0; --g)
      line(fmt::format("  {}: {} phiếu", domain::name_vi(static_cast<domain::Grade>(g)), s.tally.per_grade[g]));
    if (s.tally.blank) line(fmt::format("  Không chọn: {} phiếu", s.tally.blank));
    auto outcome = vote_outcome(m, s.tally);
    line(outcome ? fmt::format("  Kết quả: đề nghị {}", domain::name_vi(*outcome))
                 : std::string("  Kết quả: chưa có mức xếp loại đạt đa số"));
  }
  return out;
}

}  // namespace xeploai::workflow
