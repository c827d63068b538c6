#include "service/matching/phrase_walker.h"

#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/matching/phrase_compiler.h"

namespace firstline {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class PhraseWalkerTest : public ::testing::Test {
 protected:
  Term Phrase(absl::string_view phrase) {
    auto compiler = PhraseCompiler::Create("en");
    EXPECT_TRUE(compiler.ok());
    absl::StatusOr<Term> term = (*compiler)->Phrase(phrase);
    EXPECT_TRUE(term.ok()) << term.status();
    return *term;
  }

  // Where each literal of `walker` occurs after a non-word character of
  // `text`, found the simple way.
  static std::vector<PhraseWalker::WordHit> Found(const PhraseWalker& walker,
                                                  absl::string_view text) {
    std::vector<PhraseWalker::WordHit> found;
    for (uint32_t literal = 0; literal < walker.literals().size(); ++literal) {
      const std::string& wanted = walker.literals()[literal];
      for (size_t at = 1; at < text.size(); ++at) {
        if (IsNonWordByte(text[at - 1]) &&
            text.substr(at).substr(0, wanted.size()) == wanted) {
          found.push_back({static_cast<uint32_t>(at), literal});
        }
      }
    }
    // The scan reports them by where they end, not in this order.
    std::reverse(found.begin(), found.end());
    return found;
  }

  static std::vector<int> Walk(const PhraseWalker& walker,
                               absl::string_view text) {
    std::vector<PhraseWalker::WordHit> found = Found(walker, text);
    std::vector<int> hits;
    walker.Walk(text, absl::MakeSpan(found), &hits, 0);
    return hits;
  }
};

TEST_F(PhraseWalkerTest, WalksPhrasesOfTwoWordsOrMore) {
  const std::vector<Term> terms = {Phrase("track my order"), Phrase("order"),
                                   *PhraseCompiler::Regex("ord.r"),
                                   Phrase("#1 priority")};
  PhraseWalker walker(terms);
  EXPECT_TRUE(walker.walks(0));
  EXPECT_FALSE(walker.walks(1));  // One word: its head is as fast.
  EXPECT_FALSE(walker.walks(2));  // A regex has no words.
  EXPECT_FALSE(walker.walks(3));  // "#1" starts with a non-word character.
  EXPECT_FALSE(walker.walks(4));  // Not one of the terms.
  EXPECT_THAT(walker.literals(), ElementsAre("track", "my", "order"));
}

TEST_F(PhraseWalkerTest, PhrasesShareTheirWords) {
  PhraseWalker walker({Phrase("track my order"), Phrase("my order"),
                       Phrase("where ... order")});
  EXPECT_THAT(walker.literals(), ElementsAre("track", "my", "order", "where"));
}

TEST_F(PhraseWalkerTest, FollowsAPhraseFromWordToWord) {
  PhraseWalker walker({Phrase("track my order"), Phrase("my order")});
  EXPECT_THAT(Walk(walker, " please track my orders! "),
              UnorderedElementsAre(0, 1));
  EXPECT_THAT(Walk(walker, " track,  my -order "), UnorderedElementsAre(0, 1));
  EXPECT_THAT(Walk(walker, " track the order "), UnorderedElementsAre());
  EXPECT_THAT(Walk(walker, " my order track "), UnorderedElementsAre(1));
  EXPECT_THAT(Walk(walker, " tracking my reorder "), UnorderedElementsAre());
  // The last word's ending is the term's.
  EXPECT_THAT(Walk(walker, " track my order_ "), UnorderedElementsAre());
  EXPECT_THAT(Walk(walker, " track my ordered "), UnorderedElementsAre(0, 1));
}

TEST_F(PhraseWalkerTest, AGapSkipsUpToThreeWords) {
  PhraseWalker walker({Phrase("where ... order")});
  EXPECT_THAT(Walk(walker, " where order "), ElementsAre(0));
  EXPECT_THAT(Walk(walker, " where is my last order "), ElementsAre(0));
  EXPECT_THAT(Walk(walker, " where is it, my last order "), ElementsAre());
}

TEST_F(PhraseWalkerTest, ReportsATermOnceAndNotWhenAlreadyFound) {
  PhraseWalker walker({Phrase("my order")});
  EXPECT_THAT(Walk(walker, " my order, my order "), ElementsAre(0));
  std::vector<PhraseWalker::WordHit> found = Found(walker, " my order ");
  std::vector<int> hits = {7, 0};
  walker.Walk(" my order ", absl::MakeSpan(found), &hits, 1);
  EXPECT_THAT(hits, ElementsAre(7, 0));
}

}  // namespace
}  // namespace firstline
