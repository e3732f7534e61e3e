#include "security/security.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace xeploai::security {
namespace {

TEST(Password, HashVerifiesTheRightPasswordOnly) {
  const std::string hash = hash_password("m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2026", PasswordCost::minimal());
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2026", hash));
  EXPECT_FALSE(verify_password("m\xE1\xBA\xADt kh\xE1\xBA\xA9u 2025", hash));
  EXPECT_FALSE(verify_password("", hash));
}

TEST(Password, SaltMakesEveryHashDifferent) {
  const std::string a = hash_password("secret", PasswordCost::minimal());
  const std::string b = hash_password("secret", PasswordCost::minimal());
  EXPECT_NE(a, b);
  EXPECT_TRUE(verify_password("secret", a));
  EXPECT_TRUE(verify_password("secret", b));
}

TEST(Password, DefaultCostIsInteractiveArgon2id) {
  const std::string hash = hash_password("secret");
  EXPECT_TRUE(verify_password("secret", hash));
  EXPECT_FALSE(needs_rehash(hash));
  EXPECT_TRUE(needs_rehash(hash, PasswordCost::moderate()));
}

TEST(Password, TamperedOrMalformedHashFails) {
  const std::string hash = hash_password("secret", PasswordCost::minimal());
  std::string tampered = hash;
  // Flip a character of the digest (the last field) and of the salt.
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password("secret", tampered));
  std::string salt_tampered = hash;
  const size_t salt_at = hash.rfind('$', hash.rfind('$') - 1) + 1;
  salt_tampered[salt_at] = salt_tampered[salt_at] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password("secret", salt_tampered));
  EXPECT_FALSE(verify_password("secret", hash.substr(0, hash.size() - 5)));
  EXPECT_FALSE(verify_password("secret", ""));
  EXPECT_FALSE(verify_password("secret", "not a hash"));
  EXPECT_FALSE(verify_password("secret", std::string(500, 'x')));
  EXPECT_FALSE(verify_password("secret", std::string("$argon2id\0$", 11)));
}

TEST(Password, NeedsRehashWhenCostOrFormatDiffers) {
  const std::string weak = hash_password("secret", PasswordCost::minimal());
  EXPECT_FALSE(needs_rehash(weak, PasswordCost::minimal()));
  EXPECT_TRUE(needs_rehash(weak, PasswordCost::interactive()));
  EXPECT_TRUE(needs_rehash("not a hash"));
  EXPECT_TRUE(needs_rehash(""));
}

TEST(Token, UrlSafeOfExpectedLengthAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string t = random_token();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes, base64 without padding
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(48).size(), 64u);
  EXPECT_THROW(random_token(8), std::invalid_argument);
}

TEST(TokenHash, IsStableHexAndDiffersPerToken) {
  const std::string t = random_token();
  const std::string h = token_hash(t);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(token_hash(t), h);
  EXPECT_NE(token_hash(random_token()), h);
  EXPECT_NE(h, t);
  // BLAKE2b-256 of the empty string (RFC 7693 parameters, 32-byte output).
  EXPECT_EQ(token_hash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal(std::string("a\0b", 3), std::string("a\0b", 3)));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(Security, ThreadSafeFirstUse) {
  std::vector<std::string> tokens(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < tokens.size(); ++i)
    threads.emplace_back([&, i] {
      tokens[i] = random_token();
      if (!verify_password("p", hash_password("p", PasswordCost::minimal()))) tokens[i].clear();
    });
  for (auto& t : threads) t.join();
  std::set<std::string> unique(tokens.begin(), tokens.end());
  EXPECT_EQ(unique.size(), tokens.size());
  EXPECT_EQ(unique.count(""), 0u);
}

}  // namespace
}  // namespace xeploai::security
