#include "domain/engine.hpp"

#include <algorithm>
#include <numeric>

namespace xeploai::domain {
namespace {

struct Hit {
  bool fires = false;
  FindingKind kind = FindingKind::rule;
  std::int32_t detail = -1, detail2 = -1;
  std::int8_t cap = kNone;  // overrides the rule's cap (score bands)
};

// What a check needs beyond the subject: per-rule values computed once per batch, and the roll-up inputs.
struct Context {
  const Ruleset& rs;
  const Batch& batch;
  std::vector<Days> threshold;                         // per rule: as_of minus params.months
  std::vector<std::uint8_t> rule_on;                   // per rule: enabled by its parameter
  std::vector<std::int8_t> grade_of;                   // per subject: the grade that stands, kNone if not graded (yet)
  std::vector<std::vector<std::uint32_t>> members_at;  // per unit: member subjects there
  std::vector<std::vector<std::uint32_t>> orgs_below;  // per unit: party organizations of its child units
  std::vector<std::int32_t> org_at;                    // per unit: a party-organization subject there, or -1
};

bool flag_set(const Subject& s, const std::string& field) {
  if (field == "degradation_concluded") return s.degradation_concluded;
  if (field == "must_not_do_violation") return s.must_not_do_violation;
  if (field == "disunity_concluded") return s.disunity_concluded;
  return false;
}

// 100 * k >= p * n, in integers as RULES.md prescribes.
bool share_at_least(std::int64_t k, std::int64_t n, std::int64_t p) { return 100 * k >= p * n; }

Hit with_exception(bool cond, bool exceptional, ExceptionMode mode, std::int32_t detail = -1) {
  Hit h;
  h.detail = detail;
  if (!cond) return h;
  if (!exceptional || mode == ExceptionMode::none) {
    h.fires = true;
  } else if (mode == ExceptionMode::weigh) {
    h.fires = true;
    h.kind = FindingKind::weigh;
  }
  return h;
}

Hit run_roll_up(const Context& cx, const Rule& r, std::size_t si, const Subject& s) {
  const auto& list = is_cell(cx.batch.units[s.unit].kind) ? cx.members_at[s.unit] : cx.orgs_below[s.unit];
  std::int32_t n = 0, k = 0;
  bool all = true;
  for (auto j : list) {
    if (j == si || cx.grade_of[j] == kNone) continue;
    ++n;
    all = all && cx.grade_of[j] >= static_cast<std::int8_t>(r.params.all_min);
    if (cx.grade_of[j] >= static_cast<std::int8_t>(r.params.share_min)) ++k;
  }
  Hit h;
  h.detail = k;
  h.detail2 = n;
  if (n == 0) {
    h.fires = true;
    h.kind = FindingKind::info;
  } else if (!all || !share_at_least(k, n, r.params.percent)) {
    h.fires = true;
  }
  return h;
}

Hit run(const Context& cx, std::size_t ri, std::size_t si, const Subject& s) {
  const Rule& r = cx.rs.rules[ri];
  const RuleParams& p = r.params;
  const Tasks& t = s.tasks;
  Hit h;
  switch (r.check) {
    case Check::member_status:
      h.fires = s.kind == SubjectKind::member && s.status == p.status;
      return h;
    case Check::admitted_recently:
      h.fires = s.admitted != kNoDate && s.admitted > cx.threshold[ri];
      return h;
    case Check::established_recently:
      h.fires = s.established != kNoDate && s.established > cx.threshold[ri];
      return h;
    case Check::flag:
      h.fires = flag_set(s, p.field);
      return h;
    case Check::disciplined_in_year: {
      std::int32_t plain = -1, remedied = -1;
      for (std::size_t i = 0; i < s.discipline.size(); ++i) {
        const auto& d = s.discipline[i];
        if (d.violation_year != cx.batch.year || d.form < p.min_form) continue;
        if (d.self_detected_remedied) {
          if (remedied < 0) remedied = static_cast<std::int32_t>(i);
        } else if (plain < 0) {
          plain = static_cast<std::int32_t>(i);
        }
      }
      if (plain >= 0) return with_exception(true, false, p.self_remedied, plain);
      return with_exception(remedied >= 0, true, p.self_remedied, remedied);
    }
    case Check::members_disciplined:
      for (std::size_t i = 0; i < s.members_disciplined.size(); ++i)
        if (s.members_disciplined[i] >= p.min_form) {
          h.fires = true;
          h.detail = static_cast<std::int32_t>(i);
          return h;
        }
      return h;
    case Check::subunits_disciplined_share:
      h.fires =
          s.has_subunits && 100LL * s.subunits_disciplined > static_cast<std::int64_t>(p.percent) * s.subunits_total;
      return h;
    case Check::subunits_corruption:
      h.fires = s.has_subunits && s.subunits_corruption_case;
      return h;
    case Check::tasks_completed_below: {
      if (!s.has_tasks) return h;
      bool below = !share_at_least(t.completed, t.assigned, p.percent);
      bool cond = p.key_missed == KeyMissed::ignore   ? below
                  : p.key_missed == KeyMissed::either ? below || t.key_missed
                                                      : below && t.key_missed;
      return with_exception(cond, t.force_majeure, p.force_majeure);
    }
    case Check::civil_servant_grade_at_most:
      h.fires = s.civil_servant_grade != kNone && s.civil_servant_grade <= static_cast<std::int8_t>(p.grade);
      return h;
    case Check::civil_servant_grade_below:
      h.fires = s.civil_servant_grade != kNone && s.civil_servant_grade < static_cast<std::int8_t>(p.grade);
      return h;
    case Check::sick_leave_at_least:
      h.fires = s.sick_leave_days >= p.days;
      return h;
    case Check::any_rating_at_most:
      for (int c = 0; c < kCriterionCount; ++c)
        if (s.ratings[c] != kNone && s.ratings[c] <= static_cast<std::int8_t>(p.rating)) {
          h.fires = true;
          h.detail = c;
          return h;
        }
      return h;
    case Check::ratings_pattern:
      for (Criterion c : cx.rs.criteria_for(s)) {
        bool key = std::find(p.key_criteria.begin(), p.key_criteria.end(), c) != p.key_criteria.end();
        Rating need = key ? p.key_min : p.other_min;
        if (!s.has_rating(c) || s.rating(c) < need) {
          h.fires = true;
          h.detail = static_cast<std::int32_t>(c);
          return h;
        }
      }
      return h;
    case Check::tasks_not_on_time:
      h.fires = !s.has_tasks || !share_at_least(t.on_time, t.assigned, p.on_time_percent) ||
                !share_at_least(t.exceeded, t.assigned, p.exceeded_percent);
      return h;
    case Check::tasks_late:
      h.fires = !s.has_tasks || t.completed < t.assigned ||
                100LL * (t.completed - t.on_time) > static_cast<std::int64_t>(p.late_percent) * t.assigned;
      return h;
    case Check::limitations_unremedied:
      h.fires = !s.has_limitations || s.limitations_remedied < s.limitations_identified;
      return h;
    case Check::subordinates_disciplined:
      h.fires = !s.has_subunits || s.subunits_disciplined > 0 || !s.members_disciplined.empty();
      return h;
    case Check::score_band: {
      if (!s.has_score) return h;
      Grade g = Grade::KHTNV;
      for (const auto& [min, grade] : p.bands)
        if (s.score >= min) {
          g = grade;
          break;
        }
      h.fires = g != Grade::HTXSNV;
      h.cap = static_cast<std::int8_t>(g);
      return h;
    }
    case Check::roll_up:
      return run_roll_up(cx, r, si, s);
    case Check::same_level_bodies_below:
      for (std::size_t i = 0; i < s.same_level_bodies.size(); ++i)
        if (s.same_level_bodies[i] < p.grade) {
          h.fires = true;
          h.detail = static_cast<std::int32_t>(i);
          return h;
        }
      return h;
    case Check::head_above_unit: {
      std::int32_t org = cx.org_at[s.unit];
      if (org < 0 || cx.grade_of[org] == kNone) return h;
      h.fires = true;
      h.cap = cx.grade_of[org];
      h.detail = org;
      return h;
    }
  }
  return h;
}

// Evaluates one subject, appending its findings. `head_pass`: run only the rules that read the grades of
// units (the head cap), which must wait for the units (RULES: leaders after their units).
void evaluate_subject(Context& cx, Evaluation& ev, std::size_t si, bool head_pass) {
  const Subject& s = cx.batch.subjects[si];
  SubjectResult res;
  res.first_finding = static_cast<std::uint32_t>(ev.findings.size());
  const auto& rules = cx.rs.rules;
  std::int8_t max = static_cast<std::int8_t>(Grade::HTXSNV);
  for (std::size_t ri = 0; ri < rules.size(); ++ri) {
    const Rule& r = rules[ri];
    if (!cx.rule_on[ri] || !applies_to(r.applies, s)) continue;
    if (r.check == Check::head_above_unit && !head_pass) continue;
    Hit h = run(cx, ri, si, s);
    if (!h.fires) continue;
    Finding f;
    f.rule = static_cast<std::uint16_t>(ri);
    f.kind = h.kind;
    f.detail = h.detail;
    f.detail2 = h.detail2;
    if (r.effect == Effect::exclude) {
      f.cap = kNone;
      ev.findings.push_back(f);
      res.graded = false;
      break;
    }
    if (h.kind != FindingKind::rule) {
      f.cap = static_cast<std::int8_t>(Grade::HTXSNV);
    } else {
      f.cap = h.cap != kNone ? h.cap : static_cast<std::int8_t>(r.cap);
      max = std::min(max, f.cap);
    }
    ev.findings.push_back(f);
  }
  res.finding_count = static_cast<std::uint32_t>(ev.findings.size() - res.first_finding);
  if (!res.graded) {
    // Everything found before the exclusion is moot: keep only the exclusion.
    ev.findings[res.first_finding] = ev.findings.back();
    ev.findings.resize(res.first_finding + 1);
    res.finding_count = 1;
    res.max = res.grade = kNone;
    res.proposal_above_max = s.proposed != kNone;
  } else {
    res.max = max;
    res.grade = s.proposed == kNone ? max : std::min(s.proposed, max);
    res.proposal_above_max = s.proposed != kNone && s.proposed > max;
  }
  ev.subjects[si] = res;
  cx.grade_of[si] = res.grade;
}

std::int64_t rounded_limit(std::int64_t percent, std::int64_t base, const std::string& rounding) {
  std::int64_t x = percent * base;
  if (rounding == "ceil") return (x + 99) / 100;
  if (rounding == "round") return (x + 50) / 100;
  return x / 100;
}

void check_quotas(const Context& cx, const ResolvedOptions& opts, Evaluation& ev) {
  const auto& units = cx.batch.units;
  // Each unit's grassroots organization: the nearest unit at or above it that is one (else its root).
  std::vector<std::int32_t> grassroots(units.size(), -1);
  for (std::size_t u = 0; u < units.size(); ++u) {
    std::int32_t v = static_cast<std::int32_t>(u), last = v;
    while (v >= 0 && !is_grassroots(units[v].kind)) {
      last = v;
      v = units[v].parent;
    }
    grassroots[u] = v >= 0 ? v : last;
  }
  for (std::size_t qi = 0; qi < cx.rs.quotas.size(); ++qi) {
    const QuotaRule& q = cx.rs.quotas[qi];
    if (!q.enabled_param.empty() && !opts.flag(cx.rs, q.enabled_param, true)) continue;
    auto str = [&](const std::string& param, const char* fallback) -> std::string {
      const OptionValue* v = param.empty() ? nullptr : opts.get(cx.rs, param);
      return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : fallback;
    };
    std::int64_t percent = 20;
    if (const OptionValue* v = q.percent_param.empty() ? nullptr : opts.get(cx.rs, q.percent_param))
      if (std::holds_alternative<std::int64_t>(*v)) percent = std::get<std::int64_t>(*v);
    std::string rounding = str(q.rounding_param, "floor");
    bool or_above = str(q.base_param, "HTTNV") == "HTTNV_OR_ABOVE";
    bool by_role = str(q.scope_param, "grassroots") == "grassroots_role";
    // scope key: grassroots unit * 2 + role (leaders 1) when counted by role
    std::vector<std::int64_t> base(units.size() * 2, 0), count(units.size() * 2, 0);
    std::vector<std::uint8_t> seen(units.size() * 2, 0);
    for (std::size_t si = 0; si < cx.batch.subjects.size(); ++si) {
      const Subject& s = cx.batch.subjects[si];
      if (!applies_to(q.applies, s) || cx.grade_of[si] == kNone) continue;
      std::size_t key = static_cast<std::size_t>(grassroots[s.unit]) * 2 + (by_role && s.leader ? 1 : 0);
      seen[key] = 1;
      std::int8_t g = cx.grade_of[si];
      if (g == static_cast<std::int8_t>(Grade::HTTNV) || (or_above && g > static_cast<std::int8_t>(Grade::HTTNV)))
        ++base[key];
      if (g == static_cast<std::int8_t>(q.grade)) ++count[key];
    }
    for (std::size_t key = 0; key < seen.size(); ++key) {
      if (!seen[key]) continue;
      QuotaResult r;
      r.quota = static_cast<std::uint16_t>(qi);
      r.scope = units[key / 2].id;
      if (by_role) r.scope += key % 2 ? "#leaders" : "#members";
      r.grade = q.grade;
      r.base = base[key];
      r.limit = rounded_limit(percent, r.base, rounding);
      r.percent = percent;
      r.count = count[key];
      r.ok = r.count <= r.limit;
      ev.ok = ev.ok && r.ok;
      ev.quotas.push_back(std::move(r));
    }
  }
}

}  // namespace

const OptionValue* ResolvedOptions::get(const Ruleset& rs, std::string_view name) const {
  for (std::size_t i = 0; i < rs.parameters.size() && i < values.size(); ++i)
    if (rs.parameters[i].name == name) return &values[i];
  return nullptr;
}

bool ResolvedOptions::flag(const Ruleset& rs, std::string_view name, bool fallback) const {
  const OptionValue* v = get(rs, name);
  return v && std::holds_alternative<bool>(*v) ? std::get<bool>(*v) : fallback;
}

Result<ResolvedOptions> resolve_options(const Ruleset& rs, const std::map<std::string, OptionValue>& options) {
  ResolvedOptions out;
  for (const auto& p : rs.parameters) out.values.push_back(p.default_value);
  std::vector<ErrorDetail> problems;
  for (const auto& [name, value] : options) {
    auto path = "options." + name;
    std::size_t i = 0;
    while (i < rs.parameters.size() && rs.parameters[i].name != name) ++i;
    if (i == rs.parameters.size()) {
      problems.push_back({path, "unknown option for ruleset " + rs.id});
      continue;
    }
    const Parameter& p = rs.parameters[i];
    if (value.index() != p.default_value.index()) {
      problems.push_back({path, p.type == ParamType::boolean   ? "must be true or false"
                                : p.type == ParamType::integer ? "must be an integer"
                                                               : "must be a string"});
      continue;
    }
    if (!p.allowed.empty() && std::find(p.allowed.begin(), p.allowed.end(), value) == p.allowed.end()) {
      std::string list;
      for (const auto& a : p.allowed) {
        if (!list.empty()) list += ", ";
        if (auto* s = std::get_if<std::string>(&a))
          list += *s;
        else if (auto* n = std::get_if<std::int64_t>(&a))
          list += std::to_string(*n);
        else
          list += std::get<bool>(a) ? "true" : "false";
      }
      problems.push_back({path, "not an allowed value (allowed: " + list + ")"});
      continue;
    }
    out.values[i] = value;
  }
  if (!problems.empty()) return Error::invalid("invalid options", std::move(problems));
  return out;
}

bool excluded(const Ruleset& rs, const Batch& batch, const Subject& s) {
  for (const auto& r : rs.rules) {
    if (r.effect != Effect::exclude || !applies_to(r.applies, s)) continue;
    switch (r.check) {
      case Check::member_status:
        if (s.kind == SubjectKind::member && s.status == r.params.status) return true;
        break;
      case Check::admitted_recently:
        if (s.admitted != kNoDate && batch.as_of != kNoDate && s.admitted > minus_months(batch.as_of, r.params.months))
          return true;
        break;
      case Check::established_recently:
        if (s.established != kNoDate && batch.as_of != kNoDate &&
            s.established > minus_months(batch.as_of, r.params.months))
          return true;
        break;
      default:
        break;
    }
  }
  return false;
}

Evaluation evaluate(const Ruleset& rs, const Batch& batch) {
  auto resolved = resolve_options(rs, batch.options);
  ResolvedOptions opts = resolved ? std::move(resolved).value() : ResolvedOptions{};
  if (!resolved)
    for (const auto& p : rs.parameters) opts.values.push_back(p.default_value);

  const std::size_t n = batch.subjects.size(), nu = batch.units.size();
  Context cx{rs, batch, {}, {}, std::vector<std::int8_t>(n, kNone), {}, {}, std::vector<std::int32_t>(nu, -1)};
  for (const auto& r : rs.rules) {
    cx.threshold.push_back(batch.as_of == kNoDate ? kNoDate : minus_months(batch.as_of, r.params.months));
    cx.rule_on.push_back(r.enabled_by.empty() || opts.flag(rs, r.enabled_by, false));
  }
  bool roll_ups = false, head_cap = false;
  for (std::size_t ri = 0; ri < rs.rules.size(); ++ri) {
    roll_ups = roll_ups || (cx.rule_on[ri] && rs.rules[ri].check == Check::roll_up);
    head_cap = head_cap || (cx.rule_on[ri] && rs.rules[ri].check == Check::head_above_unit);
  }
  if (roll_ups) {
    cx.members_at.resize(nu);
    cx.orgs_below.resize(nu);
  }
  std::vector<std::uint32_t> members, orgs, collectives, leaders;
  for (std::size_t i = 0; i < n; ++i) {
    const Subject& s = batch.subjects[i];
    auto idx = static_cast<std::uint32_t>(i);
    switch (s.kind) {
      case SubjectKind::member:
        members.push_back(idx);
        if (roll_ups) cx.members_at[s.unit].push_back(idx);
        if (head_cap && s.leader) leaders.push_back(idx);
        break;
      case SubjectKind::party_organization:
        orgs.push_back(idx);
        if (cx.org_at[s.unit] < 0) cx.org_at[s.unit] = static_cast<std::int32_t>(i);
        if (roll_ups && batch.units[s.unit].parent >= 0) cx.orgs_below[batch.units[s.unit].parent].push_back(idx);
        break;
      case SubjectKind::leadership_collective:
        collectives.push_back(idx);
        break;
    }
  }
  // Deepest organizations first, so that a committee reads the grades of the organizations below it.
  std::vector<int> depth(nu, -1);
  for (std::size_t u = 0; u < nu; ++u) {
    int d = 0;
    for (std::int32_t v = batch.units[u].parent; v >= 0 && d <= static_cast<int>(nu); v = batch.units[v].parent) ++d;
    depth[u] = d;
  }
  std::stable_sort(orgs.begin(), orgs.end(), [&](std::uint32_t a, std::uint32_t b) {
    return depth[batch.subjects[a].unit] > depth[batch.subjects[b].unit];
  });

  Evaluation ev;
  ev.subjects.resize(n);
  ev.findings.reserve(n + n / 2);
  for (auto i : members) evaluate_subject(cx, ev, i, false);
  for (auto i : orgs) evaluate_subject(cx, ev, i, false);
  for (auto i : collectives) evaluate_subject(cx, ev, i, false);
  // Leaders after their units: re-evaluate with the head cap (the unit's roll-up counted them before it).
  for (auto i : leaders) evaluate_subject(cx, ev, i, true);

  for (const auto& r : ev.subjects) ev.ok = ev.ok && !r.proposal_above_max;
  check_quotas(cx, opts, ev);
  return ev;
}

}  // namespace xeploai::domain
