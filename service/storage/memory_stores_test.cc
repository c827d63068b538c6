// The in-memory stores pass the store conformance suite, and forget idle
// conversations without being asked.
#include "service/storage/memory_conversation_store.h"
#include "service/storage/memory_handoff_store.h"
#include "service/storage/store_conformance.h"

namespace firstline {
namespace {

Stores NewMemoryStores(const StoreSetup& setup) {
  return {
      std::make_shared<MemoryConversationStore>(MemoryConversationStoreOptions{
          .idle_timeout = setup.idle_timeout, .clock = setup.clock}),
      std::make_shared<MemoryHandoffStore>()};
}

INSTANTIATE_TEST_SUITE_P(Memory, StoreConformanceTest,
                         ::testing::Values(&NewMemoryStores));

TEST(MemoryConversationStoreTest, SweepsExpiredConversations) {
  absl::Time now = absl::FromUnixSeconds(1'800'000'000);
  MemoryConversationStore store(
      {.idle_timeout = absl::Minutes(30), .clock = [&] { return now; }});
  for (int i = 0; i < 1000; ++i) {
    ConversationState state;
    state.set_conversation_id("old-" + std::to_string(i));
    ASSERT_TRUE(store.Save(&state).ok());
  }
  now += absl::Hours(1);
  for (int i = 0; i < 100; ++i) {
    ConversationState state;
    state.set_conversation_id("new-" + std::to_string(i));
    ASSERT_TRUE(store.Save(&state).ok());
  }
  EXPECT_LT(store.size(), 200u);
}

TEST(MemoryConversationStoreTest, SweepsByTimeNotBySaves) {
  const absl::Time start = absl::FromUnixSeconds(1'800'000'000);
  absl::Time now = start;
  MemoryConversationStore store(
      {.idle_timeout = absl::Minutes(30), .clock = [&] { return now; }});
  // A turn of conversation `id` at that time.
  auto save_at = [&](absl::Duration after_start, const std::string& id) {
    now = start + after_start;
    ConversationState state = store.Load(id).value_or(ConversationState());
    state.set_conversation_id(id);
    ASSERT_TRUE(store.Save(&state).ok());
  };
  save_at(absl::ZeroDuration(), "x");  // Sweeps; the next one a minute on.
  save_at(absl::Seconds(50), "y");
  save_at(absl::Minutes(1), "z");
  save_at(absl::Seconds(30 * 60 + 30), "busy");  // Sweeps out x.
  EXPECT_EQ(store.size(), 3u);
  // y has expired, but the next sweep is due a minute (a thirtieth of the
  // idle timeout) after the last one, however many saves come before it.
  for (int i = 0; i < 5000; ++i) save_at(absl::Minutes(31), "busy");
  EXPECT_EQ(store.size(), 3u);
  save_at(absl::Seconds(31 * 60 + 30), "busy");  // Sweeps out y and z.
  EXPECT_EQ(store.size(), 1u);
}

}  // namespace
}  // namespace firstline
