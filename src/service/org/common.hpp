#pragma once
// Shared by the org and people services: the caller, input checking with every problem listed, dates, and the
// scope of a caller as ranges of materialized unit paths.
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/auth/authorize.hpp"
#include "service/principal.hpp"
#include "store/database.hpp"
#include "util/result.hpp"

namespace xeploai::service {

using Json = nlohmann::json;

// Who asks, and the request id recorded with the audit rows.
struct Call {
  const Principal& who;
  std::string request_id;
};

std::int64_t now_ms();
// Today's date (UTC) as 'YYYY-MM-DD'.
std::string today();
// True for a real calendar date written 'YYYY-MM-DD'.
bool valid_date(std::string_view s);

// Reads a JSON object body field by field, collecting every problem (Vietnamese / English) with its path, so a bad
// request is refused whole with all its problems listed.
class Fields {
 public:
  explicit Fields(const Json& body, std::string prefix = {});
  bool has(const std::string& name) const;
  // Text normalized to NFC with whitespace collapsed; empty counts as missing.
  std::optional<std::string> text(const std::string& name, bool required, std::size_t max_length = 200);
  std::optional<std::string> date(const std::string& name, bool required);
  std::optional<std::int64_t> id(const std::string& name, bool required);
  std::optional<bool> boolean(const std::string& name, bool required);
  std::optional<std::string> one_of(const std::string& name, std::initializer_list<std::string_view> allowed,
                                    bool required);
  std::optional<std::vector<std::int64_t>> ids(const std::string& name, bool required);
  // Refuses fields not in `known` (a typo should not pass silently).
  void only(std::initializer_list<std::string_view> known);
  void fail(const std::string& name, std::string problem);
  std::string path(const std::string& name) const;
  bool ok() const { return details_.empty(); }
  std::vector<ErrorDetail>& details() { return details_; }
  Error error() const;

 private:
  const Json* get(const std::string& name, bool required);
  const Json& body_;
  std::string prefix_;
  std::vector<ErrorDetail> details_;
};

// The standard refusal of bad input with its details.
Error invalid(std::vector<ErrorDetail> details);
Error invalid_field(const std::string& path, std::string problem);
Error stale_version(std::int64_t current);

// Half-open byte range [low, high) of the paths below (and including) a unit whose path is `path` ("/1/7/"):
// "/1/7/" <= p < "/1/70" because '0' follows '/' and paths hold only digits and slashes.
std::pair<std::string, std::string> path_range(const std::string& path);

// The paths of the units where `who` may do `action` (a grant's unit, if authorize accepts it there), with
// nested ones removed. Empty: the caller sees nothing.
std::vector<std::string> scope_paths(store::Transaction& tx, const Principal& who, auth::Action action);

// "(col >= $n AND col < $n+1) OR ..." for the given paths, appending the bounds to `params`; "1=0" when empty.
std::string path_filter(const std::string& column, const std::vector<std::string>& paths, store::Params& params);

// Escapes LIKE wildcards with '\' (used with ESCAPE '\').
std::string like_escape(std::string_view s);

}  // namespace xeploai::service
