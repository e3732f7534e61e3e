#pragma once
// The demo province: a deterministic, entirely fictitious Vietnamese party organization, generated in memory as
// plain structs (no database). The `demo` CLI command stores it; benchmarks use the same generator at national
// size: Options::members = 5'600'000 gives ~59,000 grassroots organizations and ~295,000 cells in ~5 s and
// ~0.8 GB (the real Party: ~52,000 and ~300,000).
//
// Conventions for every vector below:
// - An `Index` is a position in one of the Province vectors (units, collectives, people, places); kNone = none.
// - Units are ordered parents first (a unit's parent always has a smaller index), so they can be inserted in
//   order. People are ordered by the cell they are active in.
// - All text is NFC (xeploai::text::to_nfc would leave it unchanged); names are realistic, places fictitious.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace xeploai::demo {

using Index = std::int32_t;
inline constexpr Index kNone = -1;

// A calendar date; year 0 means "no date" (e.g. the official date of a probationary member).
struct Date {
  std::int16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;

  bool valid() const { return year != 0; }
  std::string iso() const;  // "YYYY-MM-DD", or "" when not valid
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Exactly the unit kinds of shared/grading/FORMAT.md; to_string gives the kind's text there.
enum class UnitKind : std::uint8_t {
  province_committee,          // Đảng bộ tỉnh
  upper_grassroots_committee,  // Đảng bộ huyện / thành phố / khối (district level)
  grassroots_committee,        // Đảng bộ cơ sở: xã, phường, thị trấn, large agencies and enterprises
  grassroots_cell,             // Chi bộ cơ sở: small schools, agencies, enterprises
  sectional_committee,         // Đảng bộ bộ phận inside a large grassroots committee
  cell,                        // Chi bộ trực thuộc: thôn, tổ dân phố, phòng, khoa, tổ bộ môn...
  agency,                      // An agency of the political system (UBND, sở, phòng) led by a collective
};
std::string_view to_string(UnitKind kind);

// Whether members are active directly in units of this kind (cells and grassroots cells).
inline bool holds_members(UnitKind kind) { return kind == UnitKind::cell || kind == UnitKind::grassroots_cell; }

struct Unit {
  Index parent = kNone;  // kNone only for the province committee (units[0])
  UnitKind kind{};
  std::string name;  // "Chi bộ thôn Đông Hòa"
  std::string code;  // hierarchical, unique: "T01.H03.X12.C04" (parent's code + "." + own part)
  Date established_on;
};

// Leadership collectives, as in migrations/*/0001_org.sql `collectives.kind`.
enum class CollectiveKind : std::uint8_t {
  executive_committee,  // Ban Chấp hành (Đảng ủy) of a committee
  standing_committee,   // Ban Thường vụ of the province and district committees
  cell_committee,       // Chi ủy, in cells of 9 members or more
  leadership_board,     // Ban lãnh đạo / tập thể lãnh đạo of an agency unit
};
std::string_view to_string(CollectiveKind kind);

struct Collective {
  Index unit = kNone;  // the unit it leads
  CollectiveKind kind{};
  std::string name;  // "Ban Thường vụ Huyện ủy Tân Phong"
};

enum class Gender : std::uint8_t { male, female };
std::string_view to_string(Gender gender);

// Member status, as in `people.status`.
enum class Status : std::uint8_t { active, probationary, exempt, suspended };
std::string_view to_string(Status status);

struct Person {
  std::string full_name;          // "Nguyễn Thị Thu Hà": family, middle, given (text::split_person_name)
  std::uint64_t card_number = 0;  // 12 digits, unique; card_number_text() gives the zero-padded string
  Date birth_date;
  Date admitted_on;         // ngày vào Đảng
  Date official_on;         // ngày chính thức; not valid while probationary (admitted < 12 months ago)
  Date active_since;        // active in `cell` since (memberships.valid_from): >= admitted_on
  Index cell = kNone;       // the cell or grassroots cell where the member is active
  Index residence = kNone;  // index into Province::places (the thôn / tổ dân phố where they live)
  Gender gender{};
  Status status{};
  bool civil_servant = false;  // cán bộ, công chức, viên chức
  bool leader = false;         // holds at least one post with is_leadership (~10% of members)

  std::string card_number_text() const;  // 12 digits
};

// A post held by a member, as in `posts`: cell secretaries and deputies, committee members, agency heads.
struct Post {
  Index person = kNone;
  Index unit = kNone;        // the unit the post belongs to
  Index collective = kNone;  // the collective the holder sits in, if any
  std::string title;  // "Bí thư Chi bộ", "Phó Bí thư Đảng ủy", "Hiệu trưởng", "Chủ tịch UBND xã"
  bool is_head = false;        // head of the unit (bí thư, chủ tịch, giám đốc, hiệu trưởng)
  bool is_leadership = false;  // a leadership or management post (cán bộ lãnh đạo, quản lý)
};

// One demo login per role (service::Role names), with the shared demo password.
struct Account {
  std::string username;      // "quantri", "bantochuc", "capuy", "vanphong", "bithu", "kiemtra", "dangvien"
  std::string display_name;  // Vietnamese, for the login page and the README
  std::string role;          // "administrator", "organization_board", "committee", "committee_staff",
                             // "cell_secretary", "inspection", "member"
  Index unit = kNone;        // the role is granted on this unit and its subtree
  Index person = kNone;      // the member the account belongs to (kNone for administrator and organization_board)
};

struct Options {
  std::int64_t members = 20'000;  // party members to generate (at least 1,000)
  std::uint64_t seed = 2026;      // same seed and options -> same province, on every platform
  int year = 2026;                // the evaluation year: dates are before 31/12 of it
};

struct Province {
  std::string name;  // "Đảng bộ tỉnh Hòa Bình Xanh"
  int year = 0;
  std::vector<Unit> units;
  std::vector<Collective> collectives;
  std::vector<Person> people;
  std::vector<Post> posts;
  std::vector<std::string> places;  // residences: "Thôn Đông Hòa, xã Tân Phong, huyện Phú Lương"
  std::vector<Account> accounts;
  std::string demo_password;  // the password of every demo account (printed by `xeploai demo`)
};

// Generates the province. Deterministic: depends only on `options`. Throws std::invalid_argument when
// options.members is below 1,000 or above 10,000,000, or the year is outside 2000..2100.
Province generate_province(const Options& options);

}  // namespace xeploai::demo
