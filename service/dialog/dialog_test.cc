#include "service/dialog/dialog.h"

#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/dialog/transcript.h"
#include "service/storage/memory_conversation_store.h"
#include "service/storage/memory_handoff_store.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class DialogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    auto engine = Engine::Load(pack_.root());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }

  v1::SendMessageResponse Say(const std::string& text,
                              const std::string& conversation = "c1") {
    v1::SendMessageRequest request;
    request.set_conversation_id(conversation);
    request.set_channel(v1::CHANNEL_CHAT);
    request.mutable_customer()->set_id("u1");
    request.mutable_customer()->set_locale("en");
    request.set_text(text);
    absl::StatusOr<v1::SendMessageResponse> reply =
        dialog_.Handle(request, *engine_, "en");
    EXPECT_TRUE(reply.ok()) << reply.status();
    return reply.ok() ? *reply : v1::SendMessageResponse();
  }

  std::vector<v1::Handoff> Handoffs(const std::string& queue = "") {
    absl::StatusOr<std::vector<v1::Handoff>> handoffs =
        handoffs_.List(queue, v1::HANDOFF_STATE_UNSPECIFIED);
    EXPECT_TRUE(handoffs.ok()) << handoffs.status();
    return handoffs.ok() ? *std::move(handoffs) : std::vector<v1::Handoff>();
  }

  testing::TempPack pack_;
  std::unique_ptr<const Engine> engine_;
  absl::Time now_ = absl::FromUnixSeconds(1'800'000'000);
  MemoryConversationStore conversations_{
      {.idle_timeout = absl::Minutes(30), .clock = [this] { return now_; }}};
  MemoryHandoffStore handoffs_;
  Dialog dialog_{DialogOptions{.clock = [this] { return now_; }},
                 &conversations_, &handoffs_};
};

TEST_F(DialogTest, TwoMissesInARowHandOff) {
  v1::SendMessageResponse first = Say("what's the weather");
  EXPECT_EQ(first.action(), v1::BOT_ACTION_ASKED);
  EXPECT_TRUE(Handoffs().empty());
  v1::SendMessageResponse second = Say("tell me a joke");
  EXPECT_EQ(second.action(), v1::BOT_ACTION_HANDED_OFF);
  EXPECT_EQ(second.messages(0).text(), "A colleague takes over from here.");
  std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  const v1::Handoff& handoff = handoffs[0];
  EXPECT_EQ(handoff.reason(), v1::HANDOFF_REASON_NOT_UNDERSTOOD);
  EXPECT_EQ(handoff.queue(), "general");
  EXPECT_EQ(handoff.conversation_id(), "c1");
  EXPECT_EQ(handoff.customer().id(), "u1");
  EXPECT_EQ(handoff.locale(), "en");
  EXPECT_EQ(handoff.create_time().seconds(), 1'800'000'000);
  EXPECT_EQ(handoff.sla_due_time().seconds(), 1'800'000'000 + 15 * 60);
  // Both sides of the conversation, in order.
  ASSERT_EQ(handoff.transcript_size(), 4);
  EXPECT_EQ(handoff.transcript(0).text(), "what's the weather");
  EXPECT_EQ(handoff.transcript(1).speaker(), v1::SPEAKER_BOT);
  EXPECT_EQ(handoff.transcript(2).text(), "tell me a joke");
  ASSERT_EQ(handoff.bot_actions_size(), 2);
  EXPECT_THAT(handoff.bot_actions(0), HasSubstr("asked (no intent)"));
  EXPECT_THAT(handoff.summary(),
              HasSubstr("customer wrote: \"tell me a joke\""));
}

TEST_F(DialogTest, TwoTopicsThatFitGetTheQuestionWhichOne) {
  v1::SendMessageResponse asked = Say("return it for a refund of order 12345");
  EXPECT_EQ(asked.action(), v1::BOT_ACTION_ASKED);
  EXPECT_FALSE(asked.has_intent());
  ASSERT_EQ(asked.candidate_intents_size(), 2);
  EXPECT_EQ(asked.candidate_intents(0).intent(), "get_refund");
  EXPECT_EQ(asked.candidate_intents(1).intent(), "return_item");
  ASSERT_EQ(asked.messages_size(), 1);
  EXPECT_EQ(asked.messages(0).text(), "Which of these do you mean?");
  ASSERT_EQ(asked.messages(0).quick_replies_size(), 2);
  EXPECT_EQ(asked.messages(0).quick_replies(0).label(), "Get a refund");
  EXPECT_EQ(asked.messages(0).quick_replies(1).label(), "Return an item");

  // The pick, by its label, gets that topic's answer to the first message.
  v1::SendMessageResponse picked = Say("return an item!");
  EXPECT_EQ(picked.action(), v1::BOT_ACTION_ANSWERED);
  EXPECT_EQ(picked.intent().intent(), "return_item");
  EXPECT_EQ(picked.messages(0).text(),
            "Print the return label in My account > Orders.");
  // The question was answered: a number now picks nothing.
  EXPECT_FALSE(Say("1").has_intent());

  Say("a refund or a return?", "c2");
  EXPECT_EQ(Say("1", "c2").intent().intent(), "get_refund");
}

TEST_F(DialogTest, AReplyThatPicksNoTopicIsAMessageLikeAnyOther) {
  Say("a refund or a return?");
  // A new question gets its own answer.
  v1::SendMessageResponse other = Say("where is my order 12345");
  EXPECT_EQ(other.intent().intent(), "track_order");
  // Not understood after the question: the first miss, no handoff yet.
  Say("a refund or a return?", "c2");
  EXPECT_EQ(Say("3", "c2").action(), v1::BOT_ACTION_ASKED);
  EXPECT_TRUE(Handoffs().empty());
  EXPECT_EQ(Say("tell me a joke", "c2").action(), v1::BOT_ACTION_HANDED_OFF);
  std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_THAT(handoffs[0].bot_actions(0),
              HasSubstr("asked (get_refund or return_item): \"Which of"));
}

TEST_F(DialogTest, AnUnderstoodMessageResetsTheMisses) {
  Say("what's the weather");
  Say("where is my order");
  EXPECT_EQ(Say("tell me a joke").action(), v1::BOT_ACTION_ASKED);
  EXPECT_TRUE(Handoffs().empty());
}

TEST_F(DialogTest, AskingForAPersonHandsOffAtOnceWithEverythingCollected) {
  Say("where is my order AB-12345?");
  v1::SendMessageResponse reply = Say("I want a person");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_HANDED_OFF);
  EXPECT_EQ(reply.messages(0).text(), "A person will take over.");
  std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_EQ(handoffs[0].reason(), v1::HANDOFF_REASON_CUSTOMER_ASKED);
  EXPECT_EQ(handoffs[0].intent(), "track_order");
  ASSERT_EQ(handoffs[0].details_size(), 1);
  EXPECT_EQ(handoffs[0].details(0).value(), "AB-12345");
  EXPECT_THAT(handoffs[0].summary(),
              HasSubstr("Where is the order. (order_id AB-12345)"));
  EXPECT_THAT(handoffs[0].bot_actions(0), HasSubstr("answered (track_order)"));
}

TEST_F(DialogTest, AbuseGetsOneBoundaryThenGoesToTheAbuseQueue) {
  v1::SendMessageResponse first = Say("you idiot");
  EXPECT_EQ(first.action(), v1::BOT_ACTION_ANSWERED);
  EXPECT_EQ(first.messages(0).text(),
            "Let's keep it civil. What about your order?");
  EXPECT_TRUE(Handoffs().empty());
  v1::SendMessageResponse second = Say("stupid bot");
  EXPECT_EQ(second.action(), v1::BOT_ACTION_HANDED_OFF);
  std::vector<v1::Handoff> handoffs = Handoffs("abuse");
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_EQ(handoffs[0].reason(), v1::HANDOFF_REASON_ABUSE);
}

TEST_F(DialogTest, InHumanModeTheBotIsSilentAndTheTranscriptGrows) {
  Say("a person please");
  for (const char* text : {"hello?", "is anyone there", "where is my order"}) {
    v1::SendMessageResponse reply = Say(text);
    EXPECT_EQ(reply.action(), v1::BOT_ACTION_NONE);
    EXPECT_EQ(reply.messages_size(), 0);
  }
  const v1::Handoff handoff = Handoffs()[0];
  ASSERT_EQ(handoff.transcript_size(), 5);
  EXPECT_EQ(handoff.transcript(2).text(), "hello?");
  EXPECT_EQ(handoff.transcript(3).text(), "is anyone there");
  EXPECT_EQ(handoff.transcript(4).text(), "where is my order");

  ASSERT_TRUE(handoffs_.Resolve(handoff.id(), "anna").ok());
  ASSERT_TRUE(dialog_.ReturnToBot("c1").ok());
  EXPECT_EQ(Say("where is my order").action(), v1::BOT_ACTION_ANSWERED);
}

TEST_F(DialogTest, OffHoursTheCustomerHearsWhenAPersonAnswers) {
  pack_.Write("rules/queues.yaml", R"(time_zone: Europe/Moscow
hours:
  - {days: [mon, tue, wed, thu, fri], open: "09:00", close: "18:00"}
default_queue: general
abuse_queue: general
queues:
  - {id: general, sla_minutes: 20}
  - {id: orders, intents: [track_order]}
)");
  engine_ = *Engine::Load(pack_.root());
  // Saturday 2026-11-28, 12:00 in Moscow (UTC+3).
  now_ = absl::FromCivil(absl::CivilMinute(2026, 11, 28, 9, 0),
                         absl::UTCTimeZone());
  Say("where is my order");
  v1::SendMessageResponse reply = Say("a person please");
  ASSERT_EQ(reply.messages_size(), 2);
  EXPECT_EQ(reply.messages(0).text(), "A person will take over.");
  EXPECT_THAT(reply.messages(1).text(),
              HasSubstr("We are closed now; a person answers Monday"));
  EXPECT_THAT(reply.messages(1).text(), HasSubstr("09:00"));
  const v1::Handoff handoff = Handoffs()[0];
  EXPECT_EQ(handoff.queue(), "orders");
  // Due 15 minutes after Monday 09:00 Moscow, 06:00 UTC.
  EXPECT_EQ(handoff.sla_due_time().seconds(),
            absl::ToUnixSeconds(absl::FromCivil(
                absl::CivilMinute(2026, 11, 30, 6, 15), absl::UTCTimeZone())));
}

TEST_F(DialogTest, AFormDoesNotAskForWhatTheFirstMessageGave) {
  v1::SendMessageResponse reply = Say("please cancel my order 12345");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_ASKED);
  EXPECT_EQ(reply.messages(0).text(), "Did you pay by card or PayPal?");
  ASSERT_EQ(reply.messages(0).quick_replies_size(), 2);
  EXPECT_EQ(reply.messages(0).quick_replies(0).label(), "Card");
  reply = Say("2");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_ANSWERED);
  EXPECT_EQ(reply.intent().intent(), "cancel_order");
  EXPECT_EQ(reply.messages(0).text(),
            "Order 12345 is cancelled; the money goes back to your PayPal.");
}

TEST_F(DialogTest, AFormTakesOptionsByNameOrSynonymAndAsksInOrder) {
  EXPECT_EQ(Say("I want to cancel my order").messages(0).text(),
            "Which order? Send its number.");
  EXPECT_EQ(Say("it is 777123").messages(0).text(),
            "Did you pay by card or PayPal?");
  EXPECT_EQ(Say("with my Visa").messages(0).text(),
            "Order 777123 is cancelled; the money goes back to your Card.");
}

TEST_F(DialogTest, AFormReAsksInOtherWordsThenHandsOff) {
  Say("I want to cancel my order");
  v1::SendMessageResponse reply = Say("the blue one");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_ASKED);
  EXPECT_EQ(reply.messages(0).text(), "I need the order number, e.g. 12345.");
  reply = Say("the one from last week");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_HANDED_OFF);
  std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_EQ(handoffs[0].reason(), v1::HANDOFF_REASON_FORM_ATTEMPTS_USED);
  EXPECT_EQ(handoffs[0].intent(), "cancel_order");
}

TEST_F(DialogTest, AnUpsetCustomerIsNotAskedTheSameThingTwice) {
  EXPECT_EQ(Say("CANCEL MY ORDER NOW!!!").action(), v1::BOT_ACTION_ASKED);
  EXPECT_EQ(Say("the blue one").action(), v1::BOT_ACTION_HANDED_OFF);
  std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  EXPECT_EQ(handoffs[0].reason(), v1::HANDOFF_REASON_FORM_ATTEMPTS_USED);
  EXPECT_GE(handoffs[0].priority(), 1);
}

TEST_F(DialogTest, ANewTopicInTheMiddleOfAFormWins) {
  Say("I want to cancel my order");
  v1::SendMessageResponse reply = Say("actually, where is my order?");
  EXPECT_EQ(reply.intent().intent(), "track_order");
  EXPECT_EQ(reply.action(), v1::BOT_ACTION_ANSWERED);
  // The form is gone: a number now is just a message.
  EXPECT_NE(Say("12345").intent().intent(), "cancel_order");
}

TEST_F(DialogTest, AnIdleConversationStartsAfresh) {
  Say("what's the weather");
  now_ += absl::Minutes(31);
  EXPECT_EQ(Say("tell me a joke").action(), v1::BOT_ACTION_ASKED);
  EXPECT_TRUE(Handoffs().empty());
}

TEST_F(DialogTest, ConcurrentMessagesOfOneConversationAreAllKept) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i)
        Say("where is my order " + std::to_string(t * 100 + i));
    });
  }
  for (auto& thread : threads) thread.join();
  absl::StatusOr<ConversationState> state = conversations_.Load("c1");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->version(), 40);
  EXPECT_EQ(TranscriptSize(*state), 50);     // The last 50 of 80 entries.
  EXPECT_EQ(state->bot_actions_size(), 25);  // The last 25 of 40.
}

TEST_F(DialogTest, ALongConversationHandsOffItsMostRecentPart) {
  for (int i = 0; i < 40; ++i) Say("where is my order " + std::to_string(i));
  Say("tell me a joke");
  Say("what's the weather");
  const std::vector<v1::Handoff> handoffs = Handoffs();
  ASSERT_EQ(handoffs.size(), 1u);
  const v1::Handoff& handoff = handoffs[0];
  ASSERT_EQ(handoff.transcript_size(), 50);
  // Oldest first, ending with the customer's last words and the bot's.
  EXPECT_EQ(handoff.transcript(0).text(), "where is my order 17");
  EXPECT_EQ(handoff.transcript(48).text(), "what's the weather");
  EXPECT_EQ(handoff.transcript(48).speaker(), v1::SPEAKER_CUSTOMER);
  EXPECT_EQ(handoff.transcript(49).speaker(), v1::SPEAKER_BOT);
  EXPECT_THAT(handoff.summary(), HasSubstr("where is my order 39"));
  EXPECT_EQ(handoff.bot_actions_size(), 25);
  EXPECT_THAT(handoff.bot_actions(24), HasSubstr("handed off"));
}

}  // namespace
}  // namespace firstline
