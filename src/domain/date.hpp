#pragma once
// Calendar dates as days since 1970-01-01, so that comparisons are integer comparisons.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xeploai::domain {

using Days = std::int32_t;
inline constexpr Days kNoDate = INT32_MIN;

// Strict ISO "YYYY-MM-DD" with a real calendar day; nullopt otherwise.
std::optional<Days> parse_iso_date(std::string_view s);
std::string format_iso(Days d);
std::string format_dmy(Days d);  // dd/mm/yyyy, as Vietnamese documents write dates
// An ISO date as dd/mm/yyyy (the Vietnamese half of a message, a document); other text unchanged.
std::string iso_to_dmy(std::string_view iso);
// The same day `months` months earlier, clamped to the month's last day (31/08 - 6 months = 28/02 or 29/02).
Days minus_months(Days d, int months);

}  // namespace xeploai::domain
