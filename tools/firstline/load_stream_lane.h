// A lane that keeps one bidirectional stream open and sends all its
// messages over it, many in flight at once, matching answers to messages by
// their tags, as a chat platform multiplexes its conversations.
#ifndef FIRSTLINE_TOOLS_FIRSTLINE_LOAD_STREAM_LANE_H_
#define FIRSTLINE_TOOLS_FIRSTLINE_LOAD_STREAM_LANE_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "tools/firstline/grpc_call.h"
#include "tools/firstline/load_lane.h"

namespace firstline {

// Response has a string tag() echoing the request's, which Fill sets to
// the message's number.
template <typename Request, typename Response>
class StreamLane : public LaneSender {
 public:
  // Opens the stream on a stub: e.g. Stub::PrepareAsyncConverse.
  using Prepare = std::function<
      std::unique_ptr<grpc::ClientAsyncReaderWriter<Request, Response>>(
          grpc::ClientContext*, grpc::CompletionQueue*)>;
  // Writes the lane's n-th request, tagged with n.
  using Fill = std::function<void(uint64_t n, Request*)>;
  // OK, or why the service refused the message the answer is for.
  using Outcome = std::function<absl::StatusCode(const Response&)>;

  // Opens the stream, which lives until Close()d and drained. `seconds`
  // bounds its life, as a deadline.
  StreamLane(const LaneContext& lane, Prepare prepare, Fill fill,
             Outcome outcome, int seconds)
      : lane_(lane), fill_(std::move(fill)), outcome_(std::move(outcome)) {
    absl::MutexLock lock(&mu_);
    lane_.in_flight->Add();
    SetCallDeadline(&context_, seconds);
    stream_ = prepare(&context_, lane_.cq);
    ++operations_;
    stream_->StartCall(&started_);
  }

  void Send(absl::Time due) override {
    absl::MutexLock lock(&mu_);
    if (finished_) {
      lane_.tally->AnswerStreamMessage(due, absl::Now(), end_code_);
      return;
    }
    queue_.push_back({next_++, due});
    WriteNext();
  }

  void Close() override {
    absl::MutexLock lock(&mu_);
    closed_ = true;
    MaybeEnd();
  }

  void Cancel() override { context_.TryCancel(); }

 private:
  struct Message {
    uint64_t n;
    absl::Time due;
  };

  // A completion queue tag bound to one of the stream's operations.
  struct Op : CompletionHandler {
    Op(StreamLane* owner, void (StreamLane::*handler)(bool))
        : owner(owner), handler(handler) {}
    void OnEvent(bool ok) override {
      absl::MutexLock lock(&owner->mu_);
      --owner->operations_;
      (owner->*handler)(ok);
      owner->MaybeDone();
    }
    StreamLane* owner;
    void (StreamLane::*handler)(bool);
  };

  void OnStarted(bool ok) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!ok) return Finish();
    started_ok_ = true;
    ++operations_;
    stream_->Read(&response_, &read_);
    WriteNext();
    MaybeEnd();
  }

  // gRPC takes one write at a time; the rest wait in queue_.
  void WriteNext() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!started_ok_ || writing_ || ending_ || queue_.empty()) return;
    const Message message = queue_.front();
    queue_.pop_front();
    request_.Clear();
    fill_(message.n, &request_);
    waiting_[message.n] = message.due;
    writing_ = true;
    ++operations_;
    stream_->Write(request_, &wrote_);
  }

  void OnWritten(bool ok) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    writing_ = false;
    // A failed write means the stream broke; the pending read ends it.
    if (!ok) return;
    WriteNext();
    MaybeEnd();
  }

  void OnRead(bool ok) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!ok) return Finish();
    const absl::Time now = absl::Now();
    uint64_t n = 0;
    if (absl::SimpleAtoi(response_.tag(), &n)) {
      if (auto it = waiting_.find(n); it != waiting_.end()) {
        lane_.tally->AnswerStreamMessage(it->second, now, outcome_(response_));
        waiting_.erase(it);
      }
    }
    if (lane_.closed_loop && !closed_ && now < lane_.clock->stop) {
      queue_.push_back({next_++, now});
    }
    ++operations_;
    stream_->Read(&response_, &read_);
    WriteNext();
    MaybeEnd();
  }

  // Once closed and all answered, tells the server no more will come.
  void MaybeEnd() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!closed_ || !started_ok_ || ending_ || writing_ || !queue_.empty() ||
        !waiting_.empty()) {
      return;
    }
    ending_ = true;
    ++operations_;
    stream_->WritesDone(&writes_done_);
  }

  void OnWritesDone(bool /*ok*/) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {}

  // The server ended the stream or it broke: asks for its status.
  void Finish() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    ++operations_;
    stream_->Finish(&status_, &finished_op_);
  }

  void OnFinished(bool /*ok*/) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    finished_ = true;
    end_code_ = ToStatus(status_).code();
    // The server ended the stream without answering them all.
    if (end_code_ == absl::StatusCode::kOk) {
      end_code_ = absl::StatusCode::kDataLoss;
    }
    const absl::Time now = absl::Now();
    for (const auto& [n, due] : waiting_) {
      lane_.tally->AnswerStreamMessage(due, now, end_code_);
    }
    for (const Message& message : queue_) {
      lane_.tally->AnswerStreamMessage(message.due, now, end_code_);
    }
    waiting_.clear();
    queue_.clear();
    lane_.tally->EndStream();
  }

  void MaybeDone() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_ && operations_ == 0 && !done_) {
      done_ = true;
      lane_.in_flight->Done();
    }
  }

  const LaneContext lane_;
  const Fill fill_;
  const Outcome outcome_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientAsyncReaderWriter<Request, Response>> stream_;
  Op started_{this, &StreamLane::OnStarted};
  Op wrote_{this, &StreamLane::OnWritten};
  Op read_{this, &StreamLane::OnRead};
  Op writes_done_{this, &StreamLane::OnWritesDone};
  Op finished_op_{this, &StreamLane::OnFinished};

  absl::Mutex mu_;
  // Operations handed to gRPC and not yet returned by the queue.
  int operations_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t next_ ABSL_GUARDED_BY(mu_) = 0;
  std::deque<Message> queue_ ABSL_GUARDED_BY(mu_);
  // Sent and not yet answered, by number.
  absl::flat_hash_map<uint64_t, absl::Time> waiting_ ABSL_GUARDED_BY(mu_);
  Request request_ ABSL_GUARDED_BY(mu_);
  Response response_ ABSL_GUARDED_BY(mu_);
  grpc::Status status_ ABSL_GUARDED_BY(mu_);
  bool started_ok_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
  bool ending_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  bool done_ ABSL_GUARDED_BY(mu_) = false;
  absl::StatusCode end_code_ ABSL_GUARDED_BY(mu_) = absl::StatusCode::kOk;
};

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_FIRSTLINE_LOAD_STREAM_LANE_H_
