#pragma once
// The commune the review API tests start from (review_test, decision_test, meeting_test, document_test,
// whole_cycle_test): its units, party members and posts seeded through the services as the system (audited like any
// write), accounts with kPassword, and its cycle opened through the API.
//
//   const auto units = seed_commune(*app_, {.cells = {{"Chi bộ thôn Đông", "AH-D"}, {"Chi bộ thôn Tây", "AH-T"}}});
//   const auto an = seed_member(*app_, {.name = "Nguyễn Văn An", .cell = units.cells[0], .card = "AH-01"});
//   seed_post(*app_, an, units.cells[0], "Bí thư chi bộ", true);
//   app_->add_account("bithu", kPassword, units.cells[0], {{service::Role::cell_secretary, units.cells[0]}}, an);
//   auto committee = app_->login("bch.xa", kPassword);
//   const auto cycle = open_cycle(committee, units.commune, 2026);
#include <cstdint>
#include <string>
#include <vector>

#include "api/support/test_app.hpp"

namespace xeploai::api::testing {

// The password of the review tests' accounts.
inline constexpr const char* kPassword = "mat-khau-123";

struct UnitSeed {
  std::string name, code;
};

struct CommuneOptions {
  UnitSeed commune = {"Đảng bộ xã An Hòa", "AH"};
  std::vector<UnitSeed> cells = {{"Chi bộ thôn Đông", "AH-D"}};
};

struct CommuneUnits {
  std::int64_t province = 0, commune = 0, other = 0;
  std::vector<std::int64_t> cells;
};

// Under the app's province: the commune (a grassroots committee), its cells in order, then another grassroots
// committee, "Đảng bộ xã Bình Minh" (BM), whose users must be refused. The ids are in that order of creation.
CommuneUnits seed_commune(TestApp& app, const CommuneOptions& options = {});

struct MemberSeed {
  std::string name;
  std::int64_t cell = 0;
  std::string card;
  std::string status = "active";
  std::string admitted_on = "2008-07-15";
  std::string birth_date;  // none when empty
  bool civil_servant = false;
};

// A party member of `cell` since 2016-01-01 (people service); the id, or 0 when refused (the test fails).
std::int64_t seed_member(TestApp& app, const MemberSeed& member);

// A leadership post of `person` in `unit` from 2025-01-01 (people service); `head` for the unit's head.
void seed_post(TestApp& app, std::int64_t person, std::int64_t unit, const std::string& title, bool head);

// POST /cycles for `unit` and `year` as `who`: the new cycle's id, or 0 when refused (the test fails).
std::int64_t open_cycle(HttpClient& who, std::int64_t unit, int year);

}  // namespace xeploai::api::testing
