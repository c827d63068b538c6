#include "service/answer/chat_splitter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace firstline {
namespace {

size_t CodePoints(absl::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// The byte length of the longest prefix of `text` with at most `limit` code
// points that does not cut a character.
size_t PrefixBytes(absl::string_view text, size_t limit) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == limit) return i;
      ++count;
    }
  }
  return text.size();
}

// Splits after sentence ends (".", "!", "?", "…" followed by white space)
// and at line breaks, keeping the punctuation with its sentence.
std::vector<absl::string_view> Sentences(absl::string_view text) {
  std::vector<absl::string_view> out;
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool line_break = text[i] == '\n';
    const bool sentence_end =
        (text[i] == '.' || text[i] == '!' || text[i] == '?' ||
         (i >= 2 && text.substr(i - 2, 3) == "…")) &&
        i + 1 < text.size() && (text[i + 1] == ' ' || text[i + 1] == '\n');
    if (line_break || sentence_end) {
      out.push_back(text.substr(begin, i + 1 - begin));
      begin = i + 1;
    }
  }
  if (begin < text.size()) out.push_back(text.substr(begin));
  return out;
}

}  // namespace

std::vector<std::string> SplitForChat(absl::string_view text, int max_chars) {
  const size_t limit = static_cast<size_t>(max_chars);
  std::vector<std::string> messages;
  if (CodePoints(text) <= limit) {
    // Most answers fit one message: the sentences would only be put back
    // together.
    absl::string_view trimmed = absl::StripAsciiWhitespace(text);
    if (!trimmed.empty()) messages.emplace_back(trimmed);
    return messages;
  }
  std::string current;
  auto flush = [&] {
    absl::string_view trimmed = absl::StripAsciiWhitespace(current);
    if (!trimmed.empty()) messages.emplace_back(trimmed);
    current.clear();
  };
  for (absl::string_view sentence : Sentences(text)) {
    if (CodePoints(current) + CodePoints(sentence) > limit) flush();
    // A sentence longer than a screen is cut at the last space that fits.
    while (CodePoints(sentence) > limit) {
      absl::string_view head = sentence.substr(0, PrefixBytes(sentence, limit));
      const size_t space = head.rfind(' ');
      if (space != absl::string_view::npos && space > 0)
        head = head.substr(0, space);
      current = std::string(head);
      flush();
      sentence.remove_prefix(head.size());
    }
    absl::StrAppend(&current, sentence);
  }
  flush();
  return messages;
}

}  // namespace firstline
