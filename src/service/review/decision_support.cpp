// What the appraisal, the decisions and the complaints share (internal/decisions.hpp).
#include <fmt/format.h>

#include "batch/ruleset_loader.hpp"
#include "service/review/internal/decisions.hpp"
#include "workflow/forms.hpp"

namespace xeploai::service::review::internal {

bool TreeView::within(std::int64_t unit, std::int64_t ancestor) const {
  auto u = at(unit), a = at(ancestor);
  if (!u || !a) return false;
  return paths[*u].compare(0, paths[*a].size(), paths[*a]) == 0;
}

std::string TreeView::name(std::int64_t unit) const {
  auto u = at(unit);
  return u ? names[*u] : std::to_string(unit);
}

TreeView load_tree(store::Transaction& tx, const CycleRow& c) {
  TreeView t;
  auto [lo, hi] = path_range(c.root_path);
  // The root's ancestors are the prefixes of its path ("/1/7/" -> 1): they decide the root's own grade.
  std::vector<std::int64_t> above;
  {
    std::string part;
    for (char ch : c.root_path) {
      if (ch == '/') {
        if (!part.empty()) above.push_back(std::stoll(part));
        part.clear();
      } else {
        part += ch;
      }
    }
  }
  std::vector<std::int64_t> parents;
  auto add = [&](const store::Row& r) {
    t.index[r.get_int(0)] = static_cast<std::int32_t>(t.ids.size());
    t.ids.push_back(r.get_int(0));
    t.nodes.push_back({std::to_string(r.get_int(0)), *domain::parse_unit_kind(r.get_text(1)), -1});
    t.paths.push_back(r.get_text(2));
    t.names.push_back(r.get_text(3));
    parents.push_back(r.is_null(4) ? 0 : r.get_int(4));
  };
  for (auto id : above)
    if (id != c.root_unit_id)
      if (auto r = tx.query_one("SELECT id, kind, path, name, parent_id FROM units WHERE id = $1", store::params(id)))
        add(*r);
  for (auto& r : tx.query("SELECT id, kind, path, name, parent_id FROM units WHERE path >= $1 AND path < $2 AND "
                          "dissolved_on IS NULL ORDER BY path",
                          store::params(lo, hi)))
    add(r);
  for (std::size_t i = 0; i < t.nodes.size(); ++i) {
    auto p = t.index.find(parents[i]);
    t.nodes[i].parent = p == t.index.end() ? -1 : p->second;
  }
  return t;
}

namespace {

const std::string kSubjectColumns = fmt::format(
    "SELECT s.id, s.cycle_id, s.unit_id, s.version, s.kind, s.person_id, s.collective_id, s.profile, s.form, "
    "s.state, s.reviewed, s.graded, s.grade, s.meeting_grade, s.proposed_grade, {}, ms.civil_servant_grade FROM "
    "review_subjects s {} JOIN units u ON u.id = s.unit_id LEFT JOIN review_meeting_subjects ms ON "
    "ms.subject_id = s.id ",
    kSubjectName, kSubjectNameJoins);

SubjectRow subject_from(const store::Row& r) {
  SubjectRow s;
  s.id = r.get_int(0);
  s.cycle_id = r.get_int(1);
  s.unit_id = r.get_int(2);
  s.version = r.get_int(3);
  s.kind = r.get_text(4);
  s.person_id = r.get_optional_int(5);
  s.collective_id = r.get_optional_int(6);
  s.profile = r.get_text(7);
  s.form = r.get_text(8);
  s.state = r.get_text(9);
  s.reviewed = r.get_bool(10);
  s.graded = r.get_bool(11);
  s.grade = r.get_optional_text(12);
  s.meeting_grade = r.get_optional_text(13);
  s.proposed_grade = r.get_optional_text(14);
  s.name = r.get_text(15);
  s.civil_servant_grade = r.get_optional_text(16);
  return s;
}

}  // namespace

std::optional<SubjectRow> load_subject_row(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(kSubjectColumns + "WHERE s.id = $1", store::params(id));
  if (!r) return std::nullopt;
  return subject_from(*r);
}

std::vector<SubjectRow> load_cycle_subjects(store::Transaction& tx, std::int64_t cycle_id) {
  std::vector<SubjectRow> out;
  for (auto& r : tx.query(kSubjectColumns + "WHERE s.cycle_id = $1 ORDER BY s.id", store::params(cycle_id)))
    out.push_back(subject_from(r));
  return out;
}

Error review_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy hồ sơ kiểm điểm {} / Review {} not found", id, id));
}

bool grade_stands(const std::string& state) {
  return state == "decided" || state == "published" || state == "complaint_filed";
}

Result<workflow::Competence> Competences::of(const SubjectRow& s) {
  auto key = std::make_pair(s.kind, s.unit_id);
  auto it = memo_.find(key);
  if (it == memo_.end())
    it = memo_
             .emplace(key, workflow::competent_level(tree_.nodes, *domain::parse_subject_kind(s.kind),
                                                     std::to_string(s.unit_id)))
             .first;
  return it->second;
}

std::int64_t unit_of(const workflow::Competence& c) { return c.unit.empty() ? 0 : std::stoll(c.unit); }

const domain::Ruleset& ruleset_of(const CycleRow& c) { return *batch::default_catalog().find(c.ruleset); }

Result<domain::Batch> batch_for(store::Transaction& tx, const CycleRow& c, const TreeView& tree,
                                const std::vector<const SubjectRow*>& subjects,
                                const std::map<std::int64_t, std::string>& proposals) {
  const domain::Ruleset& rs = ruleset_of(c);
  const workflow::Cycle wc = to_workflow(tx, c);
  const domain::Days start = workflow::period_start(wc), end = workflow::period_end(wc);
  std::map<std::string, workflow::FormDef> forms;
  std::vector<workflow::CaseFacts> cases;
  cases.reserve(subjects.size());
  for (const SubjectRow* s : subjects) {
    workflow::CaseFacts f;
    f.unit = std::to_string(s->unit_id);
    domain::Subject& d = f.subject;
    d.id = std::to_string(s->id);
    d.kind = *domain::parse_subject_kind(s->kind);
    d.leader = s->profile == "leader" || s->profile == "leader_central";
    if (s->person_id) {
      if (auto p = tx.query_one("SELECT status, admitted_on FROM people WHERE id = $1", store::params(*s->person_id))) {
        d.status = domain::parse_member_status(p->get_text(0)).value_or(domain::MemberStatus::active);
        if (!p->is_null(1)) d.admitted = domain::parse_iso_date(p->get_text(1)).value_or(domain::kNoDate);
      }
      // Conclusions of this period, or about a violation of this year decided later (R-DISC-3 under 124/132).
      for (auto& r : tx.query("SELECT kind, decided_on, form, violation_year, self_detected_remedied FROM "
                              "member_conclusions WHERE person_id = $1 AND ((decided_on >= $2 AND decided_on <= $3) "
                              "OR violation_year = $4) ORDER BY decided_on, id",
                              store::params(*s->person_id, domain::format_iso(start), domain::format_iso(end),
                                            std::int64_t{c.year}))) {
        const std::string kind = r.get_text(0);
        if (kind == "discipline") {
          d.discipline.push_back({*domain::parse_iso_date(r.get_text(1)), *domain::parse_discipline_form(r.get_text(2)),
                                  static_cast<std::int32_t>(r.get_int(3)), r.get_bool(4)});
        } else if (kind == "degradation") {
          d.degradation_concluded = true;
        } else {
          d.must_not_do_violation = true;
        }
      }
    } else if (s->collective_id) {
      if (auto k = tx.query_one("SELECT valid_from FROM collectives WHERE id = $1", store::params(*s->collective_id)))
        d.established = domain::parse_iso_date(k->get_text(0)).value_or(domain::kNoDate);
    } else if (auto u = tx.query_one("SELECT established_on FROM units WHERE id = $1", store::params(s->unit_id))) {
      d.established = domain::parse_iso_date(u->get_text(0)).value_or(domain::kNoDate);
    }
    if (auto st = tx.query_one("SELECT body_json FROM review_statements WHERE subject_id = $1", store::params(s->id))) {
      auto form = forms.find(s->profile);
      if (form == forms.end()) {
        auto profile = parse_profile(s->profile);
        if (!profile) return Error::internal("review " + std::to_string(s->id) + ": unknown profile " + s->profile);
        auto def = workflow::form_for(rs, *profile, c.quarter);
        if (!def) return std::move(def).error();
        form = forms.emplace(s->profile, std::move(*def)).first;
      }
      std::vector<ErrorDetail> ignored;  // the statement was checked when saved
      workflow::apply_statement(form->second, parse_statement(Json::parse(st->get_text(0)), ignored), d);
    }
    // R-LINK-1/2: the agency grades a civil servant first; the grade the meeting recorded caps the party grade
    // where the ruleset says so (132: at most HTTNV below an HTXSNV agency grade, KHTNV for a KHTNV one).
    if (s->civil_servant_grade)
      if (auto g = domain::parse_grade(*s->civil_servant_grade)) d.civil_servant_grade = static_cast<std::int8_t>(*g);
    auto proposal = proposals.find(s->id);
    d.proposed =
        proposal == proposals.end() ? domain::kNone : static_cast<std::int8_t>(*domain::parse_grade(proposal->second));
    cases.push_back(std::move(f));
  }
  const domain::Days as_of = domain::parse_iso_date(c.grading_date).value_or(end);
  return workflow::build_batch(wc, as_of, tree.nodes, cases);
}

Result<void> move(store::Transaction& tx, const Call& call, SubjectRow& s, workflow::Action action,
                  workflow::Actor actor, const std::string& reason, std::optional<domain::Grade> grade,
                  std::int64_t now) {
  workflow::Review review;
  review.subject = std::to_string(s.id);
  review.state = *workflow::parse_review_state(s.state);
  review.version = s.version;
  review.grade = s.grade ? domain::parse_grade(*s.grade) : std::nullopt;
  XEPLOAI_REVIEW_TRY(
      workflow::apply(review, {action, actor, call.who.username.empty() ? std::string("system") : call.who.username,
                               now / 1000, reason, grade}));
  const auto& t = review.history.back();
  tx.execute(
      "INSERT INTO review_transitions (subject_id, from_state, to_state, action, actor, account_id, at, reason, grade) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      store::params(s.id, workflow::code(t.from), workflow::code(t.to), workflow::code(t.action),
                    workflow::code(t.actor), account_of(call.who), now, t.reason,
                    t.grade ? std::optional<std::string>(std::string(domain::code(*t.grade))) : std::nullopt));
  const std::optional<std::string> new_grade =
      review.grade ? std::optional<std::string>(std::string(domain::code(*review.grade))) : std::nullopt;
  auto changed = tx.execute(
      "UPDATE review_subjects SET state = $2, grade = $3, version = $4, updated_at = $5 WHERE id = $1 AND version = $6",
      store::params(s.id, workflow::code(review.state), new_grade, review.version, now, s.version));
  if (changed != 1) return stale_version(s.version);
  s.state = std::string(workflow::code(review.state));
  s.grade = new_grade;
  s.version = review.version;
  return {};
}

void notify(store::Transaction& tx, std::optional<std::int64_t> person, std::int64_t unit, const std::string& kind,
            std::optional<std::int64_t> subject, const std::string& vi, const std::string& en, std::int64_t now) {
  tx.execute(
      "INSERT INTO notifications (person_id, unit_id, kind, subject_id, text_vi, text_en, created_at) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7)",
      store::params(person, unit, kind, subject, vi, en, now));
}

namespace {
Json grade_or_null(const std::optional<domain::Grade>& g) { return g ? Json(domain::code(*g)) : Json(nullptr); }
}  // namespace

Json appraisal_json(const workflow::Appraisal& a, const TreeView& tree,
                    const std::map<std::string, const SubjectRow*>& by_id) {
  Json subjects = Json::array(), quotas = Json::array();
  for (const auto& s : a.subjects) {
    const SubjectRow* row = by_id.at(s.subject);
    Json findings = Json::array();
    for (const auto& f : s.findings)
      findings.push_back({{"rule", f.rule},
                          {"source", f.source},
                          {"message_vi", f.message_vi},
                          {"message_en", f.message_en},
                          {"cap", grade_or_null(f.cap)}});
    subjects.push_back({{"subject_id", row->id},
                        {"kind", row->kind},
                        {"name", row->name},
                        {"person_id", row->person_id ? Json(*row->person_id) : Json(nullptr)},
                        {"unit_id", row->unit_id},
                        {"state", row->state},
                        {"version", row->version},
                        {"graded", s.graded},
                        {"max", grade_or_null(s.max)},
                        {"grade", grade_or_null(s.grade)},
                        {"proposed", grade_or_null(s.proposed)},
                        {"civil_servant_grade", row->civil_servant_grade ? Json(*row->civil_servant_grade) : Json()},
                        {"proposal_above_max", s.proposal_above_max},
                        {"findings", findings}});
  }
  for (const auto& q : a.quotas) {
    // The scope is a unit id, with "#leaders"/"#members" when leaders are counted apart.
    const auto hash = q.scope.find('#');
    const std::int64_t unit = std::stoll(q.scope.substr(0, hash));
    quotas.push_back({{"rule", q.rule},
                      {"unit_id", unit},
                      {"unit_name", tree.name(unit)},
                      {"part", hash == std::string::npos ? Json(nullptr) : Json(q.scope.substr(hash + 1))},
                      {"grade", domain::code(q.grade)},
                      {"base", q.base},
                      {"limit", q.limit},
                      {"percent", q.percent},
                      {"count", q.count},
                      {"ok", q.ok}});
  }
  return {{"ok", a.ok}, {"subjects", subjects}, {"quotas", quotas}};
}

bool is_self(const Principal& who, const SubjectRow& s) { return who.person_id && s.person_id == who.person_id; }

Result<std::string> list_unit_path(store::Transaction& tx, const Call& call, const CycleRow& cycle,
                                   std::optional<std::int64_t> unit_id) {
  const std::int64_t target = unit_id.value_or(cycle.root_unit_id);
  auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(target));
  // Dissolved units are kept: their complaints and decisions stay part of the cycle's record.
  const std::string path = row ? row->get_text(0) : std::string();
  const bool below = row && path.compare(0, cycle.root_path.size(), cycle.root_path) == 0;
  const bool above = row && cycle.root_path.compare(0, path.size(), path) == 0;
  if (!below && !above)
    return invalid_field("query.unit_id",
                         fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of cycle {}", target,
                                     cycle.id, target, cycle.id));
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, target));
  return path;
}

}  // namespace xeploai::service::review::internal
