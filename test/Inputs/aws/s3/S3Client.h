// Mock of <aws/s3/S3Client.h>.
// Debian does not ship it; the mock mirrors the AWS SDK for C++ 1.11.
#pragma once
namespace Aws::Client {
struct ClientConfiguration {};
} // namespace Aws::Client
namespace Aws::S3 {
class S3Client {
public:
  explicit S3Client(const Aws::Client::ClientConfiguration &) {}
};
} // namespace Aws::S3
