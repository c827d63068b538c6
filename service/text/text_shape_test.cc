#include "service/text/text_shape.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TextShapeTest, SeesShoutingInAnyScript) {
  EXPECT_THAT(ShapeSignals("WHERE IS MY ORDER"), ElementsAre("capitals"));
  EXPECT_THAT(ShapeSignals("ГДЕ МОЙ ЗАКАЗ?!"), ElementsAre("capitals"));
  EXPECT_THAT(ShapeSignals("где мой заказ!!!"), ElementsAre("exclamations"));
  EXPECT_THAT(ShapeSignals("ВЕРНИТЕ ДЕНЬГИ!!!!"),
              ElementsAre("capitals", "exclamations"));
}

TEST(TextShapeTest, CalmTextHasNoSignals) {
  EXPECT_THAT(ShapeSignals("Where is my order? Thanks!"), IsEmpty());
  EXPECT_THAT(ShapeSignals("OK"), IsEmpty());  // Too short to be shouting.
  EXPECT_THAT(ShapeSignals("Order SKU-AB12 please"),
              IsEmpty());  // A few capitals.
  EXPECT_THAT(ShapeSignals("wow!! nice"), IsEmpty());
}

}  // namespace
}  // namespace firstline
