// The conversation and handoff stores a server runs on, chosen by options:
// in memory, durable in an SQLite file under a data folder, or in a Redis
// server that several replicas share.
//
//   absl::StatusOr<Stores> stores = OpenStores({.data_dir = "data"});
//   absl::StatusOr<Stores> shared =
//       OpenStores({.redis_address = "redis://127.0.0.1:6379"});
#ifndef FIRSTLINE_SERVICE_STORAGE_STORES_H_
#define FIRSTLINE_SERVICE_STORAGE_STORES_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "service/storage/conversation_store.h"
#include "service/storage/handoff_store.h"

namespace firstline {

struct StoreOptions {
  // Empty: in memory, lost on restart. Otherwise the folder (created when
  // missing) of the SQLite file firstline.db.
  std::string data_dir;
  // redis://host:port: in that Redis server, under keys starting with
  // redis_key_prefix. Takes precedence over data_dir.
  std::string redis_address;
  std::string redis_key_prefix = "firstline:";
  // Redis: a handoff a desk was given and did not claim within this goes
  // to another desk of its queue.
  absl::Duration redelivery_timeout = absl::Minutes(1);
  // A conversation idle this long starts afresh.
  absl::Duration idle_timeout = absl::Minutes(30);
  // Resolved handoffs are kept this long (SQLite, Redis).
  absl::Duration resolved_retention = absl::Hours(24 * 30);
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// A conversation store and a handoff store on the same backing.
struct Stores {
  std::shared_ptr<ConversationStore> conversations;
  std::shared_ptr<HandoffStore> handoffs;
  // Whether their calls wait for disk or network (SQLite, Redis), which
  // threads that must not block cannot make.
  bool wait_for_io = true;
};

// Opens the stores. UNAVAILABLE when the data folder or file cannot be
// created or opened, or Redis does not answer; FAILED_PRECONDITION for a
// file of a newer schema; INVALID_ARGUMENT for a malformed Redis address.
absl::StatusOr<Stores> OpenStores(const StoreOptions& options);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_STORES_H_
