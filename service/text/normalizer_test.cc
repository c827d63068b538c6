#include "service/text/normalizer.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace firstline {
namespace {

class NormalizerTest : public ::testing::Test {
 protected:
  std::string Norm(absl::string_view text) {
    return normalizer_->Normalize(text).text;
  }
  std::unique_ptr<Normalizer> normalizer_ = *Normalizer::Create();
};

TEST_F(NormalizerTest, LowerCasesCyrillicAndLatin) {
  EXPECT_EQ(Norm("Где мой ЗАКАЗ? Order NOW"), "где мой заказ? order now");
}

TEST_F(NormalizerTest, FoldsYoToYe) { EXPECT_EQ(Norm("Ёлка ещё"), "елка еще"); }

TEST_F(NormalizerTest, RemovesInvisibleCharacters) {
  EXPECT_EQ(Norm("за\u200Bказ\u00AD\uFEFF"), "заказ");
}

TEST_F(NormalizerTest, CollapsesAndTrimsWhiteSpace) {
  EXPECT_EQ(Norm("  where \t\n is\u00A0\u00A0my   order  "),
            "where is my order");
}

TEST_F(NormalizerTest, FoldsLatinLookAlikesInsideCyrillicWords) {
  // "заказ" with a Latin "a", and "НОМЕР" written with Latin H, O, M, E, P.
  EXPECT_EQ(Norm("зaказ HOMEP"), "заказ homep");
  EXPECT_EQ(Norm("зaказ НOМEР"), "заказ номер");
}

TEST_F(NormalizerTest, FoldsCyrillicLookAlikesInsideLatinWords) {
  // "order" with a Cyrillic "о" and "е".
  EXPECT_EQ(Norm("\u043Ert\u0435r"), "orter");
  EXPECT_EQ(Norm("\u043Erd\u0435r"), "order");
}

TEST_F(NormalizerTest, CollapsesLettersRepeatedThreeTimesOrMore) {
  EXPECT_EQ(Norm("Приииивет, heeeello"), "привет, hello");
  EXPECT_EQ(Norm("класс good 1000"), "класс good 1000");
  EXPECT_EQ(Norm("what!!! 1000000 ..."), "what!!! 1000000 ...");
  // Look-alikes are folded first: a Latin "a" among Cyrillic ones repeats.
  EXPECT_EQ(Norm("зa\u0430\u0430каз"), "заказ");
}

TEST_F(NormalizerTest, FoldsTypographicPunctuation) {
  EXPECT_EQ(Norm("I don’t «know» — ok"), "i don't \"know\" - ok");
}

TEST_F(NormalizerTest, AppliesNfkc) {
  // Full-width letters and a ligature.
  EXPECT_EQ(Norm("\uFF21\uFF22 \uFB01le"), "ab file");
  // "й" written as "и" plus a combining breve.
  EXPECT_EQ(Norm("мои\u0306"), "мой");
}

TEST_F(NormalizerTest, MapsBackToTheOriginalText) {
  const std::string original = "Заказ  №  AB-12345, ПРИИИВЕТ";
  NormalizedText n = normalizer_->Normalize(original);
  size_t at = n.text.find("ab-12345");
  ASSERT_NE(at, std::string::npos);
  auto [begin, end] = n.SourceRange(at, at + 8);
  EXPECT_EQ(original.substr(begin, end - begin), "AB-12345");
  at = n.text.find("привет");
  ASSERT_NE(at, std::string::npos);
  std::tie(begin, end) = n.SourceRange(at, at + std::string("привет").size());
  EXPECT_EQ(original.substr(begin, end - begin), "ПРИИИВЕТ");
}

TEST_F(NormalizerTest, MapsBytesInsideCharactersAndExpansions) {
  std::string original = "ПРИВЕТ";
  NormalizedText n = normalizer_->Normalize(original);
  ASSERT_EQ(n.text, "привет");
  // Bytes 1 and 2 are the second half of "п" and the first of "р".
  auto [begin, end] = n.SourceRange(1, 3);
  EXPECT_EQ(original.substr(begin, end - begin), "ПР");
  std::tie(begin, end) = n.SourceRange(11, 12);
  EXPECT_EQ(original.substr(begin, end - begin), "Т");
  // One ligature gives two letters; each maps back to all of it.
  original = "a \uFB01le";
  n = normalizer_->Normalize(original);
  ASSERT_EQ(n.text, "a file");
  std::tie(begin, end) = n.SourceRange(3, 4);
  EXPECT_EQ(original.substr(begin, end - begin), "\uFB01");
  std::tie(begin, end) = n.SourceRange(2, 6);
  EXPECT_EQ(original.substr(begin, end - begin), "\uFB01le");
}

TEST_F(NormalizerTest, DropsInvalidBytesWithoutCrashing) {
  EXPECT_EQ(Norm("ab\xFF\xFE"
                 "cd"),
            "abcd");
  EXPECT_EQ(Norm(""), "");
  EXPECT_EQ(Norm("я\xFFб\xD0"), "яб");
  EXPECT_EQ(Norm("и\xCC\u0306x"), "и\u0306x");
}

// Most texts take a fast path of table lookups; a character beyond U+07FF
// sends the whole text down the general one. So a text with " 😀" appended
// must normalise to the text's own normal form with " 😀" appended, every
// character mapped to the same source bytes, for texts of the characters
// the fast path takes, those it leaves, and both.
TEST_F(NormalizerTest, TheFastPathAgreesWithTheGeneralOne) {
  const std::vector<std::string> alphabet = {
      "a",      "A",    "e",    "o",   "p",      "x",      "z",       "Z",
      "1",      " ",    "  ",   "\t",  "\n",     ".",      "?",       "'",
      "-",      "\x7f", "\x01", "а",   "А",      "е",      "ё",       "Ё",
      "о",      "р",    "с",    "я",   "Я",      "й",      "и\u0306", "ѐ",
      "џ",      "é",    "ß",    "ω",   "\u00AD", "\u00A0", "\u0301",  "\u00BD",
      "\u00B2", "ааа",  "ooo",  "ЁЁЁ", "\u2019", "\u200B"};
  std::mt19937 random(20261124);
  for (int n = 0; n < 3000; ++n) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int k = 0; k < length; ++k)
      text += alphabet[random() % alphabet.size()];
    const std::string suffix = " \U0001F600";
    const NormalizedText alone = normalizer_->Normalize(text);
    const NormalizedText general = normalizer_->Normalize(text + suffix);
    const std::string tail = alone.text.empty() ? "\U0001F600" : suffix;
    ASSERT_EQ(general.text, alone.text + tail) << text;
    ASSERT_GE(general.source.size(), alone.source.size()) << text;
    for (size_t c = 0; c < alone.source.size(); ++c) {
      ASSERT_EQ(general.source[c].begin, alone.source[c].begin) << text;
      ASSERT_EQ(general.source[c].end, alone.source[c].end) << text;
    }
  }
}

TEST(IsValidUtf8Test, AcceptsWellFormedAndRejectsTheRest) {
  EXPECT_TRUE(IsValidUtf8("привет, hello 👋"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // Overlong "/".
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // A surrogate.
  EXPECT_FALSE(IsValidUtf8("abc\xD0"));       // Cut short.
}

}  // namespace
}  // namespace firstline
