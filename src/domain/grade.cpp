#include "domain/grade.hpp"

#include <array>

namespace xeploai::domain {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::string_view, N>& codes, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (codes[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 4> kGradeCodes{"KHTNV", "HTNV", "HTTNV", "HTXSNV"};
constexpr std::array<std::string_view, 4> kGradeVi{"Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ",
                                                   "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"};
constexpr std::array<std::string_view, 4> kGradeEn{"Did not complete duties", "Completed duties",
                                                   "Well completed duties", "Excellently completed duties"};
constexpr std::array<std::string_view, 4> kRatingCodes{"kem", "trung_binh", "tot", "xuat_sac"};
constexpr std::array<std::string_view, 4> kFormCodes{"khien_trach", "canh_cao", "cach_chuc", "khai_tru"};
constexpr std::array<std::string_view, 4> kFormVi{"khiển trách", "cảnh cáo", "cách chức", "khai trừ"};
constexpr std::array<std::string_view, 4> kFormEn{"a reprimand", "a warning", "dismissal from post", "expulsion"};
constexpr std::array<std::string_view, 3> kKindCodes{"member", "party_organization", "leadership_collective"};
constexpr std::array<std::string_view, 3> kStatusCodes{"active", "exempt", "suspended"};
constexpr std::array<std::string_view, 7> kUnitCodes{"province_committee",
                                                     "upper_grassroots_committee",
                                                     "grassroots_committee",
                                                     "grassroots_cell",
                                                     "sectional_committee",
                                                     "cell",
                                                     "agency"};
constexpr std::array<std::string_view, kCriterionCount> kCriterionCodes{
    "political_ideology", "ethics_lifestyle", "discipline",         "style",    "duties", "remedy",
    "solidarity",         "example",          "leadership_results", "building", "tasks"};

}  // namespace

std::string_view code(Grade g) { return kGradeCodes[static_cast<int>(g)]; }
std::string_view name_vi(Grade g) { return kGradeVi[static_cast<int>(g)]; }
std::string_view name_en(Grade g) { return kGradeEn[static_cast<int>(g)]; }
std::optional<Grade> parse_grade(std::string_view s) { return lookup<Grade>(kGradeCodes, s); }
std::string_view code(Rating r) { return kRatingCodes[static_cast<int>(r)]; }
std::optional<Rating> parse_rating(std::string_view s) { return lookup<Rating>(kRatingCodes, s); }
std::string_view code(DisciplineForm f) { return kFormCodes[static_cast<int>(f)]; }
std::string_view name_vi(DisciplineForm f) { return kFormVi[static_cast<int>(f)]; }
std::string_view name_en(DisciplineForm f) { return kFormEn[static_cast<int>(f)]; }
std::optional<DisciplineForm> parse_discipline_form(std::string_view s) {
  return lookup<DisciplineForm>(kFormCodes, s);
}
std::string_view code(SubjectKind k) { return kKindCodes[static_cast<int>(k)]; }
std::optional<SubjectKind> parse_subject_kind(std::string_view s) { return lookup<SubjectKind>(kKindCodes, s); }
std::string_view code(MemberStatus s) { return kStatusCodes[static_cast<int>(s)]; }
std::optional<MemberStatus> parse_member_status(std::string_view s) { return lookup<MemberStatus>(kStatusCodes, s); }
std::string_view code(UnitKind k) { return kUnitCodes[static_cast<int>(k)]; }
std::optional<UnitKind> parse_unit_kind(std::string_view s) { return lookup<UnitKind>(kUnitCodes, s); }
std::string_view code(Criterion c) { return kCriterionCodes[static_cast<int>(c)]; }
std::optional<Criterion> parse_criterion(std::string_view s) { return lookup<Criterion>(kCriterionCodes, s); }

}  // namespace xeploai::domain
