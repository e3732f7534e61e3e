#include "text/text.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace xeploai::text {
namespace {

// "Nguyễn Văn Đức" in NFC and the same text decomposed (NFD), written byte by byte so the test does not depend
// on how this file's editor normalized it.
const std::string kNfc =
    "Nguy\xE1\xBB\x85n V\xC4\x83n \xC4\x90\xE1\xBB\xA9"
    "c";
const std::string kNfd =
    "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n \xC4\x90u\xCC\x9B\xCC\x81"
    "c";

TEST(Utf8, ValidAndInvalid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_TRUE(is_valid_utf8(kNfc));
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("ab\xFF"));
}

TEST(Nfc, NormalizesDecomposedText) {
  ASSERT_NE(kNfc, kNfd);
  EXPECT_TRUE(is_nfc(kNfc));
  EXPECT_FALSE(is_nfc(kNfd));
  EXPECT_EQ(to_nfc(kNfd), kNfc);
  EXPECT_EQ(to_nfc(kNfc), kNfc);
  EXPECT_EQ(to_nfc("plain ascii"), "plain ascii");
  EXPECT_FALSE(is_nfc("\xC3"));
}

TEST(Nfc, InvalidBytesBecomeReplacementCharacter) { EXPECT_EQ(to_nfc("a\xFFz"), "a\xEF\xBF\xBDz"); }

TEST(NormalizeField, TrimsCollapsesAndNormalizes) {
  auto r = normalize_field("  " + kNfd + " \t\n ", "full_name");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, kNfc);
  auto inner = normalize_field("Tr\xE1\xBA\xA7n   Th\xE1\xBB\x8B \t Hoa", "full_name");
  ASSERT_TRUE(inner.ok());
  EXPECT_EQ(*inner, "Tr\xE1\xBA\xA7n Th\xE1\xBB\x8B Hoa");
}

TEST(NormalizeField, RejectsInvalidUtf8NamingTheField) {
  auto r = normalize_field("Nguy\xFFn", "row 12, column full_name");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].path, "row 12, column full_name");
}

TEST(SearchKey, FoldsCaseDiacriticsAndDStroke) {
  EXPECT_EQ(search_key(kNfc), "nguyen van duc");
  EXPECT_EQ(search_key(kNfd), "nguyen van duc");
  EXPECT_EQ(search_key("\xC4\x91\xC3\xB4ng \xC4\x90\xC3\x94NG"), "dong dong");  // "đông ĐÔNG"
  EXPECT_EQ(search_key("  Tr\xE1\xBA\xA7n   TH\xE1\xBB\x8A  "), "tran thi");    // "Trần   THỊ"
  EXPECT_EQ(search_key("Chi b\xE1\xBB\x99 th\xC3\xB4n 3"), "chi bo thon 3");    // "Chi bộ thôn 3"
  EXPECT_EQ(search_key(""), "");
}

TEST(SearchKey, LikePatternFoldsAndEscapes) {
  EXPECT_EQ(search_like_pattern("  V\xC4\x83n \xC4\x90\xE1\xBB\xA9"
                                "c "),
            "%van duc%");  // "Văn Đức"
  EXPECT_EQ(search_like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
  EXPECT_EQ(search_like_pattern(""), "%%");
}

TEST(SearchKey, ToneMarkPlacementVariantsFoldTogether) {
  // "Hòa" (new-style tone placement) and "Hoà" (old style), "Thủy" and "Thuỷ".
  EXPECT_EQ(search_key("H\xC3\xB2"
                       "a"),
            search_key("Ho\xC3\xA0"));
  EXPECT_EQ(search_key("Th\xE1\xBB\xA7y"), search_key("Thu\xE1\xBB\xB7"));
  EXPECT_EQ(search_key("Ho\xC3\xA0"), "hoa");
}

TEST(PersonName, SplitsFamilyMiddleGiven) {
  auto n = split_person_name("  Nguy\xE1\xBB\x85n  Th\xE1\xBB\x8B Thu   H\xC3\xA0 ");  // "Nguyễn Thị Thu Hà"
  EXPECT_EQ(n.family, "Nguy\xE1\xBB\x85n");
  EXPECT_EQ(n.middle, "Th\xE1\xBB\x8B Thu");
  EXPECT_EQ(n.given, "H\xC3\xA0");
  EXPECT_EQ(n.full(), "Nguy\xE1\xBB\x85n Th\xE1\xBB\x8B Thu H\xC3\xA0");

  auto two = split_person_name("L\xC3\xAA Anh");
  EXPECT_EQ(two.family, "L\xC3\xAA");
  EXPECT_EQ(two.middle, "");
  EXPECT_EQ(two.given, "Anh");

  auto one = split_person_name("Anh");
  EXPECT_EQ(one.family, "");
  EXPECT_EQ(one.given, "Anh");
  EXPECT_EQ(split_person_name("   ").given, "");
  EXPECT_EQ(split_person_name(kNfd).given,
            "\xC4\x90\xE1\xBB\xA9"
            "c");
}

TEST(Collation, VietnameseAlphabetOrder) {
  // a < ă < â < b < c < d < đ < e < ê ... < o < ô < ơ < ... u < ư (the Vietnamese alphabet), whatever the case.
  std::vector<std::string> letters = {
      "a", "\xC4\x83", "\xC3\xA2", "b", "c", "d", "\xC4\x91", "e", "\xC3\xAA", "g",        "h", "i", "k", "l", "m", "n",
      "o", "\xC3\xB4", "\xC6\xA1", "p", "q", "r", "s",        "t", "u",        "\xC6\xB0", "v", "x", "y"};
  for (size_t i = 0; i + 1 < letters.size(); ++i) {
    EXPECT_TRUE(vi_less(letters[i], letters[i + 1])) << letters[i] << " < " << letters[i + 1];
    EXPECT_LT(vi_sort_key(letters[i]), vi_sort_key(letters[i + 1])) << letters[i] << " < " << letters[i + 1];
  }
  // Đ sorts after every D word, not among them as the root collation would have it.
  EXPECT_TRUE(vi_less("Dung", "\xC4\x90\xE1\xBA\xA1t"));  // Dung < Đạt
  EXPECT_TRUE(vi_less("D\xC5\xA9ng",
                      "\xC4\x90"
                      "ao"));  // Dũng < Đao
  EXPECT_FALSE(
      vi_less("\xC4\x90"
              "ao",
              "D\xC5\xA9ng"));
}

TEST(PersonSortKey, OrdersByGivenNameThenFamilyAndMiddle) {
  // Expected Vietnamese order of people: given name first (An < Anh < Ánh < Ăn < Bình < Dũng < Đức), then
  // family + middle names for the same given name.
  const std::vector<std::string> expected = {
      "Tr\xE1\xBA\xA7n V\xC4\x83n An",       // Trần Văn An
      "Ph\xE1\xBA\xA1m Th\xE1\xBB\x8B Anh",  // Phạm Thị Anh
      "L\xC3\xAA Ng\xE1\xBB\x8D"
      "c \xC3\x81nh",                              // Lê Ngọc Ánh
      "V\xC5\xA9 \xC4\x82n",                       // Vũ Ăn
      "L\xC3\xAA V\xC4\x83n B\xC3\xACnh",          // Lê Văn Bình
      "Nguy\xE1\xBB\x85n V\xC4\x83n B\xC3\xACnh",  // Nguyễn Văn Bình
      "Ho\xC3\xA0ng Minh D\xC5\xA9ng",             // Hoàng Minh Dũng
      "B\xC3\xB9i \xC4\x90\xE1\xBB\xA9"
      "c",  // Bùi Đức
      "Nguy\xE1\xBB\x85n V\xC4\x83n \xC4\x90\xE1\xBB\xA9"
      "c",  // Nguyễn Văn Đức
  };
  std::vector<std::string> shuffled = {expected[5], expected[8], expected[0], expected[3], expected[7],
                                       expected[1], expected[6], expected[2], expected[4]};
  std::sort(shuffled.begin(), shuffled.end(), person_less);
  EXPECT_EQ(shuffled, expected);

  // The raw keys sort the same way byte-wise, and so do the hex forms.
  for (size_t i = 0; i + 1 < expected.size(); ++i) {
    EXPECT_LT(person_sort_key(expected[i]), person_sort_key(expected[i + 1])) << expected[i];
    EXPECT_LT(person_sort_key_hex(expected[i]), person_sort_key_hex(expected[i + 1])) << expected[i];
  }
}

TEST(PersonSortKey, FamilyNameDecidesOnlyAfterGivenName) {
  // "Nguyễn An" sorts before "An Bình" even though "An" < "Nguyễn" as family names.
  EXPECT_TRUE(person_less("Nguy\xE1\xBB\x85n An", "An B\xC3\xACnh"));
  // A shorter given name that is a prefix sorts first regardless of family names: "Zô An" < "An Anh".
  EXPECT_TRUE(person_less("Z\xC3\xB4 An", "An Anh"));
}

TEST(PersonSortKey, NfcAndNfdGiveTheSameKey) {
  EXPECT_EQ(person_sort_key(kNfc), person_sort_key(kNfd));
  EXPECT_EQ(person_sort_key(kNfc), person_sort_key("  Nguy\xE1\xBB\x85n   V\xC4\x83n \xC4\x90\xE1\xBB\xA9"
                                                   "c "));
  EXPECT_EQ(vi_sort_key(kNfc), vi_sort_key(kNfd));
}

TEST(PersonSortKey, HexIsLowercaseHexOfRawKey) {
  std::string raw = person_sort_key(kNfc);
  std::string hex = person_sort_key_hex(kNfc);
  ASSERT_EQ(hex.size(), raw.size() * 2);
  EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(to_hex(std::string("\x00\x0f\xff", 3)), "000fff");
}

TEST(PersonSortKey, ToneMarkPlacementVariantsStayAdjacent) {
  // "Hòa" and "Hoà" are different strings but must sort next to each other, between neighbours.
  const std::string hoa_new =
      "Nguy\xE1\xBB\x85n V\xC4\x83n H\xC3\xB2"
      "a";
  const std::string hoa_old = "Nguy\xE1\xBB\x85n V\xC4\x83n Ho\xC3\xA0";
  const std::string before = "Nguy\xE1\xBB\x85n V\xC4\x83n H\xC3\xA0";   // Hà
  const std::string after = "Nguy\xE1\xBB\x85n V\xC4\x83n Ho\xC3\xA0n";  // Hoàn
  for (const auto& hoa : {hoa_new, hoa_old}) {
    EXPECT_TRUE(person_less(before, hoa)) << hoa;
    EXPECT_TRUE(person_less(hoa, after)) << hoa;
  }
}

TEST(Text, ThreadSafeUnderConcurrentUse) {
  const std::vector<std::string> names = {kNfc, kNfd, "Tr\xE1\xBA\xA7n Th\xE1\xBB\x8B Hoa", "L\xC3\xAA Anh",
                                          "Ph\xE1\xBA\xA1m Minh \xC4\x90\xE1\xBA\xA1t"};
  std::vector<std::string> expected_keys, expected_search;
  for (const auto& n : names) {
    expected_keys.push_back(person_sort_key(n));
    expected_search.push_back(search_key(n));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 500; ++round) {
        size_t i = static_cast<size_t>(round + t) % names.size();
        if (person_sort_key(names[i]) != expected_keys[i]) ++mismatches[t];
        if (search_key(names[i]) != expected_search[i]) ++mismatches[t];
        if (to_nfc(names[i]) != to_nfc(kNfc) && i < 2) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace xeploai::text
