#include "service/matching/scan_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace firstline {

void AppendScanText(absl::string_view normalized, std::string* scan) {
  scan->reserve(scan->size() + normalized.size() + 2);
  scan->push_back(' ');
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const int32_t length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    // Runs of ASCII, most of most messages, are copied as they are.
    int32_t ascii_end = i;
    while (ascii_end < length && bytes[ascii_end] < 0x80) ++ascii_end;
    if (ascii_end > i) {
      scan->append(normalized.data() + i, ascii_end - i);
      i = ascii_end;
      if (i == length) break;
    }
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (KeptBeyondAscii(c)) {
      scan->append(normalized.data() + begin, i - begin);
    } else if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) {
      scan->push_back('_');
    } else {
      scan->push_back(' ');
    }
  }
  scan->push_back(' ');
}

std::string ScanText(absl::string_view normalized) {
  std::string scan;
  AppendScanText(normalized, &scan);
  return scan;
}

}  // namespace firstline
