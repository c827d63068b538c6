#include "service/text/text_shape.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace firstline {
namespace {

constexpr int kMinLetters = 6;
constexpr double kCapitalShare = 0.6;
constexpr int kExclamationRun = 3;

}  // namespace

std::vector<std::string> ShapeSignals(absl::string_view text) {
  int letters = 0;
  int capitals = 0;
  int run = 0;
  bool exclamations = false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    if (c < 0x80) {
      // ASCII without the ICU look-ups.
      const bool upper = c >= 'A' && c <= 'Z';
      if (upper || (c >= 'a' && c <= 'z')) {
        ++letters;
        capitals += upper;
      }
    } else if (u_isalpha(c)) {
      ++letters;
      capitals += u_isupper(c);
    }
    run = c == '!' ? run + 1 : 0;
    exclamations |= run >= kExclamationRun;
  }
  std::vector<std::string> signals;
  if (letters >= kMinLetters && capitals >= kCapitalShare * letters) {
    signals.push_back(kCapitalsSignal);
  }
  if (exclamations) signals.push_back(kExclamationsSignal);
  return signals;
}

}  // namespace firstline
