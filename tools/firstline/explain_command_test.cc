#include "tools/firstline/explain_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

class ExplainCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    auto engine = Engine::Load(pack_.root());
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = std::move(*engine);
  }
  testing::TempPack pack_;
  std::unique_ptr<const Engine> engine_;
};

TEST_F(ExplainCommandTest, ShowsWhatFiredTheDecisionAndTheAnswer) {
  std::ostringstream out;
  ASSERT_TRUE(
      RunExplain(*engine_, {"en-GB", "Where is my ORDER 12345?"}, out).ok());
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("normalised:  where is my order 12345?\n"));
  EXPECT_THAT(text, HasSubstr("        track_order              0.80  "
                              "intents/en/orders.yaml:6:9  phrases: where ... "
                              "order, track my order\n"));
  EXPECT_THAT(text, HasSubstr("scores:      track_order 0.80\n"));
  EXPECT_THAT(text, HasSubstr("decision:    chose track_order: 0.80, the "
                              "only candidate\n"));
  EXPECT_THAT(text, HasSubstr("slot:        order_id = 12345\n"));
  EXPECT_THAT(text,
              HasSubstr("answer:      answered\n"
                        "  bot: Order 12345 is in My account > Orders.\n"));
}

TEST_F(ExplainCommandTest, VetoesAndMessagesWithoutAnIntent) {
  std::ostringstream out;
  ASSERT_TRUE(
      RunExplain(*engine_, {"en", "where is my order? cancel it"}, out).ok());
  EXPECT_THAT(out.str(), HasSubstr("  veto  track_order                    "
                                   "intents/en/orders.yaml:9:9  phrases: "
                                   "cancel\n"));
  std::ostringstream none;
  ASSERT_TRUE(RunExplain(*engine_, {"en", "what a day"}, none).ok());
  EXPECT_THAT(none.str(), HasSubstr("fired:       nothing\n"));
  EXPECT_THAT(none.str(),
              HasSubstr("answer:      asked\n  bot: I did not get"));
}

TEST_F(ExplainCommandTest, BadInputIsNamed) {
  std::ostringstream out;
  EXPECT_THAT(RunExplain(*engine_, {"de", "hallo"}, out).message(),
              HasSubstr("--locale: unsupported locale 'de'"));
  EXPECT_EQ(RunExplain(*engine_, {"en", ""}, out).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(RunExplain(*engine_, {"en", "bad \xff"}, out).message(),
              HasSubstr("UTF-8"));
}

}  // namespace
}  // namespace firstline
