#include "service/matching/phrase_compiler.h"

#include <re2/re2.h>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class PhraseCompilerTest : public ::testing::Test {
 protected:
  // True when `phrase` in `locale` matches somewhere in `text`.
  bool Matches(absl::string_view locale, absl::string_view phrase,
               const std::string& text) {
    auto compiler = PhraseCompiler::Create(locale);
    EXPECT_TRUE(compiler.ok());
    absl::StatusOr<Term> term = (*compiler)->Phrase(phrase);
    EXPECT_TRUE(term.ok()) << term.status();
    RE2 re(term->Regex());
    EXPECT_TRUE(re.ok()) << re.error();
    return RE2::PartialMatch(ScanText(text), re);
  }
};

TEST_F(PhraseCompilerTest, EnglishWordsMatchWithTheirEndings) {
  EXPECT_TRUE(Matches("en", "order", "my orders are late"));
  EXPECT_TRUE(Matches("en", "order", "i ordered it"));
  EXPECT_TRUE(Matches("en", "delivery", "the delivered parcel"));
  EXPECT_TRUE(Matches("en", "cancellation", "cancellation fee"));
  EXPECT_FALSE(Matches("en", "order", "reorder"));
  EXPECT_FALSE(Matches("en", "order", "ord"));
}

TEST_F(PhraseCompilerTest, RussianWordsMatchWithTheirEndings) {
  EXPECT_TRUE(Matches("ru", "заказ", "где мой заказ"));
  EXPECT_TRUE(Matches("ru", "заказ", "статус заказами"));
  EXPECT_TRUE(Matches("ru", "доставка", "нет доставки"));
  EXPECT_TRUE(Matches("ru", "доставка", "с доставкой"));
  EXPECT_FALSE(Matches("ru", "заказ", "перезаказ"));
}

TEST_F(PhraseCompilerTest, ShortWordsAndEqualsSignMatchExactly) {
  EXPECT_TRUE(Matches("en", "my order", "where is my order"));
  EXPECT_FALSE(Matches("en", "my", "myself"));
  EXPECT_TRUE(Matches("en", "=usa", "ship to usa"));
  EXPECT_FALSE(Matches("en", "=usa", "usage"));
}

TEST_F(PhraseCompilerTest, StarMakesAPrefix) {
  EXPECT_TRUE(Matches("ru", "оплат*", "оплатить"));
  EXPECT_TRUE(Matches("ru", "оплат*", "оплатами"));
  EXPECT_FALSE(Matches("ru", "оплат*", "неоплата"));
}

TEST_F(PhraseCompilerTest, PhraseWordsAreAdjacentUnlessGapped) {
  EXPECT_TRUE(Matches("en", "track my order", "please track my order!"));
  EXPECT_FALSE(Matches("en", "track my order", "track the order"));
  EXPECT_TRUE(Matches("en", "where ... order", "where is my last order"));
  EXPECT_TRUE(Matches("en", "where ... order", "where order"));
  EXPECT_FALSE(
      Matches("en", "where ... order", "where is it and what about my order"));
}

TEST_F(PhraseCompilerTest, APhraseListsItsWords) {
  using Kind = TermEnding::Kind;
  auto compiler = PhraseCompiler::Create("ru");
  ASSERT_TRUE(compiler.ok());
  absl::StatusOr<Term> term =
      (*compiler)->Phrase("где ... мой заказ оплат* =тут");
  ASSERT_TRUE(term.ok()) << term.status();
  const std::vector<TermWord> expected = {
      {"где", {Kind::kWordEnds, 0}, false},
      {"мой", {Kind::kWordEnds, 0}, true},
      {"заказ", {Kind::kCyrillicLetters, 4}, false},
      {"оплат", {Kind::kWordChars, 0}, false},
      {"тут", {Kind::kWordEnds, 0}, false}};
  EXPECT_EQ(term->words, expected);
  // The last word's ending is the term's; a prefix's as the last word is
  // none, as a word always ends.
  EXPECT_EQ(term->ending, expected.back().ending);
  term = (*compiler)->Phrase("заказ оплат*");
  ASSERT_TRUE(term.ok());
  EXPECT_EQ(term->words.back().ending.kind, Kind::kNone);
  EXPECT_EQ(term->words.front().ending.kind, Kind::kCyrillicLetters);
}

TEST_F(PhraseCompilerTest, WordsAreWholeAcrossScripts) {
  EXPECT_FALSE(Matches("ru", "кот", "скотина"));
  EXPECT_TRUE(Matches("ru", "кот", "кот."));
  EXPECT_TRUE(Matches("ru", "кот", "кот😀"));
  EXPECT_TRUE(Matches("ru", "кот", "«кот»"));
  // Letters of other scripts are part of the word they stand in.
  EXPECT_FALSE(Matches("en", "caf", "café"));
  EXPECT_TRUE(Matches("en", "refund", "refund"));
}

TEST(PhraseCompilerTermTest, TheLastWordsEndingIsLeftToTheCheck) {
  auto english = *PhraseCompiler::Create("en");
  absl::StatusOr<Term> term = english->Phrase("track my delivery");
  ASSERT_TRUE(term.ok());
  EXPECT_TRUE(absl::EndsWith(term->head, "deliver")) << term->head;
  EXPECT_EQ(term->ending.kind, TermEnding::Kind::kLatinLetters);
  EXPECT_EQ(term->ending.max_letters, 4);
  EXPECT_EQ(english->Phrase("=usa")->ending.kind, TermEnding::Kind::kWordEnds);
  EXPECT_EQ(english->Phrase("refund*")->ending.kind, TermEnding::Kind::kNone);
  auto russian = *PhraseCompiler::Create("ru");
  EXPECT_EQ(russian->Phrase("заказ")->ending.kind,
            TermEnding::Kind::kCyrillicLetters);
  EXPECT_EQ(PhraseCompiler::Regex("order")->ending.kind,
            TermEnding::Kind::kWordEnds);
  // Anchored to the end of the message, the head is the whole term.
  EXPECT_EQ(PhraseCompiler::Regex("order$")->ending.kind,
            TermEnding::Kind::kNone);
}

TEST_F(PhraseCompilerTest, RejectsWhatCannotMatch) {
  auto compiler = *PhraseCompiler::Create("ru");
  EXPECT_THAT(compiler->Phrase("Заказ").status().message(),
              HasSubstr("capital letter"));
  EXPECT_THAT(compiler->Phrase("ёлка").status().message(), HasSubstr("'ё'"));
  EXPECT_THAT(compiler->Phrase("... заказ").status().message(),
              HasSubstr("'...' goes between two words"));
  EXPECT_THAT(compiler->Phrase("  ").status().message(), HasSubstr("empty"));
  EXPECT_THAT(compiler->Phrase("сто ₽").status().message(),
              HasSubstr("'₽' can never match"));
  EXPECT_THAT(compiler->Phrase("café").status().message(),
              HasSubstr("can never match"));
  EXPECT_FALSE(PhraseCompiler::Create("xx").ok());
}

TEST(PhraseCompilerRegexTest, SpellsOutWordClassesAndAddsBoundaries) {
  absl::StatusOr<Term> regex = PhraseCompiler::Regex(R"(order\W+\w+)");
  ASSERT_TRUE(regex.ok());
  RE2 re(regex->Regex());
  EXPECT_TRUE(RE2::PartialMatch(ScanText("my order №заказ1"), re));
  EXPECT_FALSE(RE2::PartialMatch(ScanText("preorder x"), re));
  regex = PhraseCompiler::Regex(R"([\w-]+@x)");
  ASSERT_TRUE(regex.ok());
  EXPECT_TRUE(RE2::PartialMatch(ScanText("мой-адрес@x"), RE2(regex->Regex())));
  EXPECT_THAT(PhraseCompiler::Regex(R"(\border)").status().message(),
              HasSubstr("\\b is not needed"));
  EXPECT_FALSE(PhraseCompiler::Regex(R"([\W])").ok());
}

TEST(ScanTextTest, KeepsAsciiAndRussianLettersOnly) {
  EXPECT_EQ(ScanText("где мой заказ? ok"), " где мой заказ? ok ");
  EXPECT_EQ(ScanText("café 😀 «x» №5"), " caf_    x   5 ");
  EXPECT_EQ(ScanText("їжак"), " _жак ");
  EXPECT_EQ(ScanText(""), "  ");
}

TEST(ScanTextTest, KeepsAsciiRunsOfAnyLengthAroundOtherCharacters) {
  // ASCII is copied in blocks of eight bytes: every place of a character
  // beyond ASCII within and after a block.
  for (int ascii = 0; ascii <= 17; ++ascii) {
    const std::string run(ascii, 'a');
    EXPECT_EQ(ScanText(run + "é" + "bcdefghij" + "ж"),
              " " + run + "_bcdefghijж ")
        << ascii;
  }
}

TEST(ScanTextTest, AppendsAfterWhatIsThereAndBlanksBrokenBytes) {
  std::string scan = "x";
  AppendScanText("ё\xff\xd0!", &scan);
  EXPECT_EQ(scan, "x ё  ! ");
}

TEST(PhraseCompilerRegexTest, AnchorsReplaceTheBoundaryOnTheirSide) {
  absl::StatusOr<Term> regex = PhraseCompiler::Regex(R"(^(hi|hello)\W*$)");
  ASSERT_TRUE(regex.ok());
  RE2 re(regex->Regex());
  EXPECT_TRUE(RE2::PartialMatch(ScanText("hello!"), re));
  EXPECT_TRUE(RE2::PartialMatch(ScanText("hi"), re));
  EXPECT_FALSE(RE2::PartialMatch(ScanText("well hello"), re));
  EXPECT_FALSE(RE2::PartialMatch(ScanText("hello there"), re));
  regex = PhraseCompiler::Regex(R"(cost \$)");
  ASSERT_TRUE(regex.ok());
  EXPECT_TRUE(
      RE2::PartialMatch(ScanText("the cost $ here"), RE2(regex->Regex())));
}

}  // namespace
}  // namespace firstline
