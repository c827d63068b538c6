#include "service/matching/phrase_compiler.h"

#include <re2/re2.h>

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
    absl::StatusOr<std::string> regex = (*compiler)->Phrase(phrase);
    EXPECT_TRUE(regex.ok()) << regex.status();
    RE2 re(*regex);
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

TEST_F(PhraseCompilerTest, WordsAreWholeAcrossScripts) {
  EXPECT_FALSE(Matches("ru", "кот", "скотина"));
  EXPECT_TRUE(Matches("ru", "кот", "кот."));
  EXPECT_TRUE(Matches("ru", "кот", "кот😀"));
  EXPECT_TRUE(Matches("ru", "кот", "«кот»"));
  // Letters of other scripts are part of the word they stand in.
  EXPECT_FALSE(Matches("en", "caf", "café"));
  EXPECT_TRUE(Matches("en", "refund", "refund"));
}

TEST_F(PhraseCompilerTest, RejectsWhatCannotMatch) {
  auto compiler = *PhraseCompiler::Create("ru");
  EXPECT_THAT(compiler->Phrase("Заказ").status().message(),
              HasSubstr("capital letter"));
  EXPECT_THAT(compiler->Phrase("ёлка").status().message(), HasSubstr("'ё'"));
  EXPECT_THAT(compiler->Phrase("... заказ").status().message(),
              HasSubstr("'...' goes between two words"));
  EXPECT_THAT(compiler->Phrase("  ").status().message(), HasSubstr("empty"));
  EXPECT_FALSE(PhraseCompiler::Create("xx").ok());
}

TEST(PhraseCompilerRegexTest, SpellsOutWordClassesAndAddsBoundaries) {
  absl::StatusOr<std::string> regex = PhraseCompiler::Regex(R"(order\W+\w+)");
  ASSERT_TRUE(regex.ok());
  RE2 re(*regex);
  EXPECT_TRUE(RE2::PartialMatch(ScanText("my order №заказ1"), re));
  EXPECT_FALSE(RE2::PartialMatch(ScanText("preorder x"), re));
  regex = PhraseCompiler::Regex(R"([\w-]+@x)");
  ASSERT_TRUE(regex.ok());
  EXPECT_TRUE(RE2::PartialMatch(ScanText("мой-адрес@x"), RE2(*regex)));
  EXPECT_THAT(PhraseCompiler::Regex(R"(\border)").status().message(),
              HasSubstr("\\b is not needed"));
  EXPECT_FALSE(PhraseCompiler::Regex(R"([\W])").ok());
}

TEST(ScanTextTest, KeepsAsciiAndRussianLettersOnly) {
  EXPECT_EQ(ScanText("где мой заказ? ok"), "где мой заказ? ok");
  EXPECT_EQ(ScanText("café 😀 «x» №5"), "caf_    x   5");
  EXPECT_EQ(ScanText("їжак"), "_жак");
}

TEST(PhraseCompilerRegexTest, AnchorsReplaceTheBoundaryOnTheirSide) {
  absl::StatusOr<std::string> regex =
      PhraseCompiler::Regex(R"(^(hi|hello)\W*$)");
  ASSERT_TRUE(regex.ok());
  RE2 re(*regex);
  EXPECT_TRUE(RE2::PartialMatch("hello!", re));
  EXPECT_FALSE(RE2::PartialMatch("well hello", re));
  EXPECT_FALSE(RE2::PartialMatch("hello there", re));
  regex = PhraseCompiler::Regex(R"(cost \$)");
  ASSERT_TRUE(regex.ok());
  EXPECT_TRUE(RE2::PartialMatch("the cost $ here", RE2(*regex)));
}

}  // namespace
}  // namespace firstline
