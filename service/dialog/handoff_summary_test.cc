#include "service/dialog/handoff_summary.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

TEST(ActionLineOfTest, SaysWhatTheBotDidAboutWhichTopic) {
  v1::SendMessageResponse response;
  response.set_action(v1::BOT_ACTION_ASKED);
  response.mutable_intent()->set_intent("track_order");
  response.add_messages()->set_text("Which order?");
  response.add_messages()->set_text("Send its number.");
  EXPECT_EQ(ActionLineOf(response),
            "asked (track_order): \"Which order? Send its number.\"");

  response.clear_intent();
  response.add_candidate_intents()->set_intent("get_refund");
  response.add_candidate_intents()->set_intent("return_item");
  EXPECT_THAT(ActionLineOf(response),
              HasSubstr("asked (get_refund or return_item)"));

  response.clear_candidate_intents();
  response.set_action(v1::BOT_ACTION_HANDED_OFF);
  EXPECT_THAT(ActionLineOf(response), HasSubstr("handed off (no intent)"));
}

TEST(ActionLineOfTest, LongRepliesAreCutOnACharacterBoundary) {
  // "a" then two-byte letters: byte 160 is the second half of a letter.
  std::string letters;
  for (int i = 0; i < 200; ++i) letters += "я";
  v1::SendMessageResponse response;
  response.set_action(v1::BOT_ACTION_ANSWERED);
  response.add_messages()->set_text("a" + letters);
  EXPECT_EQ(ActionLineOf(response),
            "answered (no intent): \"a" + letters.substr(0, 2 * 79) + "…\"");
}

TEST(SummaryOfTest, WantDetailsAndTheLastWords) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto engine = Engine::Load(pack.root());
  ASSERT_TRUE(engine.ok()) << engine.status();

  storage::v1::ConversationState state;
  state.set_locale("en");
  google::protobuf::RepeatedPtrField<v1::TranscriptEntry> transcript;
  EXPECT_EQ(SummaryOf(state, transcript, **engine), "Not clear yet");

  state.set_intent("track_order");
  v1::Slot* slot = state.add_details();
  slot->set_name("order_id");
  slot->set_value("12345");
  v1::TranscriptEntry* said = transcript.Add();
  said->set_speaker(v1::SPEAKER_CUSTOMER);
  said->set_text("where is it??");
  said->set_intent("track_order");
  v1::TranscriptEntry* reply = transcript.Add();
  reply->set_speaker(v1::SPEAKER_BOT);
  reply->set_text("It is on its way.");
  v1::TranscriptEntry* answer = transcript.Add();
  answer->set_speaker(v1::SPEAKER_CUSTOMER);
  answer->set_text("12345");
  // The words about the topic, not the bare answer to a question.
  EXPECT_EQ(SummaryOf(state, transcript, **engine),
            "Where is the order. (order_id 12345); customer wrote: "
            "\"where is it??\"");
  state.clear_intent();
  state.clear_details();
  EXPECT_EQ(SummaryOf(state, transcript, **engine),
            "Not clear yet; customer wrote: \"12345\"");
}

}  // namespace
}  // namespace firstline
