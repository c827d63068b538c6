#include "service/answer/template.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

TEST(TemplateTest, FillsVariablesFromEverySpace) {
  absl::flat_hash_map<std::string, std::string> facts = {
      {"orders_page", "My orders"}};
  TemplateValues values{"Anna", {{"order_id", "A-100"}}, &facts, ""};
  auto t = Template::Parse(
      "{customer.name}, order {slot.order_id} is in {shop.orders_page}.");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->Render(values), "Anna, order A-100 is in My orders.");
  EXPECT_FALSE(t->NeedsOnlyFacts());
}

TEST(TemplateTest, MissingValueMeansTheTemplateCannotRender) {
  absl::flat_hash_map<std::string, std::string> facts;
  auto t = Template::Parse("Hello {customer.name}");
  EXPECT_EQ(t->Render(TemplateValues{"", {}, &facts, ""}), std::nullopt);
}

TEST(TemplateTest, DoubledBracesAreLiteral) {
  auto t = Template::Parse("{{not a variable}}");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->Render(TemplateValues{}), "{not a variable}");
  EXPECT_TRUE(t->NeedsOnlyFacts());
}

TEST(TemplateTest, RejectsMalformedVariables) {
  EXPECT_THAT(Template::Parse("Hi {customer.name").status().message(),
              HasSubstr("'{' at character 4 is not closed"));
  EXPECT_THAT(Template::Parse("a } b").status().message(),
              HasSubstr("closes nothing"));
  EXPECT_THAT(Template::Parse("{order_id}").status().message(),
              HasSubstr("'{order_id}' is not a variable"));
  EXPECT_THAT(Template::Parse("{user.name}").status().message(),
              HasSubstr("is not a variable"));
  EXPECT_THAT(Template::Parse("{customer.email}").status().message(),
              HasSubstr("the only customer variable is {customer.name}"));
}

}  // namespace
}  // namespace firstline
