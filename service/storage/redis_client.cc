#include "service/storage/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace firstline {
namespace {

constexpr int kDefaultPort = 6379;

RedisValue Copy(const redisReply& reply) {
  RedisValue value;
  switch (reply.type) {
    case REDIS_REPLY_STRING:
      value.type = RedisValue::Type::kString;
      value.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STATUS:
      value.type = RedisValue::Type::kStatus;
      value.text.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      value.type = RedisValue::Type::kInteger;
      value.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      value.type = RedisValue::Type::kArray;
      value.elements.reserve(reply.elements);
      for (size_t i = 0; i < reply.elements; ++i) {
        value.elements.push_back(Copy(*reply.element[i]));
      }
      break;
    default:
      break;
  }
  return value;
}

// An error reply as a status: scripts name the code with the first word.
absl::Status ErrorOf(absl::string_view message) {
  const size_t space = message.find(' ');
  const absl::string_view code = message.substr(0, space);
  const absl::string_view rest =
      space == absl::string_view::npos ? "" : message.substr(space + 1);
  if (code == "NOTFOUND") return absl::NotFoundError(rest);
  if (code == "ABORTED") return absl::AbortedError(rest);
  if (code == "PRECONDITION") return absl::FailedPreconditionError(rest);
  // The server is starting, or busy with a script: it will serve again.
  if (code == "LOADING" || code == "BUSY" || code == "MASTERDOWN") {
    return absl::UnavailableError(absl::StrCat("redis: ", message));
  }
  return absl::InternalError(absl::StrCat("redis: ", message));
}

}  // namespace

RedisConnection::RedisConnection(redisContext* context, std::string where,
                                 absl::Duration command_timeout)
    : context_(context),
      where_(std::move(where)),
      command_timeout_(command_timeout) {}

RedisConnection::~RedisConnection() { redisFree(context_); }

absl::StatusOr<RedisValue> RedisConnection::Command(
    const std::vector<absl::string_view>& args, absl::Duration extra_wait) {
  if (broken_) {
    return absl::UnavailableError(
        absl::StrCat("redis at ", where_, ": the connection failed"));
  }
  std::vector<const char*> argv;
  std::vector<size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (absl::string_view arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  const bool waits_longer = extra_wait > absl::ZeroDuration();
  if (waits_longer) {
    redisSetTimeout(context_, absl::ToTimeval(command_timeout_ + extra_wait));
  }
  auto* reply = static_cast<redisReply*>(redisCommandArgv(
      context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (waits_longer)
    redisSetTimeout(context_, absl::ToTimeval(command_timeout_));
  if (reply == nullptr) {
    // The reply may still come and would answer the next command: the
    // connection cannot be used again.
    broken_ = true;
    return absl::UnavailableError(
        absl::StrCat("redis at ", where_, ": ", context_->errstr));
  }
  std::unique_ptr<redisReply, void (*)(void*)> owned(reply, freeReplyObject);
  if (reply->type == REDIS_REPLY_ERROR) {
    return ErrorOf(absl::string_view(reply->str, reply->len));
  }
  return Copy(*reply);
}

absl::StatusOr<RedisValue> RedisConnection::Eval(
    absl::string_view script, const std::vector<absl::string_view>& keys,
    const std::vector<absl::string_view>& args) {
  const std::string key_count = absl::StrCat(keys.size());
  std::vector<absl::string_view> command = {"EVAL", script, key_count};
  command.insert(command.end(), keys.begin(), keys.end());
  command.insert(command.end(), args.begin(), args.end());
  return Command(command);
}

RedisClient::RedisClient(RedisClientOptions options, std::string host, int port)
    : options_(std::move(options)),
      host_(std::move(host)),
      port_(port),
      where_(absl::StrCat(host_, ":", port_)) {}

absl::StatusOr<std::unique_ptr<RedisClient>> RedisClient::Create(
    RedisClientOptions options) {
  absl::string_view rest = options.address;
  if (!absl::ConsumePrefix(&rest, "redis://") || rest.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", options.address, "' is not a Redis address: redis://host:port"));
  }
  std::string host(rest);
  int port = kDefaultPort;
  if (const size_t colon = rest.rfind(':'); colon != absl::string_view::npos) {
    host = std::string(rest.substr(0, colon));
    if (!absl::SimpleAtoi(rest.substr(colon + 1), &port) || port <= 0 ||
        port > 65535 || host.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", options.address, "' is not a Redis address: redis://host:port"));
    }
  }
  std::unique_ptr<RedisClient> client(
      new RedisClient(std::move(options), std::move(host), port));
  absl::Status ping = client->Ping();
  if (!ping.ok()) return ping;
  return client;
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisClient::Connect() const {
  redisContext* context = redisConnectWithTimeout(
      host_.c_str(), port_, absl::ToTimeval(options_.connect_timeout));
  if (context == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("redis at ", where_, ": cannot connect"));
  }
  if (context->err != 0) {
    absl::Status error = absl::UnavailableError(
        absl::StrCat("redis at ", where_, ": ", context->errstr));
    redisFree(context);
    return error;
  }
  redisSetTimeout(context, absl::ToTimeval(options_.command_timeout));
  return std::unique_ptr<RedisConnection>(
      new RedisConnection(context, where_, options_.command_timeout));
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisClient::Take() {
  {
    absl::MutexLock lock(&mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<RedisConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return Connect();
}

void RedisClient::Give(std::unique_ptr<RedisConnection> connection) {
  if (connection->broken()) return;
  absl::MutexLock lock(&mutex_);
  if (static_cast<int>(idle_.size()) < options_.idle_connections) {
    idle_.push_back(std::move(connection));
  }
}

absl::StatusOr<RedisValue> RedisClient::OnPooledConnection(
    absl::FunctionRef<absl::StatusOr<RedisValue>(RedisConnection&)> call) {
  absl::StatusOr<std::unique_ptr<RedisConnection>> connection = Take();
  if (!connection.ok()) return connection.status();
  absl::StatusOr<RedisValue> value = call(**connection);
  Give(*std::move(connection));
  return value;
}

absl::StatusOr<RedisValue> RedisClient::Command(
    const std::vector<absl::string_view>& args) {
  return OnPooledConnection(
      [&](RedisConnection& connection) { return connection.Command(args); });
}

absl::StatusOr<RedisValue> RedisClient::Eval(
    absl::string_view script, const std::vector<absl::string_view>& keys,
    const std::vector<absl::string_view>& args) {
  return OnPooledConnection([&](RedisConnection& connection) {
    return connection.Eval(script, keys, args);
  });
}

absl::Status RedisClient::Ping() {
  absl::StatusOr<RedisValue> pong = Command({"PING"});
  if (!pong.ok()) return pong.status();
  if (pong->text != "PONG") {
    return absl::UnavailableError(absl::StrCat(
        "redis at ", where_, " answered PING with '", pong->text, "'"));
  }
  return absl::OkStatus();
}

}  // namespace firstline
