// Findings explained for the official who reads them: the fact with its date or figures, the consequence, and
// the article. The fact comes from the rule's template in the ruleset file; the consequence is added here.
#include <cmath>
#include <cstdio>

#include "domain/engine.hpp"

namespace xeploai::domain {
namespace {

std::string num(double v) {
  char buf[32];
  if (std::floor(v) == v)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::string document_name(const std::string& doc, bool vi) {
  if (doc.find("-HD/") != std::string::npos) return (vi ? "Hướng dẫn " : "Guidance ") + doc;
  if (doc.find("-QĐ/") != std::string::npos) return (vi ? "Quy định " : "Regulation ") + doc;
  return doc;
}

std::string subject_label(const Subject& s, bool vi) {
  switch (s.kind) {
    case SubjectKind::member:
      return vi ? "Đảng viên" : "The party member";
    case SubjectKind::party_organization:
      return vi ? "Tổ chức đảng" : "The party organization";
    case SubjectKind::leadership_collective:
      return vi ? "Tập thể lãnh đạo, quản lý" : "The leadership collective";
  }
  return {};
}

std::string rating_name(Rating r, bool vi) {
  static const char* kVi[] = {"Kém", "Trung bình", "Tốt", "Xuất sắc"};
  static const char* kEn[] = {"poor", "average", "good", "excellent"};
  return vi ? kVi[static_cast<int>(r)] : kEn[static_cast<int>(r)];
}

// The value of one {placeholder} for this finding.
std::string var(std::string_view key, const Ruleset& rs, const Batch& b, const Subject& s, const Finding& f, bool vi) {
  const Rule& r = rs.rules[f.rule];
  const Tasks& t = s.tasks;
  const Discipline* d =
      f.detail >= 0 && static_cast<std::size_t>(f.detail) < s.discipline.size() ? &s.discipline[f.detail] : nullptr;
  if (key == "subject") return subject_label(s, vi);
  if (key == "year") return std::to_string(b.year);
  if (key == "as_of") return format_dmy(b.as_of);
  if (key == "months") return std::to_string(r.params.months);
  if (key == "admitted") return s.admitted == kNoDate ? "" : format_dmy(s.admitted);
  if (key == "established") return s.established == kNoDate ? "" : format_dmy(s.established);
  if (key == "date") return d && d->decided != kNoDate ? format_dmy(d->decided) : "";
  if (key == "form") return d ? std::string(vi ? name_vi(d->form) : name_en(d->form)) : "";
  if (key == "violation_year") return d ? std::to_string(d->violation_year) : "";
  if (key == "member_form") {
    if (f.detail >= 0 && static_cast<std::size_t>(f.detail) < s.members_disciplined.size())
      return std::string(vi ? name_vi(s.members_disciplined[f.detail]) : name_en(s.members_disciplined[f.detail]));
    return "";
  }
  if (key == "assigned") return std::to_string(t.assigned);
  if (key == "completed") return std::to_string(t.completed);
  if (key == "on_time") return std::to_string(t.on_time);
  if (key == "exceeded") return std::to_string(t.exceeded);
  if (key == "late") return std::to_string(t.completed - t.on_time);
  if (key == "percent") return std::to_string(r.params.percent);
  if (key == "on_time_percent") return std::to_string(r.params.on_time_percent);
  if (key == "exceeded_percent") return std::to_string(r.params.exceeded_percent);
  if (key == "late_percent") return std::to_string(r.params.late_percent);
  if (key == "score") return num(s.score);
  if (key == "days") return std::to_string(s.sick_leave_days);
  if (key == "min_days") return std::to_string(r.params.days);
  if (key == "civil_servant_grade")
    return s.civil_servant_grade == kNone ? ""
                                          : std::string(vi ? name_vi(static_cast<Grade>(s.civil_servant_grade))
                                                           : name_en(static_cast<Grade>(s.civil_servant_grade)));
  if (key == "criterion") return f.detail >= 0 ? std::string(code(static_cast<Criterion>(f.detail))) : "";
  if (key == "rating")
    return f.detail >= 0 && s.ratings[f.detail] != kNone ? rating_name(static_cast<Rating>(s.ratings[f.detail]), vi)
                                                         : (vi ? "chưa đánh giá" : "not rated");
  if (key == "identified") return std::to_string(s.limitations_identified);
  if (key == "remedied") return std::to_string(s.limitations_remedied);
  if (key == "total") return std::to_string(s.subunits_total);
  if (key == "disciplined") return std::to_string(s.subunits_disciplined);
  if (key == "count") return std::to_string(f.detail);
  if (key == "base") return std::to_string(f.detail2);
  if (key == "body_grade")
    return f.detail >= 0 && static_cast<std::size_t>(f.detail) < s.same_level_bodies.size()
               ? std::string(vi ? name_vi(s.same_level_bodies[f.detail]) : name_en(s.same_level_bodies[f.detail]))
               : "";
  if (key == "unit") return s.unit >= 0 ? b.units[s.unit].name : "";
  if (key == "unit_grade")
    return f.cap >= 0 ? std::string(vi ? name_vi(static_cast<Grade>(f.cap)) : name_en(static_cast<Grade>(f.cap))) : "";
  if (key == "param_grade") return std::string(vi ? name_vi(r.params.grade) : name_en(r.params.grade));
  if (key == "all_min") return std::string(vi ? name_vi(r.params.all_min) : name_en(r.params.all_min));
  if (key == "share_min") return std::string(vi ? name_vi(r.params.share_min) : name_en(r.params.share_min));
  return "{" + std::string(key) + "}";
}

std::string fill(const std::string& tpl, const Ruleset& rs, const Batch& b, const Subject& s, const Finding& f,
                 bool vi) {
  std::string out;
  out.reserve(tpl.size() + 160);
  for (std::size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{') {
      auto end = tpl.find('}', i);
      if (end != std::string::npos) {
        out += var(std::string_view(tpl).substr(i + 1, end - i - 1), rs, b, s, f, vi);
        i = end;
        continue;
      }
    }
    out += tpl[i];
  }
  return out;
}

std::string message(const Ruleset& rs, const Batch& b, const Subject& s, const Finding& f, bool vi) {
  const Rule& r = rs.rules[f.rule];
  std::string out;
  if (f.kind == FindingKind::info && r.check == Check::roll_up) {
    out = vi ? "Trong lô không có " +
                   std::string(is_cell(b.units[s.unit].kind) ? "đảng viên" : "tổ chức đảng trực thuộc") +
                   " nào được xếp loại nên chưa xét được điều kiện về tỷ lệ xếp loại"
             : "The batch holds no graded " +
                   std::string(is_cell(b.units[s.unit].kind) ? "member" : "subordinate organization") +
                   ", so the share condition could not be checked";
  } else {
    out = fill(vi ? r.message_vi : r.message_en, rs, b, s, f, vi);
  }
  out.reserve(out.size() + 160);
  if (f.cap == kNone) {
    out += vi ? ": không xếp loại chất lượng — " : ": not graded — ";
  } else if (f.kind == FindingKind::weigh) {
    out += vi ? ": thuộc trường hợp ngoại lệ, cấp có thẩm quyền xem xét, quyết định — "
              : ": an exception applies; the competent level weighs the case and decides — ";
  } else if (f.kind == FindingKind::info) {
    out += vi ? " (để cấp có thẩm quyền xem xét) — " : " (for the competent level to consider) — ";
  } else {
    auto g = static_cast<Grade>(f.cap);
    out += vi ? ": xếp loại không quá " : ": graded no higher than ";
    out += vi ? name_vi(g) : name_en(g);
    if (!vi) {
      out += " (";
      out += code(g);
      out += ')';
    }
    out += " — ";
  }
  out += document_name(r.source.document, vi);
  const std::string& art = vi ? r.source.article : r.source.article_en;
  if (!art.empty()) {
    out += ", ";
    out += art;
  }
  return out;
}

}  // namespace

std::string message_vi(const Ruleset& rs, const Batch& b, const Subject& s, const Finding& f) {
  return message(rs, b, s, f, true);
}
std::string message_en(const Ruleset& rs, const Batch& b, const Subject& s, const Finding& f) {
  return message(rs, b, s, f, false);
}
std::string source_text(const Ruleset& rs, const Finding& f) { return rs.rules[f.rule].source.text(); }

}  // namespace xeploai::domain
