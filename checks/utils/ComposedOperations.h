//===--- ComposedOperations.h - operations a program composes ---*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. An asynchronous operation the program composes from
// the framework's operations (Asio's `async_compose`) fails with what its
// implementation completes with. When the implementation starts only waits
// whose one failure is their cancellation, and completes with the error they
// delivered or with none, the composed operation too fails only when it is
// cancelled: async-detached-task-exception does not count awaiting it.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_COMPOSEDOPERATIONS_H
#define ASYNC_LINT_UTILS_COMPOSEDOPERATIONS_H

#include "clang/AST/Decl.h"

namespace clang::tidy::async::utils {

/// Whether \p Callee's visible body is one `return composer(impl, ...);`
/// (OperationComposers) whose implementation object, in every call
/// operator `(Self &self, error_code ec = {}, ...)`:
/// - hands `self` only to waits that fail only on cancellation
///   (`timer.async_wait(std::move(self))`, `post(append(std::move(self),
///   ec))`) and otherwise only calls its members (`self.cancelled()`);
/// - completes (`self.complete(...)`), and appends, with no error value but
///   its own error-code parameters or an empty one (`{}`);
/// - assigns its error-code parameters only empty values (`ec = {}`) and
///   passes them to nothing that could change them.
/// False when any of this is not shown. The operators are read as written
/// (a generic lambda's pattern), so every front end gets one answer.
bool composedOfCancellationOnlyWaits(const FunctionDecl *Callee);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_COMPOSEDOPERATIONS_H
