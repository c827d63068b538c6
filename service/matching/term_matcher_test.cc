#include "service/matching/term_matcher.h"

#include <re2/re2.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/matching/phrase_compiler.h"
#include "service/matching/re2_piece.h"
#include "service/matching/scan_text.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

std::vector<int> Hits(const TermMatcher& matcher, absl::string_view text) {
  std::vector<int> hits;
  matcher.Match(text, &hits);
  return hits;
}

TEST(TermMatcherTest, ReportsEachPatternThatOccursOnce) {
  auto matcher = TermMatcher::Create(
      {{"order", {}}, {"refund", {}}, {"заказ", {}}, {"o", {}}});
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  EXPECT_THAT(Hits(**matcher, "order order заказ"),
              UnorderedElementsAre(0, 2, 3));
  EXPECT_THAT(Hits(**matcher, "nothing here"), UnorderedElementsAre(3));
  EXPECT_THAT(Hits(**matcher, ""), UnorderedElementsAre());
  EXPECT_TRUE((*matcher)->fallbacks().empty());
}

TEST(TermMatcherTest, FallsBackToRe2ForWhatHyperscanRejects) {
  // Hyperscan does not support \C (any byte) in UTF-8 mode; RE2 does.
  auto matcher = TermMatcher::Create({{"order", {}}, {R"(ab\Cd)", {}}});
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  ASSERT_EQ((*matcher)->fallbacks().size(), 1u);
  EXPECT_EQ((*matcher)->fallbacks()[0].pattern, 1);
  EXPECT_THAT((*matcher)->fallbacks()[0].reason, HasSubstr("\\C"));
  EXPECT_THAT(Hits(**matcher, "order abxd"), UnorderedElementsAre(0, 1));
  EXPECT_THAT(Hits(**matcher, "abd"), UnorderedElementsAre());
}

TEST(TermMatcherTest, ChecksTheEndingWhereverTheHeadMatched) {
  auto matcher =
      TermMatcher::Create({{" order", {TermEnding::Kind::kWordEnds, 0}},
                           {" deliver", {TermEnding::Kind::kLatinLetters, 4}},
                           {" заказ", {TermEnding::Kind::kCyrillicLetters, 3}},
                           {" refund", {}}});
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  EXPECT_THAT(Hits(**matcher, " my order "), UnorderedElementsAre(0));
  EXPECT_THAT(Hits(**matcher, " orders order1 order_ "),
              UnorderedElementsAre());
  // The first place fails, the second holds: reported once all the same.
  EXPECT_THAT(Hits(**matcher, " orders, order, order "),
              UnorderedElementsAre(0));
  EXPECT_THAT(Hits(**matcher, " delivered deliverance "),
              UnorderedElementsAre(1));
  EXPECT_THAT(Hits(**matcher, " deliverances deliverй "),
              UnorderedElementsAre());
  EXPECT_THAT(Hits(**matcher, " заказами "), UnorderedElementsAre(2));
  EXPECT_THAT(Hits(**matcher, " заказчиками заказx "), UnorderedElementsAre());
  EXPECT_THAT(Hits(**matcher, " refunds "), UnorderedElementsAre(3));
  EXPECT_THAT(Hits(**matcher, " заказ"), UnorderedElementsAre(2));
}

TEST(TermMatcherTest, WalkedPhrasesMatchWhereTheirWholeTermsMatch) {
  // Phrases of every kind of word, and two whose words start or end with a
  // non-word character ("#1", "c++"), which are scanned whole.
  const std::vector<std::pair<std::string, std::string>> phrases = {
      {"en", "order"},
      {"en", "track my order"},
      {"en", "where ... order"},
      {"en", "cancel* my subscription"},
      {"en", "e-mail address"},
      {"en", "=usa shipping"},
      {"en", "not ... delivered ... yet"},
      {"en", "wi-fi ... broken"},
      {"en", "#1 priority"},
      {"en", "c++ code"},
      {"ru", "где ... заказ"},
      {"ru", "вернуть деньги"},
      {"ru", "оплат* картой"},
      {"ru", "не работает"}};
  std::vector<Term> terms;
  for (const auto& [locale, phrase] : phrases) {
    auto compiler = PhraseCompiler::Create(locale);
    ASSERT_TRUE(compiler.ok());
    absl::StatusOr<Term> term = (*compiler)->Phrase(phrase);
    ASSERT_TRUE(term.ok()) << phrase << ": " << term.status();
    terms.push_back(*std::move(term));
  }
  auto walking = TermMatcher::Create(terms);
  ASSERT_TRUE(walking.ok()) << walking.status();
  auto scanning = TermMatcher::Create(terms, {.walk_phrases = false});
  ASSERT_TRUE(scanning.ok()) << scanning.status();
  std::vector<std::unique_ptr<RE2>> whole;
  for (const Term& term : terms) {
    whole.push_back(std::make_unique<RE2>(term.Regex()));
    ASSERT_TRUE(whole.back()->ok()) << whole.back()->error();
  }
  // Texts of random pieces: words, near misses and whole phrases, with
  // gaps of up to four words between them.
  const std::vector<std::string> pieces = {"order",
                                           "orders",
                                           "ordered",
                                           "reorder",
                                           "my",
                                           "track",
                                           "where",
                                           "is",
                                           "the",
                                           "cancel",
                                           "cancelled",
                                           "subscription",
                                           "subscriptions",
                                           "e-mail",
                                           "mail",
                                           "address",
                                           "usa",
                                           "usage",
                                           "shipping",
                                           "not",
                                           "delivered",
                                           "yet",
                                           "wi-fi",
                                           "fi",
                                           "broken",
                                           "#1",
                                           "1",
                                           "priority",
                                           "c++",
                                           "code",
                                           "где",
                                           "мой",
                                           "заказ",
                                           "заказами",
                                           "вернуть",
                                           "деньги",
                                           "оплатить",
                                           "картой",
                                           "не",
                                           "работает",
                                           "é",
                                           "order_",
                                           "заказz",
                                           "track my order",
                                           "where is it, the order",
                                           "not at all delivered, yet",
                                           "cancelled my subscriptions",
                                           "e-mail addresses",
                                           "usa shipping",
                                           "wi-fi is so broken",
                                           "где же мой заказ",
                                           "оплатила картой"};
  const std::vector<std::string> separators = {" ", ", ", " - ", "!", "  "};
  std::mt19937 random(20261124);
  std::vector<int> found(terms.size(), 0);
  for (int text_number = 0; text_number < 20000; ++text_number) {
    std::string text;
    const int length = 1 + static_cast<int>(random() % 6);
    for (int i = 0; i < length; ++i) {
      if (i > 0) text += separators[random() % separators.size()];
      text += pieces[random() % pieces.size()];
    }
    const std::string scan = ScanText(text);
    std::set<int> expected;
    for (size_t t = 0; t < whole.size(); ++t) {
      if (RE2::PartialMatch(Re2Piece(scan), *whole[t])) {
        expected.insert(static_cast<int>(t));
        ++found[t];
      }
    }
    const std::vector<int> walked = Hits(**walking, scan);
    ASSERT_EQ(std::set<int>(walked.begin(), walked.end()), expected) << scan;
    ASSERT_EQ(walked.size(), expected.size()) << "twice in: " << scan;
    const std::vector<int> scanned = Hits(**scanning, scan);
    ASSERT_EQ(std::set<int>(scanned.begin(), scanned.end()), expected) << scan;
  }
  for (size_t t = 0; t < terms.size(); ++t) {
    EXPECT_GT(found[t], 10) << phrases[t].second << " is hardly ever found";
  }
}

TEST(TermMatcherTest, AFallbackMatchesTheWholeTerm) {
  auto matcher =
      TermMatcher::Create({{R"( ab\Cd)", {TermEnding::Kind::kWordEnds, 0}}});
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  ASSERT_EQ((*matcher)->fallbacks().size(), 1u);
  EXPECT_THAT(Hits(**matcher, " abxd! "), UnorderedElementsAre(0));
  EXPECT_THAT(Hits(**matcher, " abxde "), UnorderedElementsAre());
}

TEST(TermMatcherTest, RejectsWhatNeitherEngineAccepts) {
  auto matcher = TermMatcher::Create({{"order", {}}, {"(unclosed", {}}});
  ASSERT_FALSE(matcher.ok());
  EXPECT_THAT(matcher.status().message(), HasSubstr("pattern 1:"));
}

TEST(TermMatcherTest, EmptyPatternListMatchesNothing) {
  auto matcher = TermMatcher::Create({});
  ASSERT_TRUE(matcher.ok());
  EXPECT_TRUE(Hits(**matcher, "anything").empty());
}

TEST(TermMatcherTest, ScansFromManyThreadsAndManyMatchers) {
  auto first = *TermMatcher::Create({{"alpha", {}}, {"beta", {}}});
  auto second = *TermMatcher::Create({{"gamma", {}}});
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  // More threads than the pool keeps at hand without its lock.
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (Hits(*first, "alpha gamma").size() != 1) ++wrong;
        if (Hits(*second, "alpha gamma").size() != 1) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(TermMatcherTest, ASecondCompileComesFromTheCache) {
  testing::TempPack folder;
  const TermMatcherOptions options{folder.root() + "/cache"};
  const std::vector<Term> terms = {
      {"order", {}}, {R"(ab\Cd)", {}}, {"refund", {}}};
  auto first = TermMatcher::Create(terms, options);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE((*first)->from_cache());
  auto second = TermMatcher::Create(terms, options);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE((*second)->from_cache());
  // The same matches and fallbacks as compiled.
  ASSERT_EQ((*second)->fallbacks().size(), 1u);
  EXPECT_EQ((*second)->fallbacks()[0].pattern, 1);
  EXPECT_THAT(Hits(**second, "refund the order abxd"),
              UnorderedElementsAre(0, 1, 2));
  // Other patterns are another entry.
  auto other = TermMatcher::Create({{"order", {}}, {"parcel", {}}}, options);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE((*other)->from_cache());
  EXPECT_THAT(Hits(**other, "parcel"), UnorderedElementsAre(1));
}

TEST(TermMatcherTest, PatternsRe2RejectsNeverReachTheCache) {
  // A cache hit skips checking the patterns, so a bad set must never be
  // saved.
  testing::TempPack folder;
  const TermMatcherOptions options{folder.root() + "/cache"};
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto matcher =
        TermMatcher::Create({{"order", {}}, {"(unclosed", {}}}, options);
    ASSERT_FALSE(matcher.ok());
    EXPECT_THAT(matcher.status().message(), HasSubstr("pattern 1:"));
  }
  std::error_code no_folder;
  EXPECT_TRUE(std::filesystem::is_empty(options.cache_dir, no_folder) ||
              no_folder);
}

TEST(TermMatcherTest, ABrokenCacheFileIsCompiledAgain) {
  testing::TempPack folder;
  const TermMatcherOptions options{folder.root() + "/cache"};
  ASSERT_TRUE(TermMatcher::Create({{"order", {}}}, options).ok());
  for (const auto& entry :
       std::filesystem::directory_iterator(options.cache_dir)) {
    std::ofstream(entry.path(), std::ios::trunc) << "not a database";
  }
  auto matcher = TermMatcher::Create({{"order", {}}}, options);
  ASSERT_TRUE(matcher.ok()) << matcher.status();
  EXPECT_FALSE((*matcher)->from_cache());
  EXPECT_THAT(Hits(**matcher, "my order"), UnorderedElementsAre(0));
  // And the file is good again.
  EXPECT_TRUE((*TermMatcher::Create({{"order", {}}}, options))->from_cache());
}

}  // namespace
}  // namespace firstline
