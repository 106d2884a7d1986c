//===--- Handlers.h - what a catch handler receives and does ----*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A coroutine that catches the exception of a cancelled
// operation must let it go on: rethrow it, or hand it to someone who raises
// it. This file answers which handler of a `try` receives an exception of a
// given class, whether the suspension points of a `try` block can deliver
// exceptions to its handlers at all, and whether a handler passes the
// exception it caught on. What the paths through a handler do (rethrow,
// return, fall through) is exitsOf()'s business (Exits.h).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_HANDLERS_H
#define ASYNC_LINT_UTILS_HANDLERS_H

#include "Names.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::async::utils {

/// How a catch handler takes an exception of a given class.
enum class Reception {
  None,  ///< It does not.
  Exact, ///< As the class itself.
  Base,  ///< Through a base class, or as `catch (...)`.
  /// The handler's type depends on a template parameter: some
  /// instantiations may take it.
  Unknown,
};

/// Whether \p Handler takes an exception of the class \p ThrownName (a
/// qualified name) whose declaration in the translation unit is \p Thrown.
/// When the unit does not declare it (\p Thrown is null), its documented
/// bases \p KnownBases (qualified names) stand in for its inheritance. A
/// handler for a pointer never takes a class.
Reception receives(const CXXCatchStmt *Handler, llvm::StringRef ThrownName,
                   const CXXRecordDecl *Thrown,
                   llvm::ArrayRef<llvm::StringRef> KnownBases);

/// Whether \p Handler catches whatever the frameworks throw: `catch (...)`
/// or a handler for `std::exception`.
bool catchesEverything(const CXXCatchStmt *Handler);

/// Whether a suspension point in \p TryBlock, the block of a `try`, can let
/// an exception reach the handlers of that `try`: suspension points inside a
/// nested `try` with a handler that catches everything (see
/// catchesEverything()) and never rethrows do not, unless that nested
/// `try`'s handlers themselves suspend.
bool hasExposedSuspension(const Stmt *TryBlock, const ASTContext &Ctx);

/// Whether \p Handler hands the exception it caught on to someone who will
/// raise it: it captures `std::current_exception()` (to rethrow it later with
/// `std::rethrow_exception`, or to give it to a promise or a waiter), makes an
/// `exception_ptr` of it, or stores the exception or its error code in an
/// object that outlives the handler. Whether the receiver raises it is beyond
/// sight; the handler itself does not swallow the exception.
bool handsOffException(const CXXCatchStmt *Handler);

/// A name for the exception of an unnamed handler whose block is \p Block
/// (`e`, `ex`, `exc` or `error`), one that the block does not already
/// refer to; empty when all are taken.
std::string freshExceptionName(const Stmt *Block);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_HANDLERS_H
