#include "service/answer/chat_splitter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::ElementsAre;

TEST(ChatSplitterTest, ShortTextIsOneMessage) {
  EXPECT_THAT(SplitForChat("Hello. How are you?", 500),
              ElementsAre("Hello. How are you?"));
}

TEST(ChatSplitterTest, SplitsAtSentenceEnds) {
  EXPECT_THAT(SplitForChat("First sentence. Second one! Third?", 20),
              ElementsAre("First sentence.", "Second one! Third?"));
}

TEST(ChatSplitterTest, CountsCharactersNotBytes) {
  // 12 Cyrillic letters are 24 bytes but fit 12 characters.
  EXPECT_THAT(SplitForChat("абвгдежзийкл", 12), ElementsAre("абвгдежзийкл"));
}

TEST(ChatSplitterTest, CutsOverlongSentencesAtSpaces) {
  std::vector<std::string> parts =
      SplitForChat("один два три четыре пять шесть", 10);
  EXPECT_THAT(parts, ElementsAre("один два", "три", "четыре", "пять", "шесть"));
  for (const std::string& part : SplitForChat(std::string(25, 'x'), 10)) {
    EXPECT_LE(part.size(), 10u);
  }
}

TEST(ChatSplitterTest, EveryPartFitsAndNothingIsLost) {
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "Sentence number " + std::to_string(i) + " is here. ";
  std::vector<std::string> parts = SplitForChat(text, 100);
  std::string joined;
  for (const std::string& part : parts) {
    EXPECT_LE(part.size(), 100u);
    joined += part + " ";
  }
  EXPECT_EQ(joined, text);
}

}  // namespace
}  // namespace firstline
