#include "service/answer/answer_book.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/content/yaml_reader.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class AnswerBookTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::unique_ptr<const AnswerBook>> Compile(
      const std::string& yaml) {
    absl::Status read = ReadYaml("rules/en/t.yaml", yaml, &file_, &positions_);
    if (!read.ok()) return read;
    return AnswerBook::Create(
        {.chat_max_chars = 100, .normalizer = normalizer_.get()}, {&file_},
        {{"track_order", {"order_id"}},
         {"cancel_order", {}},
         {"contact_human_agent", {}},
         {"abuse", {}},
         {"get_refund", {}},
         {"return_item", {}}},
        positions_);
  }
  std::unique_ptr<const Normalizer> normalizer_ = *Normalizer::Create();
  v1::AnswerFile file_;
  SourceMap positions_;
};

TEST_F(AnswerBookTest, PrefersVariantsThatUseWhatIsKnown) {
  auto book = Compile(testing::kMinimalAnswersYaml);
  ASSERT_TRUE(book.ok()) << book.status();
  AnswerContext with_order{v1::CHANNEL_CHAT, "", {{"order_id", "A-1"}}, ""};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*book)->Render("track_order", with_order).messages[0].text(),
              "Order A-1 is in My account > Orders.");
  }
  // Without the slot only the variant that needs none is used.
  AnswerContext without{v1::CHANNEL_CHAT, "", {}, ""};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*book)->Render("track_order", without).messages[0].text(),
              "Your orders are in My account > Orders.");
  }
}

TEST_F(AnswerBookTest, RotatesAmongEquallyGoodVariants) {
  auto book = *Compile(R"(locale: en
answers:
  - intent: cancel_order
    variants: ["One.", "Two.", "Three."]
  - intent: track_order
    variants: ["x"]
)");
  std::set<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    seen.insert(book->Render("cancel_order", {}).messages[0].text());
  }
  EXPECT_THAT(seen, ::testing::UnorderedElementsAre("One.", "Two.", "Three."));
}

TEST_F(AnswerBookTest, EmailIsOneDressedMessage) {
  auto book = *Compile(testing::kMinimalAnswersYaml);
  RenderedAnswer named =
      book->Render("cancel_order", {v1::CHANNEL_EMAIL, "Anna", {}, ""});
  ASSERT_EQ(named.messages.size(), 1u);
  EXPECT_EQ(named.messages[0].text(),
            "Hello Anna,\n\nCancel it in My account > Orders.\n\nBest "
            "regards,\nMinimal Shop");
  RenderedAnswer anonymous =
      book->Render("cancel_order", {v1::CHANNEL_HELPDESK, "", {}, ""});
  EXPECT_THAT(anonymous.messages[0].text(),
              ::testing::StartsWith("Hello,\n\n"));
}

TEST_F(AnswerBookTest, QuickRepliesAndActionComeWithTheAnswer) {
  auto book = *Compile(testing::kMinimalAnswersYaml);
  RenderedAnswer fallback = book->Render(kFallbackAnswer, {});
  EXPECT_EQ(fallback.action, v1::ANSWER_ACTION_ASK);
  ASSERT_EQ(fallback.messages.back().quick_replies_size(), 2);
  EXPECT_EQ(fallback.messages.back().quick_replies(0).value(),
            "Track an order");
  EXPECT_EQ(fallback.messages.back().quick_replies(1).value(),
            "cancel my order");
}

TEST_F(AnswerBookTest, LongChatAnswersAreSplit) {
  auto book = *Compile(R"(locale: en
answers:
  - intent: cancel_order
    variants: ["Open the order page and press Cancel next to the order you want to stop. The refund goes back to your card in a few days. You get an e-mail when it is done."]
  - intent: track_order
    variants: ["x"]
)");
  RenderedAnswer answer =
      book->Render("cancel_order", {v1::CHANNEL_CHAT, "", {}, ""});
  EXPECT_GE(answer.messages.size(), 2u);
  for (const auto& message : answer.messages)
    EXPECT_LE(message.text().size(), 100u);
}

TEST_F(AnswerBookTest, VariablesNothingCanFillAreLoadErrors) {
  auto book = Compile(R"(locale: en
facts:
  name: Shop
answers:
  - intent: track_order
    variants: ["In {shop.orders_page}"]
  - intent: cancel_order
    variants: ["Order {slot.order_id}"]
  - intent: delete_account
    variants: ["x"]
  - intent: fallback
    variants: ["Hi {customer.name}"]
  - intent: fallback
    variants: ["again"]
)");
  ASSERT_FALSE(book.ok());
  const std::string message(book.status().message());
  EXPECT_THAT(
      message,
      HasSubstr("t.yaml:6:16: {shop.orders_page}: no fact 'orders_page'"));
  EXPECT_THAT(message,
              HasSubstr("t.yaml:8:16: {slot.order_id}: the intent declares no "
                        "slot 'order_id'"));
  EXPECT_THAT(
      message,
      HasSubstr("t.yaml:9:13: no intent 'delete_account' in this locale"));
  EXPECT_THAT(
      message,
      HasSubstr("t.yaml:12:15: every variant needs {customer.name} or a slot"));
  EXPECT_THAT(message,
              HasSubstr("t.yaml:13:13: intent 'fallback' is answered twice"));
}

TEST_F(AnswerBookTest, AsksWhichTopicAndRecognisesThePick) {
  auto book = Compile(testing::kMinimalAnswersYaml);
  ASSERT_TRUE(book.ok()) << book.status();
  EXPECT_EQ((*book)->Topic("get_refund"), "Get a refund");
  EXPECT_EQ((*book)->Topic("abuse"), "");
  EXPECT_EQ((*book)->Topic("no_such_intent"), "");

  const std::vector<std::string> intents = {"return_item", "get_refund"};
  RenderedAnswer asked = (*book)->AskWhich(intents, AnswerContext());
  EXPECT_EQ(asked.action, v1::ANSWER_ACTION_ASK);
  ASSERT_EQ(asked.messages.size(), 1u);
  ASSERT_EQ(asked.messages[0].quick_replies_size(), 2);
  EXPECT_EQ(asked.messages[0].quick_replies(0).label(), "Return an item");
  EXPECT_EQ(asked.messages[0].quick_replies(1).value(), "Get a refund");

  auto pick = [&](const std::string& reply) {
    return (*book)->PickTopic(intents, normalizer_->Normalize(reply));
  };
  EXPECT_EQ(pick("2"), 1u);
  EXPECT_EQ(pick("RETURN AN ITEM."), 0u);
  EXPECT_EQ(pick("get a refund, please"), 1u);
  EXPECT_FALSE(pick("3").has_value());
  EXPECT_FALSE(pick("a refund").has_value());
}

}  // namespace
}  // namespace firstline
