// Written by hand rather than through a JSON DOM: the result of a province (100,000 members) must be written
// in a fraction of the time it takes to parse the input (docs/performance-engine.md).
#include "batch/writer.hpp"

#include <cstdio>

namespace xeploai::batch {
namespace {

using namespace xeploai::domain;

// Appends runs that need no escaping in one go: the writer spends most of its time here.
void str(std::string& out, std::string_view s) {
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (u == '"')
      out += "\\\"";
    else if (u == '\\')
      out += "\\\\";
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void grade(std::string& out, std::int8_t g) {
  if (g == kNone)
    out += "null";
  else
    str(out, code(static_cast<Grade>(g)));
}

void num(std::string& out, double v) {
  char buf[32];
  if (v == static_cast<double>(static_cast<long long>(v)))
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else
    std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
}

void boolean(std::string& out, bool b) { out += b ? "true" : "false"; }

}  // namespace

std::string to_json(const Ruleset& rs, const Batch& b, const Evaluation& ev) {
  std::string out;
  out.reserve(b.subjects.size() * 200 + ev.findings.size() * 300 + 256);
  out += "{\"format\":1,\"ruleset\":";
  str(out, rs.id);
  out += ",\"ok\":";
  boolean(out, ev.ok);
  out += ",\"subjects\":[";
  for (std::size_t i = 0; i < b.subjects.size(); ++i) {
    const Subject& s = b.subjects[i];
    const SubjectResult& r = ev.subjects[i];
    out += i ? ",\n{\"id\":" : "\n{\"id\":";
    str(out, s.id);
    out += ",\"graded\":";
    boolean(out, r.graded);
    out += ",\"max\":";
    grade(out, r.max);
    out += ",\"grade\":";
    grade(out, r.grade);
    out += ",\"findings\":[";
    for (std::uint32_t k = 0; k < r.finding_count; ++k) {
      const Finding& f = ev.findings[r.first_finding + k];
      out += k ? ",{\"rule\":" : "{\"rule\":";
      str(out, rs.rules[f.rule].id);
      out += ",\"cap\":";
      grade(out, f.cap);
      out += ",\"source\":";
      str(out, source_text(rs, f));
      out += ",\"message_vi\":";
      str(out, message_vi(rs, b, s, f));
      out += ",\"message_en\":";
      str(out, message_en(rs, b, s, f));
      out += '}';
    }
    out += "]}";
  }
  out += "],\n\"quotas\":[";
  for (std::size_t i = 0; i < ev.quotas.size(); ++i) {
    const QuotaResult& q = ev.quotas[i];
    out += i ? ",\n{\"rule\":" : "\n{\"rule\":";
    str(out, rs.quotas[q.quota].id);
    out += ",\"scope\":";
    str(out, q.scope);
    out += ",\"grade\":";
    str(out, code(q.grade));
    out += ",\"base\":" + std::to_string(q.base) + ",\"limit\":" + std::to_string(q.limit) +
           ",\"count\":" + std::to_string(q.count) + ",\"ok\":";
    boolean(out, q.ok);
    out += ",\"source\":";
    str(out, rs.quotas[q.quota].source.text());
    out += '}';
  }
  out += "]}\n";
  return out;
}

std::string batch_to_json(const Batch& b) {
  std::string out;
  out.reserve(b.subjects.size() * 260 + b.units.size() * 100 + 256);
  out += "{\"format\":1,\"ruleset\":";
  str(out, b.ruleset);
  out += ",\"year\":" + std::to_string(b.year) + ",\"as_of\":";
  str(out, format_iso(b.as_of));
  out += ",\"options\":{";
  bool first = true;
  for (const auto& [k, v] : b.options) {
    if (!first) out += ',';
    first = false;
    str(out, k);
    out += ':';
    if (auto* x = std::get_if<bool>(&v))
      boolean(out, *x);
    else if (auto* n = std::get_if<std::int64_t>(&v))
      out += std::to_string(*n);
    else
      str(out, std::get<std::string>(v));
  }
  out += "},\"units\":[";
  for (std::size_t i = 0; i < b.units.size(); ++i) {
    const Unit& u = b.units[i];
    out += i ? ",\n{\"id\":" : "\n{\"id\":";
    str(out, u.id);
    out += ",\"kind\":";
    str(out, code(u.kind));
    out += ",\"parent\":";
    if (u.parent < 0)
      out += "null";
    else
      str(out, b.units[u.parent].id);
    out += ",\"name\":";
    str(out, u.name);
    out += '}';
  }
  out += "],\"subjects\":[";
  for (std::size_t i = 0; i < b.subjects.size(); ++i) {
    const Subject& s = b.subjects[i];
    const bool member = s.kind == SubjectKind::member;
    out += i ? ",\n{\"id\":" : "\n{\"id\":";
    str(out, s.id);
    out += ",\"kind\":";
    str(out, code(s.kind));
    out += ",\"unit\":";
    str(out, b.units[s.unit].id);
    out += ",\"proposed\":";
    grade(out, s.proposed);
    if (s.has_score) out += ",\"score\":", num(out, s.score);
    bool any = false;
    for (int c = 0; c < kCriterionCount; ++c) {
      if (s.ratings[c] == kNone) continue;
      out += any ? "," : ",\"ratings\":{";
      any = true;
      str(out, code(static_cast<Criterion>(c)));
      out += ':';
      str(out, code(static_cast<Rating>(s.ratings[c])));
    }
    if (any) out += '}';
    if (s.has_tasks) {
      const Tasks& t = s.tasks;
      out += ",\"tasks\":{\"assigned\":" + std::to_string(t.assigned) +
             ",\"completed\":" + std::to_string(t.completed) + ",\"on_time\":" + std::to_string(t.on_time) +
             ",\"exceeded\":" + std::to_string(t.exceeded) + ",\"key_missed\":";
      boolean(out, t.key_missed);
      out += ",\"force_majeure\":";
      boolean(out, t.force_majeure);
      out += '}';
    }
    if (s.has_limitations)
      out += ",\"limitations\":{\"identified\":" + std::to_string(s.limitations_identified) +
             ",\"remedied\":" + std::to_string(s.limitations_remedied) + "}";
    if (!s.discipline.empty()) {
      out += ",\"discipline\":[";
      for (std::size_t k = 0; k < s.discipline.size(); ++k) {
        const Discipline& d = s.discipline[k];
        out += k ? ",{\"decided\":" : "{\"decided\":";
        str(out, format_iso(d.decided));
        out += ",\"form\":";
        str(out, code(d.form));
        out += ",\"violation_year\":" + std::to_string(d.violation_year) + ",\"self_detected_remedied\":";
        boolean(out, d.self_detected_remedied);
        out += '}';
      }
      out += ']';
    }
    if (s.degradation_concluded) out += ",\"degradation_concluded\":true";
    if (s.must_not_do_violation) out += ",\"must_not_do_violation\":true";
    if (member) {
      if (s.status != MemberStatus::active) out += ",\"status\":", str(out, code(s.status));
      if (s.admitted != kNoDate) out += ",\"admitted\":", str(out, format_iso(s.admitted));
      if (s.leader) out += ",\"leader\":true";
      if (s.civil_servant_grade != kNone) out += ",\"civil_servant_grade\":", grade(out, s.civil_servant_grade);
      if (s.sick_leave_days) out += ",\"sick_leave_days\":" + std::to_string(s.sick_leave_days);
    } else {
      if (s.established != kNoDate) out += ",\"established\":", str(out, format_iso(s.established));
      if (s.disunity_concluded) out += ",\"disunity_concluded\":true";
      if (!s.members_disciplined.empty()) {
        out += ",\"members_disciplined\":[";
        for (std::size_t k = 0; k < s.members_disciplined.size(); ++k) {
          if (k) out += ',';
          str(out, code(s.members_disciplined[k]));
        }
        out += ']';
      }
      if (s.has_subunits) {
        out += ",\"subunits\":{\"total\":" + std::to_string(s.subunits_total) +
               ",\"disciplined\":" + std::to_string(s.subunits_disciplined) + ",\"corruption_case\":";
        boolean(out, s.subunits_corruption_case);
        out += '}';
      }
      if (!s.same_level_bodies.empty()) {
        out += ",\"same_level_bodies\":[";
        for (std::size_t k = 0; k < s.same_level_bodies.size(); ++k) {
          if (k) out += ',';
          str(out, code(s.same_level_bodies[k]));
        }
        out += ']';
      }
    }
    out += '}';
  }
  out += "]}\n";
  return out;
}

}  // namespace xeploai::batch
