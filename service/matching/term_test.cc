#include "service/matching/term.h"

#include <re2/re2.h>

#include "gtest/gtest.h"
#include "service/matching/re2_piece.h"

namespace firstline {
namespace {

using Kind = TermEnding::Kind;

// Every text of up to `length` characters from `alphabet`.
std::vector<std::string> AllTexts(const std::vector<std::string>& alphabet,
                                  int length) {
  std::vector<std::string> texts = {""};
  std::vector<std::string> last = {""};
  for (int i = 0; i < length; ++i) {
    std::vector<std::string> next;
    for (const std::string& text : last) {
      for (const std::string& c : alphabet) next.push_back(text + c);
    }
    texts.insert(texts.end(), next.begin(), next.end());
    last = std::move(next);
  }
  return texts;
}

TEST(TermEndingTest, TheCheckAgreesWithTheRegex) {
  // Latin and Russian letters, a digit, "_", non-word characters, and two
  // letters scan text never has (é, ї), for any text given to a matcher.
  const std::vector<std::string> texts = AllTexts(
      {"a", "z", "1", "_", " ", "!", "а", "я", "ё", "п", "р", "é", "ї"}, 4);
  std::vector<TermEnding> endings = {
      {Kind::kNone, 0}, {Kind::kWordEnds, 0}, {Kind::kWordChars, 0}};
  for (int max = 0; max <= 3; ++max) {
    endings.push_back({Kind::kLatinLetters, max});
    endings.push_back({Kind::kCyrillicLetters, max});
  }
  for (const TermEnding& ending : endings) {
    const RE2 regex("^(?:" + ending.Regex() + ")");
    ASSERT_TRUE(regex.ok()) << regex.error();
    for (const std::string& text : texts) {
      ASSERT_EQ(ending.HoldsAt(text, 0),
                RE2::PartialMatch(Re2Piece(text), regex))
          << "ending " << ending.Regex() << " on '" << text << "'";
      // And from the middle of a text, after a head.
      const std::string after_head = "order" + text;
      ASSERT_EQ(ending.HoldsAt(after_head, 5),
                RE2::PartialMatch(Re2Piece(text), regex))
          << "ending " << ending.Regex() << " on '" << after_head << "'";
    }
  }
}

TEST(TermEndingTest, LimitsLettersOfItsOwnScript) {
  const TermEnding latin{Kind::kLatinLetters, 2};
  EXPECT_TRUE(latin.HoldsAt("ed ", 0));
  EXPECT_FALSE(latin.HoldsAt("ing ", 0));
  EXPECT_FALSE(latin.HoldsAt("ая ", 0));
  const TermEnding cyrillic{Kind::kCyrillicLetters, 2};
  EXPECT_TRUE(cyrillic.HoldsAt("ая!", 0));
  EXPECT_FALSE(cyrillic.HoldsAt("ами", 0));
  EXPECT_FALSE(cyrillic.HoldsAt("ed", 0));
}

TEST(TermTest, RegexIsTheHeadThenTheEnding) {
  const Term term{"order", {Kind::kWordEnds, 0}};
  EXPECT_EQ(term.Regex(), "order" + term.ending.Regex());
  EXPECT_EQ(TermRegexes({term, {"x", {}}}),
            (std::vector<std::string>{term.Regex(), "x"}));
}

}  // namespace
}  // namespace firstline
