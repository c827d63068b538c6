#include "service/server/worker_pool.h"

#include <atomic>
#include <set>
#include <thread>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace firstline {
namespace {

TEST(WorkerPoolTest, RunsEveryPieceOfWorkBeforeItIsDestroyed) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(3);
    for (int i = 0; i < 1000; ++i) pool.Schedule([&done] { ++done; });
  }
  EXPECT_EQ(done.load(), 1000);
}

TEST(WorkerPoolTest, RunsWorkOffTheCallersThread) {
  WorkerPool pool(1);
  absl::Notification ran;
  std::thread::id ran_on;
  pool.Schedule([&] {
    ran_on = std::this_thread::get_id();
    ran.Notify();
  });
  ran.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(WorkerPoolTest, WorkThatBlocksDoesNotHoldUpTheOtherThreads) {
  WorkerPool pool(2);
  absl::Notification release;
  absl::Notification other_ran;
  pool.Schedule([&] { release.WaitForNotification(); });
  pool.Schedule([&] { other_ran.Notify(); });
  // With the first thread blocked, only the second can run this.
  EXPECT_TRUE(other_ran.WaitForNotificationWithTimeout(absl::Seconds(10)));
  release.Notify();
}

TEST(WorkerPoolTest, AskedForNoThreadsItStillRunsWork) {
  std::atomic<int> done{0};
  {
    WorkerPool pool(0);
    pool.Schedule([&done] { ++done; });
  }
  EXPECT_EQ(done.load(), 1);
}

TEST(RunOnPoolOrHereTest, WithoutAPoolRunsTheWorkAtOnceHere) {
  std::thread::id ran_on;
  RunOnPoolOrHere(nullptr, [&] { ran_on = std::this_thread::get_id(); });
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(RunOnPoolOrHereTest, WithAPoolRunsTheWorkOnIt) {
  WorkerPool pool(1);
  absl::Notification ran;
  std::thread::id ran_on;
  RunOnPoolOrHere(&pool, [&] {
    ran_on = std::this_thread::get_id();
    ran.Notify();
  });
  ran.WaitForNotification();
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

}  // namespace
}  // namespace firstline
