#include "service/engine/engine.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;
using testing::TempPack;

v1::SendMessageRequest Request(const std::string& text,
                               v1::Channel channel = v1::CHANNEL_CHAT) {
  v1::SendMessageRequest request;
  request.set_conversation_id("c1");
  request.set_channel(channel);
  request.mutable_customer()->set_id("u1");
  request.mutable_customer()->set_locale("en");
  request.set_text(text);
  return request;
}

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    auto engine = Engine::Load(pack_.root());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  TempPack pack_;
  std::unique_ptr<const Engine> engine_;
};

TEST_F(EngineTest, AnswersTheIntentWithItsSlots) {
  v1::SendMessageResponse response =
      engine_->Respond(Request("where is my order AB-12345?"), "en");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_ANSWERED);
  EXPECT_EQ(response.intent().intent(), "track_order");
  EXPECT_NEAR(response.intent().score(), 0.8, 1e-9);
  ASSERT_EQ(response.slots_size(), 1);
  EXPECT_EQ(response.slots(0).value(), "AB-12345");
  ASSERT_EQ(response.messages_size(), 1);
  EXPECT_THAT(response.messages(0).text(), HasSubstr("My account > Orders"));
  EXPECT_EQ(response.rule_set_version(), engine_->version());
  EXPECT_FALSE(response.has_trace());
}

TEST_F(EngineTest, MessageWithoutIntentGetsTheFallbackQuestion) {
  v1::SendMessageResponse response =
      engine_->Respond(Request("what is the weather"), "en");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_ASKED);
  EXPECT_FALSE(response.has_intent());
  EXPECT_EQ(response.messages(0).quick_replies_size(), 2);
}

TEST_F(EngineTest, AttachmentsAloneGetNoReply) {
  v1::SendMessageRequest request = Request("");
  request.add_attachments()->set_file_name("screenshot.png");
  v1::SendMessageResponse response = engine_->Respond(request, "en");
  EXPECT_EQ(response.action(), v1::BOT_ACTION_NONE);
  EXPECT_EQ(response.messages_size(), 0);
}

TEST_F(EngineTest, TraceShowsWhatFiredAndWhy) {
  v1::SendMessageRequest request =
      Request("Where is my ORDER? I'd rather cancel it");
  request.set_include_trace(true);
  v1::SendMessageResponse response = engine_->Respond(request, "en");
  const v1::Trace& trace = response.trace();
  EXPECT_EQ(trace.normalized_text(), "where is my order? i'd rather cancel it");
  EXPECT_THAT(trace.decision(), HasSubstr("chose cancel_order"));
  bool saw_veto = false;
  for (const v1::SignalHit& hit : trace.hits()) {
    if (hit.veto()) {
      saw_veto = true;
      EXPECT_EQ(hit.intent(), "track_order");
      EXPECT_EQ(hit.source(), "intents/en/orders.yaml:9:9");
    }
  }
  EXPECT_TRUE(saw_veto);
}

TEST_F(EngineTest, ClassifyRanksCandidates) {
  v1::ClassifyResponse response =
      engine_->Classify("track my order", "en", false);
  EXPECT_EQ(response.intent().intent(), "track_order");
  ASSERT_EQ(response.ranked_intents_size(), 1);
  response = engine_->Classify("good morning", "en", false);
  EXPECT_FALSE(response.has_intent());
}

TEST_F(EngineTest, ResolvesLocaleTags) {
  EXPECT_EQ(*engine_->ResolveLocale("en"), "en");
  EXPECT_EQ(*engine_->ResolveLocale("EN-gb"), "en");
  EXPECT_EQ(*engine_->ResolveLocale("en_US"), "en");
  EXPECT_THAT(engine_->ResolveLocale("de").status().message(),
              HasSubstr("unsupported locale 'de'; supported: en"));
}

TEST(EngineLoadTest, EveryIntentNeedsAnAnswerAndATwinInEveryLocale) {
  TempPack pack;
  pack.WriteMinimal();
  pack.Write("rules/pack.yaml", "name: two\nlocales: [en, ru]\n");
  pack.Write("intents/ru/orders.yaml", R"(locale: ru
intents:
  - id: track_order
    signals: [{phrases: [где ... заказ]}]
  - id: delete_account
    signals: [{phrases: [удалить аккаунт]}]
)");
  pack.Write("rules/ru/orders.yaml", R"(locale: ru
answers:
  - intent: track_order
    variants: ["Заказ в личном кабинете."]
  - intent: delete_account
    variants: ["Аккаунт удаляется в настройках."]
)");
  auto engine = Engine::Load(pack.root());
  ASSERT_FALSE(engine.ok());
  const std::string message(engine.status().message());
  EXPECT_THAT(
      message,
      HasSubstr("intents/ru/orders.yaml:5:9: intent 'delete_account' has "
                "no twin in intents/en/"));
  EXPECT_THAT(
      message,
      HasSubstr("intents/en/orders.yaml:15:9: intent 'cancel_order' has "
                "no twin in intents/ru/"));
  EXPECT_THAT(message, HasSubstr("rules/ru/:1:1: no answer for 'fallback'"));
}

}  // namespace
}  // namespace firstline
