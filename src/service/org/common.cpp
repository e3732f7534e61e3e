#include "service/org/common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "service/org/tree.hpp"
#include "text/text.hpp"

namespace xeploai::service {

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string today() {
  auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day ymd{days};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned m = std::stoi(std::string(s.substr(5, 2)));
  unsigned d = std::stoi(std::string(s.substr(8, 2)));
  return y >= 1900 &&
         std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

Fields::Fields(const Json& body, std::string prefix) : body_(body), prefix_(std::move(prefix)) {
  if (!body_.is_object()) fail("", "phải là một đối tượng JSON / must be a JSON object");
}

std::string Fields::path(const std::string& name) const {
  if (prefix_.empty()) return name.empty() ? "body" : name;
  return name.empty() ? prefix_ : prefix_ + "." + name;
}

void Fields::fail(const std::string& name, std::string problem) {
  details_.push_back({path(name), std::move(problem)});
}

bool Fields::has(const std::string& name) const {
  return body_.is_object() && body_.contains(name) && !body_.at(name).is_null();
}

const Json* Fields::get(const std::string& name, bool required) {
  if (!body_.is_object()) return nullptr;
  auto it = body_.find(name);
  if (it == body_.end() || it->is_null()) {
    if (required) fail(name, "bắt buộc / required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> Fields::text(const std::string& name, bool required, std::size_t max_length) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(name, "phải là chuỗi / must be a string");
    return std::nullopt;
  }
  auto normalized = text::normalize_field(v->get_ref<const std::string&>(), path(name));
  if (!normalized) {
    fail(name, normalized.error().message);
    return std::nullopt;
  }
  if (normalized->empty()) {
    if (required) fail(name, "không được để trống / must not be empty");
    return std::nullopt;
  }
  if (normalized->size() > max_length) {
    fail(name, fmt::format("dài quá {} byte / longer than {} bytes", max_length, max_length));
    return std::nullopt;
  }
  return std::move(normalized).value();
}

std::optional<std::string> Fields::date(const std::string& name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_string() || !valid_date(v->get_ref<const std::string&>())) {
    fail(name, "phải là ngày YYYY-MM-DD hợp lệ / must be a valid date YYYY-MM-DD");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::int64_t> Fields::id(const std::string& name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || v->get<std::int64_t>() <= 0) {
    fail(name, "phải là số nguyên dương / must be a positive integer");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<bool> Fields::boolean(const std::string& name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(name, "phải là true hoặc false / must be true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> Fields::one_of(const std::string& name, std::initializer_list<std::string_view> allowed,
                                          bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (v->is_string()) {
    for (auto a : allowed)
      if (v->get_ref<const std::string&>() == a) return std::string(a);
  }
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  fail(name, fmt::format("phải là một trong: {} / must be one of: {}", list, list));
  return std::nullopt;
}

std::optional<std::vector<std::int64_t>> Fields::ids(const std::string& name, bool required) {
  const Json* v = get(name, required);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(name, "phải là mảng số nguyên dương / must be an array of positive integers");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& e = (*v)[i];
    if (!e.is_number_integer() || e.get<std::int64_t>() <= 0) {
      fail(fmt::format("{}[{}]", name, i), "phải là số nguyên dương / must be a positive integer");
      continue;
    }
    auto x = e.get<std::int64_t>();
    if (std::find(out.begin(), out.end(), x) != out.end()) {
      fail(fmt::format("{}[{}]", name, i), "trùng lặp / duplicate");
      continue;
    }
    out.push_back(x);
  }
  return out;
}

void Fields::only(std::initializer_list<std::string_view> known) {
  if (!body_.is_object()) return;
  for (auto it = body_.begin(); it != body_.end(); ++it) {
    if (std::find(known.begin(), known.end(), it.key()) == known.end())
      fail(it.key(), "trường không được hỗ trợ / unknown field");
  }
}

Error Fields::error() const { return invalid(details_); }

Error invalid(std::vector<ErrorDetail> details) {
  return Error::invalid("Dữ liệu không hợp lệ / Invalid input", std::move(details));
}

Error invalid_field(const std::string& path, std::string problem) { return invalid({{path, std::move(problem)}}); }

Error stale_version(std::int64_t current) {
  Error e = Error::conflict(
      "Dữ liệu đã bị người khác thay đổi, hãy tải lại / The record was changed by someone else, reload it");
  e.details.push_back(
      {"version", fmt::format("phiên bản hiện tại là {} / the current version is {}", current, current)});
  return e;
}

std::pair<std::string, std::string> path_range(const std::string& path) {
  std::string high = path;
  if (!high.empty()) high.back() = '0';
  return {path, high};
}

std::vector<std::string> scope_paths(store::Transaction& tx, const Principal& who, auth::Action action) {
  std::vector<std::string> paths;
  for (const auto& grant : who.grants) {
    if (!auth::authorize(tx, who, action, grant.unit_id)) continue;
    auto row = tx.query_one("SELECT path FROM units WHERE id = $1", store::params(grant.unit_id));
    if (row) paths.push_back(row->get_text(0));
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> outer;
  for (auto& p : paths) {
    if (!outer.empty() && p.compare(0, outer.back().size(), outer.back()) == 0) continue;  // nested in the last
    outer.push_back(p);
  }
  return outer;
}

std::string path_filter(const std::string& column, const std::vector<std::string>& paths, store::Params& params) {
  if (paths.empty()) return "1=0";
  std::string sql = "(";
  for (std::size_t i = 0; i < paths.size(); ++i) {
    auto [low, high] = path_range(paths[i]);
    params.push_back(low);
    params.push_back(high);
    if (i) sql += " OR ";
    sql += fmt::format("({0} >= ${1} AND {0} < ${2})", column, params.size() - 1, params.size());
  }
  return sql + ")";
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace xeploai::service
