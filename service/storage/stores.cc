#include "service/storage/stores.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "service/storage/memory_conversation_store.h"
#include "service/storage/memory_handoff_store.h"
#include "service/storage/redis_client.h"
#include "service/storage/redis_conversation_store.h"
#include "service/storage/redis_handoff_store.h"
#include "service/storage/sqlite_conversation_store.h"
#include "service/storage/sqlite_database.h"
#include "service/storage/sqlite_handoff_store.h"

namespace firstline {

namespace {

absl::StatusOr<Stores> OpenRedisStores(const StoreOptions& options) {
  RedisClientOptions client_options;
  client_options.address = options.redis_address;
  absl::StatusOr<std::unique_ptr<RedisClient>> client =
      RedisClient::Create(std::move(client_options));
  if (!client.ok()) return client.status();
  std::shared_ptr<RedisClient> shared = *std::move(client);
  RedisConversationStoreOptions conversations;
  conversations.key_prefix = options.redis_key_prefix;
  conversations.idle_timeout = options.idle_timeout;
  conversations.clock = options.clock;
  RedisHandoffStoreOptions handoffs;
  handoffs.key_prefix = options.redis_key_prefix;
  handoffs.resolved_retention = options.resolved_retention;
  handoffs.redelivery_timeout = options.redelivery_timeout;
  return Stores{
      std::make_shared<RedisConversationStore>(shared,
                                               std::move(conversations)),
      std::make_shared<RedisHandoffStore>(shared, std::move(handoffs)),
      /*wait_for_io=*/true};
}

}  // namespace

absl::StatusOr<Stores> OpenStores(const StoreOptions& options) {
  if (!options.redis_address.empty()) return OpenRedisStores(options);
  if (options.data_dir.empty()) {
    return Stores{
        std::make_shared<MemoryConversationStore>(
            MemoryConversationStoreOptions{.idle_timeout = options.idle_timeout,
                                           .clock = options.clock}),
        std::make_shared<MemoryHandoffStore>(), /*wait_for_io=*/false};
  }
  std::error_code error;
  std::filesystem::create_directories(options.data_dir, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot create the data folder ",
                                               options.data_dir, ": ",
                                               error.message()));
  }
  absl::StatusOr<std::unique_ptr<SqliteDatabase>> opened =
      SqliteDatabase::Open(options.data_dir + "/firstline.db");
  if (!opened.ok()) return opened.status();
  std::shared_ptr<SqliteDatabase> database = std::move(*opened);
  return Stores{
      std::make_shared<SqliteConversationStore>(
          database,
          SqliteConversationStoreOptions{.idle_timeout = options.idle_timeout,
                                         .clock = options.clock}),
      std::make_shared<SqliteHandoffStore>(
          database, SqliteHandoffStoreOptions{.resolved_retention =
                                                  options.resolved_retention,
                                              .clock = options.clock}),
      /*wait_for_io=*/true};
}

}  // namespace firstline
