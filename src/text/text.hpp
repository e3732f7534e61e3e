#pragma once
// Vietnamese text handling on ICU: NFC normalization, diacritic-insensitive search keys (đ -> d) and the
// Vietnamese order of people (given name first, then family and middle names, `vi` collation).
// Every function is safe to call from several threads at once: ICU objects that are not thread-safe
// (Transliterator, Collator) are cached per thread. Design notes: docs/text.md.
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace xeploai::text {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// True when `s` is already in Unicode Normalization Form C. Invalid UTF-8 is never NFC.
bool is_nfc(std::string_view s);

// `s` in NFC. Invalid UTF-8 sequences become U+FFFD; validate untrusted input with normalize_field first.
std::string to_nfc(std::string_view s);

// Untrusted input as stored: valid UTF-8 required, then NFC, surrounding whitespace trimmed and inner runs of
// whitespace collapsed to one space. The error names `field` (e.g. "full_name" or "row 12, column name").
Result<std::string> normalize_field(std::string_view s, std::string_view field);

// Key for searching that ignores case, diacritics and tone marks, with đ/Đ folded to d, whitespace collapsed:
// "Nguyễn Văn Đức" -> "nguyen van duc". Compare a folded query with folded stored keys (equality, prefix, LIKE).
std::string search_key(std::string_view s);

// A LIKE pattern matching stored search keys that contain the folded `query` anywhere: "%nguyen van%", with
// `%`, `_` and `\` of the query escaped by a backslash. Use it with `LIKE ? ESCAPE '\'` (SQLite and PostgreSQL).
std::string search_like_pattern(std::string_view query);

// A Vietnamese full name split in the Vietnamese way: family name first, given name last, anything between
// is the middle name ("Nguyễn Thị Thu Hà" -> family "Nguyễn", middle "Thị Thu", given "Hà"). A single word is a
// given name only. Parts are NFC with whitespace collapsed.
struct PersonName {
  std::string family;
  std::string middle;
  std::string given;

  // "family middle given", skipping empty parts.
  std::string full() const;
};
PersonName split_person_name(std::string_view full_name);

// Sort key of a person's full name: the ICU `vi` collation key of the given name, then of the family and
// middle names. Byte-wise comparison of two keys (memcmp, ORDER BY on a SQLite BLOB or PostgreSQL bytea)
// orders people the Vietnamese way: An < Anh < Ánh < Ăn < Bình < Dũng < Đức. NFC and NFD input give the same
// key. Raw bytes may contain NUL; use person_sort_key_hex for text columns.
std::string person_sort_key(std::string_view full_name);

// The same key as lowercase hex: byte-wise (or C-collation) order of the hex strings equals that of the keys.
std::string person_sort_key_hex(std::string_view full_name);

// `vi` collation sort key of any text (e.g. unit names), raw bytes, comparable with memcmp.
std::string vi_sort_key(std::string_view s);

// In-memory comparisons: vi_less orders any two strings by `vi` collation; person_less orders full names as
// person_sort_key does.
bool vi_less(std::string_view a, std::string_view b);
bool person_less(std::string_view a, std::string_view b);

// Lowercase hex of bytes (shared with callers that store binary keys in text columns).
std::string to_hex(std::string_view bytes);

}  // namespace xeploai::text
