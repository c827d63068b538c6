#include "service/matching/slot_extractor.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class SlotExtractorTest : public ::testing::Test {
 protected:
  // The value the built-in `kind` finds in `text`, or "" for none.
  std::string Builtin(absl::string_view kind, const std::string& text) {
    auto extractor = SlotExtractor::Builtin("slot", kind);
    EXPECT_TRUE(extractor.ok()) << extractor.status();
    NormalizedText normalized = normalizer_->Normalize(text);
    std::optional<SlotValue> value = (*extractor)->Extract(normalized, text);
    return value ? value->value : "";
  }
  std::unique_ptr<Normalizer> normalizer_ = *Normalizer::Create();
};

TEST_F(SlotExtractorTest, FindsOrderNumbers) {
  EXPECT_EQ(Builtin("order_number", "Where is order #AB-12345?"), "AB-12345");
  EXPECT_EQ(Builtin("order_number", "заказ №  7734512 не пришел"), "7734512");
  EXPECT_EQ(Builtin("order_number", "cancel purchase 113542617735902"),
            "113542617735902");
  EXPECT_EQ(Builtin("order_number", "ordered 3 items in 2024"), "");
  EXPECT_EQ(Builtin("order_number", "mail me at a12345@x.com"), "");
}

TEST_F(SlotExtractorTest, FindsEmailsPhonesAmountsAndDates) {
  EXPECT_EQ(Builtin("email", "my mail is Anna.K@Example.com, thanks"),
            "Anna.K@Example.com");
  EXPECT_EQ(Builtin("phone", "call +7 (912) 345-67-89 now"),
            "+7 (912) 345-67-89");
  EXPECT_EQ(Builtin("amount", "charged 1 500 руб twice"), "1 500 руб");
  EXPECT_EQ(Builtin("amount", "paid $30.50 for it"), "$30.50");
  EXPECT_EQ(Builtin("date", "ordered on 12.03.2024"), "12.03.2024");
  EXPECT_EQ(Builtin("date", "оплатил 5 марта"), "5 марта");
  EXPECT_EQ(Builtin("date", "since Yesterday"), "Yesterday");
}

TEST_F(SlotExtractorTest, TextsWithoutWhatABuiltinNeedsGiveNothing) {
  // Order numbers, phones and amounts need a digit; e-mails an "@".
  EXPECT_EQ(Builtin("order_number", "заказ номер ab-cdef"), "");
  EXPECT_EQ(Builtin("order_number", "заказ номер ab-12345"), "ab-12345");
  EXPECT_EQ(Builtin("phone", "phone plus seven nine one two"), "");
  EXPECT_EQ(Builtin("amount", "$ руб usd"), "");
  EXPECT_EQ(Builtin("email", "anna.k at example.com"), "");
  EXPECT_EQ(Builtin("email", "anna.k@example.com"), "anna.k@example.com");
  // Dates need neither: some are words.
  EXPECT_EQ(Builtin("date", "вчера"), "вчера");
  EXPECT_EQ(Builtin("date", ""), "");
}

TEST_F(SlotExtractorTest, CustomRegexNeedsAGroupNamedAfterTheSlot) {
  auto app = SlotExtractor::FromRegex("app", "(?P<app>android|ios)");
  ASSERT_TRUE(app.ok());
  const std::string text = "The iOS app crashes";
  auto value = (*app)->Extract(normalizer_->Normalize(text), text);
  ASSERT_TRUE(value.has_value());
  EXPECT_EQ(value->value, "iOS");
  EXPECT_EQ(value->begin, 4u);
  EXPECT_THAT(
      SlotExtractor::FromRegex("app", "(android|ios)").status().message(),
      HasSubstr("(?P<app>...)"));
  EXPECT_THAT(SlotExtractor::FromRegex("app", "(?P<app>").status().message(),
              HasSubstr("bad regex"));
  EXPECT_THAT(SlotExtractor::Builtin("x", "postcode").status().message(),
              HasSubstr("built-ins are: order_number, email"));
}

}  // namespace
}  // namespace firstline
