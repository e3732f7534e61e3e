// Statistics of decided grades (service/stats) on a small hand-made tree with known grades: exact counts and shares,
// the roll-up to the unit and its children, leaders by level, the year comparison, the outliers, the same numbers
// whether counted from the subjects or read from refresh_counts' sums, and refusals.
#include "service/stats/stats.hpp"

#include <fmt/format.h>

#include "service/service_fixture.hpp"

namespace xeploai::service::testing {
namespace {

using stats::Category;
using stats::Column;

class StatsTest : public ServiceTest {
 protected:
  void SetUp() override {
    ServiceTest::SetUp();
    if (IsSkipped()) return;
    district_ = unit("upper_grassroots_committee", "Đảng bộ huyện Yên Thành", "YT", province_);
    other_ = unit("upper_grassroots_committee", "Đảng bộ huyện Phú Lộc", "PL", province_);
    commune_ = unit("grassroots_committee", "Đảng bộ xã Hòa Bình", "YT-HB", district_);
    cell1_ = unit("cell", "Chi bộ thôn Đông", "YT-HB-1", commune_);
    cell2_ = unit("cell", "Chi bộ thôn Tây", "YT-HB-2", commune_);
    school_ = unit("grassroots_cell", "Chi bộ Trường Tiểu học Yên Thành", "YT-TH", district_);
    for (int i = 0; i < 5; ++i)
      m_.push_back(person(fmt::format("Nguyễn Văn Đông {}", i), cell1_, fmt::format("1{:011}", i)));
    for (int i = 0; i < 3; ++i)
      m_.push_back(person(fmt::format("Trần Thị Tây {}", i), cell2_, fmt::format("2{:011}", i)));
    for (int i = 0; i < 11; ++i)
      m_.push_back(person(fmt::format("Lê Thị Học {}", i), school_, fmt::format("3{:011}", i)));
    outsider_ = person("Phạm Văn Ngoài", unit("grassroots_cell", "Chi bộ Phú Lộc", "PL-1", other_), "400000000001");

    auto seeded = write([&](store::Transaction& tx) {
      // The commune's executive committee; heads: m0 leads the commune, m8 the school; m5 is a district deputy
      // chair (a non-head leadership post, district level); m6's post starts after the grading date.
      committee_ = tx.query_one(
                         "INSERT INTO collectives (unit_id, kind, name, valid_from, created_at, updated_at) VALUES "
                         "($1, 'executive_committee', 'Ban Chấp hành Đảng bộ xã Hòa Bình', '2010-01-01', 0, 0) "
                         "RETURNING id",
                         store::params(commune_))
                       ->get_int(0);
      post(tx, m_[0], commune_, committee_, "Bí thư Đảng ủy xã", true, "2020-01-01");
      post(tx, m_[8], school_, std::nullopt, "Bí thư Chi bộ", true, "2020-01-01");
      post(tx, m_[5], district_, std::nullopt, "Phó Chủ tịch Ủy ban nhân dân huyện", false, "2020-01-01");
      post(tx, m_[6], cell2_, std::nullopt, "Bí thư Chi bộ", true, "2026-03-01");

      // 2025, a closed cycle opened by the district (the province above it reads its share).
      c2025_ = cycle(tx, 2025, "qd366-2025", district_);
      const char* grades[] = {"HTXSNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"};
      for (int i = 0; i < 5; ++i) member(tx, c2025_, m_[i], cell1_, grades[i]);
      member(tx, c2025_, m_[5], cell2_, "HTTNV");
      member(tx, c2025_, m_[6], cell2_, "HTTNV");
      member(tx, c2025_, m_[7], cell2_, std::nullopt, true, "proposed");  // graded, not decided yet: pending
      member(tx, c2025_, m_[8], school_, "HTXSNV");
      for (int i = 9; i < 18; ++i) member(tx, c2025_, m_[i], school_, "HTTNV");
      member(tx, c2025_, m_[18], school_, std::nullopt, false, "not_started");  // exempt: not graded
      // m0 is also reviewed at his post (not a grade: not counted).
      subject(tx, c2025_, "member", m_[0], std::nullopt, commune_, "post", false, "published", std::nullopt);
      subject(tx, c2025_, "party_organization", std::nullopt, std::nullopt, cell1_, "cell", true, "published", "HTTNV");
      subject(tx, c2025_, "party_organization", std::nullopt, std::nullopt, cell2_, "cell", true, "decided", "HTXSNV");
      subject(tx, c2025_, "party_organization", std::nullopt, std::nullopt, commune_, "cell", true, "published",
              "HTTNV");
      subject(tx, c2025_, "party_organization", std::nullopt, std::nullopt, school_, "cell", true, "published",
              "HTTNV");
      subject(tx, c2025_, "party_organization", std::nullopt, std::nullopt, district_, "cell", true, "published",
              "HTTNV");
      subject(tx, c2025_, "leadership_collective", std::nullopt, committee_, commune_, "cell", true, "published",
              "HTXSNV");

      // 2024, opened by the province: three members of the first cell, and the other district's member.
      c2024_ = cycle(tx, 2024, "qd124-2023", province_);
      member(tx, c2024_, m_[0], cell1_, "HTTNV");
      member(tx, c2024_, m_[1], cell1_, "HTTNV");
      member(tx, c2024_, m_[2], cell1_, "HTNV");
      member(tx, c2024_, outsider_, unit_of(tx, outsider_), "HTXSNV");
      return Result<void>{};
    });
    ASSERT_TRUE(seeded.ok());
  }

  static std::int64_t unit_of(store::Transaction& tx, std::int64_t person) {
    return tx.query_one("SELECT unit_id FROM people WHERE id = $1", store::params(person))->get_int(0);
  }
  static void post(store::Transaction& tx, std::int64_t person, std::int64_t unit, std::optional<std::int64_t> coll,
                   const std::string& title, bool head, const std::string& from) {
    tx.execute(
        "INSERT INTO posts (person_id, unit_id, collective_id, title, is_head, is_leadership, valid_from, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, 0, 0)",
        store::params(person, unit, coll, title, head, from));
  }
  static std::int64_t cycle(store::Transaction& tx, int year, const std::string& ruleset, std::int64_t root) {
    return tx
        .query_one(
            "INSERT INTO review_cycles (year, quarter, ruleset, root_unit_id, status, complaint_days, grading_date, "
            "created_at, updated_at) VALUES ($1, 0, $2, $3, 'closed', 30, $4, 0, 0) RETURNING id",
            store::params(year, ruleset, root, fmt::format("{}-12-31", year)))
        ->get_int(0);
  }
  static void subject(store::Transaction& tx, std::int64_t cycle, const std::string& kind,
                      std::optional<std::int64_t> person, std::optional<std::int64_t> collective, std::int64_t unit,
                      const std::string& place, bool graded, const std::string& state,
                      std::optional<std::string> grade) {
    tx.execute(
        "INSERT INTO review_subjects (cycle_id, kind, person_id, collective_id, unit_id, place, profile, form, "
        "reviewed, graded, state, grade, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'non_leader', "
        "'02B', 1, $7, $8, $9, 0, 0)",
        store::params(cycle, kind, person, collective, unit, place, graded, state, grade));
  }
  static void member(store::Transaction& tx, std::int64_t cycle, std::int64_t person, std::int64_t cell,
                     std::optional<std::string> grade, bool graded = true, const std::string& state = "published") {
    subject(tx, cycle, "member", person, std::nullopt, cell, "cell", graded, state, grade);
  }

  Result<stats::Report> statistics(std::int64_t unit, stats::Query q = {}, const Principal* who = nullptr) {
    return read(
        [&](store::Transaction& tx) { return stats::unit_statistics(tx, who ? call_as(*who) : call(), unit, q); });
  }
  static const stats::Counts& of(const stats::CategoryCounts& cc, Category c) {
    return cc[static_cast<std::size_t>(c)];
  }
  static std::array<std::int64_t, stats::kColumns> n(const stats::CategoryCounts& cc, Category c) {
    return of(cc, c).n;
  }
  using Row = std::array<std::int64_t, stats::kColumns>;

  void refresh(std::int64_t cycle) {
    auto r = write([&](store::Transaction& tx) { return stats::refresh_counts(tx, cycle); });
    ASSERT_TRUE(r.ok()) << describe(r.error());
  }

  // Everything the district's 2025 statistics must say, counted or summed.
  void expect_district_2025(const stats::Report& r) {
    ASSERT_TRUE(r.year.has_value());
    EXPECT_EQ(*r.year, 2025);
    ASSERT_EQ(r.cycles.size(), 1u);
    EXPECT_EQ(r.cycles[0].id, c2025_);
    const auto& u = r.unit.counts;
    //                                                HTXSNV HTTNV HTNV KHTNV not_graded pending
    EXPECT_EQ(n(u, Category::members), (Row{2, 13, 1, 1, 1, 1}));
    EXPECT_EQ(n(u, Category::cells), (Row{1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::grassroots_organizations), (Row{0, 2, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::upper_organizations), (Row{0, 1, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::sectional_committees), (Row{0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::leadership_collectives), (Row{1, 0, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::leaders), (Row{2, 1, 0, 0, 0, 0}));  // m0, m8 (HTXSNV), m5 (HTTNV); m6's post is later
    EXPECT_EQ(n(u, Category::leaders_district), (Row{0, 1, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::leaders_grassroots), (Row{2, 0, 0, 0, 0, 0}));
    EXPECT_EQ(n(u, Category::leaders_province), (Row{0, 0, 0, 0, 0, 0}));
    // Shares: 2, 13, 1, 1 of 17 decided -> 11.76, 76.47, 5.88, 5.88, by largest remainder in tenths.
    const auto s = stats::shares(of(u, Category::members));
    EXPECT_DOUBLE_EQ(s[0], 11.7);
    EXPECT_DOUBLE_EQ(s[1], 76.5);
    EXPECT_DOUBLE_EQ(s[2], 5.9);
    EXPECT_DOUBLE_EQ(s[3], 5.9);
    EXPECT_DOUBLE_EQ(s[4], 5.3);  // 1 of 19
    EXPECT_DOUBLE_EQ(s[5], 5.3);

    ASSERT_EQ(r.children.size(), 2u);  // the commune and the school, tree order
    EXPECT_EQ(r.children[0].unit_id, commune_);
    EXPECT_EQ(r.children[1].unit_id, school_);
    EXPECT_EQ(n(r.children[0].counts, Category::members), (Row{1, 4, 1, 1, 0, 1}));
    EXPECT_EQ(n(r.children[0].counts, Category::cells), (Row{1, 1, 0, 0, 0, 0}));
    EXPECT_EQ(n(r.children[0].counts, Category::grassroots_organizations), (Row{0, 1, 0, 0, 0, 0}));
    EXPECT_EQ(n(r.children[0].counts, Category::leadership_collectives), (Row{1, 0, 0, 0, 0, 0}));
    EXPECT_EQ(n(r.children[1].counts, Category::members), (Row{1, 9, 0, 0, 1, 0}));

    // The school: ten decided members, all HTTNV or better. The commune has an HTNV and a KHTNV.
    ASSERT_EQ(r.all_good_total, 1);
    EXPECT_EQ(r.all_good[0].unit_id, school_);
    EXPECT_EQ(r.all_good[0].decided, 10);
    EXPECT_EQ(r.all_good[0].htxsnv, 1);
    // Heads graded above what they lead: m0 (HTXSNV) over the commune (HTTNV), m8 (HTXSNV) over the school (HTTNV).
    ASSERT_EQ(r.leaders_above_total, 2);
    EXPECT_EQ(r.leaders_above[0].person_id, m_[0]);
    EXPECT_EQ(r.leaders_above[0].organization_grade, "HTTNV");
    EXPECT_EQ(r.leaders_above[0].leader_grade, "HTXSNV");
    EXPECT_EQ(r.leaders_above[0].full_name, "Nguyễn Văn Đông 0");
    EXPECT_EQ(r.leaders_above[1].person_id, m_[8]);
    EXPECT_EQ(r.leaders_above[1].unit_id, school_);

    // Over the years: 2024 saw three members of the first cell in this district.
    ASSERT_EQ(r.years.size(), 2u);
    EXPECT_EQ(r.years[0].year, 2024);
    EXPECT_EQ(r.years[0].cycles, std::vector<std::int64_t>{c2024_});
    EXPECT_EQ(n(r.years[0].counts, Category::members), (Row{0, 2, 1, 0, 0, 0}));
    EXPECT_EQ(r.years[1].year, 2025);
    EXPECT_EQ(n(r.years[1].counts, Category::members), (Row{2, 13, 1, 1, 1, 1}));
  }

  std::int64_t district_ = 0, other_ = 0, commune_ = 0, cell1_ = 0, cell2_ = 0, school_ = 0, outsider_ = 0;
  std::int64_t committee_ = 0, c2025_ = 0, c2024_ = 0;
  std::vector<std::int64_t> m_;
};

TEST_P(StatsTest, CountsRollUpAndCompareYearsFromTheSubjects) {
  auto r = statistics(district_);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_FALSE(r->cycles[0].summed);
  expect_district_2025(*r);
}

TEST_P(StatsTest, SummedCountsGiveTheSameNumbers) {
  refresh(c2025_);
  refresh(c2024_);
  EXPECT_GT(count("SELECT COUNT(*) FROM stats_rollup"), 0);
  auto r = statistics(district_);
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_TRUE(r->cycles[0].summed);
  expect_district_2025(*r);
  // Refreshing again replaces, never adds.
  refresh(c2025_);
  auto again = statistics(district_);
  ASSERT_TRUE(again.ok());
  expect_district_2025(*again);
  // A grade changed after the sums is seen once the decision step refreshes them.
  auto updated = write([&](store::Transaction& tx) {
    tx.execute(
        "UPDATE review_subjects SET grade = 'HTTNV', state = 'decided' WHERE cycle_id = $1 AND person_id = $2 "
        "AND place = 'cell'",
        store::params(c2025_, m_[7]));
    return Result<void>{};
  });
  ASSERT_TRUE(updated.ok());
  refresh(c2025_);
  auto changed = statistics(district_);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(n(changed->unit.counts, Category::members), (Row{2, 14, 1, 1, 1, 0}));
}

TEST_P(StatsTest, ASubtreeRefreshAfterADecisionEqualsCountingAgain) {
  refresh(c2025_);
  refresh(c2024_);
  // The commune decides again: a member and a cell change grade, its head drops to HTTNV (no longer above the
  // commune), the pending member is decided; the district deputy chair (a post outside the commune) is untouched.
  auto changed = write([&](store::Transaction& tx) {
    auto grade = [&](const char* g, const char* where, std::int64_t id) {
      tx.execute(fmt::format("UPDATE review_subjects SET grade = $1, state = 'decided' WHERE cycle_id = $2 AND {} = $3 "
                             "AND place = 'cell'",
                             where),
                 store::params(g, c2025_, id));
    };
    grade("HTTNV", "person_id", m_[4]);
    grade("HTTNV", "person_id", m_[0]);
    grade("HTNV", "person_id", m_[7]);
    tx.execute(
        "UPDATE review_subjects SET grade = 'HTNV' WHERE cycle_id = $1 AND kind = 'party_organization' AND "
        "unit_id = $2",
        store::params(c2025_, cell1_));
    return stats::refresh_counts(tx, c2025_, commune_);
  });
  ASSERT_TRUE(changed.ok()) << describe(changed.error());
  for (auto unit : {province_, district_, commune_, cell1_}) {
    SCOPED_TRACE(unit);
    auto summed = statistics(unit, {.year = 2025, .years = {}});
    ASSERT_TRUE(summed.ok()) << describe(summed.error());
    ASSERT_TRUE(summed->cycles[0].summed);
    auto tx = db_->begin();  // counted: the sums dropped in a transaction that is rolled back
    stats::drop_counts(*tx, c2025_);
    stats::drop_counts(*tx, c2024_);
    auto counted = stats::unit_statistics(*tx, call(), unit, {.year = 2025, .years = {}});
    ASSERT_TRUE(counted.ok());
    auto a = stats::to_json(*summed), b = stats::to_json(*counted);
    for (auto* j : {&a, &b})
      for (auto& c : (*j)["cycles"]) c.erase("source");
    EXPECT_EQ(a.dump(), b.dump());
  }
  auto r = statistics(district_);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(n(r->unit.counts, Category::members), (Row{1, 15, 2, 0, 1, 0}));
  ASSERT_EQ(r->leaders_above_total, 1);  // only the school's secretary now
  EXPECT_EQ(r->leaders_above[0].person_id, m_[8]);
}

TEST_P(StatsTest, TheProvinceReadsItsYearsAndChildrenAndAYearCanBeChosen) {
  for (bool summed : {false, true}) {
    SCOPED_TRACE(summed ? "summed" : "counted");
    if (summed) refresh(c2025_), refresh(c2024_);
    auto r = statistics(province_, {.year = 2024, .years = {}});
    ASSERT_TRUE(r.ok()) << describe(r.error());
    EXPECT_EQ(*r->year, 2024);
    EXPECT_EQ(n(r->unit.counts, Category::members), (Row{1, 2, 1, 0, 0, 0}));
    ASSERT_EQ(r->children.size(), 2u);
    EXPECT_EQ(r->children[0].unit_id, district_);
    EXPECT_EQ(n(r->children[0].counts, Category::members), (Row{0, 2, 1, 0, 0, 0}));
    EXPECT_EQ(n(r->children[1].counts, Category::members), (Row{1, 0, 0, 0, 0, 0}));
    ASSERT_EQ(r->years.size(), 2u);
    // 2025's cycle was opened below the province: the province reads the district's numbers.
    EXPECT_EQ(n(r->years[1].counts, Category::members), (Row{2, 13, 1, 1, 1, 1}));
    // Only the years asked for.
    auto one = statistics(province_, {.year = std::nullopt, .years = {2025}});
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(*one->year, 2025);
    ASSERT_EQ(one->years.size(), 1u);
    EXPECT_EQ(one->years[0].year, 2025);
  }
}

TEST_P(StatsTest, AYearWithoutCyclesAndAUnitWithoutSubjectsAreEmpty) {
  auto r = statistics(district_, {.year = 2030, .years = {2030}});
  ASSERT_TRUE(r.ok()) << describe(r.error());
  EXPECT_TRUE(r->cycles.empty());
  EXPECT_EQ(of(r->unit.counts, Category::members).total(), 0);
  EXPECT_EQ(stats::shares(of(r->unit.counts, Category::members)), (std::array<double, stats::kColumns>{}));
  auto json = stats::to_json(*r);
  EXPECT_EQ(json["unit"]["categories"]["members"]["counts"]["HTTNV"], 0);
  EXPECT_EQ(json["year"], 2030);
}

TEST_P(StatsTest, RefusesCallersOutsideTheSubtreeMembersAndBadYears) {
  Principal other;
  other.account_id = 42;
  other.username = "capuy.phuloc";
  other.grants = {{Role::committee, other_}};
  auto refused = statistics(district_, {}, &other);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_TRUE(statistics(other_, {}, &other).ok());

  Principal member;
  member.account_id = 43;
  member.username = "dangvien";
  member.grants = {{Role::member, cell1_}};
  auto plain = statistics(cell1_, {}, &member);
  ASSERT_FALSE(plain.ok());
  EXPECT_EQ(plain.error().code, ErrorCode::forbidden);

  auto missing = statistics(999999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  auto bad = statistics(district_, {.year = 1990, .years = {2024, 3000}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  ASSERT_EQ(bad.error().details.size(), 2u);
  EXPECT_EQ(bad.error().details[0].path, "query.year");
  EXPECT_EQ(bad.error().details[1].path, "query.years[1]");
}

TEST(StatsShares, LargestRemainderSumsToAHundred) {
  stats::Counts c;
  c.n = {1, 1, 1, 0, 0, 0};  // thirds
  auto s = stats::shares(c);
  EXPECT_DOUBLE_EQ(s[0], 33.4);  // the tie goes to the better grade
  EXPECT_DOUBLE_EQ(s[1], 33.3);
  EXPECT_DOUBLE_EQ(s[2], 33.3);
  c.n = {0, 7, 0, 0, 3, 0};
  s = stats::shares(c);
  EXPECT_DOUBLE_EQ(s[1], 100.0);
  EXPECT_DOUBLE_EQ(s[4], 30.0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsTest, ::testing::ValuesIn(store::testing::all_backends()),
                         store::testing::backend_test_name<::testing::TestParamInfo<store::testing::Backend>>);

}  // namespace
}  // namespace xeploai::service::testing
