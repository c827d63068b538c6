#include "service/text/stemmer.h"

#include "gtest/gtest.h"

namespace firstline {
namespace {

TEST(StemmerTest, WordFormsShareAStem) {
  auto english = Stemmer::Create("en");
  ASSERT_TRUE(english.ok()) << english.status();
  EXPECT_EQ((*english)->Stem("deliveries"), (*english)->Stem("delivery"));
  EXPECT_EQ((*english)->Stem("refunds"), "refund");
  auto russian = Stemmer::Create("ru");
  ASSERT_TRUE(russian.ok()) << russian.status();
  EXPECT_EQ((*russian)->Stem("заказы"), "заказ");
  EXPECT_EQ((*russian)->Stem("заказа"), "заказ");
}

TEST(StemmerTest, AnUnknownLanguageIsAnError) {
  EXPECT_EQ(Stemmer::Create("xx").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace firstline
