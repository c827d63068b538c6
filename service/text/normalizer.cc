#include "service/text/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firstline {
namespace {

// One character on its way through the stages, with the original bytes it
// stands for.
struct Char {
  UChar32 code;
  uint32_t begin;
  uint32_t end;
  bool alpha;  // u_isalpha(code), which look-alike folding keeps.
};

bool IsCyrillic(UChar32 c) { return c >= 0x0400 && c <= 0x04FF; }
bool IsLatin(UChar32 c) { return (c >= 'a' && c <= 'z'); }

// Lower-case letters that look the same in Latin and Cyrillic script
// (upper-case look-alikes such as H/Н or B/В arrive here lower-cased).
constexpr std::pair<UChar32, UChar32> kLookAlikes[] = {
    {'a', 0x0430}, {'b', 0x0432}, {'c', 0x0441}, {'e', 0x0435},
    {'h', 0x043D}, {'k', 0x043A}, {'m', 0x043C}, {'o', 0x043E},
    {'p', 0x0440}, {'t', 0x0442}, {'x', 0x0445}, {'y', 0x0443},
};

UChar32 LatinToCyrillic(UChar32 c) {
  for (const auto& [latin, cyrillic] : kLookAlikes) {
    if (c == latin) return cyrillic;
  }
  return c;
}

UChar32 CyrillicToLatin(UChar32 c) {
  for (const auto& [latin, cyrillic] : kLookAlikes) {
    if (c == cyrillic) return latin;
  }
  return c;
}

bool IsInvisible(UChar32 c) {
  // Format characters (zero-width space and joiners, soft hyphen, BOM,
  // direction marks) and variation selectors carry nothing to match.
  return u_charType(c) == U_FORMAT_CHAR || (c >= 0xFE00 && c <= 0xFE0F);
}

// Typographic apostrophes, quotes and dashes as their ASCII forms, so that
// "don’t" matches a pattern written with "don't".
UChar32 FoldPunctuation(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x02BC:
    case 0x2032:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      return c;
  }
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || u_iscntrl(c); }

// What Decode() makes of one code point, ignoring the segment it is in.
// For small code points these are looked up in Normalizer::table_ rather
// than asked of ICU; the table is built with these same functions.
constexpr uint32_t kCodeMask = 0x1FFFFF;
constexpr uint32_t kInvisible = 1u << 21;
constexpr uint32_t kSpace = 1u << 22;
// NFKC has a boundary before the code point.
constexpr uint32_t kBoundaryBefore = 1u << 23;
// NFKC leaves the code point unchanged when it is a segment of its own.
constexpr uint32_t kStableAlone = 1u << 24;
// The code point emitted is a letter (u_isalpha).
constexpr uint32_t kEmitsLetter = 1u << 25;

// The code point emitted for `c` (lower case, folded), or kInvisible or
// kSpace.
uint32_t Emitted(UChar32 c) {
  if (IsInvisible(c)) return kInvisible;
  if (IsSpace(c)) return kSpace;
  c = FoldPunctuation(u_tolower(c));
  if (c == 0x0451) c = 0x0435;  // ё -> е
  return static_cast<uint32_t>(c);
}

// Decodes UTF-8, applies NFKC per normalisation segment (so every output
// character keeps the source range of its segment), lower-cases, folds ё,
// drops invisible characters and collapses white space, into `out`, which
// must be empty. `table` as Normalizer::table_.
void Decode(const icu::Normalizer2& nfkc, const std::vector<uint32_t>& table,
            absl::string_view text, std::vector<Char>& out) {
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  const auto size = static_cast<UChar32>(table.size());
  bool pending_space = false;
  auto emit = [&](UChar32 c, uint32_t begin, uint32_t end) {
    const uint32_t entry = c < size ? table[c] : 0;
    const uint32_t emitted =
        c < size ? entry & (kCodeMask | kInvisible | kSpace) : Emitted(c);
    if (emitted & kInvisible) return;
    if (emitted & kSpace) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) {
      out.push_back({' ', begin, begin, false});
      pending_space = false;
    }
    const auto code = static_cast<UChar32>(emitted);
    const bool letter =
        c < size ? (entry & kEmitsLetter) != 0 : u_isalpha(code) != 0;
    out.push_back({code, begin, end, letter});
  };
  auto boundary_before = [&](UChar32 d) {
    return d < size ? (table[d] & kBoundaryBefore) != 0
                    : nfkc.hasBoundaryBefore(d);
  };

  // The character after the one at hand, once decoded to look at it, so
  // that it is not decoded again.
  bool peeked = false;
  UChar32 next_code = 0;
  int32_t next_end = 0;
  int32_t i = 0;
  while (peeked || i < length) {
    // A segment runs from one character with a normalisation boundary
    // before it to the next; ASCII is its own segment and stable under NFKC.
    const int32_t segment_begin = i;
    UChar32 c;
    if (peeked) {
      c = next_code;
      i = next_end;
      peeked = false;
    } else {
      U8_NEXT(bytes, i, length, c);
    }
    if (c < 0) continue;
    if (c < 0x80) {
      emit(c, segment_begin, i);
      continue;
    }
    bool alone = true;
    if (i < length) {
      next_end = i;
      U8_NEXT(bytes, next_end, length, next_code);
      peeked = true;
      alone = next_code < 0 || boundary_before(next_code);
    }
    if (alone && c < size && (table[c] & kStableAlone)) {
      // Most letters of most scripts: NFKC would give them back as they
      // are, at the cost of a string and a normaliser pass each.
      emit(c, segment_begin, i);
      continue;
    }
    peeked = false;  // The segment's loop decodes from i again.
    icu::UnicodeString segment(c);
    while (i < length) {
      int32_t next = i;
      UChar32 d;
      U8_NEXT(bytes, next, length, d);
      if (d < 0 || boundary_before(d)) break;
      segment.append(d);
      i = next;
    }
    UErrorCode error = U_ZERO_ERROR;
    icu::UnicodeString normalized = nfkc.normalize(segment, error);
    if (U_FAILURE(error)) normalized = segment;
    for (int32_t k = 0; k < normalized.length();) {
      UChar32 n = normalized.char32At(k);
      k += U16_LENGTH(n);
      emit(n, segment_begin, i);
    }
  }
}

// Decode() for the commonest text: every character below U+0800, each one
// NFKC leaves as it is and none that joins the one before it (most Russian
// and English messages). Then a character's table entry is all Decode()
// would work out, and without Decode()'s look-ahead and calls into ICU this
// loop keeps its state in registers: normalisation takes about a third less
// time. Returns false, with `out` to be cleared, at the first character
// outside that case.
bool DecodeFromTable(const std::vector<uint32_t>& table, absl::string_view text,
                     std::vector<Char>& out) {
  constexpr uint32_t kTableOnly = kStableAlone | kBoundaryBefore;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const uint32_t* entries = table.data();
  const auto length = static_cast<uint32_t>(text.size());
  bool pending_space = false;
  for (uint32_t i = 0; i < length;) {
    const uint32_t begin = i;
    uint32_t code = bytes[i];
    if (code < 0x80) {
      ++i;
    } else if (code >= 0xC2 && code <= 0xDF && i + 1 < length &&
               (bytes[i + 1] & 0xC0) == 0x80) {
      code = ((code & 0x1F) << 6) | (bytes[i + 1] & 0x3F);
      i += 2;
    } else {
      return false;
    }
    const uint32_t entry = entries[code];
    if ((entry & kTableOnly) != kTableOnly) return false;
    // What follows repeats the end of Decode()'s emit(). Shared through an
    // inline function, Russian normalisation measured a seventh slower.
    if (entry & kInvisible) continue;
    if (entry & kSpace) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back({' ', begin, begin, false});
      pending_space = false;
    }
    out.push_back({static_cast<UChar32>(entry & kCodeMask), begin, i,
                   (entry & kEmitsLetter) != 0});
  }
  return true;
}

// Within each word that mixes scripts, turns the look-alike letters of the
// smaller script into the larger one: "зaказ" with a Latin "a" is "заказ".
void FoldLookAlikes(std::vector<Char>& chars) {
  size_t word_begin = 0;
  while (word_begin < chars.size()) {
    size_t word_end = word_begin;
    int cyrillic = 0;
    int latin = 0;
    while (word_end < chars.size() && chars[word_end].alpha) {
      cyrillic += IsCyrillic(chars[word_end].code);
      latin += IsLatin(chars[word_end].code);
      ++word_end;
    }
    if (cyrillic > 0 && latin > 0 && cyrillic != latin) {
      for (size_t k = word_begin; k < word_end; ++k) {
        UChar32& c = chars[k].code;
        c = cyrillic > latin ? LatinToCyrillic(c) : CyrillicToLatin(c);
      }
    }
    word_begin = std::max(word_end, word_begin + 1);
  }
}

// "приииивет" -> "привет": three or more of one letter become one. Two stay
// ("класс", "good"). In place.
void CollapseRepeats(std::vector<Char>& chars) {
  size_t kept = 0;
  for (size_t i = 0; i < chars.size();) {
    const UChar32 code = chars[i].code;
    size_t run_end = i + 1;
    while (run_end < chars.size() && chars[run_end].code == code) ++run_end;
    if (run_end - i >= 3 && chars[i].alpha) {
      chars[kept++] = {code, chars[i].begin, chars[run_end - 1].end, true};
    } else if (kept == i) {
      kept = run_end;  // Nothing collapsed yet: the run stays where it is.
    } else {
      for (size_t k = i; k < run_end; ++k) chars[kept++] = chars[k];
    }
    i = run_end;
  }
  chars.resize(kept);
}

// Normalize() keeps its buffer for messages up to this many characters.
constexpr size_t kKeptChars = 1 << 16;

}  // namespace

std::pair<size_t, size_t> NormalizedText::SourceRange(size_t begin,
                                                      size_t end) const {
  // The character that holds byte b is the number of characters that
  // start at or before b, less one; continuation bytes start none.
  size_t first = 0;
  size_t last = 0;
  for (size_t b = 0; b < end; ++b) {
    if (!U8_IS_TRAIL(text[b])) {
      if (b <= begin) ++first;
      ++last;
    }
  }
  return {source[first - 1].begin, source[last - 1].end};
}

absl::StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create() {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(error);
  if (U_FAILURE(error)) {
    return absl::InternalError(
        absl::StrCat("ICU has no NFKC data: ", u_errorName(error)));
  }
  std::vector<uint32_t> table(kTableSize);
  for (UChar32 c = 0; c < kTableSize; ++c) {
    uint32_t entry = Emitted(c);
    if ((entry & (kInvisible | kSpace)) == 0 &&
        u_isalpha(static_cast<UChar32>(entry))) {
      entry |= kEmitsLetter;
    }
    if (nfkc->hasBoundaryBefore(c)) entry |= kBoundaryBefore;
    const icu::UnicodeString alone(c);
    UErrorCode normalized_error = U_ZERO_ERROR;
    const icu::UnicodeString normalized =
        nfkc->normalize(alone, normalized_error);
    if (U_SUCCESS(normalized_error) && normalized == alone) {
      entry |= kStableAlone;
    }
    table[c] = entry;
  }
  return std::unique_ptr<Normalizer>(new Normalizer(nfkc, std::move(table)));
}

NormalizedText Normalizer::Normalize(absl::string_view text) const {
  // Reused by the calls of one thread rather than allocated for each
  // message; see kKeptChars.
  thread_local std::vector<Char> chars;
  chars.clear();
  if (!DecodeFromTable(table_, text, chars)) {
    chars.clear();
    Decode(*nfkc_, table_, text, chars);
  }
  FoldLookAlikes(chars);
  CollapseRepeats(chars);

  // U8_LENGTH is 0 for surrogates, which are dropped.
  size_t size = 0;
  size_t kept = 0;
  for (const Char& c : chars) {
    const size_t length = U8_LENGTH(c.code);
    size += length;
    kept += length > 0;
  }
  NormalizedText result;
  result.text.resize(size);
  result.source.resize(kept);
  auto* out = reinterpret_cast<uint8_t*>(result.text.data());
  NormalizedText::Span* source = result.source.data();
  size_t at = 0;
  for (const Char& c : chars) {
    if (U8_LENGTH(c.code) == 0) continue;
    U8_APPEND_UNSAFE(out, at, c.code);
    *source++ = {c.begin, c.end};
  }
  if (chars.capacity() > kKeptChars) chars = {};
  return result;
}

bool IsValidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  if (text.size() > static_cast<size_t>(INT32_MAX)) return false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace firstline
