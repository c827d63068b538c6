#include "service/matching/slot_extractor.h"

#include <re2/re2.h>

#include <algorithm>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/matching/re2_piece.h"

namespace firstline {
namespace {

// Built-in expressions run over normalised (lower-cased) text; the group
// named "value" holds what is returned. Word edges are spelled out, since
// RE2's \b only knows ASCII.
struct BuiltinKind {
  const char* kind;
  const char* regex;
  // Every match holds one of these bytes, so a text without any cannot
  // match and the regex is not run: most messages have no digit, and the
  // regexes were a tenth of the time of classifying the Russian mix.
  // Empty when there is no such set.
  const char* needs_one_of;
};

constexpr char kDigits[] = "0123456789";

constexpr BuiltinKind kBuiltins[] = {
    // "#12345", "order 12345", "заказ № ab-123456", "ORD-2024-001".
    {"order_number",
     R"((?:^|[^0-9a-zа-яё_@.])(?:#|№|n°|no\.?)?\s*(?P<value>(?:[a-zа-я]{1,4}-?)?[0-9][0-9-]{3,}[0-9]))"
     R"((?:[^0-9a-zа-яё_@.]|$))",
     kDigits},
    {"email", R"((?P<value>[0-9a-z._%+-]+@[0-9a-z.-]+\.[a-z]{2,}))", "@"},
    // +7 (912) 345-67-89, 8 912 345 67 89, +44 20 7946 0958.
    {"phone",
     R"((?:^|[^0-9])(?P<value>\+?[0-9][0-9 ()-]{8,16}[0-9])(?:[^0-9]|$))",
     kDigits},
    // 1 500 руб, 25.50 €, $30, 100 usd.
    {"amount",
     R"((?P<value>[$€£₽] ?[0-9](?:[0-9 ]{0,12}[0-9])?(?:[.,][0-9]{1,2})?|)"
     R"([0-9](?:[0-9 ]{0,12}[0-9])?(?:[.,][0-9]{1,2})? ?)"
     R"((?:[$€£₽]|руб[а-я]*|р\.|usd|eur|gbp|rub|dollars?|euros?|pounds?)))",
     kDigits},
    // 12.03.2024, 12/03, 2024-03-12, 5 марта, march 5, вчера, yesterday.
    {"date",
     R"((?:^|[^0-9a-zа-яё_])(?P<value>[0-9]{4}-[0-9]{2}-[0-9]{2}|)"
     R"([0-9]{1,2}[./][0-9]{1,2}(?:[./][0-9]{2,4})?|)"
     R"([0-9]{1,2} (?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)|)"
     R"((?:january|february|march|april|may|june|july|august|september|october|november|december) [0-9]{1,2}|)"
     R"([0-9]{1,2} (?:january|february|march|april|may|june|july|august|september|october|november|december)|)"
     R"(сегодня|вчера|позавчера|today|yesterday)(?:[^0-9a-zа-яё_]|$))",
     ""},
};

}  // namespace

SlotExtractor::SlotExtractor(std::string name, std::unique_ptr<re2::RE2> regex,
                             int group, absl::string_view needs_one_of)
    : name_(std::move(name)), regex_(std::move(regex)), group_(group) {
  if (needs_one_of.empty()) may_match_with_.set();
  for (char c : needs_one_of) may_match_with_.set(static_cast<uint8_t>(c));
}

SlotExtractor::~SlotExtractor() = default;

std::vector<std::string> SlotExtractor::BuiltinKinds() {
  std::vector<std::string> kinds;
  for (const BuiltinKind& builtin : kBuiltins) kinds.push_back(builtin.kind);
  return kinds;
}

absl::StatusOr<std::unique_ptr<const SlotExtractor>> SlotExtractor::Builtin(
    absl::string_view name, absl::string_view kind) {
  for (const BuiltinKind& builtin : kBuiltins) {
    if (kind != builtin.kind) continue;
    auto regex = std::make_unique<re2::RE2>(builtin.regex);
    if (!regex->ok()) {
      return absl::InternalError(absl::StrCat(
          "built-in slot '", kind, "' does not compile: ", regex->error()));
    }
    const int group = regex->NamedCapturingGroups().at("value");
    return std::unique_ptr<const SlotExtractor>(new SlotExtractor(
        std::string(name), std::move(regex), group, builtin.needs_one_of));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown built-in slot '", kind,
                   "'; built-ins are: ", absl::StrJoin(BuiltinKinds(), ", ")));
}

absl::StatusOr<std::unique_ptr<const SlotExtractor>> SlotExtractor::FromRegex(
    absl::string_view name, absl::string_view regex_text) {
  auto regex =
      std::make_unique<re2::RE2>(Re2Piece(regex_text), re2::RE2::Quiet);
  if (!regex->ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad regex: ", regex->error()));
  }
  const auto& groups = regex->NamedCapturingGroups();
  auto it = groups.find(std::string(name));
  if (it == groups.end()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the regex needs a group named after the slot: (?P<", name, ">...)"));
  }
  return std::unique_ptr<const SlotExtractor>(
      new SlotExtractor(std::string(name), std::move(regex), it->second, ""));
}

std::optional<SlotValue> SlotExtractor::Extract(
    const NormalizedText& text, absl::string_view original) const {
  if (std::none_of(text.text.begin(), text.text.end(), [this](char c) {
        return may_match_with_[static_cast<uint8_t>(c)];
      })) {
    return std::nullopt;
  }
  absl::InlinedVector<re2::StringPiece, 4> groups(group_ + 1);
  if (!regex_->Match(text.text, 0, text.text.size(), re2::RE2::UNANCHORED,
                     groups.data(), static_cast<int>(groups.size()))) {
    return std::nullopt;
  }
  const re2::StringPiece found = groups[group_];
  if (found.empty()) return std::nullopt;
  const size_t begin = found.data() - text.text.data();
  auto [source_begin, source_end] =
      text.SourceRange(begin, begin + found.size());
  SlotValue value;
  value.name = name_;
  value.value =
      std::string(original.substr(source_begin, source_end - source_begin));
  value.begin = source_begin;
  value.end = source_end;
  return value;
}

}  // namespace firstline
