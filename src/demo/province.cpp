#include "demo/province.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <unordered_set>
#include <vector>

#include "demo/internal/names.hpp"
#include "demo/internal/rng.hpp"

namespace xeploai::demo {
namespace {

using namespace internal;

// Cumulative weights for O(log n) weighted picks.
class WeightedTable {
 public:
  WeightedTable(const Weighted* items, std::size_t count) : items_(items) {
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < count; ++i) cumulative_.push_back(total += items[i].weight);
  }
  std::string_view pick(Rng& rng) const {
    const std::uint64_t r = rng.below(cumulative_.back());
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), r);
    return items_[it - cumulative_.begin()].text;
  }

 private:
  const Weighted* items_;
  std::vector<std::uint64_t> cumulative_;
};

// Days since 1970-01-01 and back (Howard Hinnant's civil-date algorithms).
int to_days(Date d) {
  int y = d.year - (d.month <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = d.month > 2 ? d.month - 3u : d.month + 9u;
  const unsigned doy = (153 * mp + 2) / 5 + d.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Date from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
  return Date{static_cast<std::int16_t>(y), static_cast<std::uint8_t>(m), static_cast<std::uint8_t>(d)};
}

Date plus_years(Date d, int years) {
  Date out{static_cast<std::int16_t>(d.year + years), d.month, d.day};
  if (out.month == 2 && out.day == 29) out.day = 28;  // keep it a real date outside leap years
  return out;
}

// Where the members of a cell work or live: drives ages, gender, civil-servant status and posts.
enum class Setting : std::uint8_t { rural, urban, commune_office, armed, agency, school, health, enterprise };

bool is_residential(Setting s) { return s == Setting::rural || s == Setting::urban; }

// A range of Province::places to draw residences from.
struct PlacePool {
  Index first = kNone;
  Index end = kNone;
};

std::string numbered(std::string_view base, int round) {
  std::string out(base);
  if (round > 0) out += " số " + std::to_string(round + 1);
  return out;
}

class Generator {
 public:
  explicit Generator(const Options& options)
      : options_(options),
        rng_(options.seed),
        families_(kFamilyNames, kFamilyNameCount),
        male_middles_(kMaleMiddleNames, kMaleMiddleNameCount),
        female_middles_(kFemaleMiddleNames, kFemaleMiddleNameCount),
        as_of_{static_cast<std::int16_t>(options.year), 12, 1} {}

  Province run() {
    const std::int64_t m = options_.members;
    p_.name = "Đảng bộ tỉnh Hòa Bình Xanh";
    p_.year = options_.year;
    p_.demo_password = "XepLoai@2026";
    p_.people.reserve(static_cast<std::size_t>(m));
    p_.units.reserve(static_cast<std::size_t>(m / 12 + 64));

    const Index root = add_unit(kNone, UnitKind::province_committee, p_.name, "T01");
    p_.collectives.push_back({root, CollectiveKind::executive_committee, "Ban Chấp hành Đảng bộ tỉnh Hòa Bình Xanh"});
    const Index province_exec = static_cast<Index>(p_.collectives.size() - 1);
    p_.collectives.push_back({root, CollectiveKind::standing_committee, "Ban Thường vụ Tỉnh ủy Hòa Bình Xanh"});
    const Index province_standing = static_cast<Index>(p_.collectives.size() - 1);
    const Index province_ubnd = add_agency(root, "Ủy ban nhân dân tỉnh Hòa Bình Xanh", 1);
    add_agency(root, "Hội đồng nhân dân tỉnh Hòa Bình Xanh", 2);
    add_agency(root, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hòa Bình Xanh", 3);

    // Members by block, roughly as in a real province: districts hold most, then the agencies' and the
    // enterprises' blocks (khối).
    const std::int64_t district_members = m * 72 / 100;
    const std::int64_t agency_block_members = m * 16 / 100;
    const std::int64_t enterprise_block_members = m - district_members - agency_block_members;

    const int districts = static_cast<int>(std::max<std::int64_t>(2, (district_members + 2750) / 5500));
    std::vector<std::int64_t> district_sizes = partition(district_members, districts);
    for (int d = 0; d < districts; ++d) generate_district(root, d, district_sizes[static_cast<std::size_t>(d)]);

    const int agency_blocks = static_cast<int>(std::max<std::int64_t>(1, agency_block_members / 150'000));
    std::vector<std::int64_t> agency_sizes = partition(agency_block_members, agency_blocks);
    for (int k = 0; k < agency_blocks; ++k) generate_agency_block(root, k, agency_sizes[static_cast<std::size_t>(k)]);

    const int enterprise_blocks = static_cast<int>(std::max<std::int64_t>(1, enterprise_block_members / 150'000));
    std::vector<std::int64_t> enterprise_sizes = partition(enterprise_block_members, enterprise_blocks);
    first_enterprise_block_ = agency_blocks;
    for (int k = 0; k < enterprise_blocks; ++k)
      generate_enterprise_block(root, agency_blocks + k, enterprise_sizes[static_cast<std::size_t>(k)]);

    // The province's own leaders come from anywhere in the province, agencies first.
    add_upper_leadership(root, province_exec, province_standing, province_ubnd, "Tỉnh ủy", "tỉnh",
                         PersonRange{0, static_cast<Index>(p_.people.size())});
    add_accounts(root);
    return std::move(p_);
  }

 private:
  struct PersonRange {
    Index first = 0;
    Index end = 0;
    Index size() const { return end - first; }
  };

  // ---- units ---------------------------------------------------------------------------------------------

  Index add_unit(Index parent, UnitKind kind, std::string name, std::string code) {
    Unit u;
    u.parent = parent;
    u.kind = kind;
    u.name = std::move(name);
    u.code = parent == kNone ? std::move(code) : p_.units[static_cast<std::size_t>(parent)].code + "." + code;
    const int latest =
        parent == kNone ? 1950 : std::max<int>(1950, p_.units[static_cast<std::size_t>(parent)].established_on.year);
    const int year = rng_.between(latest, std::max(latest, options_.year - 3));
    u.established_on = Date{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(rng_.between(1, 12)),
                            static_cast<std::uint8_t>(rng_.between(1, 28))};
    p_.units.push_back(std::move(u));
    return static_cast<Index>(p_.units.size() - 1);
  }

  static std::string code(char prefix, int ordinal) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%c%02d", prefix, ordinal);
    return buffer;
  }

  Index add_agency(Index parent, std::string name, int ordinal) {
    const Index unit = add_unit(parent, UnitKind::agency, name, code('A', ordinal));
    p_.collectives.push_back({unit, CollectiveKind::leadership_board, "Tập thể lãnh đạo " + name});
    return unit;
  }

  Index board_of(Index agency) const {
    // add_agency pushes the board right after creating the agency; find it from the back.
    for (auto i = static_cast<Index>(p_.collectives.size()) - 1; i >= 0; --i)
      if (p_.collectives[static_cast<std::size_t>(i)].unit == agency) return i;
    return kNone;
  }

  Index add_collective(Index unit, CollectiveKind kind, std::string name) {
    p_.collectives.push_back({unit, kind, std::move(name)});
    return static_cast<Index>(p_.collectives.size() - 1);
  }

  // Splits `total` into `parts` positive shares of random, similar size.
  std::vector<std::int64_t> partition(std::int64_t total, int parts) {
    std::vector<double> weights(static_cast<std::size_t>(parts));
    double sum = 0;
    for (auto& w : weights) sum += (w = 0.6 + 0.8 * rng_.unit());
    std::vector<std::int64_t> out(static_cast<std::size_t>(parts));
    std::int64_t used = 0;
    for (std::size_t i = 0; i < out.size(); ++i) used += out[i] = static_cast<std::int64_t>(total * weights[i] / sum);
    for (std::size_t i = 0; used < total; i = (i + 1) % out.size(), ++used) ++out[i];
    return out;
  }

  // Splits `total` into sizes within [lo, hi] averaging about `mean`; when total < lo, one size of `total`.
  std::vector<int> sizes(std::int64_t total, int lo, int hi, int mean) {
    if (total <= 0) return {};
    if (total < lo) return {static_cast<int>(total)};
    std::int64_t n = std::max<std::int64_t>(1, (total + mean / 2) / mean);
    n = std::clamp<std::int64_t>(n, (total + hi - 1) / hi, total / lo);
    std::vector<int> out(static_cast<std::size_t>(n), lo);
    std::int64_t extra = total - n * lo;
    const int room = hi - lo;
    std::vector<double> weights(out.size());
    double sum = 0;
    for (auto& w : weights) sum += (w = 0.2 + 1.6 * rng_.unit());
    for (std::size_t i = 0; i < out.size() && sum > 0; ++i) {
      const int add =
          static_cast<int>(std::min<double>(room, std::floor(static_cast<double>(extra) * weights[i] / sum)));
      out[i] += add;
    }
    std::int64_t placed = 0;
    for (int s : out) placed += s;
    for (std::size_t i = 0; placed < total; i = (i + 1) % out.size()) {
      const int add = static_cast<int>(std::min<std::int64_t>(hi - out[i], total - placed));
      out[i] += add;
      placed += add;
    }
    return out;
  }

  // ---- districts -----------------------------------------------------------------------------------------

  std::string place_name(std::unordered_set<std::string>& taken) {
    for (int attempt = 0;; ++attempt) {
      std::string name(rng_.pick(kPlaceFirst, kPlaceFirstCount));
      std::string_view second = rng_.pick(kPlaceSecond, kPlaceSecondCount);
      if (name == second) continue;  // no "Hưng Hưng"
      name += ' ';
      name += second;
      if (attempt > 20) name += " " + std::to_string(attempt);
      if (taken.insert(name).second) return name;
    }
  }

  void generate_district(Index root, int d, std::int64_t budget) {
    const bool city = d == 0 || (d % 7 == 3);  // a city (thành phố) or town (thị xã) among rural districts
    const std::string district_name = place_name(district_names_);
    const std::string level = d == 0 ? "thành phố" : (city ? "thị xã" : "huyện");
    const std::string committee_short = d == 0 ? "Thành ủy" : (city ? "Thị ủy" : "Huyện ủy");
    const Index district = add_unit(root, UnitKind::upper_grassroots_committee,
                                    "Đảng bộ " + level + " " + district_name, code('H', d + 1));
    const Index exec = add_collective(district, CollectiveKind::executive_committee,
                                      "Ban Chấp hành Đảng bộ " + level + " " + district_name);
    const Index standing = add_collective(district, CollectiveKind::standing_committee,
                                          "Ban Thường vụ " + committee_short + " " + district_name);
    const Index ubnd = add_agency(district, "Ủy ban nhân dân " + level + " " + district_name, 1);
    add_agency(district, "Hội đồng nhân dân " + level + " " + district_name, 2);

    const Index first_person = static_cast<Index>(p_.people.size());
    const Index first_place = static_cast<Index>(p_.places.size());
    const std::int64_t commune_budget = budget * 72 / 100;
    const std::int64_t school_budget = budget * 12 / 100;
    const std::int64_t health_budget = budget * 4 / 100;
    const std::int64_t office_budget = budget - commune_budget - school_budget - health_budget;

    std::unordered_set<std::string> commune_names;
    int communes = 0;
    std::vector<int> commune_sizes = sizes(commune_budget, 140, 420, 250);
    for (std::size_t c = 0; c < commune_sizes.size(); ++c) {
      const char* commune_level = city ? "phường" : (c == 0 ? "thị trấn" : "xã");
      generate_commune(district, ++communes, commune_level, place_name(commune_names), district_name, level,
                       commune_sizes[c], city ? Setting::urban : Setting::rural);
    }
    const PlacePool district_places{first_place, static_cast<Index>(p_.places.size())};

    // Schools: one grassroots cell each.
    static constexpr std::string_view kSchoolKinds[] = {"Trường Trung học phổ thông", "Trường Trung học cơ sở",
                                                        "Trường Tiểu học", "Trường Mầm non"};
    std::unordered_set<std::string> school_names;
    int schools = 0;
    for (int size : sizes(school_budget, 8, 50, 30)) {
      const std::string name =
          std::string(rng_.pick(kSchoolKinds, std::size(kSchoolKinds))) + " " + place_name(school_names);
      const Index cell = add_unit(district, UnitKind::grassroots_cell, "Chi bộ " + name, code('S', ++schools));
      fill_cell(cell, size, Setting::school, district_places, "Chi bộ " + name);
    }

    // The district health centre: a grassroots committee with a cell per ward.
    if (health_budget > 0) {
      const std::string name = "Trung tâm Y tế " + level + " " + district_name;
      generate_committee_with_cells(district, code('Y', 1), "Đảng bộ " + name, health_budget, 6, 30, 14, kHospitalWards,
                                    kHospitalWardCount, Setting::health, district_places);
    }
    // The district's party and government offices: two grassroots committees with a cell per office.
    const std::int64_t party_offices = office_budget * 45 / 100;
    generate_committee_with_cells(district, code('D', 1), "Đảng bộ Các cơ quan Đảng " + level + " " + district_name,
                                  party_offices, 5, 30, 12, kPartyOffices, kPartyOfficeCount, Setting::agency,
                                  district_places);
    generate_committee_with_cells(district, code('D', 2), "Đảng bộ Cơ quan chính quyền " + level + " " + district_name,
                                  office_budget - party_offices, 5, 30, 12, kDistrictOffices, kDistrictOfficeCount,
                                  Setting::agency, district_places);

    add_upper_leadership(district, exec, standing, ubnd, committee_short, level,
                         PersonRange{first_person, static_cast<Index>(p_.people.size())});
    if (first_district_ == kNone) first_district_ = district;
  }

  void generate_commune(Index district, int ordinal, const char* level, const std::string& name,
                        const std::string& district_name, const std::string& district_level, int budget,
                        Setting setting) {
    const std::string full = std::string(level) + " " + name;
    const char prefix = level[0] == 'p' ? 'P' : 'X';
    const Index commune = add_unit(district, UnitKind::grassroots_committee, "Đảng bộ " + full, code(prefix, ordinal));
    const Index exec = add_collective(commune, CollectiveKind::executive_committee, "Ban Chấp hành Đảng bộ " + full);
    const Index ubnd = add_agency(commune, "Ủy ban nhân dân " + full, 1);
    const Index first_person = static_cast<Index>(p_.people.size());

    // Villages (thôn) or residential groups (tổ dân phố) first: they are also the commune's places.
    struct Small {
      std::string_view name;
      int lo, hi;
      Setting setting;
    };
    const Small smalls[] = {{"Chi bộ Cơ quan", 8, 20, Setting::commune_office},
                            {"Chi bộ Quân sự", 5, 9, Setting::armed},
                            {"Chi bộ Công an", 5, 10, Setting::armed},
                            {"Chi bộ Trường Tiểu học", 5, 14, Setting::school},
                            {"Chi bộ Trường Trung học cơ sở", 5, 14, Setting::school},
                            {"Chi bộ Trạm Y tế", 5, 8, Setting::health}};
    std::vector<int> small_sizes;
    int small_total = 0;
    for (const auto& s : smalls) {
      small_sizes.push_back(rng_.between(s.lo, s.hi));
      small_total += small_sizes.back();
    }
    const bool rural = setting == Setting::rural;
    const std::vector<int> village_sizes =
        sizes(std::max(budget - small_total, 12), 10, rural ? 60 : 45, rural ? 24 : 18);
    // Any shortfall (a tiny commune) is taken from the small cells, which are then dropped at zero.
    int overshoot = small_total + [&] {
      int t = 0;
      for (int v : village_sizes) t += v;
      return t;
    }() - budget;
    for (auto it = small_sizes.rbegin(); it != small_sizes.rend() && overshoot > 0; ++it) {
      const int take = std::min(*it, overshoot);
      *it -= take;
      overshoot -= take;
    }

    // Small cells left under 5 members are dropped; their members join the smallest village cell.
    std::vector<int> village_sizes_adjusted = village_sizes;
    for (int& size : small_sizes)
      if (size > 0 && size < 5) {
        *std::min_element(village_sizes_adjusted.begin(), village_sizes_adjusted.end()) += size;
        size = 0;
      }

    const Index first_place = static_cast<Index>(p_.places.size());
    std::unordered_set<std::string> village_names;
    std::vector<std::pair<Index, std::string>> villages;
    for (std::size_t v = 0; v < village_sizes.size(); ++v) {
      std::string village = rural ? "Thôn " + place_name(village_names) : "Tổ dân phố số " + std::to_string(v + 1);
      p_.places.push_back(village + ", " + full + ", " + district_level + " " + district_name);
      villages.emplace_back(static_cast<Index>(p_.places.size() - 1), std::move(village));
    }
    const PlacePool commune_places{first_place, static_cast<Index>(p_.places.size())};
    int cells = 0;
    for (std::size_t v = 0; v < villages.size(); ++v) {
      const std::string cell_name = "Chi bộ " + villages[v].second;
      const Index cell = add_unit(commune, UnitKind::cell, cell_name, code('C', ++cells));
      fill_cell(cell, village_sizes_adjusted[v], setting, PlacePool{villages[v].first, villages[v].first + 1},
                cell_name);
      if (first_village_cell_ == kNone) first_village_cell_ = cell;
    }
    Index office_cell = kNone;
    for (std::size_t s = 0; s < std::size(smalls); ++s) {
      if (small_sizes[s] < 5) continue;
      const std::string cell_name = std::string(smalls[s].name) + " " + full;
      const Index cell = add_unit(commune, UnitKind::cell, cell_name, code('C', ++cells));
      const Index before = static_cast<Index>(p_.people.size());
      fill_cell(cell, small_sizes[s], smalls[s].setting, commune_places, cell_name);
      if (s == 0) {
        office_cell = cell;
        // The commune's People's Committee is led from the office cell: chair and vice chairs.
        const Index board = board_of(ubnd);
        add_post(before, ubnd, board, "Chủ tịch Ủy ban nhân dân " + std::string(level), true, true);
        add_post(before + 1, ubnd, board, "Phó Chủ tịch Ủy ban nhân dân " + std::string(level), false, true);
        if (small_sizes[s] >= 12)
          add_post(before + 2, ubnd, board, "Phó Chủ tịch Ủy ban nhân dân " + std::string(level), false, true);
      }
    }
    const PersonRange range{first_person, static_cast<Index>(p_.people.size())};
    add_committee_leadership(commune, exec, range, "Đảng ủy");
    if (first_commune_ == kNone) {
      first_commune_ = commune;
      first_commune_office_cell_ = office_cell;
    }
  }

  // A grassroots committee (health centre, offices, department) whose members sit in cells named from `names`.
  Index generate_committee_with_cells(Index parent, std::string own_code, std::string name, std::int64_t budget, int lo,
                                      int hi, int mean, const std::string_view* names, std::size_t name_count,
                                      Setting setting, PlacePool places) {
    if (budget < 5) return kNone;
    const Index committee = add_unit(parent, UnitKind::grassroots_committee, name, std::move(own_code));
    const Index exec = add_collective(committee, CollectiveKind::executive_committee, "Ban Chấp hành " + name);
    const Index first_person = static_cast<Index>(p_.people.size());
    int cells = 0;
    const std::vector<int> cell_sizes = sizes(budget, lo, hi, mean);
    for (std::size_t c = 0; c < cell_sizes.size(); ++c) {
      const std::string cell_name = "Chi bộ " + numbered(names[c % name_count], static_cast<int>(c / name_count));
      const Index cell = add_unit(committee, UnitKind::cell, cell_name, code('C', ++cells));
      fill_cell(cell, cell_sizes[c], setting, places, cell_name);
    }
    add_committee_leadership(committee, exec, PersonRange{first_person, static_cast<Index>(p_.people.size())},
                             "Đảng ủy");
    return committee;
  }

  // ---- blocks (khối) of agencies and enterprises -----------------------------------------------------------

  PlacePool all_places() const { return PlacePool{0, static_cast<Index>(p_.places.size())}; }

  void generate_agency_block(Index root, int k, std::int64_t budget) {
    const std::string name = numbered("Đảng bộ Khối các cơ quan tỉnh", k);
    const Index block = add_unit(root, UnitKind::upper_grassroots_committee, name, code('K', k + 1));
    const Index exec = add_collective(block, CollectiveKind::executive_committee, "Ban Chấp hành " + name);
    const Index standing = add_collective(block, CollectiveKind::standing_committee, "Ban Thường vụ " + name);
    const Index first_person = static_cast<Index>(p_.people.size());
    const std::int64_t departments = budget * 55 / 100;
    const std::int64_t large = budget * 25 / 100;
    const std::int64_t small = budget - departments - large;
    int grassroots = 0;

    const std::vector<int> department_sizes = sizes(departments, 60, 250, 120);
    for (std::size_t d = 0; d < department_sizes.size(); ++d) {
      const std::string dep =
          numbered(kProvinceDepartments[d % kProvinceDepartmentCount], static_cast<int>(d / kProvinceDepartmentCount));
      generate_committee_with_cells(block, code('G', ++grassroots), "Đảng bộ " + dep, department_sizes[d], 6, 30, 14,
                                    kProvinceOffices, kProvinceOfficeCount, Setting::agency, all_places());
    }
    // Large units (provincial hospitals, colleges) have sectional committees between them and their cells.
    static constexpr std::string_view kLarge[] = {"Bệnh viện Đa khoa tỉnh", "Trường Cao đẳng Sư phạm tỉnh",
                                                  "Bệnh viện Y học cổ truyền tỉnh", "Trường Chính trị tỉnh"};
    const std::vector<int> large_sizes = sizes(large, 250, 700, 420);
    for (std::size_t l = 0; l < large_sizes.size(); ++l) {
      const std::string unit_name = numbered(kLarge[l % std::size(kLarge)], static_cast<int>(l / std::size(kLarge)));
      const bool hospital = unit_name.find("Bệnh viện") != std::string::npos;
      generate_sectioned(block, code('G', ++grassroots), unit_name, large_sizes[l],
                         hospital ? Setting::health : Setting::school, hospital ? kHospitalWards : kProvinceOffices,
                         hospital ? kHospitalWardCount : kProvinceOfficeCount, hospital ? "Khối" : "Khoa");
    }
    static constexpr std::string_view kSmall[] = {
        "Ban Quản lý các khu công nghiệp", "Liên minh Hợp tác xã tỉnh", "Hội Nông dân tỉnh",   "Báo Hòa Bình Xanh",
        "Quỹ Đầu tư phát triển tỉnh",      "Trung tâm Xúc tiến đầu tư", "Hội Chữ thập đỏ tỉnh"};
    const std::vector<int> small_sizes = sizes(small, 8, 40, 20);
    for (std::size_t s = 0; s < small_sizes.size(); ++s) {
      const std::string cell_name =
          "Chi bộ " + numbered(kSmall[s % std::size(kSmall)], static_cast<int>(s / std::size(kSmall)));
      const Index cell = add_unit(block, UnitKind::grassroots_cell, cell_name, code('G', ++grassroots));
      fill_cell(cell, small_sizes[s], Setting::agency, all_places(), cell_name);
    }
    add_upper_leadership(block, exec, standing, kNone, "Đảng ủy Khối", "khối",
                         PersonRange{first_person, static_cast<Index>(p_.people.size())});
  }

  // A large grassroots committee -> sectional committees -> cells.
  void generate_sectioned(Index parent, std::string own_code, const std::string& unit_name, int budget, Setting setting,
                          const std::string_view* cell_names, std::size_t cell_name_count, const char* section_word) {
    const Index committee =
        add_unit(parent, UnitKind::grassroots_committee, "Đảng bộ " + unit_name, std::move(own_code));
    const Index exec =
        add_collective(committee, CollectiveKind::executive_committee, "Ban Chấp hành Đảng bộ " + unit_name);
    const Index first_person = static_cast<Index>(p_.people.size());
    int sections = 0;
    int cells_made = 0;
    for (int section_size : sizes(budget, 60, 220, 130)) {
      const std::string section_name =
          "Đảng bộ bộ phận " + std::string(section_word) + " " + std::to_string(sections + 1);
      const Index section = add_unit(committee, UnitKind::sectional_committee, section_name, code('B', ++sections));
      const Index section_exec = add_collective(
          section, CollectiveKind::executive_committee,
          "Đảng ủy bộ phận " + std::string(section_word) + " " + std::to_string(sections) + ", " + unit_name);
      const Index section_first = static_cast<Index>(p_.people.size());
      int cells = 0;
      for (int size : sizes(section_size, 6, 35, 16)) {
        const std::string cell_name = "Chi bộ " + numbered(cell_names[cells_made % cell_name_count],
                                                           static_cast<int>(cells_made / cell_name_count));
        ++cells_made;
        const Index cell = add_unit(section, UnitKind::cell, cell_name, code('C', ++cells));
        fill_cell(cell, size, setting, all_places(), cell_name);
      }
      add_committee_leadership(section, section_exec, PersonRange{section_first, static_cast<Index>(p_.people.size())},
                               "Đảng ủy bộ phận");
    }
    add_committee_leadership(committee, exec, PersonRange{first_person, static_cast<Index>(p_.people.size())},
                             "Đảng ủy");
  }

  void generate_enterprise_block(Index root, int k, std::int64_t budget) {
    const int ordinal = k - first_enterprise_block_;
    const std::string block_name = numbered("Đảng bộ Khối doanh nghiệp tỉnh", ordinal);
    const Index block = add_unit(root, UnitKind::upper_grassroots_committee, block_name, code('K', k + 1));
    const Index exec = add_collective(block, CollectiveKind::executive_committee, "Ban Chấp hành " + block_name);
    const Index standing = add_collective(block, CollectiveKind::standing_committee, "Ban Thường vụ " + block_name);
    const Index first_person = static_cast<Index>(p_.people.size());
    const std::int64_t large = budget * 60 / 100;
    int grassroots = 0;
    std::unordered_set<std::string> company_names;
    for (int size : sizes(large, 80, 500, 220)) {
      const std::string company =
          "Công ty Cổ phần " + std::string(rng_.pick(kIndustries, kIndustryCount)) + " " + place_name(company_names);
      if (size > 250) {
        generate_sectioned(block, code('G', ++grassroots), company, size, Setting::enterprise, kWorkshops,
                           kWorkshopCount, "Xí nghiệp");
      } else {
        generate_committee_with_cells(block, code('G', ++grassroots), "Đảng bộ " + company, size, 6, 40, 18, kWorkshops,
                                      kWorkshopCount, Setting::enterprise, all_places());
      }
    }
    for (int size : sizes(budget - large, 8, 45, 20)) {
      const std::string company =
          "Công ty TNHH " + std::string(rng_.pick(kIndustries, kIndustryCount)) + " " + place_name(company_names);
      const Index cell = add_unit(block, UnitKind::grassroots_cell, "Chi bộ " + company, code('G', ++grassroots));
      fill_cell(cell, size, Setting::enterprise, all_places(), "Chi bộ " + company);
    }
    add_upper_leadership(block, exec, standing, kNone, "Đảng ủy Khối", "khối",
                         PersonRange{first_person, static_cast<Index>(p_.people.size())});
  }

  // ---- people and posts ------------------------------------------------------------------------------------

  void fill_cell(Index cell, int size, Setting setting, PlacePool places, const std::string& cell_name) {
    const Index first = static_cast<Index>(p_.people.size());
    for (int i = 0; i < size; ++i) add_person(cell, setting, places);
    const UnitKind kind = p_.units[static_cast<std::size_t>(cell)].kind;
    const bool grassroots = kind == UnitKind::grassroots_cell;
    // Chi ủy from 9 members (the Party's rule for electing a cell committee).
    const Index committee =
        size >= 9 ? add_collective(cell, CollectiveKind::cell_committee, "Chi ủy " + cell_name) : kNone;
    // The secretary and deputy are picked among the working-age, non-exempt members.
    std::vector<Index> eligible;
    for (Index i = first; i < first + size; ++i)
      if (p_.people[static_cast<std::size_t>(i)].status == Status::active) eligible.push_back(i);
    if (eligible.empty()) eligible.push_back(first);
    const Index secretary = eligible[rng_.below(eligible.size())];
    add_post(secretary, cell, committee, "Bí thư Chi bộ", true, grassroots);
    if (size >= 9 && eligible.size() >= 2) {
      Index deputy = secretary;
      while (deputy == secretary) deputy = eligible[rng_.below(eligible.size())];
      add_post(deputy, cell, committee, "Phó Bí thư Chi bộ", false, false);
    }
    // Management posts in workplaces: heads of the school, ward, office, workshop and their deputies.
    double rate = 0;
    const char* head = nullptr;
    const char* deputy_title = nullptr;
    switch (setting) {
      case Setting::agency:
        rate = 0.10, head = "Trưởng phòng", deputy_title = "Phó Trưởng phòng";
        break;
      case Setting::school:
        rate = 0.07, head = "Hiệu trưởng", deputy_title = "Phó Hiệu trưởng";
        break;
      case Setting::health:
        rate = 0.08, head = "Trưởng khoa", deputy_title = "Phó Trưởng khoa";
        break;
      case Setting::enterprise:
        rate = 0.07, head = "Giám đốc", deputy_title = "Phó Giám đốc";
        break;
      case Setting::commune_office:
        rate = 0.1, head = "Trưởng ban", deputy_title = "Phó Trưởng ban";
        break;
      case Setting::armed:
        rate = 0.1, head = "Chỉ huy trưởng", deputy_title = "Chỉ huy phó";
        break;
      default:
        break;
    }
    if (head == nullptr) return;
    bool head_given = false;
    for (Index i = first; i < first + size; ++i) {
      if (p_.people[static_cast<std::size_t>(i)].status != Status::active || !rng_.chance(rate)) continue;
      add_post(i, cell, kNone, head_given ? deputy_title : head, !head_given, true);
      head_given = true;
    }
  }

  void add_person(Index cell, Setting setting, PlacePool places) {
    Person person;
    double male_share = 0.55;
    switch (setting) {
      case Setting::urban:
        male_share = 0.5;
        break;
      case Setting::school:
        male_share = 0.3;
        break;
      case Setting::health:
        male_share = 0.35;
        break;
      case Setting::enterprise:
        male_share = 0.6;
        break;
      case Setting::armed:
        male_share = 0.92;
        break;
      default:
        break;
    }
    person.gender = rng_.chance(male_share) ? Gender::male : Gender::female;
    person.full_name = make_name(person.gender);

    // Residential cells keep their retired members; workplaces have working ages only.
    int age;
    if (is_residential(setting))
      age = rng_.chance(0.3) ? rng_.between(60, 90) : rng_.between(25, 60);
    else if (setting == Setting::armed)
      age = rng_.between(22, 50);
    else
      age = rng_.between(23, 60);
    const int as_of_days = to_days(as_of_);
    const Date birth = from_days(to_days(Date{static_cast<std::int16_t>(as_of_.year - age), 1, 1}) +
                                 static_cast<int>(rng_.below(365)));
    person.birth_date = birth;

    const int adult_days = to_days(plus_years(birth, 18));
    if (rng_.chance(0.028) && age < 45) {
      // Admitted within the last twelve months: still probationary, no official date yet.
      person.admitted_on = from_days(std::max(adult_days, as_of_days - 1 - static_cast<int>(rng_.below(330))));
      person.status = Status::probationary;
    } else {
      const int latest_admission = as_of_days - 400;  // official by now
      const double r = rng_.unit();
      const int span = std::max(0, latest_admission - adult_days);
      const int offset = static_cast<int>(r * r * std::min(span, 27 * 365));  // most join young
      person.admitted_on = from_days(std::min(latest_admission, adult_days + offset));
      person.official_on = plus_years(person.admitted_on, 1);
      person.status = Status::active;
      if (is_residential(setting) && age >= 75 && rng_.chance(0.25))
        person.status = Status::exempt;  // miễn sinh hoạt: elderly members, on request
      else if (rng_.chance(0.002))
        person.status = Status::suspended;
    }

    double civil = 0.08;
    switch (setting) {
      case Setting::agency:
      case Setting::school:
      case Setting::health:
      case Setting::commune_office:
        civil = 0.92;
        break;
      case Setting::armed:
        civil = 0.8;
        break;
      case Setting::enterprise:
        civil = 0.05;
        break;
      default:
        break;
    }
    person.civil_servant = age < 62 && rng_.chance(civil);

    // Members move between cells: the current cell since some date after admission (and after the cell exists).
    const int cell_since =
        std::max(to_days(person.admitted_on), to_days(p_.units[static_cast<std::size_t>(cell)].established_on));
    person.active_since =
        from_days(std::min(as_of_days, cell_since + static_cast<int>(rng_.below(static_cast<std::uint64_t>(
                                                        std::max(1, as_of_days - cell_since) / 2 + 1)))));
    person.card_number = next_card_number();
    person.cell = cell;
    const Index place_count = places.end - places.first;
    person.residence = place_count > 0
                           ? places.first + static_cast<Index>(rng_.below(static_cast<std::uint64_t>(place_count)))
                           : kNone;
    p_.people.push_back(std::move(person));
  }

  std::string make_name(Gender gender) {
    std::string name(families_.pick(rng_));
    name += ' ';
    if (gender == Gender::male) {
      name += male_middles_.pick(rng_);
      name += ' ';
      name += rng_.pick(kMaleGivenNames, kMaleGivenNameCount);
    } else {
      std::string_view middle = female_middles_.pick(rng_);
      name += middle;
      if (middle == "Thị" && rng_.chance(0.15)) {
        std::string_view second = female_middles_.pick(rng_);
        if (second != middle) {
          name += ' ';
          name += second;
        }
      }
      name += ' ';
      name += rng_.pick(kFemaleGivenNames, kFemaleGivenNameCount);
    }
    return name;
  }

  // Unique 12-digit numbers: an affine bijection of the sequence number modulo 9·10^11 (the multiplier is
  // coprime with it), offset by the seed, so numbers look scattered but never repeat.
  std::uint64_t next_card_number() {
    constexpr std::uint64_t kRange = 900'000'000'000ull;
    constexpr std::uint64_t kMultiplier = 7919ull * 104729ull;  // primes other than 2, 3 and 5
    const std::uint64_t offset = options_.seed % kRange;
    return 100'000'000'000ull + (kMultiplier * card_sequence_++ + offset) % kRange;
  }

  void add_post(Index person, Index unit, Index collective, std::string title, bool is_head, bool is_leadership) {
    p_.posts.push_back({person, unit, collective, std::move(title), is_head, is_leadership});
    if (is_leadership) p_.people[static_cast<std::size_t>(person)].leader = true;
  }

  // `count` distinct active people of `range`, in random order (fewer when the range is small). Committees
  // are made of working officials: civil servants under 60 first, then any active member if too few.
  std::vector<Index> pick_people(PersonRange range, int count) {
    std::vector<Index> out;
    std::unordered_set<Index> seen;
    const int limit = std::min<int>(count, range.size());
    for (int pass = 0; pass < 2; ++pass) {
      for (int attempts = 0; static_cast<int>(out.size()) < limit && attempts < limit * 20; ++attempts) {
        const Index i = range.first + static_cast<Index>(rng_.below(static_cast<std::uint64_t>(range.size())));
        const Person& person = p_.people[static_cast<std::size_t>(i)];
        if (person.status != Status::active) continue;
        if (pass == 0 && (!person.civil_servant || options_.year - person.birth_date.year >= 60)) continue;
        if (seen.insert(i).second) out.push_back(i);
      }
    }
    return out;
  }

  // The executive committee of a grassroots or sectional committee: secretary, deputies, members.
  void add_committee_leadership(Index unit, Index exec, PersonRange range, const std::string& title_word) {
    if (range.size() == 0) return;
    const int count = std::clamp(range.size() / 20, 3, 15);
    const std::vector<Index> chosen = pick_people(range, count);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      const char* title = i == 0 ? "Bí thư " : (i <= (count >= 9 ? 2u : 1u) ? "Phó Bí thư " : nullptr);
      const std::string member_title = title_word == "Đảng ủy" ? "Đảng ủy viên" : "Ủy viên " + title_word;
      add_post(chosen[i], unit, exec, title ? title + title_word : member_title, i == 0, true);
    }
    if (unit_heads_.size() <= static_cast<std::size_t>(unit)) unit_heads_.resize(p_.units.size(), kNone);
    if (!chosen.empty()) unit_heads_[static_cast<std::size_t>(unit)] = chosen[0];
  }

  // Province, district and block committees: an executive committee with a standing committee inside it,
  // and the People's Committee's chair where there is one.
  void add_upper_leadership(Index unit, Index exec, Index standing, Index ubnd, const std::string& short_name,
                            const std::string& level, PersonRange range) {
    const bool province = unit == 0;
    const int exec_count = province ? 50 : 33;
    const int standing_count = province ? 15 : 11;
    const std::vector<Index> chosen = pick_people(range, exec_count);
    // "Tỉnh ủy viên", "Huyện ủy viên"; a block's committee has no such short title.
    const std::string exec_title = level == "khối"
                                       ? "Ủy viên Ban Chấp hành " + p_.units[static_cast<std::size_t>(unit)].name
                                       : short_name + " viên";
    for (std::size_t i = 0; i < chosen.size(); ++i) {
      if (static_cast<int>(i) < standing_count) {
        const std::string title = i == 0
                                      ? "Bí thư " + short_name
                                      : (i <= 2 ? "Phó Bí thư " + short_name : "Ủy viên Ban Thường vụ " + short_name);
        add_post(chosen[i], unit, standing, title, i == 0, true);
      }
      add_post(chosen[i], unit, exec, exec_title, false, true);
    }
    if (ubnd != kNone && chosen.size() > 1) {
      const Index board = board_of(ubnd);
      add_post(chosen[1], ubnd, board, "Chủ tịch Ủy ban nhân dân " + level, true, true);
    }
  }

  // ---- demo accounts ---------------------------------------------------------------------------------------

  Index first_member_of(Index cell, bool without_posts) const {
    std::vector<bool> has_post;
    for (Index i = 0; i < static_cast<Index>(p_.people.size()); ++i) {
      const Person& person = p_.people[static_cast<std::size_t>(i)];
      if (person.cell != cell || person.status != Status::active) continue;
      if (without_posts) {
        bool holds = false;
        for (const Post& post : p_.posts)
          if (post.person == i) holds = true;
        if (holds) continue;
      }
      return i;
    }
    return kNone;
  }

  Index secretary_of(Index cell) const {
    for (const Post& post : p_.posts)
      if (post.unit == cell && post.is_head && post.title == "Bí thư Chi bộ") return post.person;
    return kNone;
  }

  void add_accounts(Index root) {
    const Index commune = first_commune_;
    const Index cell = first_village_cell_;
    const Index committee_person =
        static_cast<std::size_t>(commune) < unit_heads_.size() ? unit_heads_[static_cast<std::size_t>(commune)] : kNone;
    const Index staff_person =
        first_commune_office_cell_ != kNone ? first_member_of(first_commune_office_cell_, true) : kNone;
    // The inspector works in the district's inspection commission office (a cell of its party offices).
    Index inspector = kNone;
    for (Index u = 0; u < static_cast<Index>(p_.units.size()) && inspector == kNone; ++u) {
      const Unit& unit = p_.units[static_cast<std::size_t>(u)];
      if (unit.name == "Chi bộ Ủy ban Kiểm tra" && unit.parent != kNone &&
          p_.units[static_cast<std::size_t>(unit.parent)].parent == first_district_)
        inspector = first_member_of(u, false);
    }
    p_.accounts = {
        {"quantri", "Quản trị hệ thống", "administrator", root, kNone},
        {"bantochuc", "Ban Tổ chức Tỉnh ủy", "organization_board", root, kNone},
        {"capuy", "Đảng ủy " + p_.units[static_cast<std::size_t>(commune)].name.substr(std::string("Đảng bộ ").size()),
         "committee", commune, committee_person},
        {"vanphong", "Văn phòng Đảng ủy", "committee_staff", commune, staff_person},
        {"bithu", "Bí thư " + p_.units[static_cast<std::size_t>(cell)].name, "cell_secretary", cell,
         secretary_of(cell)},
        {"kiemtra",
         "Ủy ban Kiểm tra " +
             p_.units[static_cast<std::size_t>(first_district_)].name.substr(std::string("Đảng bộ ").size()),
         "inspection", first_district_, inspector},
        {"dangvien", "Đảng viên", "member", cell, first_member_of(cell, true)},
    };
    for (Account& account : p_.accounts)
      if (account.person != kNone)
        account.display_name =
            p_.people[static_cast<std::size_t>(account.person)].full_name + " (" + account.display_name + ")";
  }

  const Options options_;
  Rng rng_;
  WeightedTable families_, male_middles_, female_middles_;
  const Date as_of_;
  Province p_;
  std::uint64_t card_sequence_ = 0;
  std::unordered_set<std::string> district_names_;
  std::vector<Index> unit_heads_;
  int first_enterprise_block_ = 0;
  Index first_district_ = kNone;
  Index first_commune_ = kNone;
  Index first_commune_office_cell_ = kNone;
  Index first_village_cell_ = kNone;
};

}  // namespace

Province generate_province(const Options& options) {
  if (options.members < 1000 || options.members > 10'000'000)
    throw std::invalid_argument("demo: members must be between 1,000 and 10,000,000, got " +
                                std::to_string(options.members));
  if (options.year < 2000 || options.year > 2100)
    throw std::invalid_argument("demo: year must be between 2000 and 2100, got " + std::to_string(options.year));
  return Generator(options).run();
}

}  // namespace xeploai::demo
