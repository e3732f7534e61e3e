// Complaints about a published grade: the subject files within the cycle's period, the deciding level answers;
// upheld, the review is re-graded through the same checks as a decision (decide() with complaint_id).
#include <fmt/format.h>

#include "service/audit.hpp"
#include "service/review/decisions.hpp"
#include "service/review/internal/decisions.hpp"
#include "workflow/complaint.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

// The complaint's own JSON, the same wherever it is read (filed, answered, listed): the columns below, first in
// the row.
constexpr const char* kComplaintColumns =
    "k.id, k.subject_id, k.decision_id, k.filed_on, k.text, k.requested, k.outcome, k.answered_on, k.reasons, "
    "k.version";
constexpr int kComplaintColumnCount = 10;

Json complaint_row_json(const store::Row& r) {
  return {{"id", r.get_int(0)},          {"subject_id", r.get_int(1)},
          {"decision_id", r.get_int(2)}, {"filed_on", r.get_text(3)},
          {"text", r.get_text(4)},       {"requested", r.is_null(5) ? Json() : Json(r.get_text(5))},
          {"outcome", r.get_text(6)},    {"answered_on", r.is_null(7) ? Json() : Json(r.get_text(7))},
          {"reasons", r.get_text(8)},    {"version", r.get_int(9)}};
}

Json complaint_json(store::Transaction& tx, std::int64_t id) {
  return complaint_row_json(*tx.query_one(
      fmt::format("SELECT {} FROM review_complaints k WHERE k.id = $1", kComplaintColumns), store::params(id)));
}

domain::Days today_days() { return *domain::parse_iso_date(service::today()); }

}  // namespace

Result<Json> file_complaint(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto s = load_subject_row(tx, subject_id);
  if (!s) return review_not_found(subject_id);
  // Only the subject files (366 Điều 15): a member about their own grade.
  if (!is_self(call.who, *s))
    return Error::forbidden(
        "Chỉ người được xếp loại mới gửi khiếu nại về kết quả của mình / only the subject may complain about their "
        "grade");
  Fields f(body);
  f.only({"text", "requested"});
  auto text = f.text("text", true, 20000);
  auto requested = f.one_of("requested", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}, false);
  if (!f.ok()) return f.error();
  auto published = tx.query_one(
      "SELECT d.id, d.published_at FROM decision_grades g JOIN review_decisions d ON d.id = g.decision_id WHERE "
      "g.subject_id = $1 AND d.published_at IS NOT NULL ORDER BY d.id DESC LIMIT 1",
      store::params(s->id));
  if (!published || s->state != "published")
    return Error::conflict(
        fmt::format("Chưa có kết quả được công bố để khiếu nại (trạng thái '{}') / no published "
                    "grade to complain about (state '{}')",
                    s->state, s->state));
  const auto c = *load_cycle(tx, s->cycle_id);
  const auto now = now_ms();
  auto complaint = workflow::file_complaint(to_workflow(tx, c), std::to_string(s->id), call.who.username,
                                            static_cast<domain::Days>(published->get_int(1) / kDayMs), today_days(),
                                            *text, requested ? domain::parse_grade(*requested) : std::nullopt);
  if (!complaint) return std::move(complaint).error();  // bilingual problems (workflow/complaint.cpp)
  XEPLOAI_REVIEW_TRY(
      move(tx, call, *s, workflow::Action::file_complaint, workflow::Actor::subject, *text, std::nullopt, now));
  const auto id =
      tx.query_one(
            "INSERT INTO review_complaints (subject_id, decision_id, filed_by, filed_on, text, requested, "
            "outcome, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, "
            "$7) RETURNING id",
            store::params(s->id, published->get_int(0), account_of(call.who), service::today(), *text, requested, now))
          ->get_int(0);
  Json after = complaint_json(tx, id);
  record_audit(tx, &call.who, {"complaint.file", "complaint", id, nullptr, after, s->unit_id}, call.request_id);
  return after;
}

Result<Json> answer_complaint(store::Transaction& tx, const Call& call, std::int64_t complaint_id, const Json& body) {
  auto k = tx.query_one(
      "SELECT k.subject_id, d.unit_id, k.filed_on, k.outcome, k.text FROM review_complaints k JOIN review_decisions d "
      "ON d.id = k.decision_id WHERE k.id = $1",
      store::params(complaint_id));
  if (!k)
    return Error::not_found(
        fmt::format("Không tìm thấy khiếu nại {} / Complaint {} not found", complaint_id, complaint_id));
  // The level that decided the contested grade answers (366 Điều 15).
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::decide_grades, k->get_int(1)));
  Fields f(body);
  f.only({"outcome", "reasons"});
  auto outcome = f.one_of("outcome", {"upheld", "rejected"}, true);
  auto reasons = f.text("reasons", true, 20000);
  if (!f.ok()) return f.error();
  auto s = *load_subject_row(tx, k->get_int(0));
  workflow::Complaint wc;
  wc.subject = std::to_string(s.id);
  wc.filed = *domain::parse_iso_date(k->get_text(2));
  wc.outcome = k->get_text(3) == "pending"  ? workflow::ComplaintOutcome::pending
               : k->get_text(3) == "upheld" ? workflow::ComplaintOutcome::upheld
                                            : workflow::ComplaintOutcome::rejected;
  const bool upheld = *outcome == "upheld";
  XEPLOAI_REVIEW_TRY(workflow::answer_complaint(
      wc, upheld ? workflow::ComplaintOutcome::upheld : workflow::ComplaintOutcome::rejected, today_days(),
      call.who.username.empty() ? std::string("system") : call.who.username, *reasons));
  const Json before = complaint_json(tx, complaint_id);
  const auto now = now_ms();
  XEPLOAI_REVIEW_TRY(move(tx, call, s, upheld ? workflow::Action::uphold_complaint : workflow::Action::reject_complaint,
                          workflow::Actor::competent_level, *reasons, std::nullopt, now));
  auto changed = tx.execute(
      "UPDATE review_complaints SET outcome = $2, answered_on = $3, answered_by = $4, reasons = $5, version = version "
      "+ 1, updated_at = $6 WHERE id = $1 AND outcome = 'pending'",
      store::params(complaint_id, *outcome, service::today(), account_of(call.who), *reasons, now));
  if (changed != 1) return stale_version(before["version"].get<std::int64_t>());
  notify(tx, s.person_id, s.unit_id, "complaint_answered", s.id,
         upheld ? "Khiếu nại về kết quả xếp loại đã được chấp nhận; kết quả sẽ được xếp loại lại: " + *reasons
                : "Khiếu nại về kết quả xếp loại không được chấp nhận: " + *reasons,
         upheld ? "Your complaint about the grade was upheld; the grade will be decided again: " + *reasons
                : "Your complaint about the grade was rejected: " + *reasons,
         now);
  Json after = complaint_json(tx, complaint_id);
  after["state"] = s.state;
  record_audit(tx, &call.who, {"complaint.answer", "complaint", complaint_id, before, after, s.unit_id},
               call.request_id);
  return after;
}

Result<org::Page> list_complaints(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                  const ComplaintQuery& query) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  auto unit_path = list_unit_path(tx, call, *c, query.unit_id);
  if (!unit_path) return std::move(unit_path).error();
  auto [lo, hi] = path_range(*unit_path);
  // The subtree's units as an IN list, as the subject list reads them: both backends then seek review_subjects
  // (cycle_id, unit_id) for those units only and reach the few complaints through review_complaints (subject_id),
  // rather than reading every subject of a province's cycle for a commune's page.
  std::string where = "s.cycle_id = $1 AND s.unit_id IN (SELECT id FROM units WHERE path >= $2 AND path < $3)";
  if (query.status) where += *query.status == "open" ? " AND k.outcome = 'pending'" : " AND k.outcome <> 'pending'";
  // One query for the page, one for the total.
  const std::string from =
      "FROM review_complaints k JOIN review_subjects s ON s.id = k.subject_id JOIN units u ON u.id = s.unit_id "
      "JOIN review_decisions d ON d.id = k.decision_id WHERE " +
      where;
  org::Page page;
  page.total = tx.query_one("SELECT COUNT(*) " + from, store::params(cycle_id, lo, hi))->get_int(0);
  const std::string sql = fmt::format(
      "SELECT {}, s.state, s.version, s.kind, COALESCE(p.full_name, kc.name, u.name), s.unit_id, u.name, d.number, "
      "d.decided_on, g.grade, d.unit_id, k.created_at FROM review_complaints k JOIN review_subjects s ON s.id = "
      "k.subject_id JOIN units u ON u.id = s.unit_id JOIN review_decisions d ON d.id = k.decision_id LEFT JOIN "
      "decision_grades g ON g.decision_id = k.decision_id AND g.subject_id = k.subject_id LEFT JOIN people p ON "
      "p.id = s.person_id LEFT JOIN collectives kc ON kc.id = s.collective_id WHERE {} ORDER BY k.created_at DESC, "
      "k.id DESC LIMIT $4 OFFSET $5",
      kComplaintColumns, where);
  for (auto& r : tx.query(sql, store::params(cycle_id, lo, hi, static_cast<std::int64_t>(query.limit), query.offset))) {
    constexpr int n = kComplaintColumnCount;
    Json item = complaint_row_json(r);
    item["state"] = r.get_text(n);  // the review's state, as answering returns it
    item["status"] = item["outcome"] == "pending" ? "open" : "answered";
    // The review is the subject (GET /reviews/{id}); its version is what the review's own writes carry.
    item["review_id"] = item["subject_id"];
    item["review_version"] = r.get_int(n + 1);
    item["subject_kind"] = r.get_text(n + 2);
    item["subject_name"] = r.get_text(n + 3);
    item["unit_id"] = r.get_int(n + 4);
    item["unit_name"] = r.get_text(n + 5);
    item["decision_number"] = r.get_text(n + 6);
    item["decision_date"] = r.get_text(n + 7);
    item["contested_grade"] = r.is_null(n + 8) ? Json() : Json(r.get_text(n + 8));
    item["decision_unit_id"] = r.get_int(n + 9);
    item["filed_at"] = r.get_int(n + 10);
    page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace xeploai::service::review
