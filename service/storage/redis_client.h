// A small synchronous Redis client over hiredis for the Redis stores: a pool
// of connections shared by threads, each connection used by one call at a
// time. A connection that failed is dropped and the next call opens a new
// one, so the client recovers by itself when the server comes back.
//
//   absl::StatusOr<std::unique_ptr<RedisClient>> client =
//       RedisClient::Create({.address = "redis://127.0.0.1:6379"});
//   absl::StatusOr<RedisValue> value = (*client)->Command({"GET", "key"});
//
// Error replies become statuses by their first word, so that Lua scripts can
// fail with a canonical code: "NOTFOUND ..." is NOT_FOUND, "ABORTED ..."
// ABORTED, "PRECONDITION ..." FAILED_PRECONDITION; any other is INTERNAL.
// A server that cannot be reached, or a reply that does not come within the
// timeout, is UNAVAILABLE.
#ifndef FIRSTLINE_SERVICE_STORAGE_REDIS_CLIENT_H_
#define FIRSTLINE_SERVICE_STORAGE_REDIS_CLIENT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

struct redisContext;

namespace firstline {

// A reply, copied out of hiredis.
struct RedisValue {
  enum class Type { kNil, kString, kStatus, kInteger, kArray };
  Type type = Type::kNil;
  std::string text;  // kString and kStatus.
  int64_t integer = 0;
  std::vector<RedisValue> elements;  // kArray.

  bool is_nil() const { return type == Type::kNil; }
};

struct RedisClientOptions {
  // redis://host or redis://host:port (6379 by default).
  std::string address;
  absl::Duration connect_timeout = absl::Seconds(1);
  // The longest a reply may take, blocking reads aside.
  absl::Duration command_timeout = absl::Seconds(2);
  // Connections kept open between calls; more are opened when needed. As
  // many as the server has threads for calls, so that none is opened and
  // closed per call under load.
  int idle_connections = 64;
};

// One connection. Not thread-safe.
class RedisConnection {
 public:
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends one command and waits for its reply, up to the command timeout
  // plus `extra_wait` (for blocking reads).
  absl::StatusOr<RedisValue> Command(
      const std::vector<absl::string_view>& args,
      absl::Duration extra_wait = absl::ZeroDuration());

  // EVAL of `script` with its keys and arguments.
  absl::StatusOr<RedisValue> Eval(absl::string_view script,
                                  const std::vector<absl::string_view>& keys,
                                  const std::vector<absl::string_view>& args);

  // True once an I/O error left the connection unusable.
  bool broken() const { return broken_; }

 private:
  friend class RedisClient;
  RedisConnection(redisContext* context, std::string where,
                  absl::Duration command_timeout);

  redisContext* context_;
  const std::string where_;  // host:port, for messages.
  const absl::Duration command_timeout_;
  bool broken_ = false;
};

// Thread-safe.
class RedisClient {
 public:
  // INVALID_ARGUMENT for an address that is not redis://host[:port];
  // UNAVAILABLE when the server does not answer a PING.
  static absl::StatusOr<std::unique_ptr<RedisClient>> Create(
      RedisClientOptions options);

  // As RedisConnection::Command and Eval, on a pooled connection.
  absl::StatusOr<RedisValue> Command(
      const std::vector<absl::string_view>& args);
  absl::StatusOr<RedisValue> Eval(absl::string_view script,
                                  const std::vector<absl::string_view>& keys,
                                  const std::vector<absl::string_view>& args);

  // A connection of the caller's own, for blocking reads.
  absl::StatusOr<std::unique_ptr<RedisConnection>> Connect() const;

  // OK when the server answers a PING; UNAVAILABLE otherwise.
  absl::Status Ping();

  // host:port.
  const std::string& where() const { return where_; }

 private:
  RedisClient(RedisClientOptions options, std::string host, int port);
  absl::StatusOr<std::unique_ptr<RedisConnection>> Take();
  void Give(std::unique_ptr<RedisConnection> connection);
  // Runs `call` on a connection from the pool, and returns the connection
  // to the pool unless it broke.
  absl::StatusOr<RedisValue> OnPooledConnection(
      absl::FunctionRef<absl::StatusOr<RedisValue>(RedisConnection&)> call);

  const RedisClientOptions options_;
  const std::string host_;
  const int port_;
  const std::string where_;
  absl::Mutex mutex_;
  std::vector<std::unique_ptr<RedisConnection>> idle_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_STORAGE_REDIS_CLIENT_H_
