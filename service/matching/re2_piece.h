// RE2 of this release takes its own StringPiece, which does not convert
// from absl::string_view by itself.
#ifndef FIRSTLINE_SERVICE_MATCHING_RE2_PIECE_H_
#define FIRSTLINE_SERVICE_MATCHING_RE2_PIECE_H_

#include <re2/stringpiece.h>

#include "absl/strings/string_view.h"

namespace firstline {

inline re2::StringPiece Re2Piece(absl::string_view text) {
  return re2::StringPiece(text.data(), text.size());
}

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_RE2_PIECE_H_
