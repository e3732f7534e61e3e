#pragma once
// Security primitives on libsodium: Argon2id password hashes, random opaque tokens, token hashes for storage,
// constant-time comparison. Every function is thread-safe and initializes libsodium on first use.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace xeploai::security {

// Argon2id cost. The default is libsodium's INTERACTIVE level (about 64 MiB and a fraction of a second),
// fit for logins; tests and benchmarks may use minimal() to stay fast. Both are stored in the hash string,
// so verification always uses the cost the hash was made with.
struct PasswordCost {
  std::uint64_t ops_limit;
  std::size_t mem_limit;  // bytes

  static PasswordCost interactive();
  static PasswordCost moderate();
  static PasswordCost minimal();  // libsodium's minimum: for tests only
};

// Argon2id hash in the PHC string format ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), with a fresh random salt.
// Throws std::runtime_error only when the memory for the cost cannot be had.
std::string hash_password(std::string_view password, PasswordCost cost = PasswordCost::interactive());

// True when `password` matches `hash`. A malformed, truncated or tampered hash gives false, never an error.
bool verify_password(std::string_view password, std::string_view hash);

// True when `hash` was made with another algorithm or cost than `cost` (or is malformed): rehash on next login.
bool needs_rehash(std::string_view hash, PasswordCost cost = PasswordCost::interactive());

// `bytes` random bytes (at least 16) as URL-safe base64 without padding: 32 bytes give 43 characters.
// For session tokens, CSRF tokens and API keys.
std::string random_token(std::size_t bytes = 32);

// Lowercase hex of the BLAKE2b-256 hash of `token` (64 characters). Session tokens are stored only as this,
// so a leaked table does not let anyone log in. Not for passwords: tokens are random, passwords are not.
std::string token_hash(std::string_view token);

// Comparison whose time depends only on the lengths, not on where the contents differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace xeploai::security
