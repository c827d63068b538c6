// Takes details such as an order number or an e-mail out of a message.
//
//   auto order = SlotExtractor::Builtin("order_id", "order_number");
//   std::optional<SlotValue> v = (*order)->Extract(normalized);
//   // For "Where is order #AB-12345?": v->value == "AB-12345".
#ifndef FIRSTLINE_SERVICE_MATCHING_SLOT_EXTRACTOR_H_
#define FIRSTLINE_SERVICE_MATCHING_SLOT_EXTRACTOR_H_

#include <bitset>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/text/normalizer.h"

namespace re2 {
class RE2;
}

namespace firstline {

// A value found in a message, as the customer wrote it.
struct SlotValue {
  std::string name;
  std::string value;
  // Byte range of the value in the original text.
  size_t begin = 0;
  size_t end = 0;
};

// Runs one RE2 expression with a group named after the slot. Immutable and
// thread-safe.
class SlotExtractor {
 public:
  // A built-in extractor: order_number, email, phone, amount or date.
  // INVALID_ARGUMENT for any other kind.
  static absl::StatusOr<std::unique_ptr<const SlotExtractor>> Builtin(
      absl::string_view name, absl::string_view kind);
  // An editor's expression; it must compile and have a group named `name`.
  static absl::StatusOr<std::unique_ptr<const SlotExtractor>> FromRegex(
      absl::string_view name, absl::string_view regex);
  ~SlotExtractor();

  // The first value in `text`, mapped back to the original text, or nothing.
  std::optional<SlotValue> Extract(const NormalizedText& text,
                                   absl::string_view original) const;

  const std::string& name() const { return name_; }

  // The names of the built-in kinds, for error messages.
  static std::vector<std::string> BuiltinKinds();

 private:
  // A text with none of the bytes of a non-empty `needs_one_of` cannot
  // match `regex`.
  SlotExtractor(std::string name, std::unique_ptr<re2::RE2> regex, int group,
                absl::string_view needs_one_of);

  std::string name_;
  std::unique_ptr<re2::RE2> regex_;
  int group_;  // The capturing group that holds the value.
  // By byte; all set when any text may match.
  std::bitset<256> may_match_with_;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_MATCHING_SLOT_EXTRACTOR_H_
