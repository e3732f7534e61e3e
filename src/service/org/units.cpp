#include "service/org/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "domain/date.hpp"
#include "service/audit.hpp"
#include "service/org/tree.hpp"
#include "text/text.hpp"

namespace xeploai::service::org {

#define XEPLOAI_TRY(expr)                                            \
  do {                                                               \
    auto xeploai_result_ = (expr);                                   \
    if (!xeploai_result_) return std::move(xeploai_result_).error(); \
  } while (0)

namespace {

struct UnitRow {
  std::int64_t id = 0;
  std::string kind, name, code;
  std::optional<std::int64_t> parent_id;
  std::string established_on;
  std::optional<std::string> dissolved_on;
  std::int64_t version = 0;
  std::string path;
};

constexpr const char* kUnitColumns = "id, kind, name, code, parent_id, established_on, dissolved_on, version, path";

UnitRow unit_from(const store::Row& r) {
  return {r.get_int(0),  r.get_text(1),          r.get_text(2), r.get_text(3), r.get_optional_int(4),
          r.get_text(5), r.get_optional_text(6), r.get_int(7),  r.get_text(8)};
}

std::optional<UnitRow> load_unit(store::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(fmt::format("SELECT {} FROM units WHERE id = $1", kUnitColumns), store::params(id));
  if (!row) return std::nullopt;
  return unit_from(*row);
}

Json unit_json(const UnitRow& u) {
  return {{"id", u.id},
          {"kind", u.kind},
          {"name", u.name},
          {"code", u.code},
          {"parent_id", u.parent_id ? Json(*u.parent_id) : Json(nullptr)},
          {"established_on", u.established_on},
          {"dissolved_on", u.dissolved_on ? Json(*u.dissolved_on) : Json(nullptr)},
          {"version", u.version}};
}

Error unit_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", id, id));
}

std::string kind_problem(std::string_view kind, std::string_view parent_kind) {
  if (parent_kind.empty())
    return fmt::format("đơn vị loại {} không thể là gốc / a unit of kind {} cannot be a root", kind, kind);
  if (parent_kind == "cell" || parent_kind == "grassroots_cell")
    return "không thể đặt đơn vị dưới một chi bộ / a unit cannot be placed under a cell";
  return fmt::format("đơn vị loại {} không thể trực thuộc loại {} / a unit of kind {} cannot be under a {}", kind,
                     parent_kind, kind, parent_kind);
}

// An effective date before `earliest` (ISO): the day in each language's own writing.
std::string on_or_after(const std::string& earliest) {
  return fmt::format("phải từ ngày {} trở đi / must be on or after {}", domain::iso_to_dmy(earliest), earliest);
}

// Current units only: a dissolved unit takes no new children, members or restructuring.
std::optional<UnitRow> load_current(store::Transaction& tx, std::int64_t id, Fields& f, const std::string& field) {
  auto u = load_unit(tx, id);
  if (!u) {
    f.fail(field, fmt::format("không có đơn vị {} / no unit {}", id, id));
    return std::nullopt;
  }
  if (u->dissolved_on) {
    f.fail(field, fmt::format("đơn vị {} đã giải thể ngày {} / unit {} was dissolved on {}", id,
                              domain::iso_to_dmy(*u->dissolved_on), id, *u->dissolved_on));
    return std::nullopt;
  }
  return u;
}

std::string open_relation_start(store::Transaction& tx, std::int64_t unit_id) {
  auto r = tx.query_one("SELECT valid_from FROM unit_parents WHERE unit_id = $1 AND valid_to IS NULL",
                        store::params(unit_id));
  return r ? r->get_text(0) : std::string{};
}

// Puts `unit` under `parent` from `effective` on: closes the open relation, opens a new one and rewrites the
// materialized paths of the whole subtree.
void reparent(store::Transaction& tx, const UnitRow& unit, const std::optional<UnitRow>& parent,
              const std::string& effective) {
  tx.execute("UPDATE unit_parents SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL",
             store::params(unit.id, effective));
  tx.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)",
             store::params(unit.id, parent ? std::optional<std::int64_t>(parent->id) : std::nullopt, effective));
  std::string new_path = (parent ? parent->path : std::string("/")) + std::to_string(unit.id) + "/";
  auto [low, high] = path_range(unit.path);
  tx.execute(
      "UPDATE units SET path = CAST($1 AS TEXT) || substr(path, CAST($2 AS INTEGER)) WHERE path >= $3 AND path < $4",
      store::params(new_path, static_cast<std::int64_t>(unit.path.size()) + 1, low, high));
  tx.execute("UPDATE units SET parent_id = $2, version = version + 1, updated_at = $3 WHERE id = $1",
             store::params(unit.id, parent ? std::optional<std::int64_t>(parent->id) : std::nullopt, now_ms()));
}

std::int64_t insert_unit(store::Transaction& tx, const std::string& kind, const std::string& name,
                         const std::string& code, const std::optional<UnitRow>& parent,
                         const std::string& established) {
  auto now = now_ms();
  auto row = tx.query_one(
      "INSERT INTO units (kind, name, code, established_on, parent_id, path, version, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, '', 1, $6, $6) RETURNING id",
      store::params(kind, name, code, established, parent ? std::optional<std::int64_t>(parent->id) : std::nullopt,
                    now));
  auto id = row->get_int(0);
  tx.execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from) VALUES ($1, $2, $3)",
             store::params(id, parent ? std::optional<std::int64_t>(parent->id) : std::nullopt, established));
  tx.execute("UPDATE units SET path = $2 WHERE id = $1",
             store::params(id, (parent ? parent->path : std::string("/")) + std::to_string(id) + "/"));
  return id;
}

bool code_in_use(store::Transaction& tx, const std::string& code, std::int64_t except_id = 0) {
  return tx
      .query_one("SELECT id FROM units WHERE code = $1 AND dissolved_on IS NULL AND id <> $2",
                 store::params(code, except_id))
      .has_value();
}

// Members currently active in a unit.
std::vector<std::int64_t> current_members(store::Transaction& tx, std::int64_t unit_id) {
  std::vector<std::int64_t> ids;
  for (auto& r : tx.query("SELECT id FROM people WHERE unit_id = $1 ORDER BY id", store::params(unit_id)))
    ids.push_back(r.get_int(0));
  return ids;
}

std::vector<UnitRow> current_children(store::Transaction& tx, std::int64_t unit_id) {
  std::vector<UnitRow> out;
  for (auto& r : tx.query(
           fmt::format("SELECT {} FROM units WHERE parent_id = $1 AND dissolved_on IS NULL ORDER BY id", kUnitColumns),
           store::params(unit_id)))
    out.push_back(unit_from(r));
  return out;
}

// The latest start among the open history rows a restructuring of `unit_id` would close.
std::string latest_open_start(store::Transaction& tx, std::int64_t unit_id) {
  std::string latest = open_relation_start(tx, unit_id);
  for (const char* sql : {"SELECT MAX(valid_from) FROM unit_parents WHERE parent_id = $1 AND valid_to IS NULL",
                          "SELECT MAX(valid_from) FROM memberships WHERE unit_id = $1 AND valid_to IS NULL",
                          "SELECT MAX(valid_from) FROM posts WHERE unit_id = $1 AND valid_to IS NULL",
                          "SELECT MAX(valid_from) FROM collectives WHERE unit_id = $1 AND valid_to IS NULL"}) {
    auto r = tx.query_one(sql, store::params(unit_id));
    if (r && !r->is_null(0)) latest = std::max(latest, r->get_text(0));
  }
  return latest;
}

void move_member_rows(store::Transaction& tx, std::int64_t person_id, std::int64_t to_unit,
                      const std::string& effective) {
  tx.execute("UPDATE memberships SET valid_to = $2 WHERE person_id = $1 AND valid_to IS NULL",
             store::params(person_id, effective));
  tx.execute("INSERT INTO memberships (person_id, unit_id, valid_from) VALUES ($1, $2, $3)",
             store::params(person_id, to_unit, effective));
  tx.execute("UPDATE people SET unit_id = $2, version = version + 1, updated_at = $3 WHERE id = $1",
             store::params(person_id, to_unit, now_ms()));
}

// Ends a unit: its posts and collectives end, its parent relation closes; its path stays as it was so that its
// history remains in the scope of the units above it.
void dissolve(store::Transaction& tx, std::int64_t unit_id, const std::string& effective) {
  tx.execute("UPDATE posts SET valid_to = $2, version = version + 1 WHERE unit_id = $1 AND valid_to IS NULL",
             store::params(unit_id, effective));
  tx.execute("UPDATE collectives SET valid_to = $2, version = version + 1 WHERE unit_id = $1 AND valid_to IS NULL",
             store::params(unit_id, effective));
  tx.execute("UPDATE unit_parents SET valid_to = $2 WHERE unit_id = $1 AND valid_to IS NULL",
             store::params(unit_id, effective));
  tx.execute("UPDATE units SET dissolved_on = $2, version = version + 1, updated_at = $3 WHERE id = $1",
             store::params(unit_id, effective, now_ms()));
}

void record_event(store::Transaction& tx, const std::string& kind, const std::string& effective, const Json& details) {
  tx.execute("INSERT INTO unit_events (kind, effective, details, created_at) VALUES ($1, $2, $3, $4)",
             store::params(kind, effective, details.dump(), now_ms()));
}

void audit_unit(store::Transaction& tx, const Call& call, const std::string& action, std::int64_t id,
                const Json& before, const Json& after) {
  AuditEntry e{action, "unit", id, before, after, id};
  record_audit(tx, &call.who, e, call.request_id);
}

bool is_root_admin(store::Transaction& tx, const Principal& who) {
  for (const auto& g : who.grants) {
    if (g.role != Role::administrator) continue;
    auto u = load_unit(tx, g.unit_id);
    if (u && !u->parent_id) return true;
  }
  return false;
}

}  // namespace

bool is_unit_kind(std::string_view kind) {
  return std::find(std::begin(kUnitKinds), std::end(kUnitKinds), kind) != std::end(kUnitKinds);
}

bool is_cell_kind(std::string_view kind) { return kind == "cell" || kind == "grassroots_cell"; }

bool allowed_under(std::string_view kind, std::string_view parent) {
  static const std::map<std::string_view, std::set<std::string_view>> allowed = {
      {"province_committee", {""}},
      {"upper_grassroots_committee", {"", "province_committee"}},
      {"grassroots_committee", {"", "province_committee", "upper_grassroots_committee"}},
      {"grassroots_cell", {"", "province_committee", "upper_grassroots_committee"}},
      {"sectional_committee", {"grassroots_committee"}},
      {"cell", {"grassroots_committee", "sectional_committee"}},
      {"agency", {"province_committee", "upper_grassroots_committee", "grassroots_committee", "agency"}},
  };
  auto it = allowed.find(kind);
  return it != allowed.end() && it->second.count(parent) > 0;
}

std::optional<std::string> unit_kind_of(store::Transaction& tx, std::int64_t unit_id, bool current_only) {
  auto u = load_unit(tx, unit_id);
  if (!u || (current_only && u->dissolved_on)) return std::nullopt;
  return u->kind;
}

std::int64_t create_root_unit(store::Transaction& tx, const std::string& kind, const std::string& name,
                              const std::string& code, const std::string& established_on) {
  auto id = insert_unit(tx, kind, name, code, std::nullopt, established_on);
  record_event(tx, "create", established_on, {{"unit_id", id}});
  record_audit(tx, nullptr, {"unit.create", "unit", id, nullptr, unit_json(*load_unit(tx, id)), id});
  return id;
}

Result<Json> get_unit(store::Transaction& tx, const Call& call, std::int64_t id) {
  auto u = load_unit(tx, id);
  if (!u) return unit_not_found(id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::read_unit, id));
  // The chain above it, root first, from the materialized path ("/1/5/23/") in one query (a unit read is a hot path):
  // a screen's breadcrumb and "is this in my subtree" answered from one read. Their names only: a cell's own line of
  // units is no secret to its readers.
  Json ancestors = Json::array();
  auto ids = path_ids(u->path);
  if (ids.size() > 1) {
    std::string in;
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) in += (i ? "," : "") + std::to_string(ids[i]);
    for (auto& r : tx.query("SELECT id, name, kind FROM units WHERE id IN (" + in + ") ORDER BY length(path)", {}))
      ancestors.push_back({{"id", r.get_int(0)}, {"name", r.get_text(1)}, {"kind", r.get_text(2)}});
  }
  Json out = unit_json(*u);
  out["ancestors"] = std::move(ancestors);
  return out;
}

Result<Page> list_units(store::Transaction& tx, const Call& call, const UnitQuery& query) {
  store::Params p;
  std::string where;
  if (query.parent_id) {
    if (!load_unit(tx, *query.parent_id)) return unit_not_found(*query.parent_id);
    XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::read_unit, *query.parent_id));
    p.push_back(*query.parent_id);
    where = "parent_id = $1";
  } else {
    where = path_filter("path", scope_paths(tx, call.who, auth::Action::read_unit), p);
  }
  if (query.kind) {
    p.push_back(*query.kind);
    where += fmt::format(" AND kind = ${}", p.size());
  }
  if (!query.include_dissolved) where += " AND dissolved_on IS NULL";
  std::vector<UnitRow> rows;
  for (auto& r : tx.query(fmt::format("SELECT {} FROM units WHERE {}", kUnitColumns, where), p))
    rows.push_back(unit_from(r));
  if (query.q) {
    auto key = text::search_key(*query.q);
    std::erase_if(rows, [&](const UnitRow& u) {
      return text::search_key(u.name).find(key) == std::string::npos &&
             text::search_key(u.code).find(key) == std::string::npos;
    });
  }
  // Units are few (thousands per province): order them in memory by Vietnamese collation of the name.
  std::sort(rows.begin(), rows.end(), [](const UnitRow& a, const UnitRow& b) {
    if (a.name != b.name) return text::vi_less(a.name, b.name);
    return a.id < b.id;
  });
  Page page;
  page.total = static_cast<std::int64_t>(rows.size());
  for (std::int64_t i = query.offset; i < page.total && i < query.offset + query.limit; ++i)
    page.items.push_back(unit_json(rows[i]));
  return page;
}

Result<Json> create_unit(store::Transaction& tx, const Call& call, const Json& body) {
  Fields f(body);
  f.only({"kind", "name", "code", "parent_id", "established_on"});
  auto kind = f.one_of(
      "kind", {kUnitKinds[0], kUnitKinds[1], kUnitKinds[2], kUnitKinds[3], kUnitKinds[4], kUnitKinds[5], kUnitKinds[6]},
      true);
  auto name = f.text("name", true);
  auto code = f.text("code", true, 64);
  auto parent_id = f.id("parent_id", false);
  auto established = f.date("established_on", false);
  if (!f.ok()) return f.error();
  std::optional<UnitRow> parent;
  if (parent_id) {
    parent = load_current(tx, *parent_id, f, "parent_id");
    if (!parent) return f.error();
    XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, *parent_id));
  } else if (!is_root_admin(tx, call.who)) {
    return Error::forbidden(
        "Chỉ quản trị viên cấp cao nhất được tạo đơn vị gốc / Only a top-level administrator may create a root unit");
  }
  if (!allowed_under(*kind, parent ? parent->kind : ""))
    f.fail("parent_id", kind_problem(*kind, parent ? parent->kind : ""));
  std::string from = established.value_or(today());
  if (parent && from < parent->established_on)
    f.fail("established_on",
           fmt::format("trước ngày thành lập đơn vị cấp trên ({}) / before the parent was established ({})",
                       parent->established_on, parent->established_on));
  if (!f.ok()) return f.error();
  if (code_in_use(tx, *code)) {
    Error e = Error::conflict("Mã đơn vị đã được dùng / The unit code is already in use");
    e.details.push_back({"code", fmt::format("mã {} đã có / code {} exists", *code, *code)});
    return e;
  }
  auto id = insert_unit(tx, *kind, *name, *code, parent, from);
  record_event(tx, "create", from, {{"unit_id", id}});
  auto after = unit_json(*load_unit(tx, id));
  audit_unit(tx, call, "unit.create", id, nullptr, after);
  return after;
}

Result<Json> update_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto u = load_unit(tx, id);
  if (!u) return unit_not_found(id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, id));
  Fields f(body);
  f.only({"version", "name", "code"});
  auto version = f.id("version", true);
  auto name = f.text("name", false);
  auto code = f.text("code", false, 64);
  if (!f.ok()) return f.error();
  if (*version != u->version) return stale_version(u->version);
  if (code && !u->dissolved_on && code_in_use(tx, *code, id)) {
    Error e = Error::conflict("Mã đơn vị đã được dùng / The unit code is already in use");
    e.details.push_back({"code", fmt::format("mã {} đã có / code {} exists", *code, *code)});
    return e;
  }
  auto before = unit_json(*u);
  auto changed = tx.execute(
      "UPDATE units SET name = $3, code = $4, version = version + 1, updated_at = $5 WHERE id = $1 AND version = $2",
      store::params(id, *version, name.value_or(u->name), code.value_or(u->code), now_ms()));
  if (changed != 1) return stale_version(load_unit(tx, id)->version);
  auto after = unit_json(*load_unit(tx, id));
  audit_unit(tx, call, "unit.update", id, before, after);
  return after;
}

Result<Json> unit_tree(store::Transaction& tx, const Call& call, std::int64_t id,
                       const std::optional<std::string>& as_of, int max_depth) {
  auto u = load_unit(tx, id);
  if (!u) return unit_not_found(id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::read_unit, id));
  if (as_of && !valid_date(*as_of))
    return invalid_field("as_of", "phải là ngày YYYY-MM-DD hợp lệ / must be a valid date YYYY-MM-DD");
  std::string day = as_of.value_or(today());
  if (u->established_on > day || (u->dissolved_on && *u->dissolved_on <= day))
    return invalid_field(
        "as_of", fmt::format("đơn vị {} không tồn tại vào ngày {} / unit {} did not exist on {}", id,
                             domain::iso_to_dmy(day), id, day));
  int depth_limit = max_depth < 0 ? 64 : max_depth;
  // The relation valid on `day`, walked down from the unit; members counted from memberships valid that day.
  auto rows = tx.query(
      "WITH RECURSIVE t (id, parent_id, depth) AS ("
      "  SELECT CAST($1 AS BIGINT), CAST(NULL AS BIGINT), 0"
      "  UNION ALL"
      "  SELECT up.unit_id, up.parent_id, t.depth + 1 FROM unit_parents up JOIN t ON up.parent_id = t.id"
      "  WHERE up.valid_from <= $2 AND (up.valid_to IS NULL OR up.valid_to > $2) AND t.depth < $3)"
      " SELECT t.id, t.parent_id, u.kind, u.name, u.code,"
      "  (SELECT COUNT(*) FROM memberships m WHERE m.unit_id = t.id AND m.valid_from <= $2"
      "   AND (m.valid_to IS NULL OR m.valid_to > $2))"
      " FROM t JOIN units u ON u.id = t.id ORDER BY t.depth, u.name, t.id",
      store::params(id, day, depth_limit));
  std::map<std::int64_t, Json> nodes;
  std::map<std::int64_t, std::vector<std::int64_t>> children;
  for (auto& r : rows) {
    auto uid = r.get_int(0);
    nodes[uid] = {{"id", uid},
                  {"kind", r.get_text(2)},
                  {"name", r.get_text(3)},
                  {"code", r.get_text(4)},
                  {"members", r.get_int(5)}};
    if (!r.is_null(1)) children[r.get_int(1)].push_back(uid);
  }
  std::function<Json(std::int64_t)> build = [&](std::int64_t uid) {
    Json node = std::move(nodes[uid]);
    Json kids = Json::array();
    for (auto c : children[uid]) kids.push_back(build(c));
    std::sort(kids.begin(), kids.end(), [](const Json& a, const Json& b) {
      return text::vi_less(a["name"].get<std::string>(), b["name"].get<std::string>());
    });
    node["children"] = std::move(kids);
    return node;
  };
  Json tree = build(id);
  return Json{{"as_of", day}, {"unit", std::move(tree)}};
}

Result<Json> move_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto u = load_unit(tx, id);
  if (!u) return unit_not_found(id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, id));
  Fields f(body);
  f.only({"parent_id", "effective", "version"});
  auto parent_id = f.id("parent_id", true);
  auto effective = f.date("effective", false);
  auto version = f.id("version", false);
  if (!f.ok()) return f.error();
  if (version && *version != u->version) return stale_version(u->version);
  if (u->dissolved_on) {
    f.fail("", fmt::format("đơn vị {} đã giải thể / unit {} is dissolved", id, id));
    return f.error();
  }
  auto parent = load_current(tx, *parent_id, f, "parent_id");
  if (!parent) return f.error();
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, parent->id));
  std::string day = effective.value_or(today());
  if (parent->id == id || parent->path.compare(0, u->path.size(), u->path) == 0)
    f.fail("parent_id",
           "không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó / a unit cannot be moved "
           "under itself or one of its own subunits");
  else if (u->parent_id == parent->id)
    f.fail("parent_id", "đơn vị đã trực thuộc đơn vị này / the unit is already under this parent");
  else if (!allowed_under(u->kind, parent->kind))
    f.fail("parent_id", kind_problem(u->kind, parent->kind));
  auto start = open_relation_start(tx, id);
  if (day < start || day < parent->established_on)
    f.fail("effective", on_or_after(std::max(start, parent->established_on)));
  if (!f.ok()) return f.error();
  auto before = unit_json(*u);
  reparent(tx, *u, parent, day);
  auto after = unit_json(*load_unit(tx, id));
  record_event(tx, "move", day, {{"unit_id", id}, {"from", before["parent_id"]}, {"to", parent->id}});
  audit_unit(tx, call, "unit.move", id, before, after);
  return after;
}

Result<Json> merge_units(store::Transaction& tx, const Call& call, const Json& body) {
  Fields f(body);
  f.only({"sources", "into", "new_unit", "effective"});
  auto source_ids = f.ids("sources", true);
  auto into_id = f.id("into", false);
  auto effective = f.date("effective", false);
  bool has_new = f.has("new_unit");
  if (into_id.has_value() == has_new)
    f.fail("into", "cần đúng một trong into hoặc new_unit / exactly one of into or new_unit is required");
  if (source_ids && source_ids->empty()) f.fail("sources", "không được rỗng / must not be empty");
  if (!f.ok()) return f.error();
  std::string day = effective.value_or(today());

  std::vector<UnitRow> sources;
  for (std::size_t i = 0; i < source_ids->size(); ++i) {
    auto s = load_current(tx, (*source_ids)[i], f, fmt::format("sources[{}]", i));
    if (!s) continue;
    XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, s->id));
    sources.push_back(*s);
  }
  // The target: an existing unit, or a new one described by new_unit.
  std::optional<UnitRow> target;
  std::string target_kind;
  std::optional<UnitRow> new_parent;
  std::optional<std::string> new_name, new_code;
  if (into_id) {
    target = load_current(tx, *into_id, f, "into");
    if (target) {
      XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, target->id));
      target_kind = target->kind;
      if (std::find(source_ids->begin(), source_ids->end(), target->id) != source_ids->end())
        f.fail("into", "không được nằm trong sources / must not be one of the sources");
    }
  } else {
    Fields nf(body["new_unit"], "new_unit");
    nf.only({"kind", "name", "code", "parent_id"});
    auto kind = nf.one_of(
        "kind",
        {kUnitKinds[0], kUnitKinds[1], kUnitKinds[2], kUnitKinds[3], kUnitKinds[4], kUnitKinds[5], kUnitKinds[6]},
        true);
    new_name = nf.text("name", true);
    new_code = nf.text("code", true, 64);
    auto pid = nf.id("parent_id", true);
    if (pid) {
      new_parent = load_current(tx, *pid, nf, "parent_id");
      if (new_parent) XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, new_parent->id));
    }
    if (kind && new_parent && !allowed_under(*kind, new_parent->kind))
      nf.fail("parent_id", kind_problem(*kind, new_parent->kind));
    if (new_code && code_in_use(tx, *new_code)) nf.fail("code", "mã đã được dùng / code already in use");
    if (kind) target_kind = *kind;
    for (auto& d : nf.details()) f.details().push_back(d);
  }
  if (!f.ok()) return f.error();
  const std::string& anchor_path = target ? target->path : new_parent->path;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const auto& s = sources[i];
    auto field = fmt::format("sources[{}]", i);
    if (anchor_path.compare(0, s.path.size(), s.path) == 0)
      f.fail(field, "đơn vị đích nằm trong đơn vị bị hợp nhất / the target lies inside a merged unit");
    if (!current_members(tx, s.id).empty() && !is_cell_kind(target_kind))
      f.fail(field, "đảng viên chỉ có thể chuyển vào một chi bộ / members can only be moved into a cell");
    for (const auto& child : current_children(tx, s.id))
      if (!allowed_under(child.kind, target_kind))
        f.fail(field, fmt::format("đơn vị con {}: {} / subunit {}: {}", child.id, kind_problem(child.kind, target_kind),
                                  child.id, kind_problem(child.kind, target_kind)));
    auto start = latest_open_start(tx, s.id);
    if (day < start) f.fail("effective", on_or_after(start));
  }
  if (target && day < latest_open_start(tx, target->id))
    f.fail("effective", "trước lần thay đổi gần nhất của đơn vị đích / before the target's latest change");
  if (!f.ok()) return f.error();

  Json before_target = target ? unit_json(*target) : Json(nullptr);
  if (!target) {
    auto id = insert_unit(tx, target_kind, *new_name, *new_code, new_parent, day);
    target = load_unit(tx, id);
  }
  Json moved_units = Json::array(), moved_members = Json::array(), merged = Json::array();
  for (const auto& s : sources) {
    for (const auto& child : current_children(tx, s.id)) {
      reparent(tx, *load_unit(tx, child.id), target, day);
      moved_units.push_back(child.id);
    }
    for (auto pid : current_members(tx, s.id)) {
      move_member_rows(tx, pid, target->id, day);
      moved_members.push_back(pid);
    }
    dissolve(tx, s.id, day);
    merged.push_back(s.id);
    Json after = unit_json(*load_unit(tx, s.id));
    after["merged_into"] = target->id;
    audit_unit(tx, call, "unit.merge", s.id, unit_json(s), after);
  }
  Json result = {{"unit", unit_json(*load_unit(tx, target->id))},
                 {"merged", merged},
                 {"moved_units", moved_units},
                 {"moved_members", moved_members.size()},
                 {"effective", day}};
  record_event(tx, "merge", day, {{"sources", merged}, {"target", target->id}});
  audit_unit(tx, call, "unit.merge", target->id, before_target, result);
  return result;
}

Result<Json> split_unit(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto source = load_unit(tx, id);
  if (!source) return unit_not_found(id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, id));
  Fields f(body);
  f.only({"parts", "effective"});
  auto effective = f.date("effective", false);
  if (source->dissolved_on) f.fail("", fmt::format("đơn vị {} đã giải thể / unit {} is dissolved", id, id));
  if (!f.ok()) return f.error();
  if (!body.contains("parts") || !body["parts"].is_array() || body["parts"].size() < 2) {
    f.fail("parts", "cần ít nhất hai phần / at least two parts are required");
    return f.error();
  }
  std::optional<UnitRow> parent;
  if (source->parent_id) {
    parent = load_unit(tx, *source->parent_id);
    XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, parent->id));
  }
  std::string day = effective.value_or(today());
  auto start = latest_open_start(tx, id);
  if (day < start) f.fail("effective", on_or_after(start));

  auto children = current_children(tx, id);
  auto members = current_members(tx, id);
  std::map<std::int64_t, std::string> child_kind;
  for (auto& c : children) child_kind[c.id] = c.kind;
  std::set<std::int64_t> member_set(members.begin(), members.end());
  std::set<std::int64_t> assigned_units, assigned_members;
  std::set<std::string> codes;
  struct Part {
    std::string kind, name, code;
    std::vector<std::int64_t> units, members;
  };
  std::vector<Part> parts;
  for (std::size_t i = 0; i < body["parts"].size(); ++i) {
    Fields pf(body["parts"][i], fmt::format("parts[{}]", i));
    pf.only({"kind", "name", "code", "units", "members"});
    auto kind = pf.one_of(
        "kind",
        {kUnitKinds[0], kUnitKinds[1], kUnitKinds[2], kUnitKinds[3], kUnitKinds[4], kUnitKinds[5], kUnitKinds[6]},
        false);
    auto name = pf.text("name", true);
    auto code = pf.text("code", true, 64);
    auto units = pf.ids("units", false);
    auto mems = pf.ids("members", false);
    Part part{kind.value_or(source->kind), name.value_or(""), code.value_or(""),
              units.value_or(std::vector<std::int64_t>{}), mems.value_or(std::vector<std::int64_t>{})};
    if (!allowed_under(part.kind, parent ? parent->kind : ""))
      pf.fail("kind", kind_problem(part.kind, parent ? parent->kind : ""));
    if (code && (code_in_use(tx, *code) || !codes.insert(*code).second))
      pf.fail("code", "mã đã được dùng / code already in use");
    for (std::size_t j = 0; j < part.units.size(); ++j) {
      auto uid = part.units[j];
      auto path = fmt::format("units[{}]", j);
      if (!child_kind.count(uid))
        pf.fail(path, fmt::format("đơn vị {} không trực thuộc đơn vị bị chia / unit {} is not under the split unit",
                                  uid, uid));
      else if (!assigned_units.insert(uid).second)
        pf.fail(path, "đã được giao cho phần khác / already assigned to another part");
      else if (!allowed_under(child_kind[uid], part.kind))
        pf.fail(path, kind_problem(child_kind[uid], part.kind));
    }
    for (std::size_t j = 0; j < part.members.size(); ++j) {
      auto pid = part.members[j];
      auto path = fmt::format("members[{}]", j);
      if (!member_set.count(pid))
        pf.fail(path, fmt::format("đảng viên {} không sinh hoạt tại đơn vị bị chia / person {} is not a member of the "
                                  "split unit",
                                  pid, pid));
      else if (!assigned_members.insert(pid).second)
        pf.fail(path, "đã được giao cho phần khác / already assigned to another part");
      else if (!is_cell_kind(part.kind))
        pf.fail(path, "đảng viên chỉ có thể chuyển vào một chi bộ / members can only be moved into a cell");
    }
    for (auto& d : pf.details()) f.details().push_back(d);
    parts.push_back(std::move(part));
  }
  // Named as the administrator knows them (the id stays for a screen to find the row).
  for (auto& c : children)
    if (!assigned_units.count(c.id))
      f.fail("parts", fmt::format("đơn vị con «{}» ({}) chưa được giao cho phần nào / subunit «{}» ({}, id {}) is not "
                                  "assigned to any part",
                                  c.name, c.code, c.name, c.code, c.id));
  for (auto pid : members)
    if (!assigned_members.count(pid)) {
      auto person = tx.query_one("SELECT full_name FROM people WHERE id = $1", store::params(pid));
      const std::string name = person ? person->get_text(0) : std::to_string(pid);
      f.fail("parts", fmt::format("đảng viên {} chưa được giao cho phần nào / member {} (id {}) is not assigned to any "
                                  "part",
                                  name, name, pid));
    }
  if (!f.ok()) return f.error();

  Json created = Json::array();
  for (auto& part : parts) {
    auto nid = insert_unit(tx, part.kind, part.name, part.code, parent, day);
    auto target = load_unit(tx, nid);
    for (auto uid : part.units) reparent(tx, *load_unit(tx, uid), target, day);
    for (auto pid : part.members) move_member_rows(tx, pid, nid, day);
    auto after = unit_json(*load_unit(tx, nid));
    audit_unit(tx, call, "unit.split", nid, nullptr, after);
    created.push_back(after);
  }
  auto before = unit_json(*source);
  dissolve(tx, id, day);
  auto after = unit_json(*load_unit(tx, id));
  Json ids = Json::array();
  for (auto& c : created) ids.push_back(c["id"]);
  after["split_into"] = ids;
  audit_unit(tx, call, "unit.split", id, before, after);
  record_event(tx, "split", day, {{"source", id}, {"parts", ids}});
  return Json{{"source", after}, {"parts", created}, {"effective", day}};
}

namespace {
Json collective_json(const store::Row& r) {
  return {{"id", r.get_int(0)},          {"unit_id", r.get_int(1)},
          {"kind", r.get_text(2)},       {"name", r.get_text(3)},
          {"valid_from", r.get_text(4)}, {"valid_to", r.is_null(5) ? Json(nullptr) : Json(r.get_text(5))},
          {"version", r.get_int(6)}};
}
constexpr const char* kCollectiveColumns = "id, unit_id, kind, name, valid_from, valid_to, version";
}  // namespace

Result<Json> list_collectives(store::Transaction& tx, const Call& call, std::int64_t unit_id, bool include_past) {
  if (!load_unit(tx, unit_id)) return unit_not_found(unit_id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::read_unit, unit_id));
  Json items = Json::array();
  for (auto& r : tx.query(fmt::format("SELECT {} FROM collectives WHERE unit_id = $1{} ORDER BY valid_from, id",
                                      kCollectiveColumns, include_past ? "" : " AND valid_to IS NULL"),
                          store::params(unit_id)))
    items.push_back(collective_json(r));
  return Json{{"items", items}};
}

Result<Json> create_collective(store::Transaction& tx, const Call& call, std::int64_t unit_id, const Json& body) {
  auto unit = load_unit(tx, unit_id);
  if (!unit) return unit_not_found(unit_id);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, unit_id));
  Fields f(body);
  f.only({"kind", "name", "valid_from"});
  auto kind = f.one_of(
      "kind", {kCollectiveKinds[0], kCollectiveKinds[1], kCollectiveKinds[2], kCollectiveKinds[3], kCollectiveKinds[4]},
      true);
  auto name = f.text("name", true);
  auto from = f.date("valid_from", false);
  if (unit->dissolved_on) f.fail("", "đơn vị đã giải thể / the unit is dissolved");
  if (!f.ok()) return f.error();
  auto now = now_ms();
  auto id = tx.query_one(
                  "INSERT INTO collectives (unit_id, kind, name, valid_from, version, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
                  store::params(unit_id, *kind, *name, from.value_or(today()), now))
                ->get_int(0);
  auto after = collective_json(
      *tx.query_one(fmt::format("SELECT {} FROM collectives WHERE id = $1", kCollectiveColumns), store::params(id)));
  record_audit(tx, &call.who, {"collective.create", "collective", id, nullptr, after, unit_id}, call.request_id);
  return after;
}

Result<Json> update_collective(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto row =
      tx.query_one(fmt::format("SELECT {} FROM collectives WHERE id = $1", kCollectiveColumns), store::params(id));
  if (!row) return Error::not_found(fmt::format("Không tìm thấy tập thể {} / Collective {} not found", id, id));
  auto before = collective_json(*row);
  auto unit_id = row->get_int(1);
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_units, unit_id));
  Fields f(body);
  f.only({"version", "name", "valid_to"});
  auto version = f.id("version", true);
  auto name = f.text("name", false);
  auto to = f.date("valid_to", false);
  if (to && *to < before["valid_from"].get<std::string>()) f.fail("valid_to", "trước ngày bắt đầu / before valid_from");
  if (!f.ok()) return f.error();
  if (*version != before["version"].get<std::int64_t>()) return stale_version(before["version"].get<std::int64_t>());
  tx.execute("UPDATE collectives SET name = $2, valid_to = $3, version = version + 1, updated_at = $4 WHERE id = $1",
             store::params(id, name.value_or(before["name"].get<std::string>()),
                           to ? std::optional<std::string>(*to)
                              : (before["valid_to"].is_null()
                                     ? std::nullopt
                                     : std::optional<std::string>(before["valid_to"].get<std::string>())),
                           now_ms()));
  auto after = collective_json(
      *tx.query_one(fmt::format("SELECT {} FROM collectives WHERE id = $1", kCollectiveColumns), store::params(id)));
  record_audit(tx, &call.who, {"collective.update", "collective", id, before, after, unit_id}, call.request_id);
  return after;
}

}  // namespace xeploai::service::org
