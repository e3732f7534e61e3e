#include "security/security.hpp"

#include <sodium.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace xeploai::security {
namespace {

// sodium_init is itself thread-safe and idempotent; the static makes the check happen once per process.
void ensure_sodium() {
  static const bool ready = [] { return sodium_init() >= 0; }();
  if (!ready) throw std::runtime_error("libsodium initialization failed");
}

// libsodium's hash-string functions take NUL-terminated strings of bounded size.
bool plausible_hash(std::string_view hash) {
  return !hash.empty() && hash.size() < crypto_pwhash_STRBYTES && hash.find('\0') == std::string_view::npos;
}

}  // namespace

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordCost PasswordCost::moderate() { return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE}; }
PasswordCost PasswordCost::minimal() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string hash_password(std::string_view password, PasswordCost cost) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops_limit, cost.mem_limit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("Argon2id hashing failed (out of memory?)");
  return std::string(out);
}

bool verify_password(std::string_view password, std::string_view hash) {
  ensure_sodium();
  if (!plausible_hash(hash)) return false;
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view hash, PasswordCost cost) {
  ensure_sodium();
  if (!plausible_hash(hash)) return true;
  const std::string terminated(hash);
  // 0: same algorithm and cost; 1: other cost; -1: not an Argon2id hash.
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost.ops_limit, cost.mem_limit) != 0;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  if (bytes < 16) throw std::invalid_argument("random_token: fewer than 16 bytes is too guessable");
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(out.find('\0'));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr,
                     0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  ensure_sodium();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace xeploai::security
