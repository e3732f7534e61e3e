#include "workflow/review.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace xeploai::workflow {

std::string_view code(ReviewState s) {
  switch (s) {
    case ReviewState::not_started:
      return "not_started";
    case ReviewState::draft:
      return "draft";
    case ReviewState::submitted:
      return "submitted";
    case ReviewState::reviewed:
      return "reviewed";
    case ReviewState::proposed:
      return "proposed";
    case ReviewState::decided:
      return "decided";
    case ReviewState::published:
      return "published";
    case ReviewState::complaint_filed:
      return "complaint_filed";
    case ReviewState::regrading:
      return "regrading";
  }
  return "?";
}

std::optional<ReviewState> parse_review_state(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(ReviewState::regrading); ++i)
    if (code(static_cast<ReviewState>(i)) == s) return static_cast<ReviewState>(i);
  return std::nullopt;
}

std::string_view code(Action a) {
  switch (a) {
    case Action::save_draft:
      return "save_draft";
    case Action::submit:
      return "submit";
    case Action::return_for_revision:
      return "return_for_revision";
    case Action::record_meeting:
      return "record_meeting";
    case Action::propose:
      return "propose";
    case Action::decide:
      return "decide";
    case Action::publish:
      return "publish";
    case Action::file_complaint:
      return "file_complaint";
    case Action::reject_complaint:
      return "reject_complaint";
    case Action::uphold_complaint:
      return "uphold_complaint";
    case Action::cancel:
      return "cancel";
    case Action::reopen_for_discipline:
      return "reopen_for_discipline";
  }
  return "?";
}

std::string_view code(Actor a) {
  switch (a) {
    case Actor::subject:
      return "subject";
    case Actor::secretary:
      return "secretary";
    case Actor::appraiser:
      return "appraiser";
    case Actor::competent_level:
      return "competent_level";
    case Actor::superior_level:
      return "superior_level";
  }
  return "?";
}

Result<ReviewState> next_state(ReviewState from, Action action) {
  using S = ReviewState;
  std::optional<S> to;
  switch (action) {
    case Action::save_draft:
      if (from == S::not_started || from == S::draft) to = S::draft;
      break;
    case Action::submit:
      if (from == S::draft) to = S::submitted;
      break;
    case Action::return_for_revision:
      if (from == S::submitted) to = S::draft;
      break;
    case Action::record_meeting:
      if (from == S::submitted) to = S::reviewed;
      break;
    case Action::propose:
      if (from == S::reviewed || from == S::proposed) to = S::proposed;  // a revised proposal replaces the last
      break;
    case Action::decide:
      if (from == S::proposed || from == S::regrading) to = S::decided;
      break;
    case Action::publish:
      if (from == S::decided) to = S::published;
      break;
    case Action::file_complaint:
      if (from == S::published) to = S::complaint_filed;
      break;
    case Action::reject_complaint:
      if (from == S::complaint_filed) to = S::published;
      break;
    case Action::uphold_complaint:
      if (from == S::complaint_filed) to = S::regrading;
      break;
    case Action::cancel:
    case Action::reopen_for_discipline:
      if (from == S::decided || from == S::published) to = S::regrading;
      break;
  }
  if (!to)
    return Error{
        ErrorCode::conflict,
        bilingual(fmt::format("Không thể thực hiện '{}' khi hồ sơ đang ở trạng thái '{}'", code(action), code(from)),
                  fmt::format("'{}' is not possible in state '{}'", code(action), code(from))),
        {{"state",
          fmt::format("trạng thái {0} không cho phép {1} / {0} does not allow {1}", code(from), code(action))}}};
  return *to;
}

bool allowed(Action action, Actor actor) {
  switch (action) {
    case Action::save_draft:
    case Action::submit:
      return actor == Actor::subject || actor == Actor::secretary;
    case Action::return_for_revision:
    case Action::record_meeting:
      return actor == Actor::secretary;
    case Action::propose:
      return actor == Actor::appraiser;
    case Action::decide:
    case Action::publish:
    case Action::reject_complaint:
    case Action::uphold_complaint:
      return actor == Actor::competent_level;
    case Action::file_complaint:
      return actor == Actor::subject;
    case Action::cancel:
    case Action::reopen_for_discipline:
      return actor == Actor::superior_level;
  }
  return false;
}

Result<void> apply(Review& review, const Request& r) {
  if (!allowed(r.action, r.actor))
    return Error{ErrorCode::forbidden,
                 bilingual(fmt::format("Vai trò '{}' không được thực hiện '{}'", code(r.actor), code(r.action)),
                           fmt::format("the role '{}' may not {}", code(r.actor), code(r.action))),
                 {{"actor", fmt::format("{0} không được {1} / {0} may not {1}", code(r.actor), code(r.action))}}};
  auto to = next_state(review.state, r.action);
  if (!to) return std::move(to).error();
  std::vector<ErrorDetail> p;
  if (r.account.empty()) p.push_back({"account", "bắt buộc: người thực hiện / required: who acts"});
  const bool needs_reason = r.action == Action::return_for_revision || r.action == Action::cancel ||
                            r.action == Action::reopen_for_discipline || r.action == Action::reject_complaint ||
                            r.action == Action::uphold_complaint || r.action == Action::file_complaint;
  if (needs_reason && r.reason.empty())
    p.push_back({"reason", fmt::format("bắt buộc khi {0} / required for {0}", code(r.action))});
  if (r.action == Action::decide && !r.grade)
    p.push_back({"grade", "quyết định phải có mức xếp loại / a decision sets a grade"});
  if (r.action != Action::decide && r.grade)
    p.push_back({"grade", "chỉ quyết định mới đặt mức xếp loại / only a decision sets a grade"});
  if (!review.history.empty() && r.at < review.history.back().at)
    p.push_back({"at", "sớm hơn lần chuyển trạng thái trước / earlier than the last transition"});
  if (!p.empty()) return Error::invalid(bilingual("Yêu cầu chưa đủ thông tin", "the request is incomplete"), p);

  Transition t{review.state, *to, r.action, r.actor, r.account, r.at, r.reason, r.grade};
  review.history.push_back(std::move(t));
  review.state = *to;
  if (r.action == Action::decide) review.grade = r.grade;
  if (*to == ReviewState::regrading) review.grade.reset();
  ++review.version;
  return {};
}

Result<void> discipline_reopens(Regime regime, int cycle_year, int violation_year, int decided_year) {
  std::vector<ErrorDetail> p;
  if (violation_year != cycle_year)
    p.push_back(
        {"violation_year",
         fmt::format(
             "vi phạm năm {0} thuộc kỳ đánh giá năm {0}, không phải năm {1} / the violation of {0} belongs to the {0} "
             "review, not {1}",
             violation_year, cycle_year)});
  if (decided_year <= violation_year)
    p.push_back({"decided",
                 "kỷ luật được quyết định ngay trong năm vi phạm, đã được tính khi xếp loại năm đó / "
                 "the discipline was decided in the year of the violation: it is graded in that year"});
  if (regime == Regime::qd366)
    p.push_back(
        {"ruleset",
         "theo Quy định 366-QĐ/TW, kỷ luật quyết định sau được tính vào kỳ đánh giá hiện tại, không mở lại năm vi "
         "phạm / "
         "under 366-QĐ/TW a later discipline weighs on the current period's grade, not the year of the violation"});
  if (!p.empty())
    return Error::invalid(bilingual("Kỷ luật này không làm mở lại kết quả xếp loại năm vi phạm",
                                    "this discipline does not reopen the grade of the violation's year"),
                          p);
  return {};
}

bool at_or_past_review(ReviewState s) {
  return s == ReviewState::reviewed || s == ReviewState::proposed || s == ReviewState::decided ||
         s == ReviewState::published || s == ReviewState::complaint_filed || s == ReviewState::regrading;
}

Result<void> review_order_gate(const std::vector<OrderEntry>& entries, const std::string& subject) {
  auto self = std::find_if(entries.begin(), entries.end(), [&](const OrderEntry& e) { return e.subject == subject; });
  if (self == entries.end())
    return Error::not_found(
        bilingual("Không có trong danh sách kiểm điểm của đơn vị", "the subject is not reviewed in this unit"));
  std::vector<ErrorDetail> p;
  static constexpr std::string_view kRank[] = {"collective", "head", "deputy", "member"};
  static constexpr std::string_view kRankVi[] = {"tập thể", "người đứng đầu", "cấp phó", "đồng chí"};
  for (const OrderEntry& e : entries)
    if (e.rank < self->rank && !at_or_past_review(e.state))
      p.push_back(
          {"order." + e.subject,
           fmt::format(
               "{0} {1} chưa được kiểm điểm (trạng thái {2}) / the {3} {1} has not been reviewed yet (state {2})",
               kRankVi[static_cast<int>(e.rank)], e.subject, code(e.state), kRank[static_cast<int>(e.rank)])});
  if (!p.empty())
    return Error{ErrorCode::conflict,
                 bilingual("Chưa đến lượt kiểm điểm: tập thể trước, người đứng đầu, cấp phó, rồi các đồng chí khác",
                           "not yet: the collective reviews first, then the head, the deputies, then the others"),
                 p};
  return {};
}

}  // namespace xeploai::workflow
