#include "service/roster/roster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "service/audit.hpp"
#include "service/org/tree.hpp"
#include "service/org/units.hpp"
#include "store/bulk_insert.hpp"
#include "text/text.hpp"

namespace xeploai::service::roster {

using importer::Problem;
using importer::roster::MemberRecord;
using importer::roster::Roster;
using importer::roster::UnitRecord;

namespace {

struct StoredUnit {
  std::int64_t id = 0;
  std::string kind, path, established_on, code, name;
};

constexpr const char* kStoredColumns = "id, kind, path, established_on, code, name";

StoredUnit stored_from(const store::Row& r) {
  return {r.get_int(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4), r.get_text(5)};
}

// `column IN (the values of a JSON array)`: one text parameter for any number of values, on both dialects.
std::string in_json_list(store::Transaction& tx, const std::string& column, int param) {
  if (tx.dialect() == store::Dialect::postgres)
    return fmt::format("{} IN (SELECT json_array_elements_text(CAST(${} AS json)))", column, param);
  return fmt::format("{} IN (SELECT value FROM json_each(${}))", column, param);
}

std::string json_list(const std::set<std::string>& values) { return Json(values).dump(); }

// Current units by code.
std::unordered_map<std::string, StoredUnit> units_by_code(store::Transaction& tx, const std::set<std::string>& codes) {
  std::unordered_map<std::string, StoredUnit> out;
  if (codes.empty()) return out;
  for (auto& r : tx.query(fmt::format("SELECT {} FROM units WHERE dissolved_on IS NULL AND {}", kStoredColumns,
                                      in_json_list(tx, "code", 1)),
                          store::params(json_list(codes)))) {
    auto u = stored_from(r);
    out.emplace(u.code, std::move(u));
  }
  return out;
}

// Current cells by exact name (a national export names the cell rather than giving its code).
std::multimap<std::string, StoredUnit> cells_by_name(store::Transaction& tx, const std::set<std::string>& names) {
  std::multimap<std::string, StoredUnit> out;
  if (names.empty()) return out;
  for (auto& r : tx.query(fmt::format("SELECT {} FROM units WHERE dissolved_on IS NULL AND kind IN ('cell', "
                                      "'grassroots_cell') AND {}",
                                      kStoredColumns, in_json_list(tx, "name", 1)),
                          store::params(json_list(names)))) {
    auto u = stored_from(r);
    out.emplace(u.name, std::move(u));
  }
  return out;
}

std::unordered_map<std::string, std::int64_t> people_by_card(store::Transaction& tx,
                                                             const std::set<std::string>& cards) {
  std::unordered_map<std::string, std::int64_t> out;
  if (cards.empty()) return out;
  for (auto& r :
       tx.query(fmt::format("SELECT card_number, id FROM people WHERE {}", in_json_list(tx, "card_number", 1)),
                store::params(json_list(cards))))
    out.emplace(r.get_text(0), r.get_int(1));
  return out;
}

// `n` new ids for `table`: from its identity sequence on PostgreSQL (safe beside concurrent inserts), after the
// highest id on SQLite (one writer at a time).
std::vector<std::int64_t> reserve_ids(store::Transaction& tx, const std::string& table, std::size_t n) {
  std::vector<std::int64_t> ids;
  if (n == 0) return ids;
  ids.reserve(n);
  if (tx.dialect() == store::Dialect::postgres) {
    for (auto& r : tx.query(fmt::format("SELECT nextval(pg_get_serial_sequence('{}', 'id')) FROM generate_series(1, "
                                        "CAST($1 AS INTEGER))",
                                        table),
                            store::params(static_cast<std::int64_t>(n))))
      ids.push_back(r.get_int(0));
    return ids;
  }
  auto max = tx.query_one(fmt::format("SELECT COALESCE(MAX(id), 0) FROM {}", table))->get_int(0);
  for (std::size_t i = 0; i < n; ++i) ids.push_back(max + 1 + static_cast<std::int64_t>(i));
  return ids;
}

using store::BulkInsert;

std::optional<std::string> or_null(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

Result<void> authorize_roster(store::Transaction& tx, const Principal& who, std::int64_t unit_id) {
  for (const auto& g : who.grants) {
    if (g.role != Role::administrator && g.role != Role::organization_board) continue;
    if (g.unit_id == unit_id || org::unit_in_subtree(tx, unit_id, g.unit_id)) return {};
  }
  return Error::forbidden(fmt::format(
      "Chỉ quản trị viên hoặc ban tổ chức của đơn vị {} được nhập, xuất danh sách / only an administrator or the "
      "organization board of unit {} may import or export its roster",
      unit_id, unit_id));
}

std::optional<StoredUnit> load_unit(store::Transaction& tx, std::int64_t id, bool& dissolved) {
  auto r =
      tx.query_one(fmt::format("SELECT {}, dissolved_on FROM units WHERE id = $1", kStoredColumns), store::params(id));
  if (!r) return std::nullopt;
  dissolved = !r->is_null(6);
  return stored_from(*r);
}

Json problem_json(const Problem& p) {
  return {
      {"row", p.row}, {"column", p.column}, {"code", p.code}, {"reason_vi", p.reason_vi}, {"reason_en", p.reason_en}};
}

}  // namespace

Result<void> authorize(store::Transaction& tx, const Principal& who, std::int64_t unit_id) {
  if (!tx.query_one("SELECT id FROM units WHERE id = $1", store::params(unit_id)))
    return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", unit_id, unit_id));
  return authorize_roster(tx, who, unit_id);
}

std::optional<std::int64_t> unit_by_code(store::Transaction& tx, const std::string& code) {
  auto r = tx.query_one("SELECT id FROM units WHERE code = $1 AND dissolved_on IS NULL", store::params(code));
  if (!r) return std::nullopt;
  return r->get_int(0);
}

Result<Json> import_roster(store::Transaction& tx, const Principal* who, const Roster& file,
                           const ImportOptions& options, const std::string& request_id) {
  std::optional<StoredUnit> root;
  if (who && !options.unit_id)
    return invalid_field("unit_id", "bắt buộc: đơn vị nhận danh sách / required: the unit the roster is for");
  if (options.unit_id) {
    bool dissolved = false;
    root = load_unit(tx, *options.unit_id, dissolved);
    if (!root)
      return Error::not_found(
          fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *options.unit_id, *options.unit_id));
    if (who) {
      auto allowed = authorize_roster(tx, *who, root->id);
      if (!allowed) return std::move(allowed).error();
    }
    if (dissolved)
      return invalid_field("unit_id", fmt::format("đơn vị {} đã giải thể / unit {} is dissolved", root->id, root->id));
  }

  std::vector<Problem> problems = file.problems;
  auto problem = [&](std::size_t row, std::string column, std::string code, std::string vi, std::string en) {
    problems.push_back({row, std::move(column), std::move(code), std::move(vi), std::move(en)});
  };
  auto in_scope = [&](const StoredUnit& u) { return !root || u.path.starts_with(root->path); };
  const auto& units = file.units;
  const auto& members = file.members;

  std::unordered_map<std::string, std::size_t> file_unit;
  std::set<std::string> codes;
  for (std::size_t i = 0; i < units.size(); ++i) {
    file_unit.emplace(units[i].code, i);
    codes.insert(units[i].code);
    if (!units[i].parent_code.empty()) codes.insert(units[i].parent_code);
  }
  for (const auto& m : members) codes.insert(m.cell);
  const auto stored = units_by_code(tx, codes);

  // Units: where each goes, whether its kind fits there, in an order with parents first.
  constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);
  struct Plan {
    std::size_t file_parent = kNoParent;
    std::optional<StoredUnit> stored_parent;  // or the root when the row has no parent code
    bool placed = false;                      // the parent resolved
    std::string established;
    std::string parent_from;  // start of the relation to the parent
    std::int64_t id = 0;
    std::string path;
  };
  std::vector<Plan> plan(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    if (auto it = stored.find(u.code); it != stored.end())
      problem(u.row, "unit_code", "duplicate",
              fmt::format("mã đơn vị {} đã có trong cơ sở dữ liệu (\"{}\")", u.code, it->second.name),
              fmt::format("the unit code {} is already in the database (\"{}\")", u.code, it->second.name));
    if (u.parent_code.empty()) {
      plan[i].stored_parent = root;
      plan[i].placed = true;
    } else if (auto f = file_unit.find(u.parent_code); f != file_unit.end()) {
      if (f->second == i)
        problem(u.row, "parent_code", "unit_cycle", "đơn vị không thể trực thuộc chính nó",
                "a unit cannot be its own parent");
      else {
        plan[i].file_parent = f->second;
        plan[i].placed = true;
      }
    } else if (auto s = stored.find(u.parent_code); s != stored.end()) {
      if (!in_scope(s->second))
        problem(u.row, "parent_code", "out_of_scope",
                fmt::format("đơn vị cấp trên {} nằm ngoài đơn vị nhận danh sách", u.parent_code),
                fmt::format("the parent unit {} is outside the unit the roster is for", u.parent_code));
      else {
        plan[i].stored_parent = s->second;
        plan[i].placed = true;
      }
    } else {
      problem(u.row, "parent_code", "unknown_parent",
              fmt::format("không có đơn vị mã {} trong tệp hay trong cơ sở dữ liệu", u.parent_code),
              fmt::format("no unit with code {} in the file or in the database", u.parent_code));
    }
  }
  // Parents first; a chain that comes back to itself is a cycle, reported on every unit in it.
  std::vector<std::size_t> order;
  {
    std::vector<int> state(units.size(), 0);  // 0 new, 1 on the current chain, 2 done
    for (std::size_t start = 0; start < units.size(); ++start) {
      std::vector<std::size_t> chain;
      std::size_t i = start;
      while (i != kNoParent && state[i] == 0) {
        state[i] = 1;
        chain.push_back(i);
        i = plan[i].file_parent;
      }
      if (i != kNoParent && state[i] == 1) {
        for (auto it = std::find(chain.begin(), chain.end(), i); it != chain.end(); ++it) {
          problem(units[*it].row, "parent_code", "unit_cycle",
                  fmt::format("các đơn vị trực thuộc nhau thành vòng (qua mã {})", units[i].code),
                  fmt::format("the units are each other's parents in a cycle (through code {})", units[i].code));
          plan[*it].placed = false;
        }
      }
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        state[*it] = 2;
        order.push_back(*it);
      }
    }
  }
  const std::string today_iso = today();
  for (std::size_t i : order) {
    const auto& u = units[i];
    Plan& p = plan[i];
    if (!p.placed) continue;
    std::string parent_kind, parent_established;
    if (p.file_parent != kNoParent) {
      if (!plan[p.file_parent].placed) {
        p.placed = false;  // its parent is already reported
        continue;
      }
      parent_kind = units[p.file_parent].kind;
      parent_established = plan[p.file_parent].established;
    } else if (p.stored_parent) {
      parent_kind = p.stored_parent->kind;
      parent_established = p.stored_parent->established_on;
    }
    if (!org::allowed_under(u.kind, parent_kind)) {
      const std::string kind_vi(importer::roster::kind_label(u.kind));
      if (parent_kind.empty())
        problem(u.row, "unit_kind", "kind_not_allowed",
                fmt::format("đơn vị loại \"{}\" không thể là đơn vị gốc", kind_vi),
                fmt::format("a unit of kind {} cannot be a root", u.kind));
      else
        problem(u.row, "unit_kind", "kind_not_allowed",
                fmt::format("đơn vị loại \"{}\" không thể trực thuộc \"{}\"", kind_vi,
                            importer::roster::kind_label(parent_kind)),
                fmt::format("a unit of kind {} cannot be under a {}", u.kind, parent_kind));
    }
    p.established = u.established_on.empty() ? today_iso : u.established_on;
    // A unit older than its parent (restructured: a cell that moved under a newer committee) keeps its date; its
    // relation to the parent starts when the parent was established, so that the tree on any day is a tree.
    p.parent_from = std::max(p.established, parent_established);
  }

  // Members: card numbers not yet stored, a cell in the file or in scope, dates in order.
  std::set<std::string> cards;
  for (const auto& m : members)
    if (!m.card_number.empty()) cards.insert(m.card_number);
  const auto stored_cards = people_by_card(tx, cards);
  std::set<std::string> unresolved_names;
  for (const auto& m : members)
    if (!file_unit.count(m.cell) && !stored.count(m.cell)) unresolved_names.insert(m.cell);
  const auto stored_by_name = cells_by_name(tx, unresolved_names);
  std::multimap<std::string, std::size_t> file_cells_by_name;
  for (std::size_t i = 0; i < units.size(); ++i)
    if (org::is_cell_kind(units[i].kind)) file_cells_by_name.emplace(units[i].name, i);

  struct MemberPlan {
    std::size_t file_cell = kNoParent;
    std::int64_t stored_cell = 0;
    std::string status, joined;
  };
  std::vector<MemberPlan> member_plan(members.size());
  for (std::size_t i = 0; i < members.size(); ++i) {
    const auto& m = members[i];
    auto& mp = member_plan[i];
    if (!m.card_number.empty())
      if (auto it = stored_cards.find(m.card_number); it != stored_cards.end())
        problem(m.row, "card_number", "duplicate",
                fmt::format("số thẻ {} đã có trong cơ sở dữ liệu (đảng viên #{})", m.card_number, it->second),
                fmt::format("the card number {} is already in the database (person #{})", m.card_number, it->second));
    auto not_a_cell = [&](const std::string& kind) {
      problem(
          m.row, "cell", "not_a_cell",
          fmt::format("{} là \"{}\"; đảng viên chỉ sinh hoạt tại chi bộ", m.cell, importer::roster::kind_label(kind)),
          fmt::format("{} is a {}; members are active in a cell", m.cell, kind));
    };
    if (auto f = file_unit.find(m.cell); f != file_unit.end()) {
      if (!org::is_cell_kind(units[f->second].kind))
        not_a_cell(units[f->second].kind);
      else
        mp.file_cell = f->second;
    } else if (auto s = stored.find(m.cell); s != stored.end()) {
      if (!in_scope(s->second))
        problem(m.row, "cell", "out_of_scope", fmt::format("chi bộ {} nằm ngoài đơn vị nhận danh sách", m.cell),
                fmt::format("the cell {} is outside the unit the roster is for", m.cell));
      else if (!org::is_cell_kind(s->second.kind))
        not_a_cell(s->second.kind);
      else
        mp.stored_cell = s->second.id;
    } else {
      // By name: a cell of the file, or a stored cell in scope, and only one of them.
      std::vector<std::size_t> in_file;
      for (auto [a, b] = file_cells_by_name.equal_range(m.cell); a != b; ++a) in_file.push_back(a->second);
      std::vector<std::int64_t> in_store;
      for (auto [a, b] = stored_by_name.equal_range(m.cell); a != b; ++a)
        if (in_scope(a->second)) in_store.push_back(a->second.id);
      if (in_file.size() + in_store.size() == 1) {
        if (!in_file.empty())
          mp.file_cell = in_file[0];
        else
          mp.stored_cell = in_store[0];
      } else if (in_file.size() + in_store.size() > 1) {
        problem(
            m.row, "cell", "ambiguous_cell",
            fmt::format("có {} chi bộ tên \"{}\"; hãy ghi mã chi bộ", in_file.size() + in_store.size(), m.cell),
            fmt::format("{} cells are named \"{}\"; give the cell's code", in_file.size() + in_store.size(), m.cell));
      } else {
        problem(m.row, "cell", "unknown_cell",
                fmt::format("không có chi bộ \"{}\" (mã hay tên) trong tệp hay trong đơn vị", m.cell),
                fmt::format("no cell \"{}\" (code or name) in the file or in the unit", m.cell));
      }
    }
    if (!m.birth_date.empty() && !m.admitted_on.empty() && m.admitted_on <= m.birth_date)
      problem(m.row, "admitted_on", "date_order", "ngày vào Đảng phải sau ngày sinh",
              "the admission date must be after the date of birth");
    if (!m.admitted_on.empty() && !m.official_on.empty() && m.official_on < m.admitted_on)
      problem(m.row, "official_on", "date_order", "ngày chính thức không được trước ngày vào Đảng",
              "the official date must not precede the admission date");
    if (!m.official_on.empty() && m.admitted_on.empty())
      problem(m.row, "admitted_on", "required", "thiếu ngày vào Đảng (có ngày chính thức)",
              "the admission date is missing (the official date is given)");
    // Without a status: official members are active, those admitted but not yet official are probationary.
    mp.status = !m.status.empty()                                   ? m.status
                : (!m.admitted_on.empty() && m.official_on.empty()) ? "probationary"
                                                                    : "active";
    mp.joined = m.joined_on.empty() ? today_iso : m.joined_on;
  }

  std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.row < b.row; });
  Json report = {{"dry_run", options.dry_run},
                 {"ok", problems.empty()},
                 {"source", options.source},
                 {"rows", file.rows},
                 {"units", units.size()},
                 {"members", members.size()},
                 {"ignored_headers", file.ignored_headers},
                 {"problems_total", problems.size()},
                 {"imported", nullptr}};
  Json listed = Json::array();
  for (std::size_t i = 0; i < problems.size() && i < options.max_problems; ++i)
    listed.push_back(problem_json(problems[i]));
  report["problems"] = std::move(listed);
  if (!problems.empty() && !options.dry_run) {
    std::vector<ErrorDetail> details;
    for (std::size_t i = 0; i < problems.size() && i < options.max_problems; ++i) {
      const auto& p = problems[i];
      details.push_back(
          {p.column.empty() ? fmt::format("row {}", p.row) : fmt::format("row {}, column {}", p.row, p.column),
           p.reason_vi + " / " + p.reason_en});
    }
    // The message first: `details` is moved into the error.
    const std::size_t listed_count = details.size();
    const bool capped = problems.size() > listed_count;
    std::string message =
        fmt::format("Tệp có {} lỗi{}, không nhập gì / the file has {} problems{}; nothing was imported",
                    problems.size(), capped ? fmt::format(" (liệt kê {} lỗi đầu)", listed_count) : "", problems.size(),
                    capped ? fmt::format(" (the first {} listed)", listed_count) : "");
    return Error::invalid(std::move(message), std::move(details));
  }
  if (options.dry_run) return report;

  // Write: explicit ids so that paths and references need no round trip per row.
  const auto now = now_ms();
  const auto unit_ids = reserve_ids(tx, "units", order.size());
  {
    BulkInsert unit_rows(
        tx, "units",
        {"id", "kind", "name", "code", "established_on", "parent_id", "path", "version", "created_at", "updated_at"});
    std::size_t k = 0;
    for (std::size_t i : order) {
      Plan& p = plan[i];
      p.id = unit_ids[k++];
      std::optional<std::int64_t> parent_id;
      std::string parent_path = "/";
      if (p.file_parent != kNoParent) {
        parent_id = plan[p.file_parent].id;
        parent_path = plan[p.file_parent].path;
      } else if (p.stored_parent) {
        parent_id = p.stored_parent->id;
        parent_path = p.stored_parent->path;
      }
      p.path = parent_path + std::to_string(p.id) + "/";
      const auto& u = units[i];
      unit_rows.add(store::params(p.id, u.kind, u.name, u.code, p.established, parent_id, p.path, 1, now, now));
    }
    unit_rows.flush();
    BulkInsert parents(tx, "unit_parents", {"unit_id", "parent_id", "valid_from"});
    BulkInsert events(tx, "unit_events", {"kind", "effective", "details", "created_at"});
    for (std::size_t i : order) {
      const Plan& p = plan[i];
      std::optional<std::int64_t> parent_id;
      if (p.file_parent != kNoParent)
        parent_id = plan[p.file_parent].id;
      else if (p.stored_parent)
        parent_id = p.stored_parent->id;
      parents.add(store::params(p.id, parent_id, p.parent_from));
      events.add(store::params("create", p.established,
                               Json{{"unit_id", p.id}, {"roster_import", options.source}}.dump(), now));
    }
    parents.flush();
    events.flush();
  }
  const auto person_ids = reserve_ids(tx, "people", members.size());
  {
    BulkInsert people(
        tx, "people",
        {"id", "card_number", "full_name", "sort_key", "search_key", "gender", "birth_date", "admitted_on",
         "official_on", "status", "residence", "is_civil_servant", "unit_id", "version", "created_at", "updated_at"});
    BulkInsert memberships(tx, "memberships", {"person_id", "unit_id", "valid_from"});
    auto cell_of = [&](std::size_t i) {
      const auto& mp = member_plan[i];
      return mp.file_cell != kNoParent ? plan[mp.file_cell].id : mp.stored_cell;
    };
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto& m = members[i];
      people.add(store::params(person_ids[i], or_null(m.card_number), m.full_name,
                               text::person_sort_key_hex(m.full_name), text::search_key(m.full_name), or_null(m.gender),
                               or_null(m.birth_date), or_null(m.admitted_on), or_null(m.official_on),
                               member_plan[i].status, or_null(m.residence), m.civil_servant, cell_of(i), 1, now, now));
    }
    people.flush();
    for (std::size_t i = 0; i < members.size(); ++i)
      memberships.add(store::params(person_ids[i], cell_of(i), member_plan[i].joined));
    memberships.flush();
  }
  Json imported = {{"units", order.size()}, {"members", members.size()}};
  std::optional<std::int64_t> scope_unit;
  if (root)
    scope_unit = root->id;
  else if (!order.empty())
    scope_unit = plan[order.front()].id;
  record_audit(tx, who,
               {"roster.import",
                "unit",
                scope_unit.value_or(0),
                nullptr,
                {{"source", options.source}, {"rows", file.rows}, {"units", order.size()}, {"members", members.size()}},
                scope_unit},
               request_id);
  report["imported"] = imported;
  return report;
}

Result<Roster> export_roster(store::Transaction& tx, const Principal* who, std::int64_t unit_id) {
  bool dissolved = false;
  auto root = load_unit(tx, unit_id, dissolved);
  if (!root) return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", unit_id, unit_id));
  if (who) {
    auto allowed = authorize_roster(tx, *who, unit_id);
    if (!allowed) return std::move(allowed).error();
  }
  if (dissolved)
    return invalid_field("id", fmt::format("đơn vị {} đã giải thể / unit {} is dissolved", unit_id, unit_id));
  auto [low, high] = path_range(root->path);
  Roster out;
  out.has_units_section = true;
  out.has_members_section = true;
  // The order depends on codes and names, not on ids, so that an export imported elsewhere exports the same:
  // the unit first, then depth first with siblings by code; members by cell in that order, then Vietnamese order
  // of names, then card number.
  struct Node {
    UnitRecord record;
    std::vector<std::int64_t> children;
  };
  std::unordered_map<std::int64_t, Node> nodes;
  std::vector<std::pair<std::int64_t, std::int64_t>> edges;  // parent, child
  tx.query_each(
      "SELECT u.id, u.code, u.name, u.kind, p.code, u.established_on, u.parent_id FROM units u LEFT JOIN units p ON "
      "p.id = u.parent_id WHERE u.dissolved_on IS NULL AND u.path >= $1 AND u.path < $2",
      store::params(low, high), [&](const store::Row& r) {
        UnitRecord u;
        u.code = r.get_text(1);
        u.name = r.get_text(2);
        u.kind = r.get_text(3);
        if (r.get_int(0) != unit_id && !r.is_null(4)) u.parent_code = r.get_text(4);
        u.established_on = r.get_text(5);
        nodes[r.get_int(0)].record = std::move(u);
        if (r.get_int(0) != unit_id && !r.is_null(6)) edges.emplace_back(r.get_int(6), r.get_int(0));
      });
  for (const auto& [parent, child] : edges)
    if (auto it = nodes.find(parent); it != nodes.end()) it->second.children.push_back(child);
  std::vector<std::int64_t> unit_order;
  std::vector<std::int64_t> stack{unit_id};
  while (!stack.empty()) {
    auto id = stack.back();
    stack.pop_back();
    unit_order.push_back(id);
    auto& children = nodes[id].children;
    // Pushed in reverse code order, so popped in code order.
    std::sort(children.begin(), children.end(),
              [&](std::int64_t a, std::int64_t b) { return nodes[a].record.code > nodes[b].record.code; });
    for (auto c : children) stack.push_back(c);
  }
  for (auto id : unit_order) out.units.push_back(std::move(nodes[id].record));

  std::unordered_map<std::int64_t, std::vector<MemberRecord>> by_cell;
  auto opt = [](const store::Row& r, std::size_t i) { return r.is_null(i) ? std::string() : r.get_text(i); };
  tx.query_each(
      "SELECT p.card_number, p.full_name, p.gender, p.birth_date, p.admitted_on, p.official_on, c.code, p.status, "
      "p.residence, p.is_civil_servant, m.valid_from, p.unit_id FROM people p JOIN units c ON c.id = p.unit_id "
      "LEFT JOIN memberships m ON m.person_id = p.id AND m.valid_to IS NULL WHERE c.path >= $1 AND c.path < $2 "
      "ORDER BY p.unit_id, p.sort_key, COALESCE(p.card_number, ''), p.id",
      store::params(low, high), [&](const store::Row& r) {
        MemberRecord m;
        m.card_number = opt(r, 0);
        m.full_name = r.get_text(1);
        m.gender = opt(r, 2);
        m.birth_date = opt(r, 3);
        m.admitted_on = opt(r, 4);
        m.official_on = opt(r, 5);
        m.cell = r.get_text(6);
        m.status = r.get_text(7);
        m.residence = opt(r, 8);
        m.civil_servant = r.get_bool(9);
        m.joined_on = opt(r, 10);
        by_cell[r.get_int(11)].push_back(std::move(m));
      });
  for (auto id : unit_order)
    if (auto it = by_cell.find(id); it != by_cell.end())
      for (auto& m : it->second) out.members.push_back(std::move(m));
  out.rows = out.units.size() + out.members.size();
  return out;
}

}  // namespace xeploai::service::roster
