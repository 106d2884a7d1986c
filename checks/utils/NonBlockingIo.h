//===--- NonBlockingIo.h - POSIX descriptors used without blocking --------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A POSIX `recv`, `send`, `accept` or `connect` blocks
// only on a blocking descriptor. Coroutine frameworks that do their own I/O
// (libcoro, Seastar, hand-written reactors) put their descriptors in
// non-blocking mode, try the call, and await readiness when it would block.
// This file recognises that idiom from the code around the call.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_NONBLOCKINGIO_H
#define ASYNC_LINT_UTILS_NONBLOCKINGIO_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::async::utils {

/// True for a call to a POSIX descriptor function declared at global scope
/// (`::recv`, `::send`, `::accept`, `::connect`, `::read`, `::write`, ...):
/// the calls whose blocking depends on the descriptor's mode.
bool isPosixDescriptorCall(const Expr *Call);

/// True when \p Call writes one scalar object (`write(fd, &value,
/// sizeof(value))`): a wake-up signal to an eventfd or a pipe, which does not
/// wait for a reader.
bool isWakeUpWrite(const Expr *Call);

/// Remembers, per function of one translation unit, whether the function
/// drives its descriptors without blocking.
class NonBlockingIoFacts {
public:
  /// True when \p FD works with non-blocking descriptors: it tests for
  /// `EAGAIN`, `EWOULDBLOCK` or `EINPROGRESS`, or asks a `try_again()` /
  /// `would_block()` predicate; it names `O_NONBLOCK`, `SOCK_NONBLOCK` or
  /// `MSG_DONTWAIT`; or it awaits a readiness wait (a `poll...` call), or its
  /// class offers one as a coroutine.
  bool usesNonBlockingIo(const FunctionDecl *FD, const ASTContext &Ctx);

private:
  llvm::DenseMap<const FunctionDecl *, bool> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_NONBLOCKINGIO_H
