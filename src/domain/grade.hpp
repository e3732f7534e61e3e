#pragma once
// Grades, criterion ratings, discipline forms and the other closed vocabularies of FORMAT.md.
#include <cstdint>
#include <optional>
#include <string_view>

namespace xeploai::domain {

// Ordered worst to best so that "lower cap wins" is std::min.
enum class Grade : std::int8_t { KHTNV = 0, HTNV = 1, HTTNV = 2, HTXSNV = 3 };
enum class Rating : std::int8_t { kem = 0, trung_binh = 1, tot = 2, xuat_sac = 3 };
// Ordered lightest to heaviest.
enum class DisciplineForm : std::int8_t { khien_trach = 0, canh_cao = 1, cach_chuc = 2, khai_tru = 3 };
enum class SubjectKind : std::int8_t { member, party_organization, leadership_collective };
enum class MemberStatus : std::int8_t { active, exempt, suspended };
enum class UnitKind : std::int8_t {
  province_committee,
  upper_grassroots_committee,
  grassroots_committee,
  grassroots_cell,
  sectional_committee,
  cell,
  agency
};

// Criteria of `ratings` (FORMAT.md). `remedy` is shared by individuals and collectives.
enum class Criterion : std::int8_t {
  political_ideology,
  ethics_lifestyle,
  discipline,
  style,
  duties,
  remedy,
  solidarity,
  example,
  leadership_results,
  building,
  tasks,
};
inline constexpr int kCriterionCount = 11;

std::string_view code(Grade g);
std::string_view name_vi(Grade g);
std::string_view name_en(Grade g);
std::optional<Grade> parse_grade(std::string_view s);

std::string_view code(Rating r);
std::optional<Rating> parse_rating(std::string_view s);

std::string_view code(DisciplineForm f);
std::string_view name_vi(DisciplineForm f);
std::string_view name_en(DisciplineForm f);
std::optional<DisciplineForm> parse_discipline_form(std::string_view s);

std::string_view code(SubjectKind k);
std::optional<SubjectKind> parse_subject_kind(std::string_view s);

std::string_view code(MemberStatus s);
std::optional<MemberStatus> parse_member_status(std::string_view s);

std::string_view code(UnitKind k);
std::optional<UnitKind> parse_unit_kind(std::string_view s);
// The unit kinds that are grassroots organizations (member quotas are counted per grassroots organization).
inline bool is_grassroots(UnitKind k) { return k == UnitKind::grassroots_committee || k == UnitKind::grassroots_cell; }
// Units whose party organization is graded on its members rather than on subordinate organizations.
inline bool is_cell(UnitKind k) { return k == UnitKind::cell || k == UnitKind::grassroots_cell; }

std::string_view code(Criterion c);
std::optional<Criterion> parse_criterion(std::string_view s);

}  // namespace xeploai::domain
