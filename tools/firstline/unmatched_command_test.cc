#include "tools/firstline/unmatched_command.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

using ::testing::HasSubstr;

TEST(UnmatchedCommandTest, GroupsWhatThePackMissesBiggestFirst) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto engine = Engine::Load(pack.root());
  ASSERT_TRUE(engine.ok()) << engine.status();
  std::istringstream in(
      "where is my order 123\n"
      "Do you deliver to Spain?\n"
      "deliveries to Spain, how long?\n"
      "what about delivery costs\n"
      "is the warranty two years\n"
      "warranty claim for my kettle\n"
      "\n"
      "bad \xff line\n"
      "hmm\n");
  std::ostringstream out;
  ASSERT_TRUE(RunUnmatched(**engine, {"en", 20, 2}, in, out).ok());
  // "deliver" and "delivery" have different stems; "Spain" is shared, but
  // its second message is in the bigger group already.
  EXPECT_EQ(out.str(),
            "6 of 7 messages have no intent\n"
            "\n"
            "2  deliveri\n"
            "    deliveries to Spain, how long?\n"
            "    what about delivery costs\n"
            "\n"
            "2  warranti\n"
            "    is the warranty two years\n"
            "    warranty claim for my kettle\n"
            "\n"
            "2 more in no group\n");
}

TEST(UnmatchedCommandTest, AnUnsupportedLocaleIsNamed) {
  testing::TempPack pack;
  pack.WriteMinimal();
  auto engine = Engine::Load(pack.root());
  ASSERT_TRUE(engine.ok());
  std::istringstream in("hello\n");
  std::ostringstream out;
  EXPECT_THAT(RunUnmatched(**engine, {"de", 20, 3}, in, out).message(),
              HasSubstr("--locale: unsupported locale 'de'"));
}

}  // namespace
}  // namespace firstline
