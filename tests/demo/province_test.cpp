#include "demo/province.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "text/text.hpp"

namespace xeploai::demo {
namespace {

// Generated once: the 20,000-member default takes well under a second.
const Province& default_province() {
  static const Province p = generate_province(Options{});
  return p;
}

std::map<UnitKind, int> count_kinds(const Province& p) {
  std::map<UnitKind, int> counts;
  for (const Unit& u : p.units) ++counts[u.kind];
  return counts;
}

TEST(DemoProvince, IsDeterministicForASeed) {
  Options small{.members = 3000, .seed = 7, .year = 2026};
  const Province a = generate_province(small);
  const Province b = generate_province(small);
  ASSERT_EQ(a.units.size(), b.units.size());
  ASSERT_EQ(a.people.size(), b.people.size());
  ASSERT_EQ(a.posts.size(), b.posts.size());
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    EXPECT_EQ(a.units[i].code, b.units[i].code);
    EXPECT_EQ(a.units[i].name, b.units[i].name);
  }
  for (std::size_t i = 0; i < a.people.size(); ++i) {
    EXPECT_EQ(a.people[i].full_name, b.people[i].full_name);
    EXPECT_EQ(a.people[i].card_number, b.people[i].card_number);
    EXPECT_EQ(a.people[i].birth_date, b.people[i].birth_date);
    EXPECT_EQ(a.people[i].cell, b.people[i].cell);
  }
  // Another seed gives another province.
  const Province c = generate_province(Options{.members = 3000, .seed = 8, .year = 2026});
  int same_names = 0;
  for (std::size_t i = 0; i < std::min(a.people.size(), c.people.size()); ++i)
    same_names += a.people[i].full_name == c.people[i].full_name;
  EXPECT_LT(same_names, static_cast<int>(a.people.size()) / 10);
}

TEST(DemoProvince, HasExactlyTheRequestedMembers) {
  EXPECT_EQ(default_province().people.size(), 20'000u);
  for (std::int64_t members : {1000, 1001, 2500, 7777, 33333})
    EXPECT_EQ(generate_province(Options{.members = members}).people.size(), static_cast<std::size_t>(members));
}

TEST(DemoProvince, CountsFollowARealProvincesRatios) {
  // A real province: ~100,000 members in ~1,000 grassroots organizations and ~6,000 cells.
  const Province& p = default_province();
  auto kinds = count_kinds(p);
  const int grassroots = kinds[UnitKind::grassroots_committee] + kinds[UnitKind::grassroots_cell];
  const int cells = kinds[UnitKind::cell];
  const double members = static_cast<double>(p.people.size());
  EXPECT_GE(members / grassroots, 70) << grassroots;
  EXPECT_LE(members / grassroots, 150) << grassroots;
  EXPECT_GE(members / cells, 12) << cells;
  EXPECT_LE(members / cells, 24) << cells;
  EXPECT_EQ(kinds[UnitKind::province_committee], 1);
  EXPECT_GE(kinds[UnitKind::upper_grassroots_committee], 4);  // districts plus the two blocks
  EXPECT_GT(kinds[UnitKind::sectional_committee], 0);
  EXPECT_GT(kinds[UnitKind::agency], 0);
}

TEST(DemoProvince, UnitsHaveValidKindsParentsAndUniqueCodes) {
  const Province& p = default_province();
  ASSERT_FALSE(p.units.empty());
  EXPECT_EQ(p.units[0].kind, UnitKind::province_committee);
  EXPECT_EQ(p.units[0].parent, kNone);
  std::unordered_set<std::string> codes;
  for (std::size_t i = 0; i < p.units.size(); ++i) {
    const Unit& u = p.units[i];
    EXPECT_TRUE(codes.insert(u.code).second) << "duplicate code " << u.code;
    EXPECT_TRUE(u.established_on.valid());
    if (i == 0) continue;
    ASSERT_GE(u.parent, 0) << u.code;
    ASSERT_LT(static_cast<std::size_t>(u.parent), i) << "parent after child: " << u.code;
    const Unit& parent = p.units[static_cast<std::size_t>(u.parent)];
    EXPECT_EQ(u.code.rfind(parent.code + ".", 0), 0u) << u.code << " under " << parent.code;
    // Which kind may sit under which (FORMAT.md's kinds, as the Party is organized).
    switch (u.kind) {
      case UnitKind::province_committee:
        ADD_FAILURE() << "second province " << u.code;
        break;
      case UnitKind::upper_grassroots_committee:
        EXPECT_EQ(parent.kind, UnitKind::province_committee);
        break;
      case UnitKind::grassroots_committee:
      case UnitKind::grassroots_cell:
        EXPECT_EQ(parent.kind, UnitKind::upper_grassroots_committee) << u.code;
        break;
      case UnitKind::sectional_committee:
        EXPECT_EQ(parent.kind, UnitKind::grassroots_committee) << u.code;
        break;
      case UnitKind::cell:
        EXPECT_TRUE(parent.kind == UnitKind::grassroots_committee || parent.kind == UnitKind::sectional_committee)
            << u.code;
        break;
      case UnitKind::agency:
        EXPECT_FALSE(holds_members(parent.kind)) << u.code;
        break;
    }
    EXPECT_FALSE(to_string(u.kind).empty());
  }
}

TEST(DemoProvince, CellsHoldFiveToSixtyMembersAndOnlyCellsHoldMembers) {
  const Province& p = default_province();
  std::vector<int> members(p.units.size(), 0);
  Index previous_cell = kNone;
  for (const Person& person : p.people) {
    ASSERT_GE(person.cell, 0);
    ASSERT_LT(static_cast<std::size_t>(person.cell), p.units.size());
    EXPECT_TRUE(holds_members(p.units[static_cast<std::size_t>(person.cell)].kind));
    EXPECT_GE(person.cell, previous_cell) << "people are not ordered by cell";
    previous_cell = person.cell;
    ++members[static_cast<std::size_t>(person.cell)];
  }
  for (std::size_t i = 0; i < p.units.size(); ++i) {
    if (!holds_members(p.units[i].kind)) continue;
    EXPECT_GE(members[i], 5) << p.units[i].code << " " << p.units[i].name;
    EXPECT_LE(members[i], 60) << p.units[i].code << " " << p.units[i].name;
  }
}

TEST(DemoProvince, PeopleAreRealisticAndConsistent) {
  const Province& p = default_province();
  std::unordered_set<std::uint64_t> cards;
  std::map<Status, int> statuses;
  std::map<std::string, int> families;
  int leaders = 0, civil_servants = 0, women = 0;
  const Date as_of{static_cast<std::int16_t>(p.year), 12, 31};
  for (const Person& person : p.people) {
    EXPECT_TRUE(cards.insert(person.card_number).second) << person.card_number_text();
    const std::string card = person.card_number_text();
    EXPECT_EQ(card.size(), 12u);
    EXPECT_EQ(card.find_first_not_of("0123456789"), std::string::npos);
    EXPECT_TRUE(text::is_nfc(person.full_name)) << person.full_name;
    const auto name = text::split_person_name(person.full_name);
    EXPECT_FALSE(name.family.empty()) << person.full_name;
    EXPECT_FALSE(name.middle.empty()) << person.full_name;
    ++families[name.family];
    ++statuses[person.status];
    EXPECT_LT(person.birth_date, person.admitted_on);
    EXPECT_GE(person.admitted_on.year - person.birth_date.year, 18) << person.full_name;
    EXPECT_LE(person.admitted_on, as_of);
    if (person.status == Status::probationary) {
      EXPECT_FALSE(person.official_on.valid());
      EXPECT_GE(person.admitted_on.year, p.year - 1);
    } else {
      ASSERT_TRUE(person.official_on.valid()) << person.full_name;
      EXPECT_EQ(person.official_on.year, person.admitted_on.year + 1);
      EXPECT_LE(person.official_on, as_of);
    }
    EXPECT_GE(person.active_since, person.admitted_on);
    EXPECT_GE(person.active_since, p.units[static_cast<std::size_t>(person.cell)].established_on);
    EXPECT_LE(person.active_since, as_of);
    ASSERT_GE(person.residence, 0);
    ASSERT_LT(static_cast<std::size_t>(person.residence), p.places.size());
    leaders += person.leader;
    civil_servants += person.civil_servant;
    women += person.gender == Gender::female;
  }
  const double n = static_cast<double>(p.people.size());
  EXPECT_NEAR(families["Nguyễn"] / n, 0.38, 0.03);
  EXPECT_GT(families["Trần"], families["Đỗ"]);
  EXPECT_NEAR(statuses[Status::active] / n, 0.96, 0.02);
  EXPECT_NEAR(statuses[Status::exempt] / n, 0.02, 0.015);
  EXPECT_GT(statuses[Status::probationary], 0);
  EXPECT_GT(statuses[Status::suspended], 0);
  EXPECT_NEAR(leaders / n, 0.10, 0.05);
  EXPECT_GT(civil_servants / n, 0.2);
  EXPECT_LT(civil_servants / n, 0.7);
  EXPECT_NEAR(women / n, 0.45, 0.1);
}

TEST(DemoProvince, AllTextIsNfc) {
  const Province& p = default_province();
  EXPECT_TRUE(text::is_nfc(p.name));
  for (const Unit& u : p.units) EXPECT_TRUE(text::is_nfc(u.name)) << u.name;
  for (const Collective& c : p.collectives) EXPECT_TRUE(text::is_nfc(c.name)) << c.name;
  for (const Post& post : p.posts) EXPECT_TRUE(text::is_nfc(post.title)) << post.title;
  for (const std::string& place : p.places) EXPECT_TRUE(text::is_nfc(place)) << place;
}

TEST(DemoProvince, PostsAndCollectivesReferenceExistingThings) {
  const Province& p = default_province();
  std::map<Index, int> cell_heads;
  for (const Post& post : p.posts) {
    ASSERT_GE(post.person, 0);
    ASSERT_LT(static_cast<std::size_t>(post.person), p.people.size());
    ASSERT_GE(post.unit, 0);
    ASSERT_LT(static_cast<std::size_t>(post.unit), p.units.size());
    if (post.collective != kNone) {
      ASSERT_LT(static_cast<std::size_t>(post.collective), p.collectives.size());
      EXPECT_EQ(p.collectives[static_cast<std::size_t>(post.collective)].unit, post.unit) << post.title;
    }
    if (post.is_leadership) {
      EXPECT_TRUE(p.people[static_cast<std::size_t>(post.person)].leader);
    }
    if (post.title == "Bí thư Chi bộ") ++cell_heads[post.unit];
  }
  // Every cell has exactly one secretary; cells of 9 or more have a cell committee.
  std::set<Index> with_committee;
  for (const Collective& c : p.collectives) {
    ASSERT_GE(c.unit, 0);
    ASSERT_LT(static_cast<std::size_t>(c.unit), p.units.size());
    if (c.kind == CollectiveKind::cell_committee) with_committee.insert(c.unit);
  }
  for (std::size_t i = 0; i < p.units.size(); ++i)
    if (holds_members(p.units[i].kind)) {
      EXPECT_EQ(cell_heads[static_cast<Index>(i)], 1) << p.units[i].code;
    }
  EXPECT_FALSE(with_committee.empty());
}

TEST(DemoProvince, DemoAccountsCoverEveryRoleAndPointAtRealUnitsAndPeople) {
  const Province& p = default_province();
  EXPECT_FALSE(p.demo_password.empty());
  std::set<std::string> roles, usernames;
  for (const Account& a : p.accounts) {
    roles.insert(a.role);
    EXPECT_TRUE(usernames.insert(a.username).second) << a.username;
    ASSERT_GE(a.unit, 0) << a.username;
    ASSERT_LT(static_cast<std::size_t>(a.unit), p.units.size()) << a.username;
    EXPECT_TRUE(text::is_nfc(a.display_name));
    if (a.role != "administrator" && a.role != "organization_board") {
      ASSERT_GE(a.person, 0) << a.username;
      ASSERT_LT(static_cast<std::size_t>(a.person), p.people.size()) << a.username;
    }
  }
  EXPECT_EQ(roles, (std::set<std::string>{"administrator", "organization_board", "committee", "committee_staff",
                                          "cell_secretary", "inspection", "member"}));
  auto account = [&](std::string_view role) -> const Account& {
    for (const Account& a : p.accounts)
      if (a.role == role) return a;
    throw std::logic_error("no account");
  };
  // The secretary and the member belong to the cell they are granted on; the committee is that cell's parent;
  // the member holds no post; inspection sits at the district above the commune.
  const Account& secretary = account("cell_secretary");
  const Account& member = account("member");
  const Account& committee = account("committee");
  EXPECT_EQ(p.units[static_cast<std::size_t>(secretary.unit)].kind, UnitKind::cell);
  EXPECT_EQ(p.people[static_cast<std::size_t>(secretary.person)].cell, secretary.unit);
  EXPECT_EQ(p.people[static_cast<std::size_t>(member.person)].cell, member.unit);
  EXPECT_EQ(member.unit, secretary.unit);
  EXPECT_NE(member.person, secretary.person);
  for (const Post& post : p.posts) EXPECT_NE(post.person, member.person);
  EXPECT_EQ(p.units[static_cast<std::size_t>(secretary.unit)].parent, committee.unit);
  EXPECT_EQ(p.units[static_cast<std::size_t>(committee.unit)].kind, UnitKind::grassroots_committee);
  EXPECT_EQ(p.units[static_cast<std::size_t>(committee.unit)].parent, account("inspection").unit);
  EXPECT_EQ(account("administrator").unit, 0);
  // Committee leaders are working officials.
  const Person& commune_secretary = p.people[static_cast<std::size_t>(committee.person)];
  EXPECT_TRUE(commune_secretary.leader);
  EXPECT_EQ(commune_secretary.status, Status::active);
}

TEST(DemoProvince, LargerSizesKeepTheRatios) {
  // Toward the national size (5.6 million members, ~52,000 grassroots organizations, ~300,000 cells), the
  // structure grows by adding districts and blocks rather than by swelling units.
  const Province p = generate_province(Options{.members = 400'000, .seed = 11});
  ASSERT_EQ(p.people.size(), 400'000u);
  auto kinds = count_kinds(p);
  const double members = static_cast<double>(p.people.size());
  const int grassroots = kinds[UnitKind::grassroots_committee] + kinds[UnitKind::grassroots_cell];
  EXPECT_GE(members / grassroots, 70);
  EXPECT_LE(members / grassroots, 150);
  EXPECT_GE(members / kinds[UnitKind::cell], 12);
  EXPECT_LE(members / kinds[UnitKind::cell], 24);
  EXPECT_GE(kinds[UnitKind::upper_grassroots_committee], 40);
  std::unordered_set<std::uint64_t> cards;
  for (const Person& person : p.people) cards.insert(person.card_number);
  EXPECT_EQ(cards.size(), p.people.size());
}

TEST(DemoProvince, RejectsOptionsOutOfRange) {
  EXPECT_THROW(generate_province(Options{.members = 999}), std::invalid_argument);
  EXPECT_THROW(generate_province(Options{.members = 10'000'001}), std::invalid_argument);
  EXPECT_THROW(generate_province(Options{.members = 1000, .year = 1999}), std::invalid_argument);
}

TEST(DemoProvince, SmallestSizeStillWellFormed) {
  const Province p = generate_province(Options{.members = 1000});
  EXPECT_EQ(p.people.size(), 1000u);
  EXPECT_EQ(p.accounts.size(), 7u);
  for (const Account& a : p.accounts) EXPECT_GE(a.unit, 0);
}

TEST(DemoDate, IsoText) {
  EXPECT_EQ((Date{2026, 3, 7}).iso(), "2026-03-07");
  EXPECT_EQ(Date{}.iso(), "");
}

}  // namespace
}  // namespace xeploai::demo
