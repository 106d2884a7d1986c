// async-session-per-request over the real gRPC headers.
// RUN: %check_async -real-headers %s async-session-per-request %t

#include <grpcpp/grpcpp.h>
#include <memory>
#include <string>
#include <vector>

void call_each(const std::vector<std::string> &targets) {
  for (const auto &target : targets) {
    auto channel =
        grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'grpc::CreateChannel' is called on every loop iteration; each channel repeats the HTTP/2 and TLS handshakes [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: 'grpc::CreateChannel' is called on every loop iteration; each channel repeats the HTTP/2 and TLS handshakes [async-session-per-request]
    // CHECK-NOTES: :[[@LINE-3]]:9: note: create one for the program's lifetime and pass it in by reference
    (void)channel;
  }
}

std::shared_ptr<grpc::Channel> connect(const std::string &target) {
  grpc::ChannelArguments args;
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(),
                                   args);
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'grpc::CreateCustomChannel' is called on every call of 'connect', which runs once per item; each channel repeats the HTTP/2 and TLS handshakes [async-session-per-request]
  // CHECK-NOTES: :[[@LINE-3]]:10: warning: 'grpc::CreateCustomChannel' is called on every call of 'connect', which runs once per item; each channel repeats the HTTP/2 and TLS handshakes [async-session-per-request]
  // CHECK-NOTES: :[[@LINE+8]]:24: note: 'connect' is called here inside a loop
  // CHECK-NOTES: :[[@LINE-5]]:10: note: create one for the program's lifetime and pass it in by reference
}

std::vector<std::shared_ptr<grpc::Channel>>
connect_all(const std::vector<std::string> &targets) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (const auto &target : targets)
    channels.push_back(connect(target));
  return channels;
}

// Not flagged: one channel for the program.
int main() {
  auto channel = grpc::CreateChannel("localhost:50051",
                                     grpc::InsecureChannelCredentials());
  call_each({});
  return channel ? 0 : 1;
}
