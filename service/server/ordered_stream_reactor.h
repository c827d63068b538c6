// Serves a bidirectional stream of the callback API whose every request
// gets one reply, in the order the requests came: it answers a request,
// queues the reply for writing and reads the next request while the reply
// goes out. One stream's requests are answered one after the other, so a
// conversation's order on the stream is kept; streams run in parallel.
//
//   grpc::ServerBidiReactor<Request, Response>* Service::Stream(
//       grpc::CallbackServerContext*) {
//     return new OrderedStreamReactor<Request, Response>(
//         [this](const Request& request) { return Reply(request); }, pool);
//   }
#ifndef FIRSTLINE_SERVICE_SERVER_ORDERED_STREAM_REACTOR_H_
#define FIRSTLINE_SERVICE_SERVER_ORDERED_STREAM_REACTOR_H_

#include <grpcpp/support/server_callback.h>

#include <deque>
#include <functional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "service/server/worker_pool.h"

namespace firstline {

template <typename Request, typename Response>
class OrderedStreamReactor final
    : public grpc::ServerBidiReactor<Request, Response> {
 public:
  using Answerer = std::function<Response(const Request&)>;

  // Starts reading the stream. `answer` runs on `pool` when one is given
  // (answers that may block), otherwise on gRPC's thread that read the
  // request. The reactor deletes itself when the call is done; the stream
  // ends with OK once the client has closed its side and every reply is
  // written, or the client has gone.
  OrderedStreamReactor(Answerer answer, WorkerPool* pool)
      : answer_(std::move(answer)), pool_(pool) {
    this->StartRead(&request_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      bool finish = false;
      {
        absl::MutexLock lock(&mutex_);
        reads_done_ = true;
        finish = !writing_;
      }
      if (finish) this->Finish(grpc::Status::OK);
      return;
    }
    RunOnPoolOrHere(pool_, [this] { AnswerAndReadOn(); });
  }

  void OnWriteDone(bool /*ok*/) override {
    // A write that failed means the client has gone: its reads fail too,
    // and what it sent was answered all the same.
    const Response* next = nullptr;
    bool finish = false;
    {
      absl::MutexLock lock(&mutex_);
      unwritten_.pop_front();
      if (!unwritten_.empty()) {
        next = &unwritten_.front();
      } else {
        writing_ = false;
        finish = reads_done_;
      }
    }
    if (next != nullptr) this->StartWrite(next);
    if (finish) this->Finish(grpc::Status::OK);
  }

  void OnDone() override { delete this; }

 private:
  // One at a time: the next read starts only when this one is answered.
  void AnswerAndReadOn() {
    Response reply = answer_(request_);
    const Response* to_write = nullptr;
    {
      absl::MutexLock lock(&mutex_);
      // A deque keeps the reply in place while later ones are queued.
      unwritten_.push_back(std::move(reply));
      if (!writing_) {
        writing_ = true;
        to_write = &unwritten_.front();
      }
    }
    if (to_write != nullptr) this->StartWrite(to_write);
    this->StartRead(&request_);
  }

  const Answerer answer_;
  WorkerPool* const pool_;
  Request request_;
  absl::Mutex mutex_;
  // Replies not yet written; the first is being written while writing_.
  std::deque<Response> unwritten_ ABSL_GUARDED_BY(mutex_);
  bool writing_ ABSL_GUARDED_BY(mutex_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace firstline

#endif  // FIRSTLINE_SERVICE_SERVER_ORDERED_STREAM_REACTOR_H_
