#include "service/reload/pack_stamp.h"

#include <filesystem>

#include "gtest/gtest.h"
#include "tests/testing/temp_pack.h"

namespace firstline {
namespace {

TEST(PackStampTest, StaysTheSameWhileNothingChanges) {
  testing::TempPack pack;
  pack.WriteMinimal();
  EXPECT_FALSE(PackStamp(pack.root()).empty());
  EXPECT_EQ(PackStamp(pack.root()), PackStamp(pack.root()));
}

TEST(PackStampTest, ChangesWhenAFileIsWrittenAddedOrRemoved) {
  testing::TempPack pack;
  pack.WriteMinimal();
  const std::string original = PackStamp(pack.root());

  pack.Write("rules/en/orders.yaml",
             std::string(testing::kMinimalAnswersYaml) + "# a comment\n");
  const std::string written = PackStamp(pack.root());
  EXPECT_NE(written, original);

  pack.Write("intents/en/more/extra.yaml", "locale: en\n");
  const std::string added = PackStamp(pack.root());
  EXPECT_NE(added, written);

  std::filesystem::remove(pack.root() + "/intents/en/more/extra.yaml");
  EXPECT_EQ(PackStamp(pack.root()), written);
}

TEST(PackStampTest, IgnoresFilesOutsideIntentsAndRules) {
  testing::TempPack pack;
  pack.WriteMinimal();
  const std::string original = PackStamp(pack.root());
  pack.Write("tests/conversations/new.yaml", "steps: []\n");
  pack.Write("notes.txt", "to do\n");
  EXPECT_EQ(PackStamp(pack.root()), original);
}

TEST(PackStampTest, AMissingPackHasAnEmptyStamp) {
  EXPECT_EQ(PackStamp("/nonexistent/firstline/pack"), "");
}

}  // namespace
}  // namespace firstline
