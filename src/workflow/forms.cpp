#include "workflow/forms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace xeploai::workflow {

std::string_view code(TaskStatus s) {
  switch (s) {
    case TaskStatus::in_progress:
      return "in_progress";
    case TaskStatus::completed_on_time:
      return "completed_on_time";
    case TaskStatus::completed_late:
      return "completed_late";
    case TaskStatus::not_completed:
      return "not_completed";
  }
  return "?";
}

std::optional<TaskStatus> parse_task_status(std::string_view s) {
  for (auto t :
       {TaskStatus::in_progress, TaskStatus::completed_on_time, TaskStatus::completed_late, TaskStatus::not_completed})
    if (code(t) == s) return t;
  return std::nullopt;
}

namespace {

SectionDef sec(std::string key, std::string vi, std::string en, bool required = true) {
  return {std::move(key), std::move(vi), std::move(en), required};
}

// 43-HD Mẫu 01/2A/2B/2C part A (qd366.md §7): I strengths, II limitations, III remedy, IV hints, V responsibility,
// VI direction.
std::vector<SectionDef> sections_366(Profile p) {
  std::vector<SectionDef> s;
  s.push_back(sec("strengths", "Ưu điểm, kết quả đạt được", "Strengths and results"));
  if (p == Profile::leader || p == Profile::leader_central)
    s.push_back(sec("leadership",
                    "Kết quả lãnh đạo, quản lý; mức độ hoàn thành nhiệm vụ của đơn vị phụ trách; trách nhiệm nêu gương",
                    "Leadership results, completion by the units led, exemplary responsibility"));
  if (p != Profile::collective)
    s.push_back(sec("commitments", "Cam kết tu dưỡng, rèn luyện, phấn đấu", "Commitments to self-improvement"));
  s.push_back(sec("limitations", "Hạn chế, khuyết điểm và nguyên nhân", "Limitations, shortcomings and causes"));
  s.push_back(sec("remedy", "Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra",
                  "Remedy of the limitations identified earlier"));
  s.push_back(sec("hints", "Giải trình những vấn đề được gợi ý kiểm điểm (nếu có)",
                  "Answers to the review hints (if any)", false));
  s.push_back(sec("responsibility",
                  p == Profile::collective
                      ? "Trách nhiệm của tập thể và cá nhân đối với hạn chế, khuyết điểm"
                      : "Trách nhiệm của cá nhân đối với hạn chế, khuyết điểm của tập thể (nếu có)",
                  p == Profile::collective ? "Responsibility of the collective and of individuals"
                                           : "Personal responsibility for the collective's shortcomings (if any)",
                  p == Profile::collective));
  s.push_back(sec("direction", "Phương hướng, biện pháp khắc phục", "Direction and remedial measures"));
  return s;
}

// 124 (02A/02B 2023) and 132 (Mẫu 02 2019) statements: the sample template of regulations.md §5.5.
std::vector<SectionDef> sections_rated(bool leader, bool collective) {
  std::vector<SectionDef> s;
  s.push_back(sec("strengths",
                  collective ? "Ưu điểm, kết quả đạt được"
                             : "Ưu điểm: tư tưởng chính trị; phẩm chất đạo đức, lối sống; tổ chức kỷ luật; thực "
                               "hiện chức trách, nhiệm vụ",
                  "Strengths and results"));
  if (leader)
    s.push_back(sec("leadership", "Kết quả lãnh đạo, quản lý; trách nhiệm nêu gương",
                    "Leadership results and exemplary responsibility"));
  s.push_back(sec("limitations", "Hạn chế, khuyết điểm và nguyên nhân", "Limitations, shortcomings and causes"));
  s.push_back(sec("remedy", "Kết quả khắc phục hạn chế, khuyết điểm đã được chỉ ra",
                  "Remedy of the limitations identified earlier"));
  s.push_back(sec("direction", "Biện pháp khắc phục hạn chế, khuyết điểm", "Remedial measures"));
  return s;
}

std::vector<ScoreGroupDef> groups_366(Profile p) {
  std::vector<std::string> general, tasks;
  switch (p) {
    case Profile::collective:
      general = {"Xây dựng, chỉnh đốn Đảng; xây dựng hệ thống chính trị",
                 "Năng lực lãnh đạo; đoàn kết nội bộ",
                 "Kiểm tra, giám sát, kỷ luật đảng; kiểm soát quyền lực",
                 "Nguyên tắc tổ chức, tập trung dân chủ, tự phê bình; quy chế làm việc",
                 "Lãnh đạo thực hiện nhiệm vụ chính trị; tinh gọn bộ máy; cải cách, chuyển đổi số",
                 "Tự phê bình, khắc phục hạn chế đã chỉ ra"};
      tasks = {"Cụ thể hóa, thực hiện nghị quyết, chỉ tiêu được giao", "Kết quả xếp loại lĩnh vực, đơn vị phụ trách"};
      break;
    case Profile::leader_central:
      general = {"Phẩm chất chính trị, đạo đức, lối sống, nêu gương", "Tư duy đổi mới, chiến lược, dám nghĩ dám làm",
                 "Tự phê bình, tự sửa chữa, khắc phục hạn chế"};
      tasks = {"Tiêu chí theo từng chức danh (Phụ lục 2)"};
      break;
    case Profile::leader:
      general = {"Chính trị tư tưởng", "Đạo đức, ý thức tổ chức kỷ luật", "Năng lực lãnh đạo, quản lý, chuyên môn",
                 "Mức độ tín nhiệm, uy tín, khả năng đoàn kết", "Tự phê bình, khắc phục hạn chế"};
      tasks = {"Kết quả thực hiện chức trách, nhiệm vụ của bản thân", "Kết quả lãnh đạo, chỉ đạo lĩnh vực phụ trách",
               "Kết quả xếp loại tập thể, đơn vị và cán bộ trực tiếp quản lý"};
      break;
    case Profile::non_leader:
      general = {"Chính trị, đạo đức, ý thức tổ chức kỷ luật", "Năng lực chuyên môn theo vị trí việc làm",
                 "Tự phê bình, khắc phục hạn chế"};
      tasks = {"Mức độ hoàn thành chỉ tiêu, nhiệm vụ theo sản phẩm, tiến độ, chất lượng"};
      break;
    case Profile::member_outside:
      general = {"Lập trường chính trị, đạo đức, lối sống, ý thức tổ chức kỷ luật", "Tự phê bình, khắc phục hạn chế"};
      tasks = {"Thực hiện quyền, nhiệm vụ đảng viên, nhiệm vụ chi bộ giao",
               "Học tập nghị quyết, tham gia ý kiến trong sinh hoạt chi bộ",
               "Nhiệm vụ đột xuất, hoạt động ở địa phương"};
      break;
  }
  return {{"general", "Nhóm tiêu chí chung", "General criteria", 30, general},
          {"tasks", "Nhóm tiêu chí về kết quả thực hiện nhiệm vụ", "Task results", 70, tasks}};
}

bool well_formed_evidence(const std::string& e) {
  if (e.starts_with("file:")) return e.size() > 5;
  if (e.starts_with("https://")) return e.size() > 8;
  if (e.starts_with("http://")) return e.size() > 7;
  return false;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

domain::Grade band_of(double score) {
  if (score >= 90) return domain::Grade::HTXSNV;
  if (score >= 70) return domain::Grade::HTTNV;
  if (score >= 50) return domain::Grade::HTNV;
  return domain::Grade::KHTNV;
}

}  // namespace

Result<FormDef> form_for(const domain::Ruleset& ruleset, Profile profile, int quarter) {
  auto regime = regime_of(ruleset);
  if (!regime) return std::move(regime).error();
  if (quarter < 0 || quarter > 3 || (quarter != 0 && *regime != Regime::qd366))
    return Error::invalid(
        bilingual("Không có mẫu đánh giá theo quý cho quy định này", "no quarterly form under this regulation"),
        {{"quarter", "chỉ Quy định 366-QĐ/TW có đánh giá quý 1–3 / quarters 1–3 exist only under 366-QĐ/TW"}});
  if (quarter != 0 && profile != Profile::collective) {
    FormDef f;
    f.profile = profile;
    f.code = "05-HD KĐ.ĐG 2025";
    f.title_vi = "Bản tự đánh giá, xếp loại cá nhân (quý)";
    f.title_en = "Individual quarterly self-evaluation and grading";
    f.appendix = profile == Profile::leader_central ? "PL2"
                 : profile == Profile::leader       ? "PL3"
                 : profile == Profile::non_leader   ? "PL4"
                                                    : "PL5";
    f.points = true;
    f.tasks_required = true;
    f.evidence_required = true;
    f.sections = {sec("strengths", "Kết quả thực hiện nhiệm vụ trong quý", "Results of the quarter"),
                  sec("limitations", "Hạn chế, khuyết điểm và nguyên nhân", "Limitations, shortcomings and causes"),
                  sec("direction", "Nhiệm vụ, biện pháp quý tới", "Tasks and measures for the next quarter")};
    f.score_groups = groups_366(profile);
    return f;
  }
  FormDef f;
  f.profile = profile;
  const bool leader = profile == Profile::leader || profile == Profile::leader_central;
  const bool collective = profile == Profile::collective;
  switch (*regime) {
    case Regime::qd366: {
      f.points = true;
      f.tasks_required = true;
      f.evidence_required = true;
      f.sections = sections_366(profile);
      f.score_groups = groups_366(profile);
      switch (profile) {
        case Profile::collective:
          f.code = "01-HD KĐ.ĐG 2025", f.appendix = "PL1";
          f.title_vi = "Báo cáo kiểm điểm, tự đánh giá, xếp loại chất lượng tập thể";
          f.title_en = "Collective review, self-evaluation and grading report";
          break;
        case Profile::leader_central:
        case Profile::leader:
          f.code = "02A-HD KĐ.ĐG 2025", f.appendix = profile == Profile::leader ? "PL3" : "PL2";
          f.title_vi = "Bản kiểm điểm cá nhân (người giữ chức vụ lãnh đạo, quản lý)";
          f.title_en = "Individual review statement (holder of a leadership or management post)";
          break;
        case Profile::non_leader:
          f.code = "02B-HD KĐ.ĐG 2025", f.appendix = "PL4";
          f.title_vi = "Bản kiểm điểm cá nhân (không giữ chức vụ lãnh đạo, quản lý)";
          f.title_en = "Individual review statement (without a leadership post)";
          break;
        case Profile::member_outside:
          f.code = "02C-HD KĐ.ĐG 2025", f.appendix = "PL5";
          f.title_vi = "Bản kiểm điểm đảng viên (không công tác trong hệ thống chính trị)";
          f.title_en = "Review statement of a party member outside the political system";
          break;
      }
      break;
    }
    case Regime::qd124:
    case Regime::qd132: {
      const bool r124 = *regime == Regime::qd124;
      f.sections = sections_rated(leader, collective);
      f.criteria = collective ? ruleset.collective_criteria
                   : leader   ? ruleset.leader_criteria
                              : ruleset.member_criteria;
      if (collective) {
        f.code = r124 ? "01-HD KĐ.ĐG 2023" : "01-HD KĐ.ĐG 2019";
        f.title_vi = "Báo cáo kiểm điểm tập thể";
        f.title_en = "Collective review report";
      } else if (r124) {
        f.code = leader ? "02B-HD KĐ.ĐG 2023" : "02A-HD KĐ.ĐG 2023";
        f.title_vi = leader ? "Bản kiểm điểm cá nhân (có chức vụ lãnh đạo, quản lý)"
                            : "Bản kiểm điểm cá nhân (không giữ chức vụ lãnh đạo, quản lý)";
        f.title_en = leader ? "Individual review statement (with a leadership post)"
                            : "Individual review statement (without a leadership post)";
      } else {
        f.code = "02-HD KĐ.ĐG 2019";
        f.title_vi = "Bản kiểm điểm cá nhân";
        f.title_en = "Individual review statement";
      }
      break;
    }
  }
  return f;
}

Result<void> validate_statement(const FormDef& form, const Statement& st, Completeness completeness) {
  const bool submit = completeness == Completeness::submission;
  std::vector<ErrorDetail> p;
  if (st.form != form.code)
    p.push_back({"form", "cần mẫu '" + form.code + "', nhận '" + st.form + "' / expected '" + form.code + "', got '" +
                             st.form + "'"});

  for (const auto& [key, text] : st.sections) {
    const bool known =
        std::any_of(form.sections.begin(), form.sections.end(), [&](const SectionDef& s) { return s.key == key; });
    if (!known)
      p.push_back({"sections." + key, "không phải mục của mẫu " + form.code + " / not a section of " + form.code});
  }
  if (submit)
    for (const SectionDef& s : form.sections) {
      auto it = st.sections.find(s.key);
      if (s.required && (it == st.sections.end() || blank(it->second)))
        p.push_back({"sections." + s.key, "bắt buộc: " + s.title_vi + " / required: " + s.title_en});
    }

  if (form.points) {
    for (const auto& [key, value] : st.scores) {
      auto g = std::find_if(form.score_groups.begin(), form.score_groups.end(),
                            [&](const ScoreGroupDef& d) { return d.key == key; });
      if (g == form.score_groups.end())
        p.push_back({"scores." + key,
                     "không phải nhóm tiêu chí của mẫu " + form.code + " / not a score group of " + form.code});
      else if (!std::isfinite(value) || value < 0 || value > g->max)
        p.push_back(
            {"scores." + key, fmt::format("{0} nằm ngoài khoảng 0–{1} điểm / {0} is outside 0–{1}", value, g->max)});
    }
    if (submit)
      for (const ScoreGroupDef& g : form.score_groups)
        if (!st.scores.contains(g.key))
          p.push_back({"scores." + g.key, fmt::format("bắt buộc (từ 0 đến {0} điểm) / required (0–{0})", g.max)});
    if (!st.ratings.empty())
      p.push_back({"ratings",
                   "mẫu này chấm bằng điểm, không xếp mức theo tiêu chí / this form is scored in points, not rated"});
  } else {
    for (const auto& [criterion, rating] : st.ratings)
      if (std::find(form.criteria.begin(), form.criteria.end(), criterion) == form.criteria.end())
        p.push_back({"ratings." + std::string(domain::code(criterion)),
                     "không phải tiêu chí của mẫu " + form.code + " / not a criterion of " + form.code});
    if (submit)
      for (domain::Criterion c : form.criteria)
        if (!st.ratings.contains(c)) p.push_back({"ratings." + std::string(domain::code(c)), "bắt buộc / required"});
    if (!st.scores.empty())
      p.push_back(
          {"scores", "mẫu này xếp mức theo tiêu chí, không chấm điểm / this form is rated per criterion, not scored"});
  }

  for (std::size_t i = 0; i < st.tasks.size(); ++i) {
    const TaskEntry& t = st.tasks[i];
    const std::string at = fmt::format("tasks[{}]", i);
    if (blank(t.title)) p.push_back({at + ".title", "bắt buộc / required"});
    const bool completed = t.status == TaskStatus::completed_on_time || t.status == TaskStatus::completed_late;
    if (t.exceeded && !completed)
      p.push_back(
          {at + ".exceeded",
           "chỉ nhiệm vụ đã hoàn thành mới có thể vượt mức / only a completed task can exceed its requirement"});
    for (std::size_t j = 0; j < t.evidence.size(); ++j)
      if (!well_formed_evidence(t.evidence[j]))
        p.push_back({fmt::format("{}.evidence[{}]", at, j),
                     "cần một tệp đính kèm hoặc đường dẫn bắt đầu bằng http:// hoặc https:// / expected file:<id> or "
                     "an http(s) link"});
    if (submit && t.status == TaskStatus::in_progress)
      p.push_back({at + ".status",
                   "để nộp, mỗi nhiệm vụ phải ở trạng thái đã hoàn thành hoặc không hoàn thành / the year's tasks must "
                   "be closed (completed or not completed) to submit"});
    if (submit && form.evidence_required && completed && t.evidence.empty())
      p.push_back({at + ".evidence",
                   "nhiệm vụ đã hoàn thành cần ít nhất một sản phẩm cụ thể / a completed task needs at least one "
                   "concrete product"});
  }
  if (submit && form.tasks_required && st.tasks.empty())
    p.push_back(
        {"tasks",
         "cần liệt kê các nhiệm vụ trong năm và sản phẩm / the tasks of the year with their products are required"});

  if (st.limitations_identified && *st.limitations_identified < 0)
    p.push_back({"limitations.identified", "không được là số âm / negative"});
  if (st.limitations_remedied && *st.limitations_remedied < 0)
    p.push_back({"limitations.remedied", "không được là số âm / negative"});
  if (st.limitations_remedied && !st.limitations_identified)
    p.push_back({"limitations.identified", "cần nhập số hạn chế đã được chỉ ra / required with limitations.remedied"});
  if (st.limitations_identified && st.limitations_remedied && *st.limitations_remedied > *st.limitations_identified)
    p.push_back({"limitations.remedied", "không được lớn hơn số hạn chế đã được chỉ ra / greater than identified"});

  if (submit && !st.proposed)
    p.push_back({"proposed", "cần chọn mức tự xếp loại / the self-proposed grade is required"});
  if (submit && form.points && st.proposed && st.scores.size() == form.score_groups.size()) {
    const domain::Grade band = band_of(total_score(st));
    if (*st.proposed > band)
      p.push_back({"proposed", fmt::format("mức {0} cao hơn mức của tổng điểm tự chấm {1} (cao nhất là {2}) / "
                                           "{0} is above the band of the self-score {1} ({2} at most)",
                                           domain::code(*st.proposed), total_score(st), domain::code(band))});
  }
  if (st.on_behalf && st.entered_by.empty())
    p.push_back({"entered_by",
                 "bản nhập thay phải ghi người nhập / a statement entered on behalf of a member names who entered it"});

  if (!p.empty())
    return Error::invalid(submit ? bilingual("Bản kiểm điểm chưa thể nộp", "the statement cannot be submitted")
                                 : bilingual("Bản nháp không hợp lệ", "the draft is invalid"),
                          p);
  return {};
}

double total_score(const Statement& st) {
  double total = 0;
  for (const auto& [key, value] : st.scores) total += value;
  return total;
}

domain::Tasks task_counts(const std::vector<TaskEntry>& tasks) {
  domain::Tasks t;
  for (const TaskEntry& e : tasks) {
    ++t.assigned;
    const bool completed = e.status == TaskStatus::completed_on_time || e.status == TaskStatus::completed_late;
    if (completed) ++t.completed;
    if (e.status == TaskStatus::completed_on_time) ++t.on_time;
    if (completed && e.exceeded) ++t.exceeded;
    if (e.key && !completed) t.key_missed = true;
  }
  return t;
}

void apply_statement(const FormDef& form, const Statement& st, domain::Subject& s) {
  if (form.points) {
    s.has_score = true;
    s.score = total_score(st);
  } else {
    for (const auto& [c, r] : st.ratings) s.ratings[static_cast<int>(c)] = static_cast<std::int8_t>(r);
  }
  if (!st.tasks.empty()) {
    s.has_tasks = true;
    s.tasks = task_counts(st.tasks);
  }
  if (st.limitations_identified) {
    s.has_limitations = true;
    s.limitations_identified = *st.limitations_identified;
    s.limitations_remedied = st.limitations_remedied.value_or(0);
  }
  s.proposed = st.proposed ? static_cast<std::int8_t>(*st.proposed) : domain::kNone;
}

}  // namespace xeploai::workflow
