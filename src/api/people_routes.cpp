#include "api/people_routes.hpp"

#include "api/org_routes.hpp"
#include "service/people/people.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace people = service::people;

Json status_schema() {
  Json s = Json::array();
  for (auto k : people::kStatuses) s.push_back(k);
  return {{"type", "string"}, {"enum", s}};
}
Json gender_schema() { return nullable({{"type", "string"}, {"enum", {"male", "female"}}}); }

Json person_properties() {
  return {{"card_number", nullable(string_type())},
          {"full_name", string_type()},
          {"gender", gender_schema()},
          {"birth_date", nullable(string_type("date"))},
          {"admitted_on", nullable(string_type("date"))},
          {"official_on", nullable(string_type("date"))},
          {"status", status_schema()},
          {"residence", nullable(string_type())},
          {"is_civil_servant", {{"type", "boolean"}}}};
}
Json person_schema() {
  auto p = person_properties();
  p["id"] = integer();
  p["unit_id"] = nullable(integer());
  p["version"] = integer();
  return object(p, {"id", "full_name", "status", "unit_id", "version"});
}
Json post_schema() {
  return object({{"id", integer()},
                 {"person_id", integer()},
                 {"unit_id", integer()},
                 {"collective_id", nullable(integer())},
                 {"title", string_type()},
                 {"is_head", {{"type", "boolean"}}},
                 {"is_leadership", {{"type", "boolean"}}},
                 {"valid_from", string_type("date")},
                 {"valid_to", nullable(string_type("date"))},
                 {"version", integer()}});
}
Json person_detail_schema() {
  auto s = person_schema();
  s["properties"]["memberships"] = {{"type", "array"},
                                    {"items", object({{"unit_id", integer()},
                                                      {"unit_name", string_type()},
                                                      {"valid_from", string_type("date")},
                                                      {"valid_to", nullable(string_type("date"))}})}};
  s["properties"]["posts"] = {{"type", "array"}, {"items", post_schema()}};
  s["properties"]["is_leader"] = {{"type", "boolean"}};
  s["properties"]["is_head"] = {{"type", "boolean"}};
  return s;
}

}  // namespace

void register_people_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;

  router.add(
      "GET", "/api/v1/people",
      doc("Party members in the caller's scope or a unit's subtree, in Vietnamese name order; q ignores "
          "diacritics",
          "people", nullptr, page_of(person_schema()), {"unit_id", "status", "q", "page", "page_size"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
          auto page = http::page_request(request);
          if (!page) return page.error();
          auto unit = query_int(request, "unit_id");
          if (!unit) return unit.error();
          auto status =
              query_enum(request, "status",
                         {people::kStatuses[0], people::kStatuses[1], people::kStatuses[2], people::kStatuses[3]});
          if (!status) return status.error();
          people::PeopleQuery q{*unit, *status, query_text(request, "q"), page->offset(), page->page_size};
          auto result = people::list_people(tx, call_of(who, request), q);
          if (!result) return result.error();
          return http::page_json(std::move(result->items), result->total, *page);
        });
      });

  {
    auto props = person_properties();
    props["unit_id"] = integer();
    props["joined_on"] = string_type("date");
    router.add("POST", "/api/v1/people",
               doc("Create a party member active in the cell unit_id from joined_on", "people",
                   object(props, {"full_name", "unit_id", "status"}), person_schema(), {}, true),
               write_body(ctx, 201, people::create_person));
  }

  router.add("GET", "/api/v1/people/{id}",
             doc("One party member with membership history and posts", "people", nullptr, person_detail_schema()),
             read_by_id(ctx, people::get_person));

  {
    auto props = person_properties();
    props["version"] = integer();
    router.add("PATCH", "/api/v1/people/{id}",
               doc("Update a party member's record; 409 when version is stale", "people", object(props, {"version"}),
                   person_schema(), {}, true),
               write_by_id(ctx, 200, people::update_person));
  }

  router.add(
      "POST", "/api/v1/people/{id}/move",
      doc("Move a member to another cell from `effective` on (membership history kept)", "people",
          object({{"unit_id", integer()}, {"effective", string_type("date")}, {"version", integer()}}, {"unit_id"}),
          person_schema(), {}, true),
      write_by_id(ctx, 200, people::move_person));

  router.add("GET", "/api/v1/people/{id}/posts",
             doc("A member's leadership and management posts (current, or all with include_past=true)", "people",
                 nullptr, object({{"items", {{"type", "array"}, {"items", post_schema()}}}}), {"include_past"}),
             [c](Request& request) {
               return handle_read(
                   *c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
                     auto id = path_id(request, "id");
                     if (!id) return id.error();
                     auto past = query_enum(request, "include_past", {"true", "false"});
                     if (!past) return past.error();
                     return people::list_posts(tx, call_of(who, request), *id, past->value_or("false") == "true");
                   });
             });

  router.add("POST", "/api/v1/people/{id}/posts",
             doc("Give a member a post in a unit (optionally in one of its collectives)", "people",
                 object({{"unit_id", integer()},
                         {"title", string_type()},
                         {"is_head", {{"type", "boolean"}}},
                         {"is_leadership", {{"type", "boolean"}}},
                         {"collective_id", nullable(integer())},
                         {"valid_from", string_type("date")}},
                        {"unit_id", "title"}),
                 post_schema(), {}, true),
             write_by_id(ctx, 201, people::create_post));

  router.add("PATCH", "/api/v1/posts/{id}",
             doc("Retitle or end a post; 409 when version is stale", "people",
                 object({{"version", integer()},
                         {"title", string_type()},
                         {"is_head", {{"type", "boolean"}}},
                         {"valid_to", string_type("date")}},
                        {"version"}),
                 post_schema(), {}, true),
             write_by_id(ctx, 200, people::update_post));
}

}  // namespace xeploai::api
