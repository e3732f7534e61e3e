// Opening a cycle (the roster through workflow::assign_reviews into review_subjects), reading cycles, progress.
#include <fmt/format.h>

#include <map>
#include <set>

#include "batch/ruleset_loader.hpp"
#include "service/audit.hpp"
#include "service/review/internal/common.hpp"
#include "workflow/assignment.hpp"
#include "workflow/progress.hpp"

namespace xeploai::service::review {

using namespace internal;

namespace {

constexpr std::string_view kLevels[] = {"cell", "grassroots", "upper_grassroots", "province"};
constexpr std::string_view kSteps[] = {"self_review", "meeting", "proposal", "decision", "reporting"};

// An optional integer field within [lo, hi]; Fields::id only knows positive ids.
std::optional<int> int_field(const Json& body, const std::string& name, int lo, int hi, Fields& f) {
  if (!body.is_object() || !body.contains(name) || body[name].is_null()) return std::nullopt;
  const Json& v = body[name];
  if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi) {
    f.fail(name, fmt::format("phải là số nguyên từ {} đến {} / must be an integer from {} to {}", lo, hi, lo, hi));
    return std::nullopt;
  }
  return v.get<int>();
}

std::vector<workflow::LevelCalendar> read_calendar(const Json& items, Fields& f) {
  std::vector<workflow::LevelCalendar> out;
  if (!items.is_array()) {
    f.fail("calendar", "phải là một mảng / must be an array");
    return out;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    Fields item(items[i], fmt::format("calendar[{}]", i));
    item.only({"level", "self_review", "meeting", "proposal", "decision", "reporting"});
    auto level = item.one_of("level", {kLevels[0], kLevels[1], kLevels[2], kLevels[3]}, true);
    workflow::LevelCalendar lc;
    for (int s = 0; s < workflow::kStepCount; ++s) {
      auto d = item.date(std::string(kSteps[s]), true);
      if (d) lc.deadlines[s] = *domain::parse_iso_date(*d);
    }
    if (level) lc.level = *workflow::parse_level(*level);
    for (auto& d : item.details()) f.details().push_back(d);
    out.push_back(lc);
  }
  return out;
}

Error with_prefix(Error e, const std::string& prefix) {
  for (auto& d : e.details) d.path = d.path.empty() ? prefix : prefix + "." + d.path;
  return e;
}

domain::MemberStatus member_status(const std::string& s) {
  if (s == "exempt") return domain::MemberStatus::exempt;
  if (s == "suspended") return domain::MemberStatus::suspended;
  return domain::MemberStatus::active;  // active and probationary members are both reviewed
}

Json reasons_json(const std::vector<workflow::Reason>& reasons) {
  Json out = Json::array();
  for (const auto& r : reasons) out.push_back({{"rule", r.rule}, {"vi", r.vi}, {"en", r.en}});
  return out;
}

Json comments_json(const std::vector<workflow::CommentRequest>& comments) {
  Json out = Json::array();
  for (const auto& c : comments)
    out.push_back({{"source", workflow::code(c.source)},
                   {"unit_id", c.unit.empty() ? Json(nullptr) : Json(std::stoll(c.unit))},
                   {"rule", c.rule}});
  return out;
}

// "(r.path in the subtree of one of `paths`) OR (r.path is an ancestor of one of them)".
std::string overlap_filter(const std::string& column, const std::vector<std::string>& paths, store::Params& p) {
  std::string out;
  for (const auto& path : paths) {
    auto [lo, hi] = path_range(path);
    p.push_back(lo);
    p.push_back(hi);
    p.push_back(path);
    out += fmt::format("{}({c} >= ${} AND {c} < ${}) OR substr(${}, 1, length({c})) = {c}", out.empty() ? "" : " OR ",
                       p.size() - 2, p.size() - 1, p.size(), fmt::arg("c", column));
  }
  return out.empty() ? "1=0" : out;
}

std::vector<std::string> grant_paths(store::Transaction& tx, const Principal& who) {
  std::set<std::string> paths;
  for (const auto& g : who.grants)
    if (auto r = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(g.unit_id)))
      paths.insert(r->get_text(0));
  return {paths.begin(), paths.end()};
}

struct UnitRow {
  std::int64_t id;
  std::string kind, name, path;
  std::optional<std::int64_t> parent;
};

std::vector<UnitRow> subtree_units(store::Transaction& tx, const std::string& root_path) {
  auto [lo, hi] = path_range(root_path);
  std::vector<UnitRow> out;
  for (auto& r : tx.query("SELECT id, kind, name, path, parent_id FROM units WHERE path >= $1 AND path < $2 AND "
                          "dissolved_on IS NULL ORDER BY path",
                          store::params(lo, hi)))
    out.push_back({r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_optional_int(4)});
  return out;
}

}  // namespace

Result<Json> open_cycle(store::Transaction& tx, const Call& call, const Json& body) {
  Fields f(body);
  f.only({"unit_id", "year", "quarter", "ruleset", "complaint_days", "grading_date", "calendar"});
  auto unit_id = f.id("unit_id", true);
  if (!f.ok()) return f.error();
  auto unit =
      tx.query_one("SELECT path, kind FROM units WHERE id = $1 AND dissolved_on IS NULL", store::params(*unit_id));
  if (!unit) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *unit_id, *unit_id));
  // Scope first: a caller outside the subtree learns nothing more about it.
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::open_cycle, *unit_id));
  const std::string root_path = unit->get_text(0);

  auto year = int_field(body, "year", 2000, 2100, f);
  if (!body.contains("year")) f.fail("year", "bắt buộc / required");
  auto quarter = int_field(body, "quarter", 0, 4, f);
  auto complaint_days = int_field(body, "complaint_days", 0, 1000, f);
  auto ruleset_id = f.text("ruleset", false, 64);
  auto grading_date = f.date("grading_date", false);
  std::vector<workflow::LevelCalendar> calendar;
  if (body.contains("calendar")) calendar = read_calendar(body["calendar"], f);
  if (!f.ok()) return f.error();

  const auto& catalog = batch::default_catalog();
  workflow::Cycle wc;
  wc.id = "new";  // the database assigns the id; validate() only asks that there is one
  wc.year = *year;
  wc.quarter = quarter.value_or(0);
  if (ruleset_id) {
    wc.ruleset = *ruleset_id;
  } else {
    auto chosen = workflow::choose_ruleset(catalog, wc.year);
    if (!chosen) return with_prefix(std::move(chosen).error(), "");
    wc.ruleset = *chosen;
  }
  wc.calendar = !calendar.empty() ? calendar
                : wc.quarter == 0 ? workflow::default_calendar(wc.year)
                                  : workflow::default_quarter_calendar(wc.year, wc.quarter);
  wc.complaint_days = complaint_days.value_or(30);
  wc.units = {std::to_string(*unit_id)};
  XEPLOAI_REVIEW_TRY(workflow::validate(wc, catalog));
  const domain::Ruleset& ruleset = *catalog.find(wc.ruleset);
  auto regime = workflow::regime_of(ruleset);
  if (!regime) return std::move(regime).error();
  const auto start = workflow::period_start(wc), end = workflow::period_end(wc);
  const domain::Days as_of = grading_date ? *domain::parse_iso_date(*grading_date) : end;
  if (as_of < start) return invalid_field("grading_date", "trước đầu kỳ / before the period's start");

  {
    store::Params p{std::int64_t{wc.year}, std::int64_t{wc.quarter}};
    auto where = overlap_filter("r.path", {root_path}, p);
    auto clash = tx.query_one(fmt::format("SELECT c.id, r.name FROM review_cycles c JOIN units r ON r.id = "
                                          "c.root_unit_id WHERE c.status = 'open' AND c.year = $1 AND c.quarter = $2 "
                                          "AND ({})",
                                          where),
                              p);
    if (clash) {
      Error e = Error::conflict(
          "Đã có đợt kiểm điểm đang mở cho cùng kỳ trên một phần cây này / An open cycle of the same period already "
          "covers part of this subtree");
      e.details.push_back({"unit_id", fmt::format("đợt {} tại {} / cycle {} at {}", clash->get_int(0),
                                                  clash->get_text(1), clash->get_int(0), clash->get_text(1))});
      return e;
    }
  }

  // The roster of the subtree: members active in its cells, their stints and posts.
  auto [lo, hi] = path_range(root_path);
  const std::string members =
      "SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id WHERE u.path >= $1 AND u.path < $2";
  std::map<std::int64_t, workflow::MemberFacts> facts;
  std::vector<ErrorDetail> problems;
  for (auto& r : tx.query("SELECT p.id, p.status, p.admitted_on, p.is_civil_servant FROM people p JOIN units u ON "
                          "u.id = p.unit_id WHERE u.path >= $1 AND u.path < $2 ORDER BY p.id",
                          store::params(lo, hi))) {
    auto& m = facts[r.get_int(0)];
    m.person = std::to_string(r.get_int(0));
    m.status = member_status(r.get_text(1));
    if (auto d = r.is_null(2) ? std::nullopt : domain::parse_iso_date(r.get_text(2)))
      m.admitted = *d;
    else
      problems.push_back({fmt::format("roster.people[{}].admitted_on", r.get_int(0)),
                          "bắt buộc: ngày vào Đảng quyết định ai được kiểm điểm (R-EXEMPT-3) / required: the "
                          "admission date decides who is reviewed (R-EXEMPT-3)"});
    m.civil_servant = r.get_bool(3);
  }
  for (auto& r : tx.query(fmt::format("SELECT person_id, unit_id, valid_from, valid_to FROM memberships WHERE "
                                      "person_id IN ({}) ORDER BY person_id, valid_from, id",
                                      members),
                          store::params(lo, hi)))
    facts[r.get_int(0)].stints.push_back({std::to_string(r.get_int(1)), *domain::parse_iso_date(r.get_text(2)),
                                          r.is_null(3) ? domain::kNoDate : *domain::parse_iso_date(r.get_text(3))});
  for (auto& r : tx.query(fmt::format("SELECT person_id, unit_id, title, is_leadership FROM posts WHERE person_id IN "
                                      "({}) AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $4) "
                                      "ORDER BY person_id, id",
                                      members),
                          store::params(lo, hi, domain::format_iso(end), domain::format_iso(start))))
    facts[r.get_int(0)].posts.push_back({std::to_string(r.get_int(1)), r.get_text(2), r.get_bool(3)});

  std::vector<std::pair<std::int64_t, std::vector<workflow::ReviewAssignment>>> assigned;
  for (auto& [person, m] : facts) {
    if (m.admitted == domain::kNoDate) continue;  // already listed
    auto a = workflow::assign_reviews(m, *regime, start, end, as_of);
    if (!a) {
      for (auto& d : a.error().details)
        problems.push_back({fmt::format("roster.people[{}].{}", person, d.path), d.problem});
      continue;
    }
    assigned.emplace_back(person, std::move(*a));
  }
  if (!problems.empty())
    return Error::invalid(
        "Danh sách đảng viên chưa đủ thông tin để mở đợt kiểm điểm / The roster lacks facts needed to open the cycle",
        std::move(problems));

  const auto now = now_ms();
  const auto cycle_id =
      tx.query_one(
            "INSERT INTO review_cycles (year, quarter, ruleset, root_unit_id, status, complaint_days, "
            "grading_date, opened_by, version, created_at, updated_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, "
            "$7, 1, $8, $8) RETURNING id",
            store::params(wc.year, wc.quarter, wc.ruleset, *unit_id, wc.complaint_days, domain::format_iso(as_of),
                          account_of(call.who), now))
          ->get_int(0);
  for (const auto& lc : wc.calendar) {
    store::Params p{cycle_id, std::string(workflow::code(lc.level))};
    for (auto d : lc.deadlines) p.push_back(domain::format_iso(d));
    tx.execute(
        "INSERT INTO review_cycle_calendar (cycle_id, level, self_review, meeting, proposal, decision, "
        "reporting) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        p);
  }
  auto& insert = tx.prepare(
      "INSERT INTO review_subjects (cycle_id, kind, person_id, unit_id, place, post_title, profile, form, reviewed, "
      "graded, grading_unit_id, civil_servant_grade_needed, reasons_json, comments_json, state, version, created_at, "
      "updated_at) VALUES ($1, 'member', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'not_started', 1, $14, "
      "$14)");
  std::map<workflow::Profile, std::string> forms;
  for (const auto& [person, assignments] : assigned)
    for (const auto& a : assignments) {
      auto form = forms.find(a.profile);
      if (form == forms.end()) {
        auto def = workflow::form_for(ruleset, a.profile, wc.quarter);
        if (!def) return std::move(def).error();
        form = forms.emplace(a.profile, def->code).first;
      }
      insert.execute(store::params(
          cycle_id, person, std::stoll(a.unit), a.place == workflow::Place::cell ? "cell" : "post",
          a.post_title.empty() ? std::optional<std::string>() : std::optional<std::string>(a.post_title),
          workflow::code(a.profile), form->second, a.reviewed, a.graded,
          a.grading_cell.empty() ? std::optional<std::int64_t>()
                                 : std::optional<std::int64_t>(std::stoll(a.grading_cell)),
          a.civil_servant_grade_needed, reasons_json(a.reasons).dump(), comments_json(a.comments).dump(), now));
    }
  // Party organizations and leadership collectives write Mẫu 01 and are graded too (43-HD; qd366.md §1): every
  // party unit of the subtree (not agencies, which are not party organizations) and every collective current at
  // the grading date. `place` is 'cell' for them: they are reviewed at their own unit's meeting.
  {
    auto collective_form = workflow::form_for(ruleset, workflow::Profile::collective, wc.quarter);
    if (!collective_form) return std::move(collective_form).error();
    auto& insert_org = tx.prepare(
        "INSERT INTO review_subjects (cycle_id, kind, person_id, collective_id, unit_id, place, profile, form, "
        "reviewed, graded, grading_unit_id, state, version, created_at, updated_at) VALUES ($1, $2, NULL, $3, $4, "
        "'cell', 'collective', $5, 1, 1, $4, 'not_started', 1, $6, $6)");
    for (const auto& u : subtree_units(tx, root_path))
      if (u.kind != "agency")
        insert_org.execute(
            store::params(cycle_id, "party_organization", std::nullopt, u.id, collective_form->code, now));
    const std::string as_of_iso = domain::format_iso(as_of);
    for (auto& r : tx.query("SELECT c.id, c.unit_id FROM collectives c JOIN units u ON u.id = c.unit_id WHERE u.path "
                            ">= $1 AND u.path < $2 AND u.dissolved_on IS NULL AND c.valid_from <= $3 AND (c.valid_to "
                            "IS NULL OR c.valid_to > $3) ORDER BY u.path, c.id",
                            store::params(lo, hi, as_of_iso)))
      insert_org.execute(
          store::params(cycle_id, "leadership_collective", r.get_int(0), r.get_int(1), collective_form->code, now));
  }
  auto after = cycle_json(tx, *load_cycle(tx, cycle_id));
  record_audit(tx, &call.who, {"cycle.open", "cycle", cycle_id, nullptr, after, *unit_id}, call.request_id);
  return after;
}

Result<org::Page> list_cycles(store::Transaction& tx, const Call& call, const CycleQuery& query) {
  store::Params p;
  std::string where;
  if (query.unit_id) {
    auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(*query.unit_id));
    if (!row)
      return Error::not_found(
          fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *query.unit_id, *query.unit_id));
    XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_unit, *query.unit_id));
    where = overlap_filter("r.path", {row->get_text(0)}, p);
  } else {
    where = overlap_filter("r.path", grant_paths(tx, call.who), p);
    if (call.who.person_id) {
      p.push_back(*call.who.person_id);
      where += fmt::format(" OR c.id IN (SELECT cycle_id FROM review_subjects WHERE person_id = ${})", p.size());
    }
  }
  const std::string from = "FROM review_cycles c JOIN units r ON r.id = c.root_unit_id WHERE " + where;
  org::Page page;
  page.total = tx.query_one("SELECT COUNT(*) " + from, p)->get_int(0);
  const auto n = p.size();
  p.push_back(static_cast<std::int64_t>(query.limit));
  p.push_back(query.offset);
  std::vector<std::int64_t> ids;
  for (auto& r : tx.query(fmt::format("SELECT c.id {} ORDER BY c.year DESC, c.quarter DESC, c.id DESC LIMIT ${} "
                                      "OFFSET ${}",
                                      from, n + 1, n + 2),
                          p))
    ids.push_back(r.get_int(0));
  for (auto id : ids) page.items.push_back(cycle_json(tx, *load_cycle(tx, id)));
  return page;
}

Result<Json> get_cycle(store::Transaction& tx, const Call& call, std::int64_t id) {
  auto c = load_cycle(tx, id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(id);
  return cycle_json(tx, *c);
}

namespace {

// The unit a progress or subject list is asked for (default the cycle's root), when it is a current unit of the
// cycle's tree: its path, so that only its subtree is read (the December benchmark: a cell's poll read all 24,438
// subjects of the province).
Result<std::string> cycle_unit_path(store::Transaction& tx, const CycleRow& c, std::int64_t target) {
  auto row = tx.query_one("SELECT path FROM units WHERE id = $1 AND dissolved_on IS NULL", store::params(target));
  if (!row || row->get_text(0).compare(0, c.root_path.size(), c.root_path) != 0)
    return invalid_field("query.unit_id", fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of "
                                                      "cycle {}",
                                                      target, c.id, target, c.id));
  return row->get_text(0);
}

}  // namespace

Result<Json> cycle_progress(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                            std::optional<std::int64_t> unit_id, std::optional<std::string> today) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  const std::int64_t target = unit_id.value_or(c->root_unit_id);
  auto target_path = cycle_unit_path(tx, *c, target);
  if (!target_path) return std::move(target_path).error();
  // Only the target's subtree: its counts and its children's are rolled up from below, and each subject's
  // deadlines depend on its own unit's level only.
  auto units = subtree_units(tx, *target_path);
  std::map<std::int64_t, std::int32_t> index;
  for (std::size_t i = 0; i < units.size(); ++i) index[units[i].id] = static_cast<std::int32_t>(i);
  if (!index.count(target))
    return invalid_field("query.unit_id", fmt::format("đơn vị {} không thuộc đợt kiểm điểm {} / unit {} is not part of "
                                                      "cycle {}",
                                                      target, cycle_id, target, cycle_id));
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, target));
  const std::string day = today.value_or(service::today());
  const auto today_days = domain::parse_iso_date(day);
  if (!today_days) return invalid_field("today", "không phải ngày YYYY-MM-DD / not a YYYY-MM-DD date");

  std::vector<workflow::UnitNode> nodes;
  for (const auto& u : units) {
    workflow::UnitNode n;
    n.id = std::to_string(u.id);
    n.kind = *domain::parse_unit_kind(u.kind);
    n.parent = u.parent && index.count(*u.parent) ? index[*u.parent] : -1;
    nodes.push_back(n);
  }
  struct Pending {
    std::int64_t subject, person, unit;
    std::string name, state;
  };
  std::vector<workflow::SubjectProgress> subjects;
  std::vector<Pending> info;
  auto [lo, hi] = path_range(*target_path);
  // The subtree's units as an IN list: both backends then read the subjects through review_subjects (cycle_id,
  // unit_id) rather than every subject of the cycle (a join on u.path made SQLite scan the cycle).
  // Members first in Vietnamese name order, then organizations and collectives (named after their unit or
  // themselves), the same on both backends (NULL sort keys order differently in SQLite and PostgreSQL).
  for (auto& r :
       tx.query(fmt::format("SELECT s.id, s.unit_id, s.state, s.person_id, {} FROM review_subjects s {} JOIN units u "
                            "ON u.id = s.unit_id WHERE s.cycle_id = $1 AND s.reviewed = 1 AND s.unit_id IN (SELECT "
                            "id FROM units WHERE path >= $2 AND path < $3 AND dissolved_on IS NULL) ORDER BY CASE "
                            "WHEN s.person_id IS NULL THEN 1 ELSE 0 END, p.sort_key, s.id",
                            kSubjectName, kSubjectNameJoins),
                store::params(cycle_id, lo, hi))) {
    auto at = index.find(r.get_int(1));
    if (at == index.end()) continue;  // a post held outside the cycle's tree: followed where it is held
    subjects.push_back({std::to_string(r.get_int(0)), at->second, *workflow::parse_review_state(r.get_text(2))});
    info.push_back({r.get_int(0), r.is_null(3) ? 0 : r.get_int(3), r.get_int(1),
                    r.is_null(4) ? std::string() : r.get_text(4), r.get_text(2)});
  }
  auto wc = to_workflow(tx, *c);
  auto counted = workflow::progress(wc, nodes, subjects, *today_days);
  if (!counted) return std::move(counted).error();

  auto entry = [&](std::size_t i) {
    const auto& u = (*counted)[i];
    Json pending, late;
    for (int k = 0; k < workflow::kTrackedSteps; ++k) {
      pending[std::string(kSteps[k])] = u.pending[k];
      late[std::string(kSteps[k])] = u.late[k];
    }
    return Json{{"unit_id", units[i].id}, {"name", units[i].name}, {"kind", units[i].kind},
                {"total", u.total},       {"pending", pending},    {"late", late}};
  };
  const auto t = static_cast<std::size_t>(index[target]);
  Json children = Json::array();
  for (std::size_t i = 0; i < units.size(); ++i)
    if (units[i].parent && *units[i].parent == target) children.push_back(entry(i));
  // Who has not submitted, in the unit's subtree (the first 500, Vietnamese name order).
  const std::string& tpath = units[t].path;
  Json waiting = Json::array();
  std::int64_t waiting_total = 0;
  for (std::size_t i = 0; i < subjects.size(); ++i) {
    const auto& upath = units[subjects[i].unit].path;
    if (upath.compare(0, tpath.size(), tpath) != 0 || workflow::done(subjects[i].state, workflow::Step::self_review))
      continue;
    if (++waiting_total > 500) continue;
    waiting.push_back({{"subject_id", info[i].subject},
                       {"person_id", info[i].person},
                       {"full_name", info[i].name},
                       {"unit_id", info[i].unit},
                       {"state", info[i].state}});
  }
  return Json{{"cycle_id", cycle_id},     {"as_of", day},
              {"unit", entry(t)},         {"children", children},
              {"not_submitted", waiting}, {"not_submitted_total", waiting_total}};
}

Result<org::Page> list_subjects(store::Transaction& tx, const Call& call, std::int64_t cycle_id,
                                const SubjectQuery& query) {
  auto c = load_cycle(tx, cycle_id);
  if (!c || !cycle_visible(tx, call.who, *c)) return cycle_not_found(cycle_id);
  const std::int64_t target = query.unit_id.value_or(c->root_unit_id);
  auto target_path = cycle_unit_path(tx, *c, target);
  if (!target_path) return std::move(target_path).error();
  XEPLOAI_REVIEW_TRY(auth::authorize(tx, call.who, auth::Action::read_reviews, target));
  auto [lo, hi] = path_range(*target_path);
  // Current units only, as progress counts them, as an IN list so that both backends read the subjects through
  // review_subjects (cycle_id, unit_id) rather than every subject of the cycle. A post held outside the subtree is
  // listed where it is held.
  // `own` narrows that to the unit's own collective subjects (target is an id read above, not caller text).
  const std::string from = fmt::format(
      "FROM review_subjects s JOIN units u ON u.id = s.unit_id {} LEFT JOIN review_statements st ON st.subject_id = "
      "s.id WHERE s.cycle_id = $1 AND s.unit_id IN (SELECT id FROM units WHERE path >= $2 AND path < $3 AND "
      "dissolved_on IS NULL){}",
      kSubjectNameJoins, query.own ? fmt::format(" AND s.unit_id = {} AND s.person_id IS NULL", target) : "");
  org::Page page;
  page.total = tx.query_one("SELECT COUNT(*) " + from, store::params(cycle_id, lo, hi))->get_int(0);
  // Members first in Vietnamese name order, then organizations and collectives, as in progress.
  for (auto& r : tx.query(fmt::format("SELECT s.id, s.kind, s.person_id, {}, s.unit_id, u.name, s.place, "
                                      "s.post_title, s.reviewed, s.graded, s.state, s.meeting_grade, s.proposed_grade, "
                                      "s.grade, st.status, s.collective_id {} ORDER BY CASE WHEN s.person_id IS NULL "
                                      "THEN 1 ELSE 0 END, p.sort_key, s.id LIMIT $4 OFFSET $5",
                                      kSubjectName, from),
                          store::params(cycle_id, lo, hi, static_cast<std::int64_t>(query.limit), query.offset))) {
    auto text = [&](int col) { return r.is_null(col) ? Json(nullptr) : Json(r.get_text(col)); };
    auto id = [&](int col) { return r.is_null(col) ? Json(nullptr) : Json(r.get_int(col)); };
    page.items.push_back({{"subject_id", r.get_int(0)},
                          {"kind", r.get_text(1)},
                          {"person_id", id(2)},
                          {"collective_id", id(15)},
                          {"full_name", text(3)},
                          {"unit_id", r.get_int(4)},
                          {"unit_name", r.get_text(5)},
                          {"place", r.get_text(6)},
                          {"post_title", text(7)},
                          {"reviewed", r.get_int(8) != 0},
                          {"graded", r.get_int(9) != 0},
                          {"state", r.get_text(10)},
                          {"meeting_grade", text(11)},
                          {"proposed_grade", text(12)},
                          // The decided grade: every caller here has read_reviews on the unit (plain members,
                          // who must not see it before publication, are refused above).
                          {"grade", text(13)},
                          {"statement_status", text(14)}});
  }
  return page;
}

}  // namespace xeploai::service::review
