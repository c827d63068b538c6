// The conversation and handoff stores a server runs on, chosen by options:
// in memory, or durable in an SQLite file under a data folder.
//
//   absl::StatusOr<Stores> stores = OpenStores({.data_dir = "data"});
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
  // A conversation idle this long starts afresh.
  absl::Duration idle_timeout = absl::Minutes(30);
  // Resolved handoffs are kept this long (SQLite).
  absl::Duration resolved_retention = absl::Hours(24 * 30);
  std::function<absl::Time()> clock = [] { return absl::Now(); };
};

// A conversation store and a handoff store on the same backing.
struct Stores {
  std::shared_ptr<ConversationStore> conversations;
  std::shared_ptr<HandoffStore> handoffs;
};

// Opens the stores. UNAVAILABLE when the data folder or file cannot be
// created or opened; FAILED_PRECONDITION for a file of a newer schema.
absl::StatusOr<Stores> OpenStores(const StoreOptions& options);

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_STORES_H_
