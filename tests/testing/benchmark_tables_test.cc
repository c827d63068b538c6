#include "tests/testing/benchmark_tables.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(BenchmarkResultsTest, AMedianWinsOverSingleRuns) {
  BenchmarkResults results;
  results.Add("scan/en", {{"msgs/s", 10}}, /*median=*/false);
  results.Add("scan/en", {{"msgs/s", 20}}, /*median=*/true);
  results.Add("scan/en", {{"msgs/s", 30}}, /*median=*/false);
  EXPECT_EQ(results.Get("scan/en", "msgs/s"), 20);
  EXPECT_EQ(results.Get("scan/en", "hits"), std::nullopt);
  EXPECT_EQ(results.Get("scan/ru", "msgs/s"), std::nullopt);
}

TEST(BenchmarkResultsTest, InterleavedRunsAreListedInTheOrderGiven) {
  BenchmarkResults results;
  for (const char* name : {"scan/ru", "raw/en", "firstline/ru", "scan/en",
                           "firstline/en", "extra/en"}) {
    results.Add(name, {{"msgs/s", 1}}, true);
  }
  EXPECT_THAT(results.engines(),
              ElementsAre("scan", "raw", "firstline", "extra"));
  results.OrderAs({"firstline/en", "firstline/ru", "scan/en", "scan/ru",
                   "raw/en", "raw/ru", "gone/en"});
  EXPECT_THAT(results.engines(),
              ElementsAre("firstline", "scan", "raw", "extra"));
  EXPECT_THAT(results.cases(), ElementsAre("en", "ru"));
}

TEST(PrintRatioTableTest, ShowsEachValueWithItsRatioToTheReference) {
  BenchmarkResults results;
  results.Add("firstline/en", {{"msgs/s", 200000}}, true);
  results.Add("re2_set/en", {{"msgs/s", 20000}}, true);
  std::ostringstream out;
  PrintRatioTable(results, "msgs/s", "firstline", "Messages", out);
  EXPECT_THAT(out.str(), HasSubstr("200,000 (1x)"));
  EXPECT_THAT(out.str(), HasSubstr("20,000 (0.1x)"));
}

}  // namespace
}  // namespace firstline::testing
