#include "cli/demo_seed.hpp"

#include <fmt/format.h>

#include "service/audit.hpp"
#include "service/auth/accounts.hpp"
#include "text/text.hpp"

namespace xeploai::cli {

namespace {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Inserts rows of `columns` values in batches: one prepared statement per batch size, reused for every full batch.
// Explicit ids are used (the database is empty), so no row needs a RETURNING round trip.
class BulkInsert {
 public:
  BulkInsert(store::Transaction& tx, std::string table, std::vector<std::string> columns, std::size_t batch = 400)
      // SQLite binds $N parameters by name, which costs a scan per parameter, so multi-row statements are slower
      // there than one prepared single-row INSERT (docs/performance-store.md); PostgreSQL gains from batching.
      : tx_(tx),
        table_(std::move(table)),
        columns_(std::move(columns)),
        batch_(tx.dialect() == store::Dialect::sqlite ? 1 : batch) {}
  ~BulkInsert() = default;

  void add(store::Params row) {
    for (auto& v : row) pending_.push_back(std::move(v));
    if (++rows_ == batch_) flush();
  }
  void flush() {
    if (rows_ == 0) return;
    tx_.prepare(sql(rows_)).execute(pending_);
    pending_.clear();
    rows_ = 0;
  }

 private:
  std::string sql(std::size_t rows) const {
    std::string s = fmt::format("INSERT INTO {} ({}) VALUES ", table_, fmt::join(columns_, ", "));
    std::size_t n = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      s += r ? ", (" : "(";
      for (std::size_t c = 0; c < columns_.size(); ++c) s += fmt::format("{}${}", c ? ", " : "", ++n);
      s += ")";
    }
    return s;
  }
  store::Transaction& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t batch_;
  std::size_t rows_ = 0;
  store::Params pending_;
};

std::optional<std::string> date_or_null(const demo::Date& d) {
  if (!d.valid()) return std::nullopt;
  return d.iso();
}

}  // namespace

Result<SeedSummary> seed_province(store::Database& db, const demo::Province& province,
                                  const std::string& password_hash) {
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
        {"id", "kind", "name", "code", "established_on", "parent_id", "path", "version", "created_at", "updated_at"},
        300);
    BulkInsert parents(*tx, "unit_parents", {"id", "unit_id", "parent_id", "valid_from"}, 1000);
    for (std::size_t i = 0; i < province.units.size(); ++i) {
      const auto& u = province.units[i];
      auto id = static_cast<std::int64_t>(i + 1);
      std::optional<std::int64_t> parent;
      if (u.parent != demo::kNone) parent = u.parent + 1;
      paths[i] = (parent ? paths[u.parent] : std::string("/")) + std::to_string(id) + "/";
      units.add(store::params(id, demo::to_string(u.kind), u.name, u.code, u.established_on.iso(), parent, paths[i], 1,
                              now, now));
    }
    units.flush();  // before the rows that refer to them (batches of different sizes)
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
                           {"id", "unit_id", "kind", "name", "valid_from", "version", "created_at", "updated_at"}, 500);
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
         "official_on", "status", "residence", "is_civil_servant", "unit_id", "version", "created_at", "updated_at"},
        200);
    BulkInsert memberships(*tx, "memberships", {"id", "person_id", "unit_id", "valid_from"}, 1000);
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
                      "version", "created_at", "updated_at"},
                     300);
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
  if (tx->dialect() == store::Dialect::postgres) {
    // Explicit ids bypassed the identity sequences; move them past the rows just written.
    for (const char* table : {"units", "unit_parents", "collectives", "people", "memberships", "posts"})
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
                          {"accounts", summary.accounts.size()}},
                         std::int64_t{1}});
  tx->commit();
  return summary;
}

}  // namespace xeploai::cli
