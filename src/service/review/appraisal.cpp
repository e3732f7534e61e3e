// The appraisal (thẩm định) of a competent level's subjects — a what-if, nothing stored — and the proposal the
// appraiser confirms for each subject.
#include <fmt/format.h>

#include "service/audit.hpp"
#include "service/review/decisions.hpp"
#include "service/review/internal/decisions.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

bool at_or_past_review(const std::string& state) {
  auto s = workflow::parse_review_state(state);
  return s && workflow::at_or_past_review(*s);
}

// `grades` as {"<subject id>": grade}; problems under `name`.
std::map<std::int64_t, std::string> read_grades(const Json& body, const std::string& name, Fields& f) {
  std::map<std::int64_t, std::string> out;
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return out;
  const Json& g = body[name];
  if (!g.is_object()) {
    f.fail(name, "phải là đối tượng {mã hồ sơ: mức} / must be an object {subject id: grade}");
    return out;
  }
  for (auto it = g.begin(); it != g.end(); ++it) {
    std::int64_t id = 0;
    try {
      std::size_t used = 0;
      id = std::stoll(it.key(), &used);
      if (used != it.key().size() || id <= 0) id = 0;
    } catch (const std::exception&) {
      id = 0;
    }
    if (id == 0) {
      f.fail(name + "." + it.key(), "không phải mã hồ sơ / not a subject id");
      continue;
    }
    auto grade = it->is_string() ? domain::parse_grade(it->get<std::string>()) : std::nullopt;
    if (!grade) {
      f.fail(name + "." + it.key(), "không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV) / not a grade");
      continue;
    }
    out[id] = std::string(domain::code(*grade));
  }
  return out;
}

}  // namespace

Result<Json> appraise_scope(store::Transaction& tx, const Call& call, std::int64_t cycle_id, const Json& body) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  Fields f(body);
  f.only({"unit_id", "overrides"});
  auto unit_id = f.id("unit_id", true);
  if (!unit_id) return f.error();
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::appraise, *unit_id));
  auto overrides = read_grades(body, "overrides", f);
  if (!f.ok()) return f.error();
  const TreeView tree = load_tree(tx, *c);
  if (!tree.at(*unit_id))
    return invalid_field(
        "unit_id", fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of cycle {}", *unit_id,
                               cycle_id, *unit_id, cycle_id));

  // The scope's subjects from the meeting on, and the grades standing below it (roll-ups read them).
  const auto subjects = load_cycle_subjects(tx, cycle_id);
  Competences competences(tree);
  std::vector<const SubjectRow*> batch;
  std::map<std::int64_t, std::string> proposals;
  std::set<std::int64_t> in_scope;
  Json pending = Json::array();
  for (const auto& s : subjects) {
    if (!s.graded || !tree.within(s.unit_id, *unit_id)) continue;
    auto comp = competences.of(s);
    const bool mine = comp && unit_of(*comp) == *unit_id;
    if (mine && !at_or_past_review(s.state)) {
      pending.push_back({{"subject_id", s.id}, {"kind", s.kind}, {"name", s.name}, {"state", s.state},
                         {"version", s.version}});
      continue;
    }
    if (!mine && !grade_stands(s.state)) continue;
    batch.push_back(&s);
    if (mine) in_scope.insert(s.id);
    if (auto o = overrides.find(s.id); o != overrides.end() && mine)
      proposals[s.id] = o->second;
    else if (grade_stands(s.state) && s.grade)
      proposals[s.id] = *s.grade;
    else if (s.proposed_grade)
      proposals[s.id] = *s.proposed_grade;
    else if (s.meeting_grade)
      proposals[s.id] = *s.meeting_grade;
  }
  for (const auto& [id, grade] : overrides)
    if (!in_scope.count(id))
      f.fail("overrides." + std::to_string(id),
             "không phải hồ sơ do cấp này xếp loại trong đợt / not a subject this level grades in the cycle");
  if (!f.ok()) return f.error();

  auto b = batch_for(tx, *c, tree, batch, proposals);
  if (!b) return std::move(b).error();
  auto a = workflow::appraise(ruleset_of(*c), *b);
  if (!a) return std::move(a).error();
  std::map<std::string, const SubjectRow*> by_id;
  for (const SubjectRow* s : batch) by_id[std::to_string(s->id)] = s;
  Json out = appraisal_json(*a, tree, by_id);
  for (auto& s : out["subjects"]) s["in_scope"] = in_scope.count(s["subject_id"].get<std::int64_t>()) > 0;
  out["cycle_id"] = cycle_id;
  out["unit_id"] = *unit_id;
  out["ruleset"] = c->ruleset;
  out["pending"] = pending;
  return out;
}

Result<Json> propose(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto s = load_subject_row(tx, subject_id);
  if (!s) return review_not_found(subject_id);
  auto c = *load_cycle(tx, s->cycle_id);
  const TreeView tree = load_tree(tx, c);
  Competences competences(tree);
  auto comp = competences.of(*s);
  if (!comp) return std::move(comp).error();
  // Scope first: the appraiser of the competent level (a level above it may appraise too).
  XEPLOAI_REVIEW_TRY(
      auth::authorize(tx, call.who, auth::Action::appraise, unit_of(*comp) ? unit_of(*comp) : s->unit_id));
  Fields f(body);
  f.only({"version", "grade", "reason"});
  auto grade = f.one_of("grade", {"HTXSNV", "HTTNV", "HTNV", "KHTNV"}, false);
  auto reason = f.text("reason", false, 2000);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer())
    f.fail("version", "bắt buộc, số nguyên / required, an integer");
  if (!f.ok()) return f.error();
  if (body["version"].get<std::int64_t>() != s->version) return stale_version(s->version);
  if (c.status != "open")
    return Error::conflict(fmt::format("Đợt kiểm điểm {} đã đóng / Review cycle {} is closed", c.id, c.id));
  if (!s->graded)
    return Error::conflict(
        "Đối tượng này không được xếp loại trong đợt này / This subject is not graded in this cycle");
  const std::optional<std::string> proposed = grade ? grade : s->meeting_grade;
  if (!proposed)
    return invalid_field("grade",
                         "bắt buộc khi hội nghị chưa biểu quyết mức xếp loại / required when the meeting "
                         "voted no grade");
  if (s->meeting_grade && *proposed != *s->meeting_grade && !reason)
    return invalid_field("reason", fmt::format("bắt buộc khi đề xuất {} khác mức hội nghị đã biểu quyết {} / required "
                                               "when proposing {} instead of the meeting's {}",
                                               *proposed, *s->meeting_grade, *proposed, *s->meeting_grade));
  const Json before = {{"state", s->state}, {"proposed_grade", s->proposed_grade ? Json(*s->proposed_grade) : Json()}};
  const auto now = now_ms();
  XEPLOAI_REVIEW_TRY(move(tx, call, *s, workflow::Action::propose, workflow::Actor::appraiser, reason.value_or(""),
                          std::nullopt, now));
  tx.execute("UPDATE review_subjects SET proposed_grade = $2 WHERE id = $1", store::params(s->id, *proposed));
  s->proposed_grade = proposed;
  const Json after = {{"subject_id", s->id},
                      {"state", s->state},
                      {"meeting_grade", s->meeting_grade ? Json(*s->meeting_grade) : Json()},
                      {"proposed_grade", *proposed},
                      {"reason", reason.value_or("")},
                      {"version", s->version}};
  record_audit(tx, &call.who, {"review.propose", "review", s->id, before, after, s->unit_id}, call.request_id);
  return after;
}

}  // namespace xeploai::service::review
