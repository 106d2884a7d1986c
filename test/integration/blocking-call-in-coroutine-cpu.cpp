// The cpu category over real headers: OpenSSL (libssl-dev), libsodium
// (libsodium-dev), argon2 (libargon2-dev), crypt (libcrypt-dev), zlib and
// zstd, with Boost.Asio 1.81's coroutines. Password hashing, key derivation
// and key generation take long CPU time on every call; whole-buffer
// compression costs what its input is, and is reported under StrictMode
// only. A fast hash is not reported, nor is the same work on a thread pool.
// RUN: %check_async -real-headers %s async-blocking-call-in-coroutine %t
// RUN: %check_async -real-headers -check-suffixes=,STRICT %s async-blocking-call-in-coroutine %t-strict \
// RUN:   -config="{CheckOptions: {async-blocking-call-in-coroutine.StrictMode: true}}"

#include <argon2.h>
#include <boost/asio.hpp>
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <string>
#include <zlib.h>
#include <zstd.h>

namespace net = boost::asio;

net::awaitable<bool> login(const std::string &password,
                           const unsigned char *salt) {
  unsigned char key[32];
  PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), salt, 16, 600000,
                    EVP_sha256(), sizeof key, key);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'PKCS5_PBKDF2_HMAC' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: blocking call to 'PKCS5_PBKDF2_HMAC' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  char hashed[crypto_pwhash_STRBYTES];
  crypto_pwhash_str(hashed, password.data(), password.size(),
                    crypto_pwhash_OPSLIMIT_INTERACTIVE,
                    crypto_pwhash_MEMLIMIT_INTERACTIVE);
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: blocking call to 'crypto_pwhash_str' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:3: warning: blocking call to 'crypto_pwhash_str' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-5]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  unsigned char raw[32];
  argon2id_hash_raw(2, 1 << 16, 1, password.data(), password.size(), salt, 16,
                    raw, sizeof raw);
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: blocking call to 'argon2id_hash_raw' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: warning: blocking call to 'argon2id_hash_raw' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  struct crypt_data data = {};
  const char *stored = crypt_r(password.c_str(), "$6$salt", &data);
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: blocking call to 'crypt_r' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:24: warning: blocking call to 'crypt_r' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:24: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  // Not flagged: a fast hash.
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(key, sizeof key, digest);
  co_return stored != nullptr;
}

net::awaitable<EVP_PKEY *> new_key(EVP_PKEY_CTX *ctx) {
  EVP_PKEY *key = nullptr;
  EVP_PKEY_keygen(ctx, &key);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: blocking call to 'EVP_PKEY_keygen' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: blocking call to 'EVP_PKEY_keygen' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  co_return key;
}

net::awaitable<void> pack(const std::string &body, std::string &out) {
  uLongf size = compressBound(body.size());
  out.resize(size);
  compress(reinterpret_cast<Bytef *>(out.data()), &size,
           reinterpret_cast<const Bytef *>(body.data()), body.size());
  // CHECK-MESSAGES-STRICT: :[[@LINE-2]]:3: warning: blocking call to 'compress' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-3]]:3: warning: blocking call to 'compress' in a coroutine; CPU-heavy work stalls every coroutine on its thread [async-blocking-call-in-coroutine]
  // CHECK-NOTES-STRICT: :[[@LINE-4]]:3: note: move the blocking call to a thread pool: 'co_await net::co_spawn(pool, [&]() -> net::awaitable<void> { <blocking call>; co_return; }, net::use_awaitable)'
  co_return;
}

// Not flagged: the same work spawned onto a thread pool, as the note says.
net::awaitable<void> login_on_pool(net::thread_pool &pool,
                                   const std::string &password) {
  co_await net::co_spawn(
      pool,
      [&]() -> net::awaitable<void> {
        char hashed[crypto_pwhash_STRBYTES];
        crypto_pwhash_str(hashed, password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE);
        co_return;
      },
      net::use_awaitable);
}
