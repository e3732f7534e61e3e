#include "workflow/assignment.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace xeploai::workflow {

std::string_view code(Profile p) {
  switch (p) {
    case Profile::collective:
      return "collective";
    case Profile::leader_central:
      return "leader_central";
    case Profile::leader:
      return "leader";
    case Profile::non_leader:
      return "non_leader";
    case Profile::member_outside:
      return "member_outside";
  }
  return "?";
}

std::string_view code(CommentSource s) {
  switch (s) {
    case CommentSource::previous_cell:
      return "previous_cell";
    case CommentSource::temporary_cell:
      return "temporary_cell";
    case CommentSource::residence:
      return "residence";
  }
  return "?";
}

namespace {

Result<void> check_facts(const MemberFacts& f, Days start, Days end, Days as_of) {
  std::vector<ErrorDetail> p;
  if (f.person.empty()) p.push_back({"person", "bắt buộc / required"});
  if (f.admitted == kNoDate)
    p.push_back({"admitted", "bắt buộc / required"});
  else if (as_of != kNoDate && f.admitted > as_of)
    p.push_back({"admitted", "sau ngày xếp loại / after the grading date"});
  if (start == kNoDate || end == kNoDate || end < start)
    p.push_back({"period", "kỳ đánh giá không hợp lệ / invalid period"});
  if (as_of == kNoDate) p.push_back({"as_of", "bắt buộc / required"});
  if (f.stints.empty())
    p.push_back({"stints", "cần chi bộ sinh hoạt chính thức của đảng viên / the member's official cell is required"});
  for (std::size_t i = 0; i < f.stints.size(); ++i) {
    const CellStint& s = f.stints[i];
    const std::string at = fmt::format("stints[{}]", i);
    if (s.cell.empty()) p.push_back({at + ".cell", "bắt buộc / required"});
    if (s.from == kNoDate) p.push_back({at + ".from", "bắt buộc / required"});
    if (s.to != kNoDate && s.from != kNoDate && s.to < s.from)
      p.push_back({at + ".to", "trước ngày bắt đầu / before from"});
    if (s.to == kNoDate && i + 1 != f.stints.size())
      p.push_back({at + ".to",
                   "chỉ giai đoạn sinh hoạt cuối cùng được để ngỏ ngày kết thúc / only the last stint may be open"});
    if (i > 0) {
      const CellStint& prev = f.stints[i - 1];
      if (prev.to != kNoDate && s.from != kNoDate && s.from < prev.to)
        p.push_back({at + ".from", "chồng lên giai đoạn sinh hoạt trước / overlaps the previous stint"});
    }
  }
  if (!f.stints.empty() && end != kNoDate) {
    const CellStint& last = f.stints.back();
    if (last.to != kNoDate && last.to < end)
      p.push_back({fmt::format("stints[{}].to", f.stints.size() - 1),
                   "cuối kỳ đảng viên không còn sinh hoạt ở chi bộ nào (đã chuyển đi?) / "
                   "the member has no official cell at the end of the period (transferred out of the tree?)"});
  }
  for (std::size_t i = 0; i < f.posts.size(); ++i)
    if (f.posts[i].unit.empty()) p.push_back({fmt::format("posts[{}].unit", i), "bắt buộc / required"});
  if (!p.empty())
    return Error::invalid(bilingual("Thông tin đảng viên không đủ để phân công kiểm điểm",
                                    "the member's facts do not allow a review assignment"),
                          p);
  return {};
}

}  // namespace

Result<std::vector<ReviewAssignment>> assign_reviews(const MemberFacts& f, Regime regime, Days start, Days end,
                                                     Days as_of) {
  if (auto ok = check_facts(f, start, end, as_of); !ok) return std::move(ok).error();
  using domain::MemberStatus;

  ReviewAssignment cell;
  cell.place = Place::cell;
  cell.unit = f.stints.back().cell;
  cell.grading_cell = cell.unit;
  const bool leads = std::any_of(f.posts.begin(), f.posts.end(), [](const Post& p) { return p.leadership; });
  cell.profile = f.outside_political_system ? Profile::member_outside
                 : leads                    ? (f.central_managed ? Profile::leader_central : Profile::leader)
                                            : Profile::non_leader;
  cell.civil_servant_grade_needed = f.civil_servant;

  auto not_reviewed = [&](std::string rule, std::string vi, std::string en) {
    cell.reviewed = false;
    cell.graded = false;
    cell.grading_cell.clear();
    cell.civil_servant_grade_needed = false;
    cell.reasons.push_back({std::move(rule), std::move(vi), std::move(en)});
    return std::vector<ReviewAssignment>{cell};
  };

  if (f.status == MemberStatus::exempt)
    return not_reviewed("R-EXEMPT-1", "Được miễn công tác và sinh hoạt đảng: không kiểm điểm, không xếp loại",
                        "exempt from work and party activities: neither reviewed nor graded");
  if (f.status == MemberStatus::suspended) {
    if (regime != Regime::qd132)
      return not_reviewed("R-EXEMPT-2", "Bị đình chỉ sinh hoạt đảng: không kiểm điểm, không xếp loại",
                          "suspended from party activity: neither reviewed nor graded");
    cell.graded = false;
    cell.grading_cell.clear();
    cell.reasons.push_back({"R-EXEMPT-2", "Bị đình chỉ sinh hoạt đảng: kiểm điểm nhưng không xếp loại (21-HD)",
                            "suspended from party activity: reviewed but not graded (21-HD)"});
  }
  const bool recent = f.admitted > domain::minus_months(as_of, 6);
  if (recent) {
    if (regime != Regime::qd132)
      return not_reviewed("R-EXEMPT-3b", "Kết nạp chưa đủ 6 tháng: không thuộc đối tượng kiểm điểm, không xếp loại",
                          "admitted less than 6 months ago: neither reviewed nor graded");
    cell.graded = false;
    cell.grading_cell.clear();
    cell.reasons.push_back({"R-EXEMPT-3",
                            "Kết nạp chưa đủ 6 tháng: kiểm điểm thời gian từ khi kết nạp, không xếp loại (21-HD)",
                            "admitted less than 6 months ago: reviewed for the time since admission, not graded"});
  }
  if (f.committee_activity_suspended)
    cell.reasons.push_back({"R-EXEMPT-2",
                            "Chỉ bị đình chỉ sinh hoạt cấp ủy: vẫn kiểm điểm, xếp loại tại chi bộ (thời gian trước "
                            "khi bị đình chỉ, 43-HD 7.7)",
                            "suspended from committee activity only: still reviewed and graded at the cell"});

  // R-XFER-1: a cell left during the period after 6 months or more there writes comments for the new cell.
  for (std::size_t i = 0; i + 1 < f.stints.size(); ++i) {
    const CellStint& s = f.stints[i];
    if (s.to == kNoDate || s.to < start || s.to > end) continue;
    if (s.from <= domain::minus_months(s.to, 6)) {
      cell.comments.push_back({CommentSource::previous_cell, s.cell, "R-XFER-1"});
      cell.reasons.push_back(
          {"R-XFER-1",
           fmt::format("Chuyển sinh hoạt trong năm; đã sinh hoạt tại chi bộ {} từ 6 tháng trở lên: cần nhận xét "
                       "bằng văn bản của chi bộ đó",
                       s.cell),
           fmt::format("transferred during the year after 6 months or more at {}: its written comments are needed",
                       s.cell)});
    }
  }
  if (!f.temporary_cell.empty() && f.temporary_cell != cell.unit) {
    cell.comments.push_back({CommentSource::temporary_cell, f.temporary_cell, "R-XFER-2"});
    cell.reasons.push_back({"R-XFER-2",
                            "Sinh hoạt tạm thời: kiểm điểm, xếp loại tại chi bộ sinh hoạt chính thức, có nhận xét "
                            "của chi bộ sinh hoạt tạm thời",
                            "temporary party activity: reviewed and graded at the official cell, with the "
                            "temporary cell's comments"});
  }
  if (cell.graded) cell.comments.push_back({CommentSource::residence, f.residence_unit, "R-RESIDENCE"});

  std::vector<ReviewAssignment> out{cell};
  if (!cell.reviewed) return out;
  for (const Post& post : f.posts) {
    ReviewAssignment a;
    a.place = Place::post;
    a.unit = post.unit;
    a.post_title = post.title;
    a.graded = false;
    a.profile = post.leadership ? (f.central_managed ? Profile::leader_central : Profile::leader) : cell.profile;
    a.reasons.push_back({"R-POSTS",
                         "Kiểm điểm tại nơi giữ chức vụ; xếp loại đảng viên một lần tại chi bộ (366 Điều 7, Điều 3)",
                         "reviewed where the post is held; graded once as a member, at the cell"});
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<OwedComment> comments_owed(const std::vector<std::pair<std::string, ReviewAssignment>>& assignments,
                                       const std::string& unit) {
  std::vector<OwedComment> out;
  for (const auto& [person, a] : assignments)
    for (const CommentRequest& c : a.comments)
      if (c.unit == unit) out.push_back({person, a.unit, c.source, c.rule});
  return out;
}

}  // namespace xeploai::workflow
