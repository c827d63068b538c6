#include "service/answer/option_pick.h"

#include "gtest/gtest.h"

namespace firstline {
namespace {

TEST(SpokenFormTest, PunctuationSeparatesWords) {
  EXPECT_EQ(SpokenForm("it was my visa."), "it was my visa");
  EXPECT_EQ(SpokenForm("  pay-pal!!  ok"), "pay pal ok");
  EXPECT_EQ(SpokenForm("картой, «мир»"), "картой «мир»");
  EXPECT_EQ(SpokenForm("?!"), "");
}

TEST(PickOptionTest, ByNumberLabelOrSynonym) {
  const std::vector<std::vector<std::string>> names = {{"card", "visa"},
                                                       {"paypal"}};
  EXPECT_EQ(PickOption("1", names), 0u);
  EXPECT_EQ(PickOption("2", names), 1u);
  EXPECT_EQ(PickOption("it was my visa", names), 0u);
  EXPECT_EQ(PickOption("paypal", names), 1u);
}

TEST(PickOptionTest, NothingForNoneSeveralOrPartsOfWords) {
  const std::vector<std::vector<std::string>> names = {
      {"card", "visa"}, {"paypal"}, {""}};
  EXPECT_FALSE(PickOption("3 4", names).has_value());
  EXPECT_FALSE(PickOption("4", names).has_value());
  EXPECT_FALSE(PickOption("0", names).has_value());
  EXPECT_FALSE(PickOption("card or paypal", names).has_value());
  EXPECT_FALSE(PickOption("cardboard box", names).has_value());
  EXPECT_FALSE(PickOption("", names).has_value());
  // Two names of one option are still one pick.
  EXPECT_EQ(PickOption("visa card", names), 0u);
}

}  // namespace
}  // namespace firstline
