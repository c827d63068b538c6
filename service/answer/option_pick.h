// Recognising which of the offered options a customer's reply picks.
//
//   std::vector<std::vector<std::string>> names = {
//       {SpokenForm("card"), SpokenForm("visa")}, {SpokenForm("paypal")}};
//   PickOption(SpokenForm(normalized_reply), names);  // "2" or "PayPal": 1
//
// Customers answer a question with options by the option's number ("2"),
// its label or another way of saying it, often inside a sentence ("it was
// my visa."). Both sides are compared in their spoken form: normalised
// text (see Normalizer) with punctuation turned into spaces.
#ifndef FIRSTLINE_SERVICE_ANSWER_OPTION_PICK_H_
#define FIRSTLINE_SERVICE_ANSWER_OPTION_PICK_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace firstline {

// `normalized` (Normalizer output) as words separated by single spaces:
// ASCII characters other than letters and digits separate words.
std::string SpokenForm(absl::string_view normalized);

// The option a reply picks: option i when the reply is its number (i + 1),
// or when it contains one of names[i] as whole words and names no other
// option. Nothing when it picks none or several. Both the reply and the
// names must be in SpokenForm; empty names are ignored.
std::optional<size_t> PickOption(
    absl::string_view spoken_reply,
    const std::vector<std::vector<std::string>>& names);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_ANSWER_OPTION_PICK_H_
