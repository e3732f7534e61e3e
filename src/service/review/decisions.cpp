// The decision of a competent level over a batch (all or nothing), publication with notifications, cancellation
// and reopening by the level above, conclusions about members, and the history a member reads.
#include "service/review/decisions.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/date.hpp"
#include "service/audit.hpp"
#include "service/review/internal/decisions.hpp"
#include "service/stats/stats.hpp"
#include "workflow/complaint.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

std::string period_vi(const CycleRow& c) {
  return c.quarter ? fmt::format("quý {} năm {}", c.quarter, c.year) : fmt::format("năm {}", c.year);
}
std::string period_en(const CycleRow& c) {
  return c.quarter ? fmt::format("Q{} {}", c.quarter, c.year) : std::to_string(c.year);
}


std::map<std::int64_t, std::string> read_grades(const Json& body, const std::string& name, Fields& f) {
  std::map<std::int64_t, std::string> out;
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return out;
  const Json& g = body[name];
  if (!g.is_object()) {
    f.fail(name, "phải là đối tượng {mã hồ sơ: mức} / must be an object {subject id: grade}");
    return out;
  }
  for (auto it = g.begin(); it != g.end(); ++it) {
    const std::string& k = it.key();
    const bool digits = !k.empty() && k.size() < 18 && k.find_first_not_of("0123456789") == std::string::npos;
    auto grade = it->is_string() ? domain::parse_grade(it->get<std::string>()) : std::nullopt;
    if (!digits || std::stoll(k) <= 0)
      f.fail(name + "." + k, "không phải mã hồ sơ / not a subject id");
    else if (!grade)
      f.fail(name + "." + k, "không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV) / not a grade");
    else
      out[std::stoll(k)] = std::string(domain::code(*grade));
  }
  return out;
}

std::string_view organ_code(workflow::Body b) {
  switch (b) {
    case workflow::Body::committee:
      return "committee";
    case workflow::Body::standing_committee:
      return "standing_committee";
    case workflow::Body::politburo:
      return "politburo";
  }
  return "committee";
}

Json decision_json(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(
      "SELECT d.id, d.cycle_id, d.unit_id, u.name, d.organ, d.kind, d.number, d.decided_on, d.signer, d.body, "
      "d.complaint_id, d.published_at, d.version, d.appraisal_json FROM review_decisions d JOIN units u ON u.id = "
      "d.unit_id WHERE d.id = $1",
      store::params(id));
  Json grades = Json::array();
  for (auto& g : tx.query(fmt::format("SELECT g.subject_id, s.kind, {}, s.unit_id, g.grade, g.previous_grade, s.state "
                                      "FROM decision_grades g JOIN review_subjects s ON s.id = g.subject_id {} JOIN "
                                      "units u ON u.id = s.unit_id WHERE g.decision_id = $1 ORDER BY g.subject_id",
                                      kSubjectName, kSubjectNameJoins),
                          store::params(id)))
    grades.push_back({{"subject_id", g.get_int(0)},
                      {"kind", g.get_text(1)},
                      {"name", g.get_text(2)},
                      {"unit_id", g.get_int(3)},
                      {"grade", g.is_null(4) ? Json() : Json(g.get_text(4))},
                      {"previous_grade", g.is_null(5) ? Json() : Json(g.get_text(5))},
                      {"state", g.get_text(6)}});
  const Json appraisal = Json::parse(r->get_text(13));
  return {{"id", r->get_int(0)},
          {"cycle_id", r->get_int(1)},
          {"unit_id", r->get_int(2)},
          {"unit_name", r->get_text(3)},
          {"organ", r->get_text(4)},
          {"kind", r->get_text(5)},
          {"number", r->get_text(6)},
          {"date", r->get_text(7)},
          {"signer", r->get_text(8)},
          {"body", r->get_text(9)},
          {"complaint_id", r->is_null(10) ? Json() : Json(r->get_int(10))},
          {"published_at", r->is_null(11) ? Json() : Json(r->get_int(11))},
          {"version", r->get_int(12)},
          {"grades", grades},
          {"quotas", appraisal.value("quotas", Json::array())}};
}

// The engine's refusal in the words of the people who read it: each subject above its max with the rules that cap
// it, each quota exceeded with its count and limit (paths by subject id and unit id, as the request names them).
Error refusal(const workflow::Appraisal& a, const std::map<std::string, const SubjectRow*>& by_id,
              const std::set<std::int64_t>& deciding, const TreeView& tree) {
  std::vector<ErrorDetail> p;
  for (const auto& s : a.subjects) {
    const SubjectRow* row = by_id.at(s.subject);
    if (!deciding.count(row->id)) continue;
    if (s.graded && !s.proposed)
      p.push_back({"grades." + s.subject, fmt::format("{}: cần mức xếp loại để quyết định / a grade to decide is "
                                                      "required",
                                                      row->name)});
    if (s.proposal_above_max) {
      std::string vi, en;
      for (const auto& f : s.findings) {
        vi += fmt::format("; {} ({}): {}", f.rule, f.source, f.message_vi);
        en += fmt::format("; {} ({}): {}", f.rule, f.source, f.message_en);
      }
      const std::string max = s.max ? std::string(domain::code(*s.max)) : "—";
      p.push_back(
          {"grades." + s.subject,
           fmt::format("{}: mức {} cao hơn mức cao nhất được phép là {}{} / {}: {} is above the highest grade "
                       "allowed, {}{}",
                       row->name, domain::code(*s.proposed), max, vi, row->name, domain::code(*s.proposed), max, en)});
    }
  }
  for (const auto& q : a.quotas) {
    if (q.ok) continue;
    const auto hash = q.scope.find('#');
    const std::int64_t unit = std::stoll(q.scope.substr(0, hash));
    p.push_back({"quotas." + q.scope,
                 fmt::format("{} ({}): {} đảng viên {} vượt hạn mức {} (tính trên {} đảng viên {}) / {} ({}): {} "
                             "members graded {} exceed the limit of {} (base {})",
                             tree.name(unit), q.rule, q.count, domain::code(q.grade), q.limit, q.base,
                             domain::code(domain::Grade::HTTNV), tree.name(unit), q.rule, q.count,
                             domain::code(q.grade), q.limit, q.base)});
  }
  return Error::invalid(
      "Quyết định bị từ chối: kết quả không đúng quy định, không có gì được lưu / decision refused: the grades break "
      "the rules, nothing was stored",
      std::move(p));
}

// workflow::decide's other refusals (record, competence) are bilingual already; a subject's problem is renamed to
// the request's subject_ids[i] and says which subject, by name.
Error translated(Error e, const std::vector<const SubjectRow*>& chosen) {
  for (auto& d : e.details) {
    if (!d.path.starts_with("subjects[")) continue;
    const auto i = std::stoul(d.path.substr(9));
    if (i >= chosen.size()) continue;
    d.path = fmt::format("subject_ids[{}]", i);
    const auto slash = d.problem.find(" / ");
    d.problem = chosen[i]->name + ": không thuộc thẩm quyền quyết định của đơn vị này / " +
                (slash == std::string::npos ? d.problem : d.problem.substr(slash + 3));
  }
  return e;
}

struct Superior {
  std::int64_t competent = 0, superior = 0;
};

// The level above the subject's competent level: it cancels and reopens (R-REGRADE-1/2, R-DISC-3).
Result<Superior> superior_of(const TreeView& tree, const SubjectRow& s) {
  Competences competences(tree);
  auto comp = competences.of(s);
  if (!comp) return std::move(comp).error();
  const std::int64_t c = unit_of(*comp);
  auto at = tree.at(c);
  if (!at || tree.nodes[*at].parent < 0)
    return Error::conflict(
        "Không có cấp trên của cấp có thẩm quyền trong hệ thống / the competent level has no superior level here");
  return Superior{c, tree.ids[tree.nodes[*at].parent]};
}

// The start of a cancellation or a reopening (R-REGRADE-1/2, R-DISC-3): the subject and its cycle, once the caller
// holds decide_grades over the level above the subject's competent level.
struct SuperiorWrite {
  SubjectRow subject;
  CycleRow cycle;
};
Result<SuperiorWrite> begin_superior_write(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  auto s = load_subject_row(tx, subject_id);
  if (!s) return review_not_found(subject_id);
  auto cycle = *load_cycle(tx, s->cycle_id);
  SuperiorWrite w{std::move(*s), std::move(cycle)};
  auto up = superior_of(load_tree(tx, w.cycle), w.subject);
  if (!up) return std::move(up).error();
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::decide_grades, up->superior));
  return w;
}

}  // namespace

Result<Json> decide(store::Transaction& tx, const Call& call, std::int64_t cycle_id, const Json& body) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  Fields f(body);
  f.only({"unit_id", "number", "date", "signer", "body", "subject_ids", "grades", "complaint_id"});
  auto unit_id = f.id("unit_id", true);
  if (!unit_id) return f.error();
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::decide_grades, *unit_id));
  auto number = f.text("number", true, 100);
  auto date = f.date("date", true);
  auto signer = f.text("signer", true, 200);
  auto text = f.text("body", false, 50000);
  auto ids = f.ids("subject_ids", true);
  auto grades = read_grades(body, "grades", f);
  auto complaint_id = f.id("complaint_id", false);
  if (ids && ids->empty()) f.fail("subject_ids", "cần ít nhất một hồ sơ / at least one subject");
  if (!f.ok()) return f.error();
  if (c->status != "open")
    return Error::conflict(fmt::format("Đợt kiểm điểm {} đã đóng / Review cycle {} is closed", c->id, c->id));
  const TreeView tree = load_tree(tx, *c);
  if (!tree.at(*unit_id))
    return invalid_field(
        "unit_id", fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of cycle {}", *unit_id,
                               cycle_id, *unit_id, cycle_id));

  auto subjects = load_cycle_subjects(tx, cycle_id);
  std::map<std::int64_t, SubjectRow*> by_id;
  for (auto& s : subjects) by_id[s.id] = &s;
  std::vector<SubjectRow*> chosen;
  std::set<std::int64_t> deciding;
  std::vector<ErrorDetail> problems, conflicts;
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const std::int64_t id = (*ids)[i];
    auto it = by_id.find(id);
    const std::string path = fmt::format("subject_ids[{}]", i);
    if (it == by_id.end()) {
      problems.push_back(
          {path, fmt::format("hồ sơ {} không thuộc đợt kiểm điểm này / review {} is not in this cycle", id, id)});
      continue;
    }
    if (!deciding.insert(id).second) {
      problems.push_back({path, fmt::format("hồ sơ {} lặp lại / review {} listed twice", id, id)});
      continue;
    }
    SubjectRow& s = *it->second;
    if (!s.graded) {
      problems.push_back({path, s.name + ": không được xếp loại trong đợt này / not graded in this cycle"});
      continue;
    }
    if (s.state != "proposed" && s.state != "regrading")
      conflicts.push_back({path, fmt::format("{}: đang ở trạng thái '{}', chỉ quyết định hồ sơ đã đề xuất hoặc đang "
                                             "xếp loại lại / is '{}': only proposed or regrading reviews are decided",
                                             s.name, s.state, s.state)});
    chosen.push_back(&s);
  }
  for (const auto& [id, g] : grades)
    if (!deciding.count(id))
      problems.push_back({"grades." + std::to_string(id), "không có trong subject_ids / not one of subject_ids"});
  std::optional<std::int64_t> complaint_subject;
  if (complaint_id) {
    auto k =
        tx.query_one("SELECT subject_id, outcome FROM review_complaints WHERE id = $1", store::params(*complaint_id));
    if (!k || !deciding.count(k->get_int(0)))
      problems.push_back({"complaint_id",
                          "không phải khiếu nại về một hồ sơ của quyết định này / not a complaint "
                          "about a review of this decision"});
    else if (k->get_text(1) != "upheld")
      conflicts.push_back({"complaint_id", "khiếu nại chưa được chấp nhận / the complaint was not upheld"});
    else
      complaint_subject = k->get_int(0);
  }
  if (!problems.empty()) return Error::invalid("Quyết định chưa hợp lệ / the decision is invalid", std::move(problems));
  if (!conflicts.empty())
    return Error{ErrorCode::conflict,
                 "Không thể quyết định các hồ sơ này ở trạng thái hiện tại / these reviews cannot be decided now",
                 std::move(conflicts)};

  // The order of grading (366 Điều 12.2): an organization after its members and subordinate organizations.
  {
    std::vector<workflow::CaseState> states;
    for (const auto& s : subjects)
      if (s.graded)
        states.push_back({std::to_string(s.id), *domain::parse_subject_kind(s.kind), std::to_string(s.unit_id),
                          grade_stands(s.state)});
    std::vector<std::string> in_batch;
    for (const auto* s : chosen) in_batch.push_back(std::to_string(s->id));
    auto gate = workflow::decision_order_gate(tree.nodes, states, in_batch);
    if (!gate) {
      Error e = std::move(gate).error();
      for (auto& d : e.details) {
        auto waiting = by_id.find(std::stoll(d.path.substr(d.path.find('.') + 1)));
        // The workflow's problem names ids; the secretary reads a name (the English half stays as written).
        const auto slash = d.problem.find(" / ");
        if (waiting != by_id.end())
          d.problem = waiting->second->name + ": chưa được xếp loại / " +
                      (slash == std::string::npos ? d.problem : d.problem.substr(slash + 3));
      }
      return e;
    }
  }

  // The batch: the grades to decide, and every grade standing below the deciding unit (quotas and roll-ups
  // count them, so deciding in several batches cannot pass what one batch would not).
  std::vector<const SubjectRow*> batch;
  std::map<std::int64_t, std::string> proposals;
  for (auto* s : chosen) {
    batch.push_back(s);
    if (auto g = grades.find(s->id); g != grades.end())
      proposals[s->id] = g->second;
    else if (s->proposed_grade && s->id != complaint_subject)
      proposals[s->id] =
          *s->proposed_grade;  // a cancelled or reopened grade is re-decided on the proposal unless given
  }
  for (const auto& s : subjects)
    if (s.graded && !deciding.count(s.id) && grade_stands(s.state) && s.grade && tree.within(s.unit_id, *unit_id)) {
      batch.push_back(&s);
      proposals[s.id] = *s.grade;
    }
  auto b = batch_for(tx, *c, tree, batch, proposals);
  if (!b) return std::move(b).error();

  Competences competences(tree);
  workflow::Body organ = workflow::Body::standing_committee;  // a level above the competent one
  if (auto first = competences.of(*chosen.front()); first && unit_of(*first) == *unit_id) organ = first->body;
  const workflow::DecisionRecord record{*number, *domain::parse_iso_date(*date), *signer, std::to_string(*unit_id),
                                        organ};
  const domain::Ruleset& rs = ruleset_of(*c);
  auto decision = workflow::decide(rs, to_workflow(tx, *c), *b, tree.nodes, record);
  std::map<std::string, const SubjectRow*> rows;
  for (const SubjectRow* s : batch) rows[std::to_string(s->id)] = s;
  if (!decision) {
    if (decision.error().code == ErrorCode::invalid_input && decision.error().message.starts_with("Quyết định bị")) {
      auto a = workflow::appraise(rs, *b);
      if (a) return refusal(*a, rows, deciding, tree);
    }
    return translated(std::move(decision).error(), {chosen.begin(), chosen.end()});
  }

  const auto now = now_ms();
  const std::string kind =
      complaint_subject ? "complaint"
      : std::any_of(chosen.begin(), chosen.end(), [](const SubjectRow* s) { return s->state == "regrading"; })
          ? "regrade"
          : "decision";
  const Json appraisal = appraisal_json(decision->appraisal, tree, rows);
  const auto decision_id =
      tx.query_one(
            "INSERT INTO review_decisions (cycle_id, unit_id, organ, kind, number, decided_on, signer, body, "
            "complaint_id, appraisal_json, decided_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
            "$6, $7, $8, $9, $10, $11, 1, $12, $12) RETURNING id",
            store::params(cycle_id, *unit_id, organ_code(organ), kind, *number, *date, *signer, text.value_or(""),
                          complaint_id, appraisal.dump(), account_of(call.who), now))
          ->get_int(0);
  const std::string reason = fmt::format("Quyết định số {} ngày {}", *number, domain::iso_to_dmy(*date));
  for (const auto& g : decision->grades) {
    SubjectRow& s = *by_id.at(std::stoll(g.subject));
    if (!deciding.count(s.id)) continue;  // a standing grade, counted only
    auto previous =
        tx.query_one("SELECT grade FROM decision_grades WHERE subject_id = $1 ORDER BY decision_id DESC LIMIT 1",
                     store::params(s.id));
    tx.execute("INSERT INTO decision_grades (decision_id, subject_id, grade, previous_grade) VALUES ($1, $2, $3, $4)",
               store::params(decision_id, s.id,
                             g.grade ? std::optional<std::string>(std::string(domain::code(*g.grade))) : std::nullopt,
                             previous ? previous->get_optional_text(0) : std::nullopt));
    XEPLOAI_REVIEW_TRY(
        move(tx, call, s, workflow::Action::decide, workflow::Actor::competent_level, reason, g.grade, now));
  }
  // The statistics' stored sums move with the grades, in the same transaction (docs/statistics.md).
  XEPLOAI_REVIEW_TRY(stats::refresh_counts(tx, cycle_id, *unit_id));
  Json after = decision_json(tx, decision_id);
  record_audit(tx, &call.who, {"decision.create", "decision", decision_id, nullptr, after, *unit_id}, call.request_id);
  return after;
}

namespace {

struct DecisionRow {
  std::int64_t id = 0, cycle_id = 0, unit_id = 0, version = 0;
  std::string number, date;
  std::optional<std::int64_t> published_at;
};

std::optional<DecisionRow> load_decision(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(
      "SELECT id, cycle_id, unit_id, version, number, decided_on, published_at FROM review_decisions WHERE id = $1",
      store::params(id));
  if (!r) return std::nullopt;
  return DecisionRow{r->get_int(0),  r->get_int(1),  r->get_int(2),         r->get_int(3),
                     r->get_text(4), r->get_text(5), r->get_optional_int(6)};
}

Error decision_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy quyết định {} / Decision {} not found", id, id));
}

}  // namespace

Result<Json> get_decision(store::Transaction& tx, const Call& call, std::int64_t decision_id) {
  auto d = load_decision(tx, decision_id);
  if (!d) return decision_not_found(decision_id);
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, d->unit_id));
  return decision_json(tx, decision_id);
}

Result<org::Page> list_decisions(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                 const DecisionQuery& query) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  auto unit_path = list_unit_path(tx, call, *c, query.unit_id);
  if (!unit_path) return std::move(unit_path).error();
  auto [lo, hi] = path_range(*unit_path);
  // Read through review_decisions (cycle_id, unit_id) for the subtree's units; the subjects are counted on
  // decision_grades' primary key.
  const std::string from =
      "FROM review_decisions d JOIN units u ON u.id = d.unit_id WHERE d.cycle_id = $1 AND d.unit_id IN (SELECT id "
      "FROM units WHERE path >= $2 AND path < $3)";
  org::Page page;
  page.total = tx.query_one("SELECT COUNT(*) " + from, store::params(cycle_id, lo, hi))->get_int(0);
  for (auto& r : tx.query("SELECT d.id, d.unit_id, u.name, d.organ, d.kind, d.number, d.decided_on, d.signer, "
                          "d.complaint_id, d.published_at, (SELECT COUNT(*) FROM decision_grades g WHERE "
                          "g.decision_id = d.id) " +
                              from + " ORDER BY d.decided_on DESC, d.id DESC LIMIT $4 OFFSET $5",
                          store::params(cycle_id, lo, hi, static_cast<std::int64_t>(query.limit), query.offset)))
    page.items.push_back({{"id", r.get_int(0)},
                          {"cycle_id", cycle_id},
                          {"unit_id", r.get_int(1)},
                          {"unit_name", r.get_text(2)},
                          {"organ", r.get_text(3)},
                          {"kind", r.get_text(4)},
                          {"number", r.get_text(5)},
                          {"date", r.get_text(6)},
                          {"signer", r.get_text(7)},
                          {"complaint_id", r.is_null(8) ? Json() : Json(r.get_int(8))},
                          {"published_at", r.is_null(9) ? Json() : Json(r.get_int(9))},
                          {"subject_count", r.get_int(10)}});
  return page;
}

Result<Json> publish(store::Transaction& tx, const Call& call, std::int64_t decision_id, const Json& body) {
  auto d = load_decision(tx, decision_id);
  if (!d) return decision_not_found(decision_id);
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::decide_grades, d->unit_id));
  Fields f(body);
  f.only({});
  if (!f.ok()) return f.error();
  if (d->published_at)
    return Error::conflict(
        fmt::format("Quyết định {} đã được công bố / Decision {} is already published", d->number, d->number));
  const auto c = *load_cycle(tx, d->cycle_id);
  std::vector<SubjectRow> subjects;
  std::vector<ErrorDetail> conflicts;
  std::vector<std::optional<std::string>> granted;
  for (auto& r : tx.query("SELECT subject_id, grade FROM decision_grades WHERE decision_id = $1 ORDER BY subject_id",
                          store::params(decision_id))) {
    auto s = *load_subject_row(tx, r.get_int(0));
    auto latest =
        tx.query_one("SELECT MAX(decision_id) FROM decision_grades WHERE subject_id = $1", store::params(s.id));
    if (s.state != "decided" || latest->get_int(0) != decision_id)
      conflicts.push_back({"subjects." + std::to_string(s.id),
                           fmt::format("{}: kết quả của quyết định này không còn hiệu lực (trạng thái '{}') / the "
                                       "grade of this decision no longer stands (state '{}')",
                                       s.name, s.state, s.state)});
    granted.push_back(r.get_optional_text(1));
    subjects.push_back(std::move(s));
  }
  if (!conflicts.empty())
    return Error{ErrorCode::conflict, "Không thể công bố quyết định này / this decision cannot be published",
                 std::move(conflicts)};
  const auto now = now_ms();
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    auto& s = subjects[i];
    XEPLOAI_REVIEW_TRY(
        move(tx, call, s, workflow::Action::publish, workflow::Actor::competent_level, "", std::nullopt, now));
    const auto grade = granted[i] ? domain::parse_grade(*granted[i]) : std::nullopt;
    const std::string vi =
        grade ? fmt::format(
                    "Kết quả xếp loại chất lượng {} của {}: {} ({}) — Quyết định số {} "
                    "ngày {}.",
                    period_vi(c), s.name, domain::name_vi(*grade), domain::code(*grade), d->number, domain::iso_to_dmy(d->date))
              : fmt::format("Kết quả kiểm điểm {} của {} đã được công bố — Quyết định số {}.", period_vi(c), s.name,
                            d->number);
    const std::string en =
        grade ? fmt::format("{} quality grade of {}: {} ({}) — decision {} of {}.", period_en(c), s.name,
                            domain::name_en(*grade), domain::code(*grade), d->number, domain::iso_to_dmy(d->date))
              : fmt::format("{} review result of {} published — decision {}.", period_en(c), s.name, d->number);
    notify(tx, s.person_id, s.unit_id, "grade_published", s.id, vi, en, now);
  }
  tx.execute(
      "UPDATE review_decisions SET published_at = $2, published_by = $3, version = version + 1, updated_at = $2 "
      "WHERE id = $1",
      store::params(decision_id, now, account_of(call.who)));
  Json after = decision_json(tx, decision_id);
  record_audit(tx, &call.who,
               {"decision.publish", "decision", decision_id, {{"published_at", nullptr}}, after, d->unit_id},
               call.request_id);
  return after;
}

namespace {

Json notification_json(const store::Row& r) {
  return {{"id", r.get_int(0)},
          {"kind", r.get_text(1)},
          {"unit_id", r.get_int(2)},
          {"subject_id", r.is_null(3) ? Json() : Json(r.get_int(3))},
          {"person_id", r.is_null(4) ? Json() : Json(r.get_int(4))},
          {"text_vi", r.get_text(5)},
          {"text_en", r.get_text(6)},
          {"created_at", r.get_int(7)},
          {"read_at", r.is_null(8) ? Json() : Json(r.get_int(8))}};
}

constexpr const char* kNotificationColumns =
    "SELECT n.id, n.kind, n.unit_id, n.subject_id, n.person_id, n.text_vi, n.text_en, n.created_at, n.read_at FROM "
    "notifications n ";

}  // namespace

Result<Json> my_notifications(store::Transaction& tx, const Call& call) {
  Json items = Json::array();
  for (auto& r : tx.query(std::string(kNotificationColumns) +
                              "WHERE n.person_id = $1 OR n.account_id = $2 ORDER BY n.created_at DESC, n.id DESC "
                              "LIMIT 200",
                          store::params(call.who.person_id.value_or(-1), call.who.account_id)))
    items.push_back(notification_json(r));
  return Json{{"items", items}};
}

Result<Json> read_notification(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto r =
      tx.query_one(std::string(kNotificationColumns) + "WHERE n.id = $1 AND (n.person_id = $2 OR n.account_id = $3)",
                   store::params(id, call.who.person_id.value_or(-1), call.who.account_id));
  // Another's notification is not revealed.
  if (!r) return Error::not_found(fmt::format("Không tìm thấy thông báo {} / Notification {} not found", id, id));
  Fields f(body);
  f.only({});
  if (!f.ok()) return f.error();
  if (r->is_null(8)) {
    const auto now = now_ms();
    tx.execute("UPDATE notifications SET read_at = $2 WHERE id = $1", store::params(id, now));
    record_audit(tx, &call.who, {"notification.read", "notification", id, nullptr, {{"read_at", now}}, r->get_int(2)},
                 call.request_id);
    r = tx.query_one(std::string(kNotificationColumns) + "WHERE n.id = $1", store::params(id));
  }
  return notification_json(*r);
}

Result<Json> unit_notifications(store::Transaction& tx, const Call& call, std::int64_t unit_id) {
  auto u = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(unit_id));
  if (!u) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", unit_id, unit_id));
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, unit_id));
  auto [lo, hi] = path_range(u->get_text(0));
  Json items = Json::array();
  for (auto& r : tx.query(std::string(kNotificationColumns) +
                              "JOIN units u ON u.id = n.unit_id WHERE u.path >= $1 AND u.path < $2 ORDER BY "
                              "n.created_at DESC, n.id DESC LIMIT 500",
                          store::params(lo, hi)))
    items.push_back(notification_json(r));
  return Json{{"items", items}};
}

Result<Json> cancel_grade(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto w = begin_superior_write(tx, call, subject_id);
  if (!w) return std::move(w).error();
  auto& s = w->subject;
  const auto& c = w->cycle;
  Fields f(body);
  f.only({"reason"});
  auto reason = f.text("reason", true, 5000);
  if (!f.ok()) return f.error();
  const Json before = {{"state", s.state}, {"grade", s.grade ? Json(*s.grade) : Json()}};
  const auto now = now_ms();
  XEPLOAI_REVIEW_TRY(
      move(tx, call, s, workflow::Action::cancel, workflow::Actor::superior_level, *reason, std::nullopt, now));
  XEPLOAI_REVIEW_TRY(stats::refresh_counts(tx, s.cycle_id, s.unit_id));
  notify(
      tx, s.person_id, s.unit_id, "grade_cancelled", s.id,
      fmt::format("Kết quả xếp loại {} của {} đã bị cấp trên hủy để xếp loại lại: {}", period_vi(c), s.name, *reason),
      fmt::format("The {} grade of {} was cancelled by the superior level for re-grading: {}", period_en(c), s.name,
                  *reason),
      now);
  const Json after = {{"subject_id", s.id}, {"state", s.state}, {"reason", *reason}, {"version", s.version}};
  record_audit(tx, &call.who, {"review.cancel", "review", s.id, before, after, s.unit_id}, call.request_id);
  return after;
}

Result<Json> reopen_grade(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto w = begin_superior_write(tx, call, subject_id);
  if (!w) return std::move(w).error();
  auto& s = w->subject;
  const auto& c = w->cycle;
  Fields f(body);
  f.only({"conclusion_id", "reason"});
  auto conclusion_id = f.id("conclusion_id", true);
  auto reason = f.text("reason", true, 5000);
  if (!f.ok()) return f.error();
  auto k =
      tx.query_one("SELECT person_id, kind, decided_on, violation_year, form FROM member_conclusions WHERE id = $1",
                   store::params(*conclusion_id));
  if (!k || !s.person_id || k->get_int(0) != *s.person_id || k->get_text(1) != "discipline")
    return invalid_field("conclusion_id",
                         "không phải quyết định kỷ luật đảng viên này / not a discipline of this member");
  const int violation = static_cast<int>(k->get_int(3));
  const int decided = workflow::year_of(*domain::parse_iso_date(k->get_text(2)));
  auto regime = workflow::regime_of(ruleset_of(c));
  if (!regime) return std::move(regime).error();
  if (auto ok = workflow::discipline_reopens(*regime, c.year, violation, decided); !ok) {
    return std::move(ok).error();  // its problems are bilingual (workflow/review.cpp)
  }
  const Json before = {{"state", s.state}, {"grade", s.grade ? Json(*s.grade) : Json()}};
  const auto now = now_ms();
  XEPLOAI_REVIEW_TRY(move(tx, call, s, workflow::Action::reopen_for_discipline, workflow::Actor::superior_level,
                          *reason, std::nullopt, now));
  XEPLOAI_REVIEW_TRY(stats::refresh_counts(tx, s.cycle_id, s.unit_id));
  notify(tx, s.person_id, s.unit_id, "grade_reopened", s.id,
         fmt::format("Kết quả xếp loại {} của {} được mở lại do kỷ luật về vi phạm năm {}: {}", period_vi(c), s.name,
                     violation, *reason),
         fmt::format("The {} grade of {} is reopened for a discipline about a violation of {}: {}", period_en(c),
                     s.name, violation, *reason),
         now);
  const Json after = {{"subject_id", s.id},
                      {"state", s.state},
                      {"conclusion_id", *conclusion_id},
                      {"reason", *reason},
                      {"version", s.version}};
  record_audit(tx, &call.who, {"review.reopen", "review", s.id, before, after, s.unit_id}, call.request_id);
  return after;
}

Result<Json> record_conclusion(store::Transaction& tx, const Call& call, std::int64_t person_id, const Json& body) {
  auto p = tx.query_one("SELECT unit_id FROM people WHERE id = $1", store::params(person_id));
  if (!p || p->is_null(0))
    return Error::not_found(fmt::format("Không tìm thấy đảng viên {} / person {} not found", person_id, person_id));
  const std::int64_t unit = p->get_int(0);
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::record_conclusion, unit));
  Fields f(body);
  f.only({"kind", "decided_on", "violation_year", "form", "self_detected_remedied", "note"});
  auto kind = f.one_of("kind", {"discipline", "degradation", "must_not_do_violation"}, true);
  auto decided_on = f.date("decided_on", true);
  auto form = f.one_of("form", {"khien_trach", "canh_cao", "cach_chuc", "khai_tru"}, false);
  auto remedied = f.boolean("self_detected_remedied", false);
  auto note = f.text("note", false, 5000);
  std::optional<std::int64_t> violation;
  if (!body.is_object() || !body.contains("violation_year") || !body["violation_year"].is_number_integer() ||
      body["violation_year"].get<std::int64_t>() < 2000 || body["violation_year"].get<std::int64_t>() > 2100)
    f.fail("violation_year", "bắt buộc, năm từ 2000 đến 2100 / required, a year from 2000 to 2100");
  else
    violation = body["violation_year"].get<std::int64_t>();
  if (kind && *kind == "discipline" && !form) f.fail("form", "bắt buộc với kỷ luật / required for a discipline");
  if (decided_on && violation && workflow::year_of(*domain::parse_iso_date(*decided_on)) < *violation)
    f.fail("violation_year", "sau ngày quyết định / after the decision date");
  if (!f.ok()) return f.error();
  const auto now = now_ms();
  const auto id = tx.query_one(
                        "INSERT INTO member_conclusions (person_id, kind, decided_on, form, violation_year, "
                        "self_detected_remedied, note, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        "$8, $9) RETURNING id",
                        store::params(person_id, *kind, *decided_on, form, *violation, remedied.value_or(false),
                                      note.value_or(""), account_of(call.who), now))
                      ->get_int(0);
  const Json after = {{"id", id},
                      {"person_id", person_id},
                      {"kind", *kind},
                      {"decided_on", *decided_on},
                      {"form", form ? Json(*form) : Json()},
                      {"violation_year", *violation},
                      {"self_detected_remedied", remedied.value_or(false)},
                      {"note", note.value_or("")}};
  record_audit(tx, &call.who, {"conclusion.record", "person", person_id, nullptr, after, unit}, call.request_id);
  return after;
}

namespace {

Json history_of(store::Transaction& tx, std::int64_t subject_id) {
  Json transitions = Json::array(), decisions = Json::array(), complaints = Json::array();
  for (auto& r : tx.query("SELECT t.from_state, t.to_state, t.action, t.actor, a.username, t.at, t.reason, t.grade "
                          "FROM review_transitions t LEFT JOIN accounts a ON a.id = t.account_id WHERE t.subject_id = "
                          "$1 ORDER BY t.id",
                          store::params(subject_id)))
    transitions.push_back({{"from", r.get_text(0)},
                           {"to", r.get_text(1)},
                           {"action", r.get_text(2)},
                           {"actor", r.get_text(3)},
                           {"account", r.is_null(4) ? Json() : Json(r.get_text(4))},
                           {"at", r.get_int(5)},
                           {"reason", r.get_text(6)},
                           {"grade", r.is_null(7) ? Json() : Json(r.get_text(7))}});
  for (auto& r : tx.query("SELECT d.id, d.number, d.decided_on, d.signer, d.unit_id, u.name, d.kind, g.grade, "
                          "g.previous_grade, d.published_at, d.complaint_id FROM decision_grades g JOIN "
                          "review_decisions d ON d.id = g.decision_id JOIN units u ON u.id = d.unit_id WHERE "
                          "g.subject_id = $1 ORDER BY d.id",
                          store::params(subject_id)))
    decisions.push_back({{"id", r.get_int(0)},
                         {"number", r.get_text(1)},
                         {"date", r.get_text(2)},
                         {"signer", r.get_text(3)},
                         {"unit_id", r.get_int(4)},
                         {"unit_name", r.get_text(5)},
                         {"kind", r.get_text(6)},
                         {"grade", r.is_null(7) ? Json() : Json(r.get_text(7))},
                         {"previous_grade", r.is_null(8) ? Json() : Json(r.get_text(8))},
                         {"published_at", r.is_null(9) ? Json() : Json(r.get_int(9))},
                         {"complaint_id", r.is_null(10) ? Json() : Json(r.get_int(10))}});
  for (auto& r : tx.query("SELECT id, decision_id, filed_on, text, requested, outcome, answered_on, reasons, version "
                          "FROM review_complaints WHERE subject_id = $1 ORDER BY id",
                          store::params(subject_id)))
    complaints.push_back({{"id", r.get_int(0)},
                          {"decision_id", r.get_int(1)},
                          {"filed_on", r.get_text(2)},
                          {"text", r.get_text(3)},
                          {"requested", r.is_null(4) ? Json() : Json(r.get_text(4))},
                          {"outcome", r.get_text(5)},
                          {"answered_on", r.is_null(6) ? Json() : Json(r.get_text(6))},
                          {"reasons", r.get_text(7)},
                          {"version", r.get_int(8)}});
  return {{"transitions", transitions}, {"decisions", decisions}, {"complaints", complaints}};
}

}  // namespace

Result<Json> get_review(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  auto s = load_subject_row(tx, subject_id);
  if (!s) return review_not_found(subject_id);
  if (!is_self(call.who, *s)) XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, s->unit_id));
  const auto c = *load_cycle(tx, s->cycle_id);
  Json out = history_of(tx, s->id);
  out["id"] = s->id;
  out["cycle_id"] = s->cycle_id;
  out["year"] = c.year;
  out["quarter"] = c.quarter;
  out["ruleset"] = c.ruleset;
  out["kind"] = s->kind;
  out["name"] = s->name;
  out["person_id"] = s->person_id ? Json(*s->person_id) : Json();
  out["unit_id"] = s->unit_id;
  out["state"] = s->state;
  out["graded"] = s->graded;
  out["meeting_grade"] = s->meeting_grade ? Json(*s->meeting_grade) : Json();
  out["proposed_grade"] = s->proposed_grade ? Json(*s->proposed_grade) : Json();
  out["grade"] = s->grade ? Json(*s->grade) : Json();
  out["version"] = s->version;
  return out;
}

Result<Json> my_results(store::Transaction& tx, const Call& call) {
  Json items = Json::array();
  if (!call.who.person_id) return Json{{"items", items}};
  for (auto& r : tx.query("SELECT s.id, s.cycle_id, c.year, c.quarter, c.ruleset, s.unit_id, u.name, s.state, s.grade, "
                          "s.graded FROM review_subjects s JOIN review_cycles c ON c.id = s.cycle_id JOIN units u ON "
                          "u.id = s.unit_id WHERE s.person_id = $1 AND s.place = 'cell' ORDER BY c.year DESC, "
                          "c.quarter DESC, s.id",
                          store::params(*call.who.person_id))) {
    const std::string state = r.get_text(7);
    // The member sees a grade once it is published (and while a complaint about it is pending).
    const bool shown = (state == "published" || state == "complaint_filed") && !r.is_null(8);
    Json decisions = Json::array();
    for (auto& d : tx.query("SELECT d.id, d.number, d.decided_on, d.kind, g.grade, d.published_at FROM decision_grades "
                            "g JOIN review_decisions d ON d.id = g.decision_id WHERE g.subject_id = $1 AND "
                            "d.published_at IS NOT NULL ORDER BY d.id",
                            store::params(r.get_int(0))))
      decisions.push_back({{"id", d.get_int(0)},
                           {"number", d.get_text(1)},
                           {"date", d.get_text(2)},
                           {"kind", d.get_text(3)},
                           {"grade", d.is_null(4) ? Json() : Json(d.get_text(4))},
                           {"published_at", d.get_int(5)}});
    items.push_back({{"review_id", r.get_int(0)},
                     {"cycle_id", r.get_int(1)},
                     {"year", r.get_int(2)},
                     {"quarter", r.get_int(3)},
                     {"ruleset", r.get_text(4)},
                     {"unit_id", r.get_int(5)},
                     {"unit_name", r.get_text(6)},
                     {"state", state},
                     {"graded", r.get_bool(9)},
                     {"grade", shown ? Json(r.get_text(8)) : Json()},
                     {"decisions", decisions}});
  }
  return Json{{"items", items}};
}

}  // namespace xeploai::service::review
