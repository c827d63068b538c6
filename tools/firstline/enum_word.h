// Proto enum values as the words people type and read.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "firstline/v1/conversation.pb.h"

namespace firstline {

// The enum value `name` without `prefix`, in lower case:
// EnumWord("BOT_ACTION_", "BOT_ACTION_HANDED_OFF") is "handed_off".
inline std::string EnumWord(absl::string_view prefix, absl::string_view name) {
  absl::ConsumePrefix(&name, prefix);
  return absl::AsciiStrToLower(name);
}

// The channel a person names ("chat", "email" ...); INVALID_ARGUMENT
// naming the choices otherwise.
inline absl::StatusOr<v1::Channel> ChannelFromWord(absl::string_view word) {
  v1::Channel channel;
  if (!v1::Channel_Parse(absl::StrCat("CHANNEL_", absl::AsciiStrToUpper(word)),
                         &channel) ||
      channel == v1::CHANNEL_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown channel '", word,
                     "'; use chat, email, messenger, social or helpdesk"));
  }
  return channel;
}

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_ENUM_WORD_H_
