#include "api/org_routes.hpp"

#include "service/org/units.hpp"

namespace xeploai::api {

namespace {

using namespace detail;
using http::Json;
using http::Request;
namespace org = service::org;

Json kind_schema() {
  Json kinds = Json::array();
  for (auto k : org::kUnitKinds) kinds.push_back(k);
  return {{"type", "string"}, {"enum", kinds}};
}
Json unit_schema() {
  return object({{"id", integer()},
                 {"kind", kind_schema()},
                 {"name", string_type()},
                 {"code", string_type()},
                 {"parent_id", nullable(integer())},
                 {"established_on", string_type("date")},
                 {"dissolved_on", nullable(string_type("date"))},
                 {"version", integer()}},
                {"id", "kind", "name", "code", "parent_id", "established_on", "dissolved_on", "version"});
}
Json unit_with_ancestors_schema() {
  Json schema = unit_schema();
  schema["properties"]["ancestors"] =
      array_of(object({{"id", integer()}, {"name", string_type()}, {"kind", kind_schema()}}, {"id", "name", "kind"}));
  schema["required"].push_back("ancestors");
  return schema;
}
Json tree_node_schema() {
  return object(
      {{"id", integer()},
       {"kind", kind_schema()},
       {"name", string_type()},
       {"code", string_type()},
       {"members", integer()},
       {"children", {{"type", "array"}, {"items", {{"type", "object"}, {"description", "a node like this one"}}}}}});
}
Json collective_schema() {
  Json kinds = Json::array();
  for (auto k : org::kCollectiveKinds) kinds.push_back(k);
  return object({{"id", integer()},
                 {"unit_id", integer()},
                 {"kind", {{"type", "string"}, {"enum", kinds}}},
                 {"name", string_type()},
                 {"valid_from", string_type("date")},
                 {"valid_to", nullable(string_type("date"))},
                 {"version", integer()}});
}
Json ids_schema() { return {{"type", "array"}, {"items", integer()}}; }

}  // namespace

void register_org_routes(http::Router& router, ApiContext& ctx) {
  ApiContext* c = &ctx;

  router.add(
      "GET", "/api/v1/units",
      doc("Units in the caller's scope (or the current children of parent_id), by Vietnamese name order", "units",
          nullptr, page_of(unit_schema()), {"parent_id", "kind", "q", "include_dissolved", "page", "page_size"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
          auto page = http::page_request(request);
          if (!page) return page.error();
          auto parent = query_int(request, "parent_id");
          if (!parent) return parent.error();
          auto kind = query_enum(request, "kind",
                                 {org::kUnitKinds[0], org::kUnitKinds[1], org::kUnitKinds[2], org::kUnitKinds[3],
                                  org::kUnitKinds[4], org::kUnitKinds[5], org::kUnitKinds[6]});
          if (!kind) return kind.error();
          auto dissolved = query_enum(request, "include_dissolved", {"true", "false"});
          if (!dissolved) return dissolved.error();
          org::UnitQuery q{
              *parent,        *kind,          query_text(request, "q"), dissolved->value_or("false") == "true",
              page->offset(), page->page_size};
          auto result = org::list_units(tx, call_of(who, request), q);
          if (!result) return result.error();
          return http::page_json(std::move(result->items), result->total, *page);
        });
      });

  router.add("POST", "/api/v1/units",
             doc("Create a unit under parent_id (kinds must fit their parent: docs/organization.md)", "units",
                 object({{"kind", kind_schema()},
                         {"name", string_type()},
                         {"code", string_type()},
                         {"parent_id", nullable(integer())},
                         {"established_on", string_type("date")}},
                        {"kind", "name", "code"}),
                 unit_schema(), {}, true),
             write_body(ctx, 201, org::create_unit));

  router.add("GET", "/api/v1/units/{id}",
             doc("One unit, with the units above it from the root down (ancestors)", "units", nullptr,
                 unit_with_ancestors_schema()),
             read_by_id(ctx, org::get_unit));

  router.add("PATCH", "/api/v1/units/{id}",
             doc("Rename or recode a unit; 409 when version is stale", "units",
                 object({{"version", integer()}, {"name", string_type()}, {"code", string_type()}}, {"version"}),
                 unit_schema(), {}, true),
             write_by_id(ctx, 200, org::update_unit));

  router.add(
      "GET", "/api/v1/units/{id}/tree",
      doc("The unit's subtree as it was on as_of (default today), with member counts on that day", "units", nullptr,
          object({{"as_of", string_type("date")}, {"unit", tree_node_schema()}}), {"as_of", "depth"}),
      [c](Request& request) {
        return handle_read(*c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
          auto id = path_id(request, "id");
          if (!id) return id.error();
          auto depth = query_int(request, "depth");
          if (!depth) return depth.error();
          return org::unit_tree(tx, call_of(who, request), *id, query_text(request, "as_of"),
                                depth->has_value() ? static_cast<int>(std::min<std::int64_t>(**depth, 64)) : -1);
        });
      });

  router.add(
      "POST", "/api/v1/units/{id}/move",
      doc("Move a unit under another parent from `effective` on (history kept)", "units",
          object({{"parent_id", integer()}, {"effective", string_type("date")}, {"version", integer()}}, {"parent_id"}),
          unit_schema(), {}, true),
      write_by_id(ctx, 200, org::move_unit));

  router.add("POST", "/api/v1/units/merge",
             doc("Merge units into an existing unit (into) or a new one (new_unit); subunits and members move, the "
                 "sources are dissolved",
                 "units",
                 object({{"sources", ids_schema()},
                         {"into", integer()},
                         {"new_unit", object({{"kind", kind_schema()},
                                              {"name", string_type()},
                                              {"code", string_type()},
                                              {"parent_id", integer()}},
                                             {"kind", "name", "code", "parent_id"})},
                         {"effective", string_type("date")}},
                        {"sources"}),
                 object({{"unit", unit_schema()},
                         {"merged", ids_schema()},
                         {"moved_units", ids_schema()},
                         {"moved_members", integer()},
                         {"effective", string_type("date")}}),
                 {}, true),
             write_body(ctx, 200, org::merge_units));

  router.add(
      "POST", "/api/v1/units/{id}/split",
      doc("Split a unit into new sibling units; every current subunit and member goes to exactly one part", "units",
          object({{"parts",
                   {{"type", "array"},
                    {"items", object({{"kind", kind_schema()},
                                      {"name", string_type()},
                                      {"code", string_type()},
                                      {"units", ids_schema()},
                                      {"members", ids_schema()}},
                                     {"name", "code"})}}},
                  {"effective", string_type("date")}},
                 {"parts"}),
          object({{"source", unit_schema()},
                  {"parts", {{"type", "array"}, {"items", unit_schema()}}},
                  {"effective", string_type("date")}}),
          {}, true),
      write_by_id(ctx, 200, org::split_unit));

  router.add("GET", "/api/v1/units/{id}/collectives",
             doc("Leadership collectives of the unit (current, or all with include_past=true)", "units", nullptr,
                 object({{"items", {{"type", "array"}, {"items", collective_schema()}}}}), {"include_past"}),
             [c](Request& request) {
               return handle_read(
                   *c, request, [&](store::Transaction& tx, const service::Principal& who) -> Result<Json> {
                     auto id = path_id(request, "id");
                     if (!id) return id.error();
                     auto past = query_enum(request, "include_past", {"true", "false"});
                     if (!past) return past.error();
                     return org::list_collectives(tx, call_of(who, request), *id, past->value_or("false") == "true");
                   });
             });

  router.add("POST", "/api/v1/units/{id}/collectives",
             doc("Attach a leadership collective to the unit it leads", "units",
                 object({{"kind", collective_schema()["properties"]["kind"]},
                         {"name", string_type()},
                         {"valid_from", string_type("date")}},
                        {"kind", "name"}),
                 collective_schema(), {}, true),
             write_by_id(ctx, 201, org::create_collective));

  router.add(
      "PATCH", "/api/v1/collectives/{id}",
      doc("Rename or end a leadership collective; 409 when version is stale", "units",
          object({{"version", integer()}, {"name", string_type()}, {"valid_to", string_type("date")}}, {"version"}),
          collective_schema(), {}, true),
      write_by_id(ctx, 200, org::update_collective));
}

}  // namespace xeploai::api
