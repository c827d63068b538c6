#include "service/dialog/conversation_locks.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace firstline {
namespace {

TEST(ConversationLocksTest, OneConversationAtATimeAndNothingLeftBehind) {
  ConversationLocks locks;
  int shared_counter = 0;  // Guarded by the lock of conversation "c".
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        const ConversationLocks::Hold hold = locks.Lock("c");
        const int seen = shared_counter;
        std::this_thread::yield();
        shared_counter = seen + 1;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(shared_counter, 8000);
  EXPECT_EQ(locks.active(), 0u);
}

TEST(ConversationLocksTest, DifferentConversationsDoNotWait) {
  ConversationLocks locks;
  const ConversationLocks::Hold first = locks.Lock("a");
  std::thread other(
      [&] { const ConversationLocks::Hold second = locks.Lock("b"); });
  other.join();  // Would hang if "b" waited for "a".
  EXPECT_EQ(locks.active(), 1u);
}

}  // namespace
}  // namespace firstline
