#include "workflow/complaint.hpp"

#include <fmt/format.h>

namespace xeploai::workflow {

std::string_view code(ComplaintOutcome o) {
  switch (o) {
    case ComplaintOutcome::pending:
      return "pending";
    case ComplaintOutcome::upheld:
      return "upheld";
    case ComplaintOutcome::rejected:
      return "rejected";
  }
  return "?";
}

Days complaint_deadline(const Cycle& cycle, Days published) { return published + cycle.complaint_days; }

Result<Complaint> file_complaint(const Cycle& cycle, std::string subject, std::string filed_by, Days published,
                                 Days filed, std::string text, std::optional<domain::Grade> requested) {
  std::vector<ErrorDetail> p;
  if (subject.empty()) p.push_back({"subject", "bắt buộc / required"});
  if (filed_by.empty()) p.push_back({"filed_by", "bắt buộc / required"});
  if (text.empty()) p.push_back({"text", "nêu nội dung khiếu nại và lý do / say what is contested and why"});
  if (published == kNoDate)
    p.push_back({"published", "kết quả xếp loại chưa được công bố / the grade has not been published"});
  if (filed == kNoDate) p.push_back({"filed", "bắt buộc / required"});
  if (!p.empty()) return Error::invalid(bilingual("Đơn khiếu nại chưa hợp lệ", "the complaint is incomplete"), p);
  if (filed < published)
    return Error::invalid(bilingual("Chưa công bố kết quả thì chưa thể khiếu nại", "nothing published yet"),
                          {{"filed", "trước ngày công bố kết quả / before the publication"}});
  const Days last = complaint_deadline(cycle, published);
  if (filed > last)
    return Error::invalid(
        bilingual(fmt::format("Đã hết thời hạn khiếu nại (đến hết ngày {})", domain::format_dmy(last)),
                  fmt::format("the complaint period ended on {}", domain::format_dmy(last))),
        {{"filed",
          fmt::format(
              "ngày {0} sau hạn {1} ({2} ngày kể từ ngày công bố) / {0} is after {1} ({2} days after publication)",
              domain::format_dmy(filed), domain::format_dmy(last), cycle.complaint_days)}});
  Complaint c;
  c.subject = std::move(subject);
  c.filed_by = std::move(filed_by);
  c.published = published;
  c.filed = filed;
  c.text = std::move(text);
  c.requested = requested;
  return c;
}

Result<void> answer_complaint(Complaint& c, ComplaintOutcome outcome, Days answered, std::string answered_by,
                              std::string reasons) {
  if (c.outcome != ComplaintOutcome::pending)
    return Error::conflict(bilingual("Khiếu nại đã được trả lời", "the complaint has already been answered"));
  std::vector<ErrorDetail> p;
  if (outcome == ComplaintOutcome::pending)
    p.push_back({"outcome", "chấp nhận hoặc không chấp nhận / upheld or rejected"});
  if (reasons.empty()) p.push_back({"reasons", "trả lời phải nêu lý do / an answer gives its reasons"});
  if (answered_by.empty()) p.push_back({"answered_by", "bắt buộc / required"});
  if (answered == kNoDate)
    p.push_back({"answered", "bắt buộc / required"});
  else if (answered < c.filed)
    p.push_back({"answered", "trước ngày nộp đơn khiếu nại / before the complaint was filed"});
  if (!p.empty()) return Error::invalid(bilingual("Trả lời khiếu nại chưa hợp lệ", "invalid answer"), p);
  c.outcome = outcome;
  c.answered = answered;
  c.answered_by = std::move(answered_by);
  c.reasons = std::move(reasons);
  return {};
}

}  // namespace xeploai::workflow
