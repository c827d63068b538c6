// What the shape of a message says about the customer's mood, whatever the
// language: shouting in capitals, runs of exclamation marks.
#ifndef FIRSTLINE_SERVICE_TEXT_TEXT_SHAPE_H_
#define FIRSTLINE_SERVICE_TEXT_TEXT_SHAPE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {

inline constexpr char kCapitalsSignal[] = "capitals";
inline constexpr char kExclamationsSignal[] = "exclamations";

// kCapitalsSignal when at least 6 letters are written and 60% or more of them
// are capitals ("WHERE IS MY ORDER"); kExclamationsSignal for "!!!" or a
// longer run. Requires valid UTF-8 (the original text, not normalised).
std::vector<std::string> ShapeSignals(absl::string_view text);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_TEXT_TEXT_SHAPE_H_
