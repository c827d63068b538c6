#include "service/matching/signal_groups.h"

#include <atomic>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<int> Fired(const SignalGroups& groups, std::vector<int> hits) {
  std::vector<int> fired = {99};  // Fired() replaces what was there.
  groups.Fired(hits, &fired);
  return fired;
}

TEST(SignalGroupsTest, ASignalFiresWhenEachOfItsGroupsHasATerm) {
  // 0: term 0 or 1. 1: term 1, and term 2 or 3. 2: terms 3 and 4.
  const SignalGroups groups({{{0, 1}}, {{1}, {2, 3}}, {{3}, {4}}}, 5);
  EXPECT_THAT(Fired(groups, {}), IsEmpty());
  EXPECT_THAT(Fired(groups, {0}), ElementsAre(0));
  EXPECT_THAT(Fired(groups, {1}), ElementsAre(0));
  EXPECT_THAT(Fired(groups, {2}), IsEmpty());
  EXPECT_THAT(Fired(groups, {3, 1}), ElementsAre(0, 1));
  EXPECT_THAT(Fired(groups, {4, 3}), ElementsAre(2));
  EXPECT_THAT(Fired(groups, {4, 3, 2, 1, 0}), ElementsAre(0, 1, 2));
}

TEST(SignalGroupsTest, ATermTwiceInAGroupOrFoundTwiceCountsOnce) {
  // Signal 0 has two groups; term 0 is twice in the first.
  const SignalGroups groups({{{0, 0}, {1}}}, 2);
  EXPECT_THAT(Fired(groups, {0}), IsEmpty());
  EXPECT_THAT(Fired(groups, {0, 0}), IsEmpty());
  EXPECT_THAT(Fired(groups, {0, 1, 0, 1}), ElementsAre(0));
}

TEST(SignalGroupsTest, OneTermInTwoGroupsOfASignalFillsBoth) {
  const SignalGroups groups({{{0, 1}, {0, 2}}}, 3);
  EXPECT_THAT(Fired(groups, {0}), ElementsAre(0));
  EXPECT_THAT(Fired(groups, {1}), IsEmpty());
  EXPECT_THAT(Fired(groups, {1, 2}), ElementsAre(0));
}

TEST(SignalGroupsTest, ACallForgetsTheTermsOfTheCallBefore) {
  const SignalGroups groups({{{0}, {1}}}, 2);
  EXPECT_THAT(Fired(groups, {0}), IsEmpty());
  EXPECT_THAT(Fired(groups, {1}), IsEmpty());
}

TEST(SignalGroupsTest, TablesOfDifferentSizesShareAThread) {
  const SignalGroups small({{{0}, {1}}}, 2);
  std::vector<std::vector<std::vector<int>>> many;
  for (int s = 0; s < 1000; ++s) many.push_back({{s}, {s + 1}});
  const SignalGroups large(many, 1001);
  EXPECT_THAT(Fired(large, {998, 999, 1000}), ElementsAre(998, 999));
  EXPECT_THAT(Fired(small, {0}), IsEmpty());
  EXPECT_THAT(Fired(large, {0}), IsEmpty());
  EXPECT_THAT(Fired(small, {1, 0}), ElementsAre(0));
}

TEST(SignalGroupsTest, ThreadsKeepTheirOwnCount) {
  const SignalGroups groups({{{0}, {1}}, {{2}}}, 3);
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10000; ++i) {
        const std::vector<int> hits =
            (i + t) % 2 == 0 ? std::vector<int>{0, 1} : std::vector<int>{0, 2};
        const std::vector<int> expected =
            (i + t) % 2 == 0 ? std::vector<int>{0} : std::vector<int>{1};
        if (Fired(groups, hits) != expected) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong, 0);
}

}  // namespace
}  // namespace firstline
