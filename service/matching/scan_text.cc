#include "service/matching/scan_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace firstline {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080;

}  // namespace

void AppendScanText(absl::string_view normalized, std::string* scan) {
  // Every character becomes as many bytes as it had or fewer, so the scan
  // text is written in place into its longest size, then cut to length.
  const size_t start = scan->size();
  scan->resize(start + normalized.size() + 2);
  char* out = scan->data() + start;
  *out++ = ' ';
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const int32_t length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    // Runs of ASCII, most of an English text, are copied eight bytes at a
    // time.
    if (i + 8 <= length) {
      uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      if ((word & kHighBits) == 0) {
        std::memcpy(out, &word, 8);
        out += 8;
        i += 8;
        continue;
      }
    }
    const uint8_t lead = bytes[i];
    if (lead < 0x80) {
      *out++ = static_cast<char>(lead);
      ++i;
      continue;
    }
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (KeptBeyondAscii(c)) {  // Two bytes, all of them.
      *out++ = static_cast<char>(bytes[begin]);
      *out++ = static_cast<char>(bytes[begin + 1]);
    } else if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) {
      *out++ = '_';
    } else {
      *out++ = ' ';
    }
  }
  *out++ = ' ';
  scan->resize(out - scan->data());
}

std::string ScanText(absl::string_view normalized) {
  std::string scan;
  AppendScanText(normalized, &scan);
  return scan;
}

}  // namespace firstline
