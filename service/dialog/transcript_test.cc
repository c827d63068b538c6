#include "service/dialog/transcript.h"

#include <string>

#include "gtest/gtest.h"

namespace firstline {
namespace {

v1::TranscriptEntry Said(const std::string& text) {
  v1::TranscriptEntry entry;
  entry.set_speaker(v1::SPEAKER_CUSTOMER);
  entry.set_text(text);
  entry.mutable_time()->set_seconds(1700000000);
  return entry;
}

std::vector<std::string> Texts(const ConversationState& state) {
  std::vector<std::string> texts;
  for (const v1::TranscriptEntry& entry : TranscriptOf(state)) {
    texts.push_back(entry.text());
  }
  return texts;
}

TEST(TranscriptTest, KeepsEveryEntryUpToTheLimitOldestFirst) {
  ConversationState state;
  AppendToTranscript(Said("hello"), 3, &state);
  AppendToTranscript(Said("where is my order"), 3, &state);
  EXPECT_EQ(TranscriptSize(state), 2);
  EXPECT_EQ(Texts(state),
            (std::vector<std::string>{"hello", "where is my order"}));
  const v1::TranscriptEntry first = TranscriptOf(state)[0];
  EXPECT_EQ(first.speaker(), v1::SPEAKER_CUSTOMER);
  EXPECT_EQ(first.time().seconds(), 1700000000);
}

TEST(TranscriptTest, DropsTheOldestEntriesBeyondTheLimit) {
  ConversationState state;
  for (int i = 0; i < 7; ++i) {
    AppendToTranscript(Said("message " + std::to_string(i)), 3, &state);
  }
  EXPECT_EQ(TranscriptSize(state), 3);
  EXPECT_EQ(Texts(state),
            (std::vector<std::string>{"message 4", "message 5", "message 6"}));
}

TEST(TranscriptTest, ALimitOfOneKeepsTheLastEntry) {
  ConversationState state;
  AppendToTranscript(Said("first"), 1, &state);
  AppendToTranscript(Said("second"), 1, &state);
  EXPECT_EQ(Texts(state), (std::vector<std::string>{"second"}));
}

TEST(TranscriptTest, IsWhatAStoredTranscriptOfTheEntriesSerializesTo) {
  ConversationState state;
  storage::v1::StoredTranscript expected;
  for (const char* text : {"one", "two"}) {
    AppendToTranscript(Said(text), 10, &state);
    *expected.add_entries() = Said(text);
  }
  EXPECT_EQ(state.transcript(), expected.SerializeAsString());
}

TEST(TranscriptTest, ADamagedEndIsLeftOutAndDroppedByTheNextTurn) {
  ConversationState state;
  AppendToTranscript(Said("before"), 10, &state);
  // An entry's field whose length runs past the end.
  state.mutable_transcript()->append(
      "\x0a\x7f"
      "cut short");
  EXPECT_EQ(Texts(state), (std::vector<std::string>{"before"}));
  AppendToTranscript(Said("after"), 10, &state);
  EXPECT_EQ(Texts(state), (std::vector<std::string>{"before", "after"}));
}

TEST(TranscriptTest, AnEntryThatDoesNotParseIsLeftOutButNotTheRest) {
  ConversationState state;
  AppendToTranscript(Said("before"), 10, &state);
  // Framed as an entry, but its bytes end inside a field.
  state.mutable_transcript()->append("\x0a\x02\x12\x05");
  AppendToTranscript(Said("after"), 10, &state);
  EXPECT_EQ(TranscriptSize(state), 3);
  EXPECT_EQ(Texts(state), (std::vector<std::string>{"before", "after"}));
}

}  // namespace
}  // namespace firstline
