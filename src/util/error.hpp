#pragma once
// The error value used across layers. The HTTP layer maps `code` to a status and serializes it as
// {"error": {"code", "message", "details": [{"path", "problem"}]}} (DESIGN.md, Conventions).
#include <string>
#include <string_view>
#include <vector>

namespace xeploai {

enum class ErrorCode {
  invalid_input,      // 400/422: the request or file is malformed; details name each problem
  unauthenticated,    // 401
  forbidden,          // 403: outside the caller's role or scope
  not_found,          // 404
  conflict,           // 409: stale version, duplicate key, state that forbids the change
  payload_too_large,  // 413
  rate_limited,       // 429: login throttling
  unavailable,        // 503: shutting down, database unavailable
  internal,           // 500: a bug or an unexpected failure
};

std::string_view to_string(ErrorCode code);

struct ErrorDetail {
  std::string path;     // JSON path ("subjects[3].tasks.completed"), or "row 12, column card_number"
  std::string problem;  // what is wrong there
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::vector<ErrorDetail> details;

  static Error invalid(std::string message, std::vector<ErrorDetail> details = {}) {
    return {ErrorCode::invalid_input, std::move(message), std::move(details)};
  }
  static Error not_found(std::string message) { return {ErrorCode::not_found, std::move(message), {}}; }
  static Error conflict(std::string message) { return {ErrorCode::conflict, std::move(message), {}}; }
  static Error forbidden(std::string message) { return {ErrorCode::forbidden, std::move(message), {}}; }
  static Error internal(std::string message) { return {ErrorCode::internal, std::move(message), {}}; }
};

}  // namespace xeploai
