#include "tools/firstline/classify_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

std::vector<google::protobuf::Struct> Lines(const std::string& output) {
  std::vector<google::protobuf::Struct> lines;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    google::protobuf::Struct parsed;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &parsed).ok())
        << line;
    lines.push_back(parsed);
  }
  return lines;
}

class ClassifyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pack_.WriteMinimal();
    engine_ = *Engine::Load(pack_.root());
  }
  testing::TempPack pack_;
  std::unique_ptr<const Engine> engine_;
};

TEST_F(ClassifyCommandTest, WritesOneJsonObjectPerLine) {
  std::istringstream in(
      "Where is my order 55555?\r\nnice weather\n\nbad \xFF line\n");
  std::ostringstream out;
  ASSERT_TRUE(RunClassify(*engine_, {"en-US", false}, in, out).ok());
  std::vector<google::protobuf::Struct> lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 4u);
  const auto& first = lines[0].fields();
  EXPECT_EQ(first.at("text").string_value(), "Where is my order 55555?");
  EXPECT_EQ(first.at("intent").string_value(), "track_order");
  EXPECT_DOUBLE_EQ(first.at("score").number_value(), 0.8);
  EXPECT_EQ(
      first.at("slots").struct_value().fields().at("order_id").string_value(),
      "55555");
  EXPECT_EQ(lines[1].fields().at("intent").string_value(), "");
  EXPECT_DOUBLE_EQ(lines[1].fields().at("score").number_value(), 0);
  EXPECT_THAT(lines[2].fields().at("error").string_value(),
              HasSubstr("text: is empty"));
  EXPECT_THAT(lines[3].fields().at("error").string_value(),
              HasSubstr("not valid UTF-8"));
}

TEST_F(ClassifyCommandTest, TraceIsAddedOnRequest) {
  std::istringstream in("track my order\n");
  std::ostringstream out;
  ASSERT_TRUE(RunClassify(*engine_, {"en", true}, in, out).ok());
  EXPECT_THAT(out.str(), HasSubstr(R"("normalized_text":"track my order")"));
  EXPECT_THAT(out.str(), HasSubstr(R"("decision":"chose track_order)"));
  EXPECT_THAT(out.str(), HasSubstr(R"("source":"intents/en/orders.yaml:6:9")"));
}

TEST_F(ClassifyCommandTest, UnsupportedLocaleIsAnError) {
  std::istringstream in("x\n");
  std::ostringstream out;
  EXPECT_THAT(RunClassify(*engine_, {"de", false}, in, out).message(),
              HasSubstr("unsupported locale 'de'"));
}

}  // namespace
}  // namespace firstline
