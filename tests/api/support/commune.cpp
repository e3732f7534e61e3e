#include "api/support/commune.hpp"

#include <gtest/gtest.h>

#include "service/people/people.hpp"

namespace xeploai::api::testing {

CommuneUnits seed_commune(TestApp& app, const CommuneOptions& options) {
  CommuneUnits units;
  units.province = app.root_unit();
  units.commune = app.add_unit(units.province, "grassroots_committee", options.commune.name, options.commune.code);
  for (const auto& cell : options.cells)
    units.cells.push_back(app.add_unit(units.commune, "cell", cell.name, cell.code));
  units.other = app.add_unit(units.province, "grassroots_committee", "Đảng bộ xã Bình Minh", "BM");
  return units;
}

std::int64_t seed_member(TestApp& app, const MemberSeed& member) {
  Json body = {{"full_name", member.name},          {"unit_id", member.cell},
               {"card_number", member.card},        {"status", member.status},
               {"admitted_on", member.admitted_on}, {"is_civil_servant", member.civil_servant},
               {"joined_on", "2016-01-01"}};
  if (!member.birth_date.empty()) body["birth_date"] = member.birth_date;
  service::Call call{app.system(), "seed"};
  return app.write([&](store::Transaction& tx) {
    auto r = service::people::create_person(tx, call, body);
    EXPECT_TRUE(r.ok()) << member.name << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  });
}

void seed_post(TestApp& app, std::int64_t person, std::int64_t unit, const std::string& title, bool head) {
  service::Call call{app.system(), "seed"};
  app.write([&](store::Transaction& tx) {
    auto r = service::people::create_post(tx, call, person,
                                          {{"unit_id", unit},
                                           {"title", title},
                                           {"is_head", head},
                                           {"is_leadership", true},
                                           {"valid_from", "2025-01-01"}});
    EXPECT_TRUE(r.ok()) << title << ": " << (r.ok() ? "" : r.error().message);
  });
}

std::int64_t open_cycle(HttpClient& who, std::int64_t unit, int year) {
  auto r = who.post("/api/v1/cycles", {{"unit_id", unit}, {"year", year}});
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? r.json()["id"].get<std::int64_t>() : 0;
}

}  // namespace xeploai::api::testing
