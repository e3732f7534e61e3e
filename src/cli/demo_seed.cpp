#include "cli/demo_seed.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "batch/ruleset_loader.hpp"
#include "demo/results.hpp"
#include "domain/date.hpp"
#include "service/audit.hpp"
#include "service/auth/accounts.hpp"
#include "service/stats/stats.hpp"
#include "store/bulk_insert.hpp"
#include "text/text.hpp"
#include "workflow/cycle.hpp"
#include "workflow/forms.hpp"

namespace xeploai::cli {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

using store::BulkInsert;

std::optional<std::string> date_or_null(const demo::Date& d) {
  if (!d.valid()) return std::nullopt;
  return d.iso();
}

// The closed cycles of demo::generate_results: a cycle row with the default calendar, one subject per member (at
// the cell; those not graded with their rule), per party organization and per leadership collective, decided and
// published, then the statistics' sums (service::stats::refresh_counts). Returns the number of subjects.
Result<std::int64_t> seed_results(store::Transaction& tx, const demo::Province& province,
                                  const std::vector<demo::CycleResults>& results, std::int64_t now) {
  std::int64_t subject_id = 0;
  const auto& catalog = batch::default_catalog();
  for (std::size_t k = 0; k < results.size(); ++k) {
    const auto& r = results[k];
    const auto cycle_id = static_cast<std::int64_t>(k + 1);
    const domain::Ruleset* ruleset = catalog.find(r.ruleset);
    if (!ruleset) return Error::internal(fmt::format("demo: unknown ruleset {}", r.ruleset));
    tx.execute(
        "INSERT INTO review_cycles (id, year, quarter, ruleset, root_unit_id, status, complaint_days, grading_date, "
        "version, created_at, updated_at) VALUES ($1, $2, 0, $3, 1, 'closed', 30, $4, 1, $5, $5)",
        store::params(cycle_id, r.year, r.ruleset, r.grading_date.iso(), now));
    for (const auto& lc : workflow::default_calendar(r.year)) {
      store::Params p{cycle_id, std::string(workflow::code(lc.level))};
      for (auto d : lc.deadlines) p.push_back(domain::format_iso(d));
      tx.execute(
          "INSERT INTO review_cycle_calendar (cycle_id, level, self_review, meeting, proposal, decision, reporting) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7)",
          p);
    }
    std::map<workflow::Profile, std::string> forms;
    auto form = [&](workflow::Profile profile) -> Result<std::string> {
      auto it = forms.find(profile);
      if (it != forms.end()) return it->second;
      auto def = workflow::form_for(*ruleset, profile, 0);
      if (!def) return std::move(def).error();
      return forms[profile] = def->code;
    };
    const bool qd132 = r.ruleset == "qd132-2018";
    BulkInsert subjects(tx, "review_subjects",
                        {"id",
                         "cycle_id",
                         "kind",
                         "person_id",
                         "collective_id",
                         "unit_id",
                         "place",
                         "profile",
                         "form",
                         "reviewed",
                         "graded",
                         "grading_unit_id",
                         "civil_servant_grade_needed",
                         "reasons_json",
                         "state",
                         "grade",
                         "meeting_grade",
                         "proposed_grade",
                         "version",
                         "created_at",
                         "updated_at"});
    auto grade = [](bool graded, demo::Grade g) {
      return graded ? std::optional<std::string>(std::string(demo::to_string(g))) : std::nullopt;
    };
    for (const auto& m : r.members) {
      const auto& person = province.people[static_cast<std::size_t>(m.person)];
      const auto profile = person.leader          ? workflow::Profile::leader
                           : person.civil_servant ? workflow::Profile::non_leader
                                                  : workflow::Profile::member_outside;
      auto code = form(profile);
      if (!code) return std::move(code).error();
      std::string reasons = "[]";
      if (!m.graded)
        reasons = nlohmann::json::array({{{"rule", std::string(m.rule)},
                                          {"vi", "Không xếp loại chất lượng năm " + std::to_string(r.year)},
                                          {"en", "Not graded in " + std::to_string(r.year)}}})
                      .dump();
      // Under 132 a suspended or newly admitted member is still reviewed; under 124 and 366 neither.
      const bool reviewed = m.graded || (qd132 && m.rule != "R-EXEMPT-1");
      const auto g = grade(m.graded, m.grade);
      const std::int64_t cell = person.cell + 1;
      subjects.add(store::params(
          ++subject_id, cycle_id, "member", m.person + 1, std::nullopt, cell, "cell", workflow::code(profile), *code,
          reviewed, m.graded, m.graded ? std::optional<std::int64_t>(cell) : std::nullopt,
          m.graded && person.civil_servant, reasons, m.graded ? "published" : "not_started", g, g, g, 1, now, now));
    }
    auto collective_form = form(workflow::Profile::collective);
    if (!collective_form) return std::move(collective_form).error();
    for (const auto& o : r.organizations) {
      const auto g = grade(true, o.grade);
      subjects.add(store::params(++subject_id, cycle_id, "party_organization", std::nullopt, std::nullopt, o.unit + 1,
                                 "cell", "collective", *collective_form, true, true, std::nullopt, false, "[]",
                                 "published", g, g, g, 1, now, now));
    }
    for (const auto& c : r.collectives) {
      const auto g = grade(true, c.grade);
      const auto& col = province.collectives[static_cast<std::size_t>(c.collective)];
      subjects.add(store::params(++subject_id, cycle_id, "leadership_collective", std::nullopt, c.collective + 1,
                                 col.unit + 1, "cell", "collective", *collective_form, true, true, std::nullopt, false,
                                 "[]", "published", g, g, g, 1, now, now));
    }
    subjects.flush();
    if (auto refreshed = service::stats::refresh_counts(tx, cycle_id); !refreshed) return std::move(refreshed).error();
  }
  return subject_id;
}

}  // namespace

Result<SeedSummary> seed_province(store::Database& db, const demo::Province& province,
                                  const std::vector<demo::CycleResults>& results, const std::string& password_hash) {
  auto tx = db.begin(store::Access::write);
  auto existing = tx->query_one("SELECT COUNT(*) FROM units")->get_int(0);
  if (existing > 0)
    return Error::conflict(fmt::format(
        "Cơ sở dữ liệu đã có {} đơn vị; xeploai demo chỉ ghi vào cơ sở dữ liệu trống / the database already holds {} "
        "units; xeploai demo only seeds an empty database",
        existing, existing));
  const auto now = now_ms();
  SeedSummary summary;

  // Units: id = index + 1; parents come first, so each path extends its parent's.
  std::vector<std::string> paths(province.units.size());
  {
    BulkInsert units(
        *tx, "units",
        {"id", "kind", "name", "code", "established_on", "parent_id", "path", "version", "created_at", "updated_at"});
    BulkInsert parents(*tx, "unit_parents", {"id", "unit_id", "parent_id", "valid_from"});
    for (std::size_t i = 0; i < province.units.size(); ++i) {
      const auto& u = province.units[i];
      auto id = static_cast<std::int64_t>(i + 1);
      std::optional<std::int64_t> parent;
      if (u.parent != demo::kNone) parent = u.parent + 1;
      paths[i] = (parent ? paths[u.parent] : std::string("/")) + std::to_string(id) + "/";
      units.add(store::params(id, demo::to_string(u.kind), u.name, u.code, u.established_on.iso(), parent, paths[i], 1,
                              now, now));
    }
    units.flush();  // before the rows that refer to them (each BulkInsert sends its own rows)
    for (std::size_t i = 0; i < province.units.size(); ++i) {
      const auto& u = province.units[i];
      auto id = static_cast<std::int64_t>(i + 1);
      std::optional<std::int64_t> parent;
      if (u.parent != demo::kNone) parent = u.parent + 1;
      parents.add(store::params(id, id, parent, u.established_on.iso()));
    }
    parents.flush();
    summary.units = static_cast<std::int64_t>(province.units.size());
  }
  {
    BulkInsert collectives(*tx, "collectives",
                           {"id", "unit_id", "kind", "name", "valid_from", "version", "created_at", "updated_at"});
    for (std::size_t i = 0; i < province.collectives.size(); ++i) {
      const auto& c = province.collectives[i];
      collectives.add(store::params(static_cast<std::int64_t>(i + 1), c.unit + 1, demo::to_string(c.kind), c.name,
                                    province.units[c.unit].established_on.iso(), 1, now, now));
    }
    collectives.flush();
    summary.collectives = static_cast<std::int64_t>(province.collectives.size());
  }
  {
    BulkInsert people(
        *tx, "people",
        {"id", "card_number", "full_name", "sort_key", "search_key", "gender", "birth_date", "admitted_on",
         "official_on", "status", "residence", "is_civil_servant", "unit_id", "version", "created_at", "updated_at"});
    BulkInsert memberships(*tx, "memberships", {"id", "person_id", "unit_id", "valid_from"});
    for (std::size_t i = 0; i < province.people.size(); ++i) {
      const auto& p = province.people[i];
      auto id = static_cast<std::int64_t>(i + 1);
      std::optional<std::string> residence;
      if (p.residence != demo::kNone) residence = province.places[p.residence];
      people.add(store::params(id, p.card_number_text(), p.full_name, text::person_sort_key_hex(p.full_name),
                               text::search_key(p.full_name), demo::to_string(p.gender), date_or_null(p.birth_date),
                               date_or_null(p.admitted_on), date_or_null(p.official_on), demo::to_string(p.status),
                               residence, p.civil_servant, p.cell + 1, 1, now, now));
    }
    people.flush();
    for (std::size_t i = 0; i < province.people.size(); ++i) {
      auto id = static_cast<std::int64_t>(i + 1);
      memberships.add(store::params(id, id, province.people[i].cell + 1, province.people[i].active_since.iso()));
    }
    memberships.flush();
    summary.people = static_cast<std::int64_t>(province.people.size());
  }
  {
    BulkInsert posts(*tx, "posts",
                     {"id", "person_id", "unit_id", "collective_id", "title", "is_head", "is_leadership", "valid_from",
                      "version", "created_at", "updated_at"});
    for (std::size_t i = 0; i < province.posts.size(); ++i) {
      const auto& p = province.posts[i];
      std::optional<std::int64_t> collective;
      if (p.collective != demo::kNone) collective = p.collective + 1;
      const auto& person = province.people[p.person];
      posts.add(store::params(static_cast<std::int64_t>(i + 1), p.person + 1, p.unit + 1, collective, p.title,
                              p.is_head, p.is_leadership,
                              std::max(person.active_since, province.units[p.unit].established_on).iso(), 1, now, now));
    }
    posts.flush();
    summary.posts = static_cast<std::int64_t>(province.posts.size());
  }
  if (auto seeded = seed_results(*tx, province, results, now); !seeded)
    return std::move(seeded).error();
  else
    summary.cycles = static_cast<std::int64_t>(results.size()), summary.subjects = *seeded;
  if (tx->dialect() == store::Dialect::postgres) {
    // Explicit ids bypassed the identity sequences; move them past the rows just written.
    for (const char* table :
         {"units", "unit_parents", "collectives", "people", "memberships", "posts", "review_cycles", "review_subjects"})
      tx->query(
          fmt::format("SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 0) + 1, false) "
                      "FROM {0}",
                      table));
  }
  for (const auto& a : province.accounts) {
    auto role = service::parse_role(a.role);
    if (!role) return Error::internal(fmt::format("demo account {} has an unknown role {}", a.username, a.role));
    service::auth::NewAccount account;
    account.username = a.username;
    account.display_name = a.display_name;
    account.password_hash = password_hash;
    if (a.person != demo::kNone) account.person_id = a.person + 1;
    account.home_unit_id = a.unit + 1;
    account.grants = {{*role, a.unit + 1}};
    auto created = service::auth::create_account(*tx, nullptr, account);
    if (!created) return std::move(created).error();
    summary.accounts.push_back({a.username, a.display_name, a.role, province.units[a.unit].name});
  }
  service::record_audit(*tx, nullptr,
                        {"demo.seed",
                         "unit",
                         1,
                         nullptr,
                         {{"province", province.name},
                          {"units", summary.units},
                          {"collectives", summary.collectives},
                          {"people", summary.people},
                          {"posts", summary.posts},
                          {"cycles", summary.cycles},
                          {"subjects", summary.subjects},
                          {"accounts", summary.accounts.size()}},
                         std::int64_t{1}});
  tx->commit();
  return summary;
}

}  // namespace xeploai::cli
