#include "service/people/people.hpp"

#include <fmt/format.h>

#include <cmath>

#include "domain/date.hpp"
#include "service/audit.hpp"
#include "text/text.hpp"

namespace xeploai::service::people {

#define XEPLOAI_TRY(expr)                                            \
  do {                                                               \
    auto xeploai_result_ = (expr);                                   \
    if (!xeploai_result_) return std::move(xeploai_result_).error(); \
  } while (0)

namespace {

constexpr const char* kPersonColumns =
    "id, card_number, full_name, gender, birth_date, admitted_on, official_on, status, residence, is_civil_servant, "
    "unit_id, version";

Json opt(const store::Row& r, std::size_t i) { return r.is_null(i) ? Json(nullptr) : Json(r.get_text(i)); }

Json person_json(const store::Row& r) {
  return {{"id", r.get_int(0)},
          {"card_number", opt(r, 1)},
          {"full_name", r.get_text(2)},
          {"gender", opt(r, 3)},
          {"birth_date", opt(r, 4)},
          {"admitted_on", opt(r, 5)},
          {"official_on", opt(r, 6)},
          {"status", r.get_text(7)},
          {"residence", opt(r, 8)},
          {"is_civil_servant", r.get_bool(9)},
          {"unit_id", r.is_null(10) ? Json(nullptr) : Json(r.get_int(10))},
          {"version", r.get_int(11)}};
}

std::optional<Json> load_person(store::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(fmt::format("SELECT {} FROM people WHERE id = $1", kPersonColumns), store::params(id));
  if (!row) return std::nullopt;
  return person_json(*row);
}

Error person_not_found(std::int64_t id) {
  return Error::not_found(fmt::format("Không tìm thấy đảng viên {} / Person {} not found", id, id));
}

std::optional<std::int64_t> unit_of(const Json& person) {
  if (person["unit_id"].is_null()) return std::nullopt;
  return person["unit_id"].get<std::int64_t>();
}

Result<void> authorize_manage(store::Transaction& tx, const Call& call, const Json& person) {
  auto unit = unit_of(person);
  if (!unit) return Error::forbidden("Ngoài phạm vi / Out of scope");
  return auth::authorize(tx, call.who, auth::Action::manage_people, *unit);
}

Error card_conflict(const std::string& card) {
  Error e = Error::conflict("Số thẻ đảng viên đã được dùng / The party card number is already in use");
  e.details.push_back({"card_number", fmt::format("số thẻ {} đã có / card {} exists", card, card)});
  return e;
}

// A cell where members may be active: current and of a cell kind.
void check_cell(store::Transaction& tx, Fields& f, const std::string& field, std::int64_t unit_id) {
  auto kind = org::unit_kind_of(tx, unit_id);
  if (!kind)
    f.fail(field, fmt::format("không có đơn vị {} đang hoạt động / no current unit {}", unit_id, unit_id));
  else if (!org::is_cell_kind(*kind))
    f.fail(field, fmt::format("đảng viên chỉ sinh hoạt tại chi bộ, không phải {} / members are active in a cell, not "
                              "in a {}",
                              *kind, *kind));
}

struct PersonFields {
  std::optional<std::string> full_name, card_number, gender, birth_date, admitted_on, official_on, status, residence;
  std::optional<bool> is_civil_servant;
};

PersonFields read_person_fields(Fields& f, bool creating) {
  PersonFields p;
  p.full_name = f.text("full_name", creating, 120);
  p.card_number = f.text("card_number", false, 32);
  p.gender = f.one_of("gender", {"male", "female"}, false);
  p.birth_date = f.date("birth_date", false);
  p.admitted_on = f.date("admitted_on", false);
  p.official_on = f.date("official_on", false);
  p.status = f.one_of("status", {kStatuses[0], kStatuses[1], kStatuses[2], kStatuses[3]}, creating);
  p.residence = f.text("residence", false, 300);
  p.is_civil_servant = f.boolean("is_civil_servant", false);
  return p;
}

void check_dates(Fields& f, const Json& merged) {
  auto get = [&](const char* k) { return merged[k].is_null() ? std::string() : merged[k].get<std::string>(); };
  auto birth = get("birth_date"), admitted = get("admitted_on"), official = get("official_on");
  if (!birth.empty() && !admitted.empty() && admitted <= birth)
    f.fail("admitted_on", "phải sau ngày sinh / must be after birth_date");
  if (!admitted.empty() && !official.empty() && official < admitted)
    f.fail("official_on", "không được trước ngày vào Đảng / must not be before admitted_on");
  if (!official.empty() && admitted.empty())
    f.fail("admitted_on", "bắt buộc khi có official_on / required with official_on");
}

void audit_person(store::Transaction& tx, const Call& call, const std::string& action, std::int64_t id,
                  const Json& before, const Json& after) {
  std::optional<std::int64_t> unit;
  const Json& ref = after.is_null() ? before : after;
  if (ref.is_object() && ref.contains("unit_id") && !ref["unit_id"].is_null())
    unit = ref["unit_id"].get<std::int64_t>();
  record_audit(tx, &call.who, {action, "person", id, before, after, unit}, call.request_id);
}

constexpr const char* kPostColumns =
    "id, person_id, unit_id, collective_id, title, is_head, is_leadership, valid_from, valid_to, version";

Json post_json(const store::Row& r) {
  return {{"id", r.get_int(0)},
          {"person_id", r.get_int(1)},
          {"unit_id", r.get_int(2)},
          {"collective_id", r.is_null(3) ? Json(nullptr) : Json(r.get_int(3))},
          {"title", r.get_text(4)},
          {"is_head", r.get_bool(5)},
          {"is_leadership", r.get_bool(6)},
          {"valid_from", r.get_text(7)},
          {"valid_to", opt(r, 8)},
          {"version", r.get_int(9)}};
}

Json posts_of(store::Transaction& tx, std::int64_t person_id, bool include_past) {
  Json items = Json::array();
  for (auto& r : tx.query(fmt::format("SELECT {} FROM posts WHERE person_id = $1{} ORDER BY valid_from, id",
                                      kPostColumns, include_past ? "" : " AND valid_to IS NULL"),
                          store::params(person_id)))
    items.push_back(post_json(r));
  return items;
}

}  // namespace

Result<org::Page> list_people(store::Transaction& tx, const Call& call, const PeopleQuery& query) {
  store::Params p;
  std::string where;
  std::vector<std::string> scope;
  if (query.unit_id) {
    auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(*query.unit_id));
    if (!row)
      return Error::not_found(
          fmt::format("Không tìm thấy đơn vị {} / Unit {} not found", *query.unit_id, *query.unit_id));
    XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::read_people, *query.unit_id));
    scope = {row->get_text(0)};
  } else {
    scope = scope_paths(tx, call.who, auth::Action::read_people);
  }
  where = path_filter("u.path", scope, p);
  if (query.status) {
    p.push_back(*query.status);
    where += fmt::format(" AND p.status = ${}", p.size());
  }
  if (query.q) {
    auto key = text::search_key(*query.q);
    if (!key.empty()) {
      p.push_back("%" + like_escape(key) + "%");
      where +=
          fmt::format(" AND (p.search_key LIKE ${0} ESCAPE '\\' OR p.card_number LIKE ${0} ESCAPE '\\')", p.size());
    }
  }
  // Which table drives the page on SQLite. Its planner starts from the units of the subtree and sorts every member
  // of it to return one page (2-4 ms of CPU over a province of 20,000). When the subtree holds most of the tree,
  // walking people in name order (index people_sort) and checking each one's unit stops after offset + limit
  // matches instead. The subtree's share of units stands in for its share of members: walking in name order reads
  // about (offset + limit) / share rows, starting from the units reads share * members, so walk when
  // share > sqrt((offset + limit) / members). Counting the subtree's units stops at that threshold.
  const char* join = "JOIN";
  // A status filter only thins the walk (most members are active); a text search would make it read everyone.
  if (tx.dialect() == store::Dialect::sqlite && !query.q && !scope.empty()) {
    auto sizes = tx.query_one("SELECT (SELECT MAX(id) FROM units), (SELECT MAX(id) FROM people)");
    const double units = sizes->is_null(0) ? 0 : static_cast<double>(sizes->get_int(0));
    const double members = sizes->is_null(1) ? 0 : static_cast<double>(sizes->get_int(1));
    const double wanted = static_cast<double>(query.offset + query.limit);
    if (members > wanted) {
      const auto threshold = static_cast<std::int64_t>(std::ceil(units * std::sqrt(wanted / members)));
      store::Params up;
      auto filter = path_filter("u.path", scope, up);
      up.push_back(threshold + 1);
      auto in_scope = tx.query_one(
          fmt::format("SELECT COUNT(*) FROM (SELECT 1 FROM units u WHERE {} LIMIT ${})", filter, up.size()), up);
      if (in_scope->get_int(0) > threshold) join = "CROSS JOIN";  // SQLite: the left table is the outer loop
    }
  }
  const auto count_params = p.size();
  p.push_back(static_cast<std::int64_t>(query.limit));
  p.push_back(query.offset);
  std::string cols;
  for (std::string_view c :
       {"p.id", "p.card_number", "p.full_name", "p.gender", "p.birth_date", "p.admitted_on", "p.official_on",
        "p.status", "p.residence", "p.is_civil_servant", "p.unit_id", "p.version"})
    cols += (cols.empty() ? "" : ", ") + std::string(c);
  org::Page page;
  for (auto& r : tx.query(fmt::format("SELECT {} FROM people p {} units u ON u.id = p.unit_id WHERE {} "
                                      "ORDER BY p.sort_key, p.id LIMIT ${} OFFSET ${}",
                                      cols, join, where, count_params + 1, count_params + 2),
                          p))
    page.items.push_back(person_json(r));
  // `total` is exact (docs/api.md). A page that is not full ends the list, so it gives the total without counting
  // (a cell's list fits on its first page); a full or empty page counts.
  const auto got = static_cast<std::int64_t>(page.items.size());
  if (got < query.limit && (got > 0 || query.offset == 0)) {
    page.total = query.offset + got;
  } else {
    p.resize(count_params);
    page.total =
        tx.query_one(fmt::format("SELECT COUNT(*) FROM people p JOIN units u ON u.id = p.unit_id WHERE {}", where), p)
            ->get_int(0);
  }
  return page;
}

Result<Json> get_person(store::Transaction& tx, const Call& call, std::int64_t id) {
  auto person = load_person(tx, id);
  if (!person) return person_not_found(id);
  XEPLOAI_TRY(auth::authorize_person_read(tx, call.who, id));
  Json memberships = Json::array();
  for (auto& r : tx.query(
           "SELECT m.unit_id, u.name, m.valid_from, m.valid_to FROM memberships m JOIN units u ON u.id = m.unit_id "
           "WHERE m.person_id = $1 ORDER BY m.valid_from, m.id",
           store::params(id)))
    memberships.push_back({{"unit_id", r.get_int(0)},
                           {"unit_name", r.get_text(1)},
                           {"valid_from", r.get_text(2)},
                           {"valid_to", opt(r, 3)}});
  Json result = *person;
  result["memberships"] = memberships;
  result["posts"] = posts_of(tx, id, true);
  bool leader = false, head = false;
  for (auto& post : result["posts"])
    if (post["valid_to"].is_null()) {
      leader = leader || post["is_leadership"].get<bool>();
      head = head || post["is_head"].get<bool>();
    }
  result["is_leader"] = leader;
  result["is_head"] = head;
  return result;
}

Result<Json> create_person(store::Transaction& tx, const Call& call, const Json& body) {
  Fields f(body);
  f.only({"full_name", "unit_id", "status", "card_number", "gender", "birth_date", "admitted_on", "official_on",
          "residence", "is_civil_servant", "joined_on"});
  auto unit_id = f.id("unit_id", true);
  auto fields = read_person_fields(f, true);
  auto joined = f.date("joined_on", false);
  if (!f.ok()) return f.error();
  check_cell(tx, f, "unit_id", *unit_id);
  if (!f.ok()) return f.error();
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_people, *unit_id));
  Json merged = {{"birth_date", fields.birth_date ? Json(*fields.birth_date) : Json(nullptr)},
                 {"admitted_on", fields.admitted_on ? Json(*fields.admitted_on) : Json(nullptr)},
                 {"official_on", fields.official_on ? Json(*fields.official_on) : Json(nullptr)}};
  check_dates(f, merged);
  if (!f.ok()) return f.error();
  if (fields.card_number &&
      tx.query_one("SELECT id FROM people WHERE card_number = $1", store::params(*fields.card_number)))
    return card_conflict(*fields.card_number);
  auto now = now_ms();
  auto id = tx.query_one(
                  "INSERT INTO people (card_number, full_name, sort_key, search_key, gender, birth_date, admitted_on, "
                  "official_on, status, residence, is_civil_servant, unit_id, version, created_at, updated_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) RETURNING id",
                  store::params(fields.card_number, *fields.full_name, text::person_sort_key_hex(*fields.full_name),
                                text::search_key(*fields.full_name), fields.gender, fields.birth_date,
                                fields.admitted_on, fields.official_on, *fields.status, fields.residence,
                                fields.is_civil_servant.value_or(false), *unit_id, now))
                ->get_int(0);
  tx.execute("INSERT INTO memberships (person_id, unit_id, valid_from) VALUES ($1, $2, $3)",
             store::params(id, *unit_id, joined.value_or(today())));
  auto after = *load_person(tx, id);
  audit_person(tx, call, "person.create", id, nullptr, after);
  return after;
}

Result<Json> update_person(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto before = load_person(tx, id);
  if (!before) return person_not_found(id);
  XEPLOAI_TRY(authorize_manage(tx, call, *before));
  Fields f(body);
  f.only({"version", "full_name", "status", "card_number", "gender", "birth_date", "admitted_on", "official_on",
          "residence", "is_civil_servant"});
  auto version = f.id("version", true);
  auto fields = read_person_fields(f, false);
  if (!f.ok()) return f.error();
  if (*version != (*before)["version"].get<std::int64_t>()) return stale_version((*before)["version"]);
  Json merged = *before;
  auto set = [&](const char* key, const std::optional<std::string>& v) {
    if (v) merged[key] = *v;
  };
  set("full_name", fields.full_name);
  set("card_number", fields.card_number);
  set("gender", fields.gender);
  set("birth_date", fields.birth_date);
  set("admitted_on", fields.admitted_on);
  set("official_on", fields.official_on);
  set("status", fields.status);
  set("residence", fields.residence);
  if (fields.is_civil_servant) merged["is_civil_servant"] = *fields.is_civil_servant;
  check_dates(f, merged);
  if (!f.ok()) return f.error();
  if (fields.card_number &&
      tx.query_one("SELECT id FROM people WHERE card_number = $1 AND id <> $2", store::params(*fields.card_number, id)))
    return card_conflict(*fields.card_number);
  auto text_or_null = [&](const char* key) {
    return merged[key].is_null() ? std::optional<std::string>()
                                 : std::optional<std::string>(merged[key].get<std::string>());
  };
  auto name = merged["full_name"].get<std::string>();
  auto changed = tx.execute(
      "UPDATE people SET card_number = $3, full_name = $4, sort_key = $5, search_key = $6, gender = $7, "
      "birth_date = $8, admitted_on = $9, official_on = $10, status = $11, residence = $12, is_civil_servant = $13, "
      "version = version + 1, updated_at = $14 WHERE id = $1 AND version = $2",
      store::params(id, *version, text_or_null("card_number"), name, text::person_sort_key_hex(name),
                    text::search_key(name), text_or_null("gender"), text_or_null("birth_date"),
                    text_or_null("admitted_on"), text_or_null("official_on"), merged["status"].get<std::string>(),
                    text_or_null("residence"), merged["is_civil_servant"].get<bool>(), now_ms()));
  if (changed != 1) return stale_version((*load_person(tx, id))["version"]);
  auto after = *load_person(tx, id);
  audit_person(tx, call, "person.update", id, *before, after);
  return after;
}

Result<Json> move_person(store::Transaction& tx, const Call& call, std::int64_t id, const Json& body) {
  auto before = load_person(tx, id);
  if (!before) return person_not_found(id);
  XEPLOAI_TRY(authorize_manage(tx, call, *before));
  Fields f(body);
  f.only({"unit_id", "effective", "version"});
  auto unit_id = f.id("unit_id", true);
  auto effective = f.date("effective", false);
  auto version = f.id("version", false);
  if (!f.ok()) return f.error();
  if (version && *version != (*before)["version"].get<std::int64_t>()) return stale_version((*before)["version"]);
  check_cell(tx, f, "unit_id", *unit_id);
  if (!f.ok()) return f.error();
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_people, *unit_id));
  if (unit_of(*before) == *unit_id) f.fail("unit_id", "đảng viên đã sinh hoạt tại đơn vị này / already a member there");
  std::string day = effective.value_or(today());
  auto open =
      tx.query_one("SELECT valid_from FROM memberships WHERE person_id = $1 AND valid_to IS NULL", store::params(id));
  if (open && day < open->get_text(0))
    f.fail("effective",
           fmt::format("phải từ ngày {} trở đi / must be on or after {}", domain::iso_to_dmy(open->get_text(0)),
                       open->get_text(0)));
  if (!f.ok()) return f.error();
  tx.execute("UPDATE memberships SET valid_to = $2 WHERE person_id = $1 AND valid_to IS NULL", store::params(id, day));
  tx.execute("INSERT INTO memberships (person_id, unit_id, valid_from) VALUES ($1, $2, $3)",
             store::params(id, *unit_id, day));
  tx.execute("UPDATE people SET unit_id = $2, version = version + 1, updated_at = $3 WHERE id = $1",
             store::params(id, *unit_id, now_ms()));
  auto after = *load_person(tx, id);
  audit_person(tx, call, "person.move", id, *before, after);
  return after;
}

Result<Json> list_posts(store::Transaction& tx, const Call& call, std::int64_t person_id, bool include_past) {
  if (!load_person(tx, person_id)) return person_not_found(person_id);
  XEPLOAI_TRY(auth::authorize_person_read(tx, call.who, person_id));
  return Json{{"items", posts_of(tx, person_id, include_past)}};
}

Result<Json> create_post(store::Transaction& tx, const Call& call, std::int64_t person_id, const Json& body) {
  auto person = load_person(tx, person_id);
  if (!person) return person_not_found(person_id);
  XEPLOAI_TRY(authorize_manage(tx, call, *person));
  Fields f(body);
  f.only({"unit_id", "title", "is_head", "is_leadership", "collective_id", "valid_from"});
  auto unit_id = f.id("unit_id", true);
  auto title = f.text("title", true);
  auto is_head = f.boolean("is_head", false);
  auto is_leadership = f.boolean("is_leadership", false);
  auto collective_id = f.id("collective_id", false);
  auto from = f.date("valid_from", false);
  if (!f.ok()) return f.error();
  if (!org::unit_kind_of(tx, *unit_id))
    f.fail("unit_id", fmt::format("không có đơn vị {} đang hoạt động / no current unit {}", *unit_id, *unit_id));
  if (collective_id && !tx.query_one("SELECT id FROM collectives WHERE id = $1 AND unit_id = $2 AND valid_to IS NULL",
                                     store::params(*collective_id, *unit_id)))
    f.fail("collective_id",
           "không phải tập thể lãnh đạo hiện tại của đơn vị unit_id / not a current collective of unit_id");
  if (!f.ok()) return f.error();
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_people, *unit_id));
  auto now = now_ms();
  auto id = tx.query_one(
                  "INSERT INTO posts (person_id, unit_id, collective_id, title, is_head, is_leadership, valid_from, "
                  "version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id",
                  store::params(person_id, *unit_id, collective_id, *title, is_head.value_or(false),
                                is_leadership.value_or(true), from.value_or(today()), now))
                ->get_int(0);
  auto after =
      post_json(*tx.query_one(fmt::format("SELECT {} FROM posts WHERE id = $1", kPostColumns), store::params(id)));
  record_audit(tx, &call.who, {"post.create", "post", id, nullptr, after, *unit_id}, call.request_id);
  return after;
}

Result<Json> update_post(store::Transaction& tx, const Call& call, std::int64_t post_id, const Json& body) {
  auto row = tx.query_one(fmt::format("SELECT {} FROM posts WHERE id = $1", kPostColumns), store::params(post_id));
  if (!row) return Error::not_found(fmt::format("Không tìm thấy chức vụ {} / Post {} not found", post_id, post_id));
  auto before = post_json(*row);
  auto unit_id = before["unit_id"].get<std::int64_t>();
  XEPLOAI_TRY(auth::authorize(tx, call.who, auth::Action::manage_people, unit_id));
  Fields f(body);
  f.only({"version", "title", "is_head", "valid_to"});
  auto version = f.id("version", true);
  auto title = f.text("title", false);
  auto is_head = f.boolean("is_head", false);
  auto to = f.date("valid_to", false);
  if (to && *to < before["valid_from"].get<std::string>()) f.fail("valid_to", "trước ngày bắt đầu / before valid_from");
  if (!f.ok()) return f.error();
  if (*version != before["version"].get<std::int64_t>()) return stale_version(before["version"]);
  std::optional<std::string> valid_to = to;
  if (!valid_to && !before["valid_to"].is_null()) valid_to = before["valid_to"].get<std::string>();
  tx.execute(
      "UPDATE posts SET title = $2, is_head = $3, valid_to = $4, version = version + 1, updated_at = $5 "
      "WHERE id = $1",
      store::params(post_id, title.value_or(before["title"].get<std::string>()),
                    is_head.value_or(before["is_head"].get<bool>()), valid_to, now_ms()));
  auto after =
      post_json(*tx.query_one(fmt::format("SELECT {} FROM posts WHERE id = $1", kPostColumns), store::params(post_id)));
  record_audit(tx, &call.who, {"post.update", "post", post_id, before, after, unit_id}, call.request_id);
  return after;
}

}  // namespace xeploai::service::people
