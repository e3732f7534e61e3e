#include "text/text.hpp"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace xeploai::text {
namespace {

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFC normalizer unavailable");
  return *n;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Collapses runs of Unicode white space to one ASCII space and trims both ends.
icu::UnicodeString collapse_space(const icu::UnicodeString& in) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      pending_space = !out.isEmpty();
      continue;
    }
    if (pending_space) out.append(static_cast<UChar>(u' '));
    pending_space = false;
    out.append(c);
  }
  return out;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString from_utf8_nfc(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString n = nfc().normalize(u, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalization failed");
  return n;
}

// Transliterator and Collator instances are not thread-safe for use; one per thread is cheap enough.
icu::Transliterator& folding_transliterator() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> created(
        icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFC; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !created) throw std::runtime_error("ICU folding transliterator unavailable");
    return created;
  }();
  return *t;
}

icu::Collator& vi_collator() {
  thread_local std::unique_ptr<icu::Collator> c = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> created(icu::Collator::createInstance(icu::Locale("vi"), status));
    // Falling back to the root collation would silently sort Đ with D: refuse instead.
    if (U_FAILURE(status) || !created || status == U_USING_DEFAULT_WARNING)
      throw std::runtime_error("ICU collation for Vietnamese (vi) unavailable");
    // NFD or mixed input must give the same keys as NFC.
    created->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU collator: cannot enable normalization");
    return created;
  }();
  return *c;
}

// Appends the collation key of `u`, including its terminating 0x00 byte. Keys hold no other 0x00 byte and
// 0x00 sorts first, so concatenated keys compare field by field.
void append_sort_key(std::string& out, const icu::UnicodeString& u) {
  icu::Collator& coll = vi_collator();
  uint8_t buffer[256];
  int32_t len = coll.getSortKey(u, buffer, sizeof buffer);
  if (len <= static_cast<int32_t>(sizeof buffer)) {
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(len));
    return;
  }
  std::vector<uint8_t> big(static_cast<size_t>(len));
  len = coll.getSortKey(u, big.data(), len);
  out.append(reinterpret_cast<const char*>(big.data()), static_cast<size_t>(len));
}

std::vector<icu::UnicodeString> words_of(const icu::UnicodeString& collapsed) {
  std::vector<icu::UnicodeString> words;
  int32_t start = 0;
  while (start < collapsed.length()) {
    int32_t space = collapsed.indexOf(static_cast<UChar>(u' '), start);
    if (space < 0) space = collapsed.length();
    words.emplace_back(collapsed, start, space - start);
    start = space + 1;
  }
  return words;
}

struct NameParts {
  icu::UnicodeString family, middle, given;
};

NameParts split(std::string_view full_name) {
  std::vector<icu::UnicodeString> words = words_of(collapse_space(from_utf8_nfc(full_name)));
  NameParts parts;
  if (words.empty()) return parts;
  parts.given = words.back();
  if (words.size() >= 2) parts.family = words.front();
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (!parts.middle.isEmpty()) parts.middle.append(static_cast<UChar>(u' '));
    parts.middle.append(words[i]);
  }
  return parts;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t length = static_cast<int32_t>(s.size());
  if (s.size() > static_cast<size_t>(INT32_MAX)) return false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

bool is_nfc(std::string_view s) {
  if (is_ascii(s)) return true;
  if (!is_valid_utf8(s)) return false;
  UErrorCode status = U_ZERO_ERROR;
  UBool normalized = nfc().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC check failed");
  return normalized;
}

std::string to_nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  return to_utf8(from_utf8_nfc(s));
}

Result<std::string> normalize_field(std::string_view s, std::string_view field) {
  if (!is_valid_utf8(s)) {
    std::string where(field);
    return Error::invalid("Văn bản không phải UTF-8 hợp lệ / text is not valid UTF-8",
                          {{where, "không phải UTF-8 hợp lệ / not valid UTF-8"}});
  }
  return to_utf8(collapse_space(from_utf8_nfc(s)));
}

std::string search_key(std::string_view s) {
  icu::UnicodeString u = collapse_space(from_utf8_nfc(s));
  // Đ has no decomposition, so removing marks leaves it: fold it by hand before the transliterator.
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0110)), icu::UnicodeString(static_cast<UChar>(u'd')));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0111)), icu::UnicodeString(static_cast<UChar>(u'd')));
  folding_transliterator().transliterate(u);
  return to_utf8(u);
}

std::string search_like_pattern(std::string_view query) {
  std::string out = "%";
  for (char c : search_key(query)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::string PersonName::full() const {
  std::string out;
  for (const std::string* part : {&family, &middle, &given}) {
    if (part->empty()) continue;
    if (!out.empty()) out += ' ';
    out += *part;
  }
  return out;
}

PersonName split_person_name(std::string_view full_name) {
  NameParts parts = split(full_name);
  return {to_utf8(parts.family), to_utf8(parts.middle), to_utf8(parts.given)};
}

std::string person_sort_key(std::string_view full_name) {
  NameParts parts = split(full_name);
  icu::UnicodeString rest = parts.family;
  if (!parts.middle.isEmpty()) {
    if (!rest.isEmpty()) rest.append(static_cast<UChar>(u' '));
    rest.append(parts.middle);
  }
  std::string key;
  append_sort_key(key, parts.given);
  append_sort_key(key, rest);
  return key;
}

std::string person_sort_key_hex(std::string_view full_name) { return to_hex(person_sort_key(full_name)); }

std::string vi_sort_key(std::string_view s) {
  std::string key;
  append_sort_key(key, from_utf8_nfc(s));
  return key;
}

bool vi_less(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = vi_collator().compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                                 icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU collation compare failed");
  return r == UCOL_LESS;
}

bool person_less(std::string_view a, std::string_view b) { return person_sort_key(a) < person_sort_key(b); }

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0x0f];
  }
  return out;
}

}  // namespace xeploai::text
