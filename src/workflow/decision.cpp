#include "workflow/decision.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <unordered_map>

namespace xeploai::workflow {

namespace {

// Unit id -> index, built once per call so that a province-sized batch stays linear.
using UnitIndex = std::unordered_map<std::string, std::int32_t>;

UnitIndex index_units(const std::vector<UnitNode>& units) {
  UnitIndex index;
  index.reserve(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) index.emplace(units[i].id, static_cast<std::int32_t>(i));
  return index;
}

std::int32_t index_of(const UnitIndex& index, const std::string& id) {
  auto it = index.find(id);
  return it == index.end() ? -1 : it->second;
}

Result<void> check_tree(const std::vector<UnitNode>& units) {
  std::vector<ErrorDetail> p;
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].id.empty())
      p.push_back({fmt::format("units[{}].id", i), "bắt buộc / required"});
    else if (!seen.emplace(units[i].id, i).second)
      p.push_back({fmt::format("units[{}].id", i), "mã bị trùng / duplicate id"});
    const std::int32_t parent = units[i].parent;
    if (parent < -1 || parent >= static_cast<std::int32_t>(units.size()))
      p.push_back({fmt::format("units[{}].parent", i), "không có đơn vị này / no such unit"});
  }
  // A cycle in the parent links would make every walk up loop forever.
  for (std::size_t i = 0; i < units.size() && p.empty(); ++i) {
    std::int32_t at = units[i].parent;
    for (std::size_t steps = 0; at >= 0; ++steps, at = units[at].parent)
      if (steps > units.size()) {
        p.push_back(
            {fmt::format("units[{}].parent", i), "đơn vị là cấp trên của chính nó / the unit is its own ancestor"});
        break;
      }
  }
  if (!p.empty()) return Error::invalid(bilingual("Cây tổ chức không hợp lệ", "invalid organization tree"), p);
  return {};
}

std::string join_findings(const SubjectAppraisal& s) {
  std::string out;
  for (const FindingView& f : s.findings) {
    if (!out.empty()) out += "; ";
    out += f.rule + " (" + f.source + "): " + f.message_vi;
  }
  return out;
}

}  // namespace

Result<domain::Batch> build_batch(const Cycle& cycle, Days as_of, const std::vector<UnitNode>& units,
                                  const std::vector<CaseFacts>& cases,
                                  const std::map<std::string, domain::OptionValue>& options) {
  if (auto ok = check_tree(units); !ok) return std::move(ok).error();
  const UnitIndex index = index_units(units);
  domain::Batch b;
  b.ruleset = cycle.ruleset;
  b.year = cycle.year;
  b.as_of = as_of;
  b.options = options;
  b.units.reserve(units.size());
  for (const UnitNode& u : units) b.units.push_back({u.id, u.id, u.kind, u.parent});
  std::vector<ErrorDetail> p;
  if (as_of == kNoDate) p.push_back({"as_of", "bắt buộc / required"});
  std::map<std::string, std::size_t> ids;
  b.subjects.reserve(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    domain::Subject s = cases[i].subject;
    s.unit = index_of(index, cases[i].unit);
    if (s.id.empty())
      p.push_back({fmt::format("subjects[{}].id", i), "bắt buộc / required"});
    else if (!ids.emplace(s.id, i).second)
      p.push_back({fmt::format("subjects[{}].id", i), "mã bị trùng " + s.id + " / duplicate id " + s.id});
    if (s.unit < 0)
      p.push_back({fmt::format("subjects[{}].unit", i),
                   "không có đơn vị '" + cases[i].unit + "' / unknown unit '" + cases[i].unit + "'"});
    b.subjects.push_back(std::move(s));
  }
  if (!p.empty()) return Error::invalid(bilingual("Không lập được lô xếp loại", "the grading batch is invalid"), p);
  return b;
}

Result<Appraisal> appraise(const domain::Ruleset& rs, const domain::Batch& batch) {
  if (auto opts = domain::resolve_options(rs, batch.options); !opts) return std::move(opts).error();
  const domain::Evaluation ev = domain::evaluate(rs, batch);
  Appraisal a;
  a.ok = ev.ok;
  a.subjects.reserve(batch.subjects.size());
  for (std::size_t i = 0; i < batch.subjects.size(); ++i) {
    const domain::Subject& s = batch.subjects[i];
    const domain::SubjectResult& r = ev.subjects[i];
    SubjectAppraisal sa;
    sa.subject = s.id;
    sa.graded = r.graded;
    if (r.max != domain::kNone) sa.max = static_cast<domain::Grade>(r.max);
    if (r.grade != domain::kNone) sa.grade = static_cast<domain::Grade>(r.grade);
    if (s.proposed != domain::kNone) sa.proposed = static_cast<domain::Grade>(s.proposed);
    sa.proposal_above_max = r.proposal_above_max;
    std::size_t count = 0;
    const domain::Finding* f = ev.findings_of(i, count);
    for (std::size_t k = 0; k < count; ++k) {
      FindingView v;
      v.rule = rs.rules[f[k].rule].id;
      v.source = domain::source_text(rs, f[k]);
      v.message_vi = domain::message_vi(rs, batch, s, f[k]);
      v.message_en = domain::message_en(rs, batch, s, f[k]);
      if (f[k].cap != domain::kNone) v.cap = static_cast<domain::Grade>(f[k].cap);
      sa.findings.push_back(std::move(v));
    }
    a.subjects.push_back(std::move(sa));
  }
  for (const domain::QuotaResult& q : ev.quotas)
    a.quotas.push_back({rs.quotas[q.quota].id, q.scope, q.grade, q.base, q.limit, q.count, q.ok, q.percent});
  return a;
}

namespace {

// The tree has been checked and `at` is one of its indices.
Result<Competence> competence_at(const std::vector<UnitNode>& units, domain::SubjectKind kind, std::int32_t at) {
  const std::string& unit = units[at].id;
  using domain::UnitKind;
  auto up_to = [&](std::int32_t from, auto pred) -> std::int32_t {
    for (std::int32_t i = from; i >= 0; i = units[i].parent)
      if (pred(units[i].kind)) return i;
    return -1;
  };
  auto none = [&](std::string_view vi, std::string_view en) {
    return Error::invalid(
        bilingual("Không xác định được cấp có thẩm quyền quyết định", "no competent level for this subject"),
        {{"unit", unit + ": " + bilingual(vi, en)}});
  };
  const UnitNode& u = units[at];
  switch (kind) {
    case domain::SubjectKind::member: {
      const std::int32_t g = up_to(at, [](UnitKind k) { return domain::is_grassroots(k); });
      if (g < 0)
        return none("không có tổ chức cơ sở đảng phía trên chi bộ của đảng viên",
                    "no grassroots organization above the member's cell");
      return Competence{units[g].id, Body::committee};
    }
    case domain::SubjectKind::party_organization: {
      if (u.kind == UnitKind::cell || u.kind == UnitKind::sectional_committee) {
        const std::int32_t g = up_to(u.parent, [](UnitKind k) { return domain::is_grassroots(k); });
        if (g < 0) return none("không có đảng ủy cơ sở phía trên chi bộ", "no grassroots committee above the cell");
        return Competence{units[g].id, Body::committee};
      }
      if (u.kind == UnitKind::upper_grassroots_committee) {
        const std::int32_t p = up_to(u.parent, [](UnitKind k) { return k == UnitKind::province_committee; });
        if (p < 0)
          return none("không có cấp tỉnh phía trên đảng ủy cấp trên cơ sở",
                      "no province above the upper-grassroots committee");
        return Competence{units[p].id, Body::standing_committee};
      }
      if (u.kind == UnitKind::province_committee) return Competence{"", Body::politburo};
      if (u.parent < 0) return none("không có cấp trên", "no level above");
      return Competence{units[u.parent].id, Body::standing_committee};
    }
    case domain::SubjectKind::leadership_collective:
      if (u.parent < 0) return Competence{"", Body::politburo};
      return Competence{units[u.parent].id, Body::standing_committee};
  }
  return none("loại đối tượng không xác định", "unknown subject kind");
}

}  // namespace

Result<Competence> competent_level(const std::vector<UnitNode>& units, domain::SubjectKind kind,
                                   const std::string& unit) {
  if (auto ok = check_tree(units); !ok) return std::move(ok).error();
  const std::int32_t at = index_of(index_units(units), unit);
  if (at < 0)
    return Error::invalid(bilingual("Không có đơn vị này", "unknown unit"),
                          {{"unit", "không có đơn vị '" + unit + "' / unknown unit '" + unit + "'"}});
  return competence_at(units, kind, at);
}

Result<Decision> decide(const domain::Ruleset& rs, const Cycle& cycle, const domain::Batch& batch,
                        const std::vector<UnitNode>& units, const DecisionRecord& record) {
  std::vector<ErrorDetail> p;
  if (record.number.empty()) p.push_back({"record.number", "bắt buộc / required"});
  if (record.signer.empty()) p.push_back({"record.signer", "bắt buộc / required"});
  if (record.date == kNoDate)
    p.push_back({"record.date", "bắt buộc / required"});
  else if (cycle.year > 0 && cycle.quarter >= 0 && cycle.quarter <= 3 && record.date < period_start(cycle))
    p.push_back({"record.date", "trước kỳ đánh giá / before the evaluated period"});
  if (batch.ruleset != rs.id)
    p.push_back({"ruleset", "lô xếp loại theo " + batch.ruleset + ", không phải " + rs.id + " / the batch is for " +
                                batch.ruleset + ", not " + rs.id});
  if (batch.ruleset != cycle.ruleset || batch.year != cycle.year)
    p.push_back({"cycle", "lô xếp loại không thuộc đợt này / the batch does not belong to this cycle"});
  if (batch.subjects.empty()) p.push_back({"subjects", "không có gì để quyết định / nothing to decide"});
  if (auto ok = check_tree(units); !ok) return std::move(ok).error();
  const UnitIndex index = index_units(units);
  const std::int32_t deciding = index_of(index, record.unit);
  if (record.unit.empty() && record.body != Body::politburo)
    p.push_back({"record.unit", "bắt buộc / required"});
  else if (!record.unit.empty() && deciding < 0)
    p.push_back({"record.unit", "không có đơn vị '" + record.unit + "' / unknown unit '" + record.unit + "'"});
  if (!p.empty()) return Error::invalid(bilingual("Quyết định không hợp lệ", "invalid decision"), p);

  // The competent level decides; the levels above it may cancel and re-grade (R-REGRADE-2).
  for (std::size_t i = 0; i < batch.subjects.size(); ++i) {
    const domain::Subject& s = batch.subjects[i];
    const std::int32_t at = s.unit >= 0 && s.unit < static_cast<std::int32_t>(batch.units.size())
                                ? index_of(index, batch.units[s.unit].id)
                                : -1;
    if (at < 0) {
      p.push_back(
          {fmt::format("subjects[{}].unit", i), "không phải đơn vị trong cây tổ chức / not a unit of the tree"});
      continue;
    }
    auto c = competence_at(units, s.kind, at);
    if (!c) {
      for (const ErrorDetail& d : c.error().details) p.push_back({fmt::format("subjects[{}].unit", i), d.problem});
      continue;
    }
    bool ok = c->unit == record.unit;
    for (std::int32_t up = c->unit.empty() ? -1 : units[index_of(index, c->unit)].parent; !ok && up >= 0;
         up = units[up].parent)
      ok = up == deciding;
    if (!ok)
      p.push_back({fmt::format("subjects[{}]", i),
                   fmt::format("{0} do {1} quyết định, không phải {2} / {0} is decided by {3}, not by {2}", s.id,
                               c->unit.empty() ? "Bộ Chính trị" : c->unit, record.unit,
                               c->unit.empty() ? "the Politburo" : c->unit)});
  }
  if (!p.empty())
    return Error{ErrorCode::forbidden,
                 bilingual("Cấp này không có thẩm quyền quyết định các đối tượng sau",
                           "this level is not competent for these subjects"),
                 p};

  auto appraisal = appraise(rs, batch);
  if (!appraisal) return std::move(appraisal).error();
  for (std::size_t i = 0; i < appraisal->subjects.size(); ++i) {
    const SubjectAppraisal& s = appraisal->subjects[i];
    if (s.graded && !s.proposed)
      p.push_back({fmt::format("subjects[{}].proposed", i),
                   s.subject + ": cần mức xếp loại để quyết định / a grade to decide is required"});
    if (s.proposal_above_max)
      p.push_back(
          {fmt::format("subjects[{}].proposed", i),
           fmt::format("{0}: {1} cao hơn mức cao nhất được phép là {2} — {3} / {0}: {1} is above the highest grade "
                       "allowed, {2}",
                       s.subject, domain::code(*s.proposed), s.max ? domain::code(*s.max) : "—", join_findings(s))});
  }
  for (std::size_t j = 0; j < appraisal->quotas.size(); ++j) {
    const QuotaMeter& q = appraisal->quotas[j];
    if (!q.ok)
      p.push_back({fmt::format("quotas[{}]", j),
                   fmt::format("{0} {1}: {2} xếp loại {3} vượt giới hạn {4} (trên {5}) / {0} {1}: {2} graded {3} "
                               "exceeds the limit {4} (base {5})",
                               q.rule, q.scope, q.count, domain::code(q.grade), q.limit, q.base)});
  }
  if (!p.empty())
    return Error::invalid(bilingual("Quyết định bị từ chối: kết quả không đúng quy định (không lưu gì)",
                                    "decision refused: the grades break the rules (nothing was stored)"),
                          p);

  Decision d;
  d.record = record;
  for (const SubjectAppraisal& s : appraisal->subjects)
    d.grades.push_back({s.subject, s.graded ? s.grade : std::nullopt});
  d.appraisal = std::move(appraisal).value();
  return d;
}

}  // namespace xeploai::workflow

namespace xeploai::workflow {

Result<void> decision_order_gate(const std::vector<UnitNode>& units, const std::vector<CaseState>& cycle_subjects,
                                 const std::vector<std::string>& batch_subjects) {
  if (auto ok = check_tree(units); !ok) return std::move(ok).error();
  const UnitIndex index = index_units(units);
  const std::set<std::string> in_batch(batch_subjects.begin(), batch_subjects.end());
  // Subjects waiting to be graded, by the unit whose organization needs them first.
  std::map<std::int32_t, std::vector<const CaseState*>> waiting;
  std::vector<ErrorDetail> p;
  for (const CaseState& c : cycle_subjects) {
    if (c.decided || in_batch.contains(c.subject)) continue;
    const std::int32_t at = index_of(index, c.unit);
    if (at < 0) {
      p.push_back({"subjects." + c.subject, "không có đơn vị '" + c.unit + "' / unknown unit '" + c.unit + "'"});
      continue;
    }
    if (c.kind == domain::SubjectKind::member)
      waiting[at].push_back(&c);
    else if (c.kind == domain::SubjectKind::party_organization && units[at].parent >= 0)
      waiting[units[at].parent].push_back(&c);
  }
  for (const CaseState& c : cycle_subjects) {
    if (c.kind != domain::SubjectKind::party_organization || !in_batch.contains(c.subject)) continue;
    auto it = waiting.find(index_of(index, c.unit));
    if (it == waiting.end()) continue;
    for (const CaseState* w : it->second)
      p.push_back(
          {"order." + w->subject,
           fmt::format("{0} phải được xếp loại trước tổ chức {1} / {0} must be graded before the organization {1}",
                       w->subject, c.subject)});
  }
  if (!p.empty())
    return Error{ErrorCode::conflict,
                 bilingual("Chưa thể xếp loại tổ chức đảng: đảng viên và tổ chức trực thuộc phải được xếp loại trước",
                           "the party organization is graded after its members and subordinate organizations"),
                 p};
  return {};
}

}  // namespace xeploai::workflow
