// The member's statement: drafts, submission, a secretary writing on a member's behalf; the caller's own reviews.
#include <fmt/format.h>

#include <map>

#include "batch/ruleset_loader.hpp"
#include "service/audit.hpp"
#include "service/review/internal/common.hpp"
#include "text/text.hpp"
#include "workflow/review.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

constexpr std::size_t kMaxSection = 20000;  // characters of one section: a few pages

struct SubjectRow {
  std::int64_t id = 0, cycle_id = 0, unit_id = 0, version = 0;
  std::optional<std::int64_t> person_id;
  std::string profile, form, state, place;
  std::optional<std::string> post_title;
  bool reviewed = false, graded = false;
  Json reasons;
};

std::optional<SubjectRow> load_subject(store::Transaction& tx, std::int64_t id) {
  auto r = tx.query_one(
      "SELECT id, cycle_id, person_id, unit_id, profile, form, reviewed, graded, state, version, "
      "place, post_title, reasons_json FROM review_subjects WHERE id = $1",
      store::params(id));
  if (!r) return std::nullopt;
  SubjectRow s;
  s.id = r->get_int(0);
  s.cycle_id = r->get_int(1);
  s.person_id = r->get_optional_int(2);
  s.unit_id = r->get_int(3);
  s.profile = r->get_text(4);
  s.form = r->get_text(5);
  s.reviewed = r->get_bool(6);
  s.graded = r->get_bool(7);
  s.state = r->get_text(8);
  s.version = r->get_int(9);
  s.place = r->get_text(10);
  s.post_title = r->get_optional_text(11);
  s.reasons = Json::parse(r->get_text(12));
  return s;
}

Error subject_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy bản kiểm điểm {} / Review {} not found", id, id));
}

bool is_self(const Principal& who, const SubjectRow& s) { return who.person_id && s.person_id == who.person_id; }

Result<void> may_read(store::Transaction& tx, const Call& call, const SubjectRow& s) {
  if (is_self(call.who, s)) return {};
  return auth::authorize(tx, call.who, auth::Action::read_reviews, s.unit_id);
}

// The subject writes their own statement; a cell secretary may write it for them (43-HD), recorded as on_behalf.
// A collective's report (no person) is the unit's own when its committee or cell secretary writes it; written by
// such a role of a level above, it is recorded as on the unit's behalf.
Result<workflow::Actor> writer(store::Transaction& tx, const Call& call, const SubjectRow& s) {
  if (is_self(call.who, s)) return workflow::Actor::subject;
  if (!s.person_id) {
    if (auth::authorize_on_unit(call.who, auth::Action::write_own_report, s.unit_id)) return workflow::Actor::subject;
    XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::write_own_report, s.unit_id));
    return workflow::Actor::secretary;
  }
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::enter_statement, s.unit_id));
  return workflow::Actor::secretary;
}

Result<workflow::FormDef> form_of(const CycleRow& c, const SubjectRow& s) {
  const domain::Ruleset* ruleset = batch::default_catalog().find(c.ruleset);
  auto profile = parse_profile(s.profile);
  if (!ruleset || !profile)
    return Error::internal(fmt::format("review {}: unknown ruleset {} or profile {}", s.id, c.ruleset, s.profile));
  return workflow::form_for(*ruleset, *profile, c.quarter);
}

Json form_json(const workflow::FormDef& f) {
  Json sections = Json::array(), groups = Json::array(), criteria = Json::array();
  for (const auto& s : f.sections)
    sections.push_back({{"key", s.key}, {"title_vi", s.title_vi}, {"title_en", s.title_en}, {"required", s.required}});
  for (const auto& g : f.score_groups)
    groups.push_back({{"key", g.key}, {"title_vi", g.title_vi}, {"title_en", g.title_en}, {"max", g.max}});
  for (auto c : f.criteria) criteria.push_back(domain::code(c));
  return {{"code", f.code},
          {"title_vi", f.title_vi},
          {"title_en", f.title_en},
          {"appendix", f.appendix},
          {"sections", sections},
          {"points", f.points},
          {"score_groups", groups},
          {"criteria", criteria},
          {"tasks_required", f.tasks_required},
          {"evidence_required", f.evidence_required}};
}

}  // namespace

// The statement's content as the API sends it; every malformed piece is a problem with its path, so the paths of
// type errors and of workflow::validate_statement's findings read the same. Shared with the appraisal.
workflow::Statement internal::parse_statement(const Json& body, std::vector<ErrorDetail>& p) {
  workflow::Statement st;
  auto object_at = [&](const char* key) -> const Json* {
    if (!body.contains(key) || body[key].is_null()) return nullptr;
    if (!body[key].is_object()) {
      p.push_back({key, "phải là một đối tượng JSON / must be a JSON object"});
      return nullptr;
    }
    return &body[key];
  };
  if (auto* sections = object_at("sections"))
    for (auto it = sections->begin(); it != sections->end(); ++it) {
      const std::string path = "sections." + it.key();
      if (!it->is_string()) {
        p.push_back({path, "phải là văn bản / must be text"});
        continue;
      }
      const auto& v = it->get_ref<const std::string&>();
      if (!text::is_valid_utf8(v)) {
        p.push_back({path, "không phải UTF-8 hợp lệ / not valid UTF-8"});
        continue;
      }
      auto nfc = text::to_nfc(v);
      if (nfc.size() > kMaxSection * 4) p.push_back({path, "quá dài / too long"});
      st.sections[it.key()] = std::move(nfc);
    }
  if (auto* scores = object_at("scores"))
    for (auto it = scores->begin(); it != scores->end(); ++it) {
      if (!it->is_number())
        p.push_back({"scores." + it.key(), "phải là số / must be a number"});
      else
        st.scores[it.key()] = it->get<double>();
    }
  if (auto* ratings = object_at("ratings"))
    for (auto it = ratings->begin(); it != ratings->end(); ++it) {
      auto c = domain::parse_criterion(it.key());
      auto r = it->is_string() ? domain::parse_rating(it->get<std::string>()) : std::nullopt;
      if (!c)
        p.push_back({"ratings." + it.key(), "không phải tiêu chí / not a criterion"});
      else if (!r)
        p.push_back({"ratings." + it.key(), "mức không hợp lệ (kem, trung_binh, tot, xuat_sac) / not a rating"});
      else
        st.ratings[*c] = *r;
    }
  if (body.contains("tasks") && !body["tasks"].is_null()) {
    if (!body["tasks"].is_array()) {
      p.push_back({"tasks", "phải là một mảng / must be an array"});
    } else {
      for (std::size_t i = 0; i < body["tasks"].size(); ++i) {
        Fields t(body["tasks"][i], fmt::format("tasks[{}]", i));
        t.only({"title", "status", "exceeded", "key", "evidence"});
        workflow::TaskEntry e;
        e.title = t.text("title", false, 500).value_or("");
        auto status =
            t.one_of("status", {"in_progress", "completed_on_time", "completed_late", "not_completed"}, false);
        if (status) e.status = *workflow::parse_task_status(*status);
        e.exceeded = t.boolean("exceeded", false).value_or(false);
        e.key = t.boolean("key", false).value_or(false);
        const Json& task = body["tasks"][i];
        if (task.is_object() && task.contains("evidence") && !task["evidence"].is_null()) {
          const Json& ev = task["evidence"];
          if (!ev.is_array())
            t.fail("evidence", "phải là một mảng / must be an array");
          else
            for (std::size_t j = 0; j < ev.size(); ++j) {
              if (ev[j].is_string())
                e.evidence.push_back(ev[j].get<std::string>());
              else
                p.push_back({fmt::format("tasks[{}].evidence[{}]", i, j), "phải là văn bản / must be text"});
            }
        }
        for (auto& d : t.details()) p.push_back(d);
        st.tasks.push_back(std::move(e));
      }
    }
  }
  if (auto* lim = object_at("limitations")) {
    for (const char* k : {"identified", "remedied"}) {
      if (!lim->contains(k) || (*lim)[k].is_null()) continue;
      if (!(*lim)[k].is_number_integer()) {
        p.push_back({std::string("limitations.") + k, "phải là số nguyên / must be an integer"});
        continue;
      }
      auto v = (*lim)[k].get<std::int32_t>();
      (std::string(k) == "identified" ? st.limitations_identified : st.limitations_remedied) = v;
    }
  }
  if (body.contains("proposed") && !body["proposed"].is_null()) {
    auto g = body["proposed"].is_string() ? domain::parse_grade(body["proposed"].get<std::string>()) : std::nullopt;
    if (!g)
      p.push_back({"proposed", "không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV) / not a grade"});
    else
      st.proposed = *g;
  }
  return st;
}

namespace {

Json content_json(const workflow::Statement& st) {
  Json sections = Json::object(), scores = Json::object(), ratings = Json::object(), tasks = Json::array();
  for (const auto& [k, v] : st.sections) sections[k] = v;
  for (const auto& [k, v] : st.scores) scores[k] = v;
  for (const auto& [c, r] : st.ratings) ratings[std::string(domain::code(c))] = domain::code(r);
  for (const auto& t : st.tasks)
    tasks.push_back({{"title", t.title},
                     {"status", workflow::code(t.status)},
                     {"exceeded", t.exceeded},
                     {"key", t.key},
                     {"evidence", t.evidence}});
  Json limitations = Json::object();
  if (st.limitations_identified) limitations["identified"] = *st.limitations_identified;
  if (st.limitations_remedied) limitations["remedied"] = *st.limitations_remedied;
  return {{"sections", sections},       {"scores", scores},
          {"ratings", ratings},         {"tasks", tasks},
          {"limitations", limitations}, {"proposed", st.proposed ? Json(domain::code(*st.proposed)) : Json(nullptr)}};
}

struct StatementRow {
  Json content;
  std::string status;
  std::optional<std::int64_t> entered_by, submitted_at;
  bool on_behalf = false;
  std::int64_t version = 0;
};

std::optional<StatementRow> load_statement(store::Transaction& tx, std::int64_t subject_id) {
  auto r = tx.query_one(
      "SELECT body_json, status, entered_by, on_behalf, submitted_at, version FROM "
      "review_statements WHERE subject_id = $1",
      store::params(subject_id));
  if (!r) return std::nullopt;
  return StatementRow{Json::parse(r->get_text(0)), r->get_text(1), r->get_optional_int(2),
                      r->get_optional_int(4),      r->get_bool(3), r->get_int(5)};
}

Json statement_json(const SubjectRow& s, const workflow::FormDef& form, const std::optional<StatementRow>& st) {
  Json out = st ? st->content : content_json(workflow::Statement{});
  out["subject_id"] = s.id;
  out["state"] = s.state;
  out["form"] = form_json(form);
  out["status"] = st ? st->status : "not_started";
  out["entered_by"] = st && st->entered_by ? Json(*st->entered_by) : Json(nullptr);
  out["on_behalf"] = st ? st->on_behalf : false;
  out["submitted_at"] = st && st->submitted_at ? Json(*st->submitted_at) : Json(nullptr);
  out["version"] = st ? st->version : 0;
  return out;
}

// The common start of a write: the subject, its cycle open, the caller's part, a reviewed subject.
struct WriteContext {
  SubjectRow subject;
  CycleRow cycle;
  workflow::Actor actor;
  workflow::FormDef form;
  std::optional<StatementRow> current;
};

Result<WriteContext> begin_write(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body,
                                 std::initializer_list<std::string_view> fields) {
  auto s = load_subject(tx, subject_id);
  if (!s) return subject_not_found(subject_id);
  auto actor = writer(tx, call, *s);
  if (!actor) return std::move(actor).error();
  Fields f(body);
  f.only(fields);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer() ||
      body["version"].get<std::int64_t>() < 0)
    f.fail("version",
           "bắt buộc, số nguyên ≥ 0 (0 trước lần lưu đầu) / required, an integer ≥ 0 (0 before the first "
           "save)");
  if (!f.ok()) return f.error();
  auto c = *load_cycle(tx, s->cycle_id);
  if (c.status != "open")
    return Error::conflict(fmt::format("Đợt kiểm điểm {} đã đóng / Review cycle {} is closed", c.id, c.id));
  if (!s->reviewed) {
    Error e = Error::conflict(
        "Đảng viên này không thuộc đối tượng kiểm điểm trong đợt này / This member is not reviewed in this cycle");
    for (const auto& r : s->reasons)
      e.details.push_back({"review", r["rule"].get<std::string>() + ": " + r["vi"].get<std::string>() + " / " +
                                         r["en"].get<std::string>()});
    return e;
  }
  auto current = load_statement(tx, subject_id);
  const std::int64_t have = current ? current->version : 0;
  if (body["version"].get<std::int64_t>() != have) return stale_version(have);
  auto form = form_of(c, *s);
  if (!form) return std::move(form).error();
  return WriteContext{std::move(*s), std::move(c), *actor, std::move(*form), std::move(current)};
}

// Moves the subject's state through workflow::apply and stores the history entry.
Result<void> transition(store::Transaction& tx, const Call& call, SubjectRow& s, workflow::Action action,
                        workflow::Actor actor, std::int64_t now) {
  workflow::Review review;
  review.subject = std::to_string(s.id);
  review.state = *workflow::parse_review_state(s.state);
  review.version = s.version;
  XEPLOAI_REVIEW_TRY(workflow::apply(review, {action, actor, call.who.username, now / 1000, {}, std::nullopt}));
  const auto& t = review.history.back();
  tx.execute(
      "INSERT INTO review_transitions (subject_id, from_state, to_state, action, actor, account_id, at, reason) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, '')",
      store::params(s.id, workflow::code(t.from), workflow::code(t.to), workflow::code(t.action),
                    workflow::code(t.actor), account_of(call.who), now));
  auto changed = tx.execute(
      "UPDATE review_subjects SET state = $2, version = $3, updated_at = $4 WHERE id = $1 AND "
      "version = $5",
      store::params(s.id, workflow::code(review.state), review.version, now, s.version));
  if (changed != 1) return stale_version(s.version);
  s.state = std::string(workflow::code(review.state));
  s.version = review.version;
  return {};
}

void audit_statement(store::Transaction& tx, const Call& call, const std::string& action, const SubjectRow& s,
                     const Json& before, const Json& after) {
  auto strip = [](Json j) {
    if (j.is_object()) j.erase("form");  // the form's definition is not part of the change
    return j;
  };
  record_audit(tx, &call.who, {action, "review", s.id, strip(before), strip(after), s.unit_id}, call.request_id);
}

}  // namespace

Result<Json> get_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id) {
  auto s = load_subject(tx, subject_id);
  if (!s) return subject_not_found(subject_id);
  XEPLOAI_REVIEW_TRY(may_read(tx, call, *s));
  auto c = *load_cycle(tx, s->cycle_id);
  auto form = form_of(c, *s);
  if (!form) return std::move(form).error();
  return statement_json(*s, *form, load_statement(tx, subject_id));
}

Result<Json> save_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto w = begin_write(tx, call, subject_id, body,
                       {"version", "sections", "scores", "ratings", "tasks", "limitations", "proposed"});
  if (!w) return std::move(w).error();
  // Once submitted, the statement goes back to draft only when the cell returns it.
  XEPLOAI_REVIEW_TRY(
      workflow::next_state(*workflow::parse_review_state(w->subject.state), workflow::Action::save_draft));
  std::vector<ErrorDetail> problems;
  auto st = parse_statement(body, problems);
  st.form = w->form.code;
  if (auto ok = workflow::validate_statement(w->form, st, workflow::Completeness::draft); !ok)
    for (auto& d : ok.error().details) problems.push_back(d);
  if (!problems.empty()) return invalid(std::move(problems));

  const auto now = now_ms();
  const Json before = w->current ? statement_json(w->subject, w->form, w->current) : Json(nullptr);
  const bool on_behalf = w->actor == workflow::Actor::secretary;
  const std::string content = content_json(st).dump();
  const auto proposed =
      st.proposed ? std::optional<std::string>(std::string(domain::code(*st.proposed))) : std::nullopt;
  if (w->current) {
    auto changed = tx.execute(
        "UPDATE review_statements SET body_json = $2, proposed = $3, entered_by = $4, on_behalf = $5, version = "
        "version + 1, updated_at = $6 WHERE subject_id = $1 AND version = $7 AND status = 'draft'",
        store::params(subject_id, content, proposed, account_of(call.who), on_behalf, now, w->current->version));
    if (changed != 1) return stale_version(w->current->version);
  } else {
    tx.execute(
        "INSERT INTO review_statements (subject_id, form, body_json, proposed, status, entered_by, on_behalf, "
        "version, created_at, updated_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, 1, $7, $7)",
        store::params(subject_id, w->form.code, content, proposed, account_of(call.who), on_behalf, now));
  }
  if (w->subject.state != "draft")
    XEPLOAI_REVIEW_TRY(transition(tx, call, w->subject, workflow::Action::save_draft, w->actor, now));
  auto after = statement_json(w->subject, w->form, load_statement(tx, subject_id));
  audit_statement(tx, call, on_behalf ? "statement.save_on_behalf" : "statement.save", w->subject, before, after);
  return after;
}

Result<Json> submit_statement(store::Transaction& tx, const Call& call, std::int64_t subject_id, const Json& body) {
  auto w = begin_write(tx, call, subject_id, body, {"version"});
  if (!w) return std::move(w).error();
  if (!w->current) return invalid_field("version", "chưa có bản nháp để nộp / there is no saved draft to submit");
  XEPLOAI_REVIEW_TRY(workflow::next_state(*workflow::parse_review_state(w->subject.state), workflow::Action::submit));
  std::vector<ErrorDetail> problems;
  auto st = parse_statement(w->current->content, problems);
  st.form = w->form.code;
  if (auto ok = workflow::validate_statement(w->form, st, workflow::Completeness::submission); !ok)
    for (auto& d : ok.error().details) problems.push_back(d);
  if (!problems.empty()) {
    Error e = invalid(std::move(problems));
    e.message = "Bản kiểm điểm chưa đầy đủ để nộp / The statement is not complete enough to submit";
    return e;
  }
  const auto now = now_ms();
  const Json before = statement_json(w->subject, w->form, w->current);
  const bool on_behalf = w->actor == workflow::Actor::secretary;
  auto changed = tx.execute(
      "UPDATE review_statements SET status = 'submitted', submitted_at = $2, entered_by = $3, on_behalf = "
      "CASE WHEN $4 = 1 THEN 1 ELSE on_behalf END, version = version + 1, updated_at = $2 WHERE subject_id = $1 "
      "AND version = $5",
      store::params(subject_id, now, account_of(call.who), on_behalf, w->current->version));
  if (changed != 1) return stale_version(w->current->version);
  XEPLOAI_REVIEW_TRY(transition(tx, call, w->subject, workflow::Action::submit, w->actor, now));
  auto after = statement_json(w->subject, w->form, load_statement(tx, subject_id));
  audit_statement(tx, call, on_behalf ? "statement.submit_on_behalf" : "statement.submit", w->subject, before, after);
  return after;
}

Result<Json> my_reviews(store::Transaction& tx, const Call& call) {
  Json items = Json::array();
  if (!call.who.person_id) return Json{{"items", items}};
  std::map<std::int64_t, workflow::Cycle> cycles;
  for (auto& r : tx.query(
           "SELECT s.id, s.cycle_id, c.year, c.quarter, c.ruleset, s.unit_id, u.name, u.kind, s.place, s.post_title, "
           "s.profile, s.form, s.reviewed, s.graded, s.reasons_json, s.state, s.version, st.status, st.version "
           "FROM review_subjects s JOIN review_cycles c ON c.id = s.cycle_id JOIN units u ON u.id = s.unit_id "
           "LEFT JOIN review_statements st ON st.subject_id = s.id "
           "WHERE s.person_id = $1 AND c.status = 'open' ORDER BY c.year DESC, c.quarter DESC, s.id",
           store::params(*call.who.person_id))) {
    const auto cycle_id = r.get_int(1);
    if (!cycles.count(cycle_id)) cycles[cycle_id] = to_workflow(tx, *load_cycle(tx, cycle_id));
    auto kind = domain::parse_unit_kind(r.get_text(7));
    auto due = kind ? workflow::deadline(cycles[cycle_id], workflow::level_of(*kind), workflow::Step::self_review)
                    : domain::kNoDate;
    items.push_back({{"id", r.get_int(0)},
                     {"cycle_id", cycle_id},
                     {"year", r.get_int(2)},
                     {"quarter", r.get_int(3)},
                     {"ruleset", r.get_text(4)},
                     {"unit_id", r.get_int(5)},
                     {"unit_name", r.get_text(6)},
                     {"place", r.get_text(8)},
                     {"post_title", r.is_null(9) ? Json(nullptr) : Json(r.get_text(9))},
                     {"profile", r.get_text(10)},
                     {"form", r.get_text(11)},
                     {"reviewed", r.get_bool(12)},
                     {"graded", r.get_bool(13)},
                     {"reasons", Json::parse(r.get_text(14))},
                     {"state", r.get_text(15)},
                     {"version", r.get_int(16)},
                     {"statement_status", r.is_null(17) ? Json(nullptr) : Json(r.get_text(17))},
                     {"statement_version", r.is_null(18) ? 0 : r.get_int(18)},
                     {"self_review_due", due == domain::kNoDate ? Json(nullptr) : Json(domain::format_iso(due))}});
  }
  return Json{{"items", items}};
}

}  // namespace xeploai::service::review
