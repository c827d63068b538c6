#include "service/matching/scan_text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace firstline {

std::string ScanText(absl::string_view normalized) {
  std::string scan;
  scan.reserve(normalized.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(normalized.data());
  const int32_t length = static_cast<int32_t>(normalized.size());
  for (int32_t i = 0; i < length;) {
    const int32_t begin = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && c < 0x80) {
      scan += static_cast<char>(c);
    } else if ((c >= 0x0430 && c <= 0x044F) || c == 0x0451) {
      scan.append(normalized.data() + begin, i - begin);
    } else if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) {
      scan += '_';
    } else {
      scan += ' ';
    }
  }
  return scan;
}

}  // namespace firstline
