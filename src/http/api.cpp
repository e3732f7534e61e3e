#include "http/api.hpp"

#include <charconv>

namespace xeploai::http {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> Request::cookie(const std::string& name) const {
  auto it = headers.find("cookie");
  if (it == headers.end()) return std::nullopt;
  // "a=1; b=2": the first cookie with this name wins (RFC 6265 orders by path specificity).
  std::string_view rest = it->second;
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view pair = trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return std::nullopt;
}

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::payload_too_large:
      return 413;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

Json error_json(const Error& error) {
  Json details = Json::array();
  for (const auto& d : error.details) details.push_back({{"path", d.path}, {"problem", d.problem}});
  return {{"error", {{"code", std::string(to_string(error.code))}, {"message", error.message}, {"details", details}}}};
}

Response Response::json(const Json& value, int status) {
  Response r;
  r.status = status;
  // Replace invalid UTF-8 rather than throw: a stored byte sequence must never turn a read into a 500.
  r.body = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response Response::error(const Error& error) { return json(error_json(error), status_for(error.code)); }

Response Response::error(const Error& error, int status) { return json(error_json(error), status); }

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    int extra;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += extra + 1;
  }
  return true;
}

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!valid_utf8(out) || out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

Result<std::map<std::string, std::string>> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
    if (!key || !value) {
      return Error::invalid("Chuỗi truy vấn không hợp lệ / invalid query string",
                            {{"query." + std::string(pair.substr(0, eq)), "bad percent-encoding or not UTF-8"}});
    }
    out.emplace(std::move(*key), std::move(*value));  // the first occurrence of a repeated key wins
  }
  return out;
}

Result<Json> parse_json_body(const Request& request) {
  if (request.body.empty()) {
    return Error::invalid("Thiếu nội dung JSON / a JSON body is required", {{"body", "empty"}});
  }
  try {
    return Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    return Error::invalid("Nội dung JSON không hợp lệ / the body is not valid JSON",
                          {{"body", "byte " + std::to_string(e.byte) + ": " + e.what()}});
  }
}

Result<PageRequest> page_request(const Request& request, int max_page_size) {
  PageRequest page;
  std::vector<ErrorDetail> problems;
  auto read = [&](const char* name, int& target, int low, int high) {
    auto it = request.query.find(name);
    if (it == request.query.end()) return;
    int v = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), v);
    if (ec != std::errc{} || end != it->second.data() + it->second.size() || v < low || v > high) {
      const auto lo = std::to_string(low), hi = std::to_string(high);
      problems.push_back({std::string("query.") + name, "phải là số nguyên từ " + lo + " đến " + hi +
                                                            " / must be an integer from " + lo + " to " + hi});
      return;
    }
    target = v;
  };
  read("page", page.page, 1, 1'000'000'000);
  read("page_size", page.page_size, 1, max_page_size);
  if (!problems.empty()) return Error::invalid("Tham số phân trang không hợp lệ / invalid pagination", problems);
  return page;
}

Json page_json(Json items, std::int64_t total, const PageRequest& page) {
  return {{"items", std::move(items)}, {"page", page.page}, {"page_size", page.page_size}, {"total", total}};
}

}  // namespace xeploai::http
