#include "domain/date.hpp"

#include <chrono>
#include <cstdio>

namespace xeploai::domain {
namespace {
namespace chr = std::chrono;

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
int num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
chr::year_month_day ymd(Days d) { return chr::year_month_day{chr::sys_days{chr::days{d}}}; }

}  // namespace

std::optional<Days> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  chr::year_month_day date{chr::year{num(y)}, chr::month{static_cast<unsigned>(num(m))},
                           chr::day{static_cast<unsigned>(num(d))}};
  if (!date.ok()) return std::nullopt;
  return static_cast<Days>(chr::sys_days{date}.time_since_epoch().count());
}

std::string format_iso(Days d) {
  auto t = ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(t.year()), static_cast<unsigned>(t.month()),
                static_cast<unsigned>(t.day()));
  return buf;
}

std::string format_dmy(Days d) {
  auto t = ymd(d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", static_cast<unsigned>(t.day()), static_cast<unsigned>(t.month()),
                static_cast<int>(t.year()));
  return buf;
}

std::string iso_to_dmy(std::string_view iso) {
  auto d = parse_iso_date(iso);
  return d ? format_dmy(*d) : std::string(iso);
}

Days minus_months(Days d, int months) {
  auto t = ymd(d);
  chr::year_month_day shifted = t - chr::months{months};
  if (!shifted.ok()) shifted = chr::year_month_day_last{shifted.year(), chr::month_day_last{shifted.month()}};
  return static_cast<Days>(chr::sys_days{shifted}.time_since_epoch().count());
}

}  // namespace xeploai::domain
