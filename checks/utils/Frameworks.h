//===--- Frameworks.h - which coroutine framework code belongs to ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_FRAMEWORKS_H
#define ASYNC_LINT_UTILS_FRAMEWORKS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::async::utils {

/// The coroutine libraries async-lint knows by name.
enum class Framework {
  Unknown,
  BoostAsio,    ///< boost::asio
  Asio,         ///< standalone asio
  Folly,        ///< folly::coro
  Cppcoro,      ///< cppcoro
  Libcoro,      ///< libcoro's coro::
  AsyncSimple,  ///< async_simple::coro
  Stdexec,      ///< stdexec / exec (P2300)
  QCoro,        ///< QCoro
  Seastar,      ///< seastar
  Concurrencpp, ///< concurrencpp
};

/// Everything the checks know about one framework, in one row of one table
/// (Frameworks.cpp): its namespace, how a task is run from code that is not
/// a coroutine, its timers, its thread pools, how it joins tasks. Adding a
/// framework is adding a row (and its tests).
struct FrameworkProfile {
  Framework Kind;
  /// Human-readable name, e.g. "Boost.Asio".
  llvm::StringRef DisplayName;
  /// The namespace the framework's coroutine API lives in, e.g. "boost::asio".
  llvm::StringRef Namespace;
  /// How to run a task from non-coroutine code; `{0}` stands for the
  /// framework namespace as the file spells it. Empty when there is none.
  llvm::StringRef RunIdiom;
  /// The classes (qualified) whose objects offer an awaitable timed yield
  /// (`co_await sched->yield_for(d)`), newest name first: a renamed class
  /// keeps its old name here so that code on either release is understood.
  llvm::ArrayRef<llvm::StringRef> TimerSchedulers;
  /// How to suspend on a timer instead of sleeping the thread, for a note;
  /// `{0}` stands for the namespace. Empty when there is no idiom.
  llvm::StringRef TimerIdiom;
  /// How to move blocking work off the coroutine's thread, for a note;
  /// `{0}` stands for the namespace. Empty when there is no idiom.
  llvm::StringRef OffloadIdiom;
  /// How to run a loop's independent iterations concurrently, the sentence
  /// of a note; `%0` stands for the namespace. Empty when there is none.
  llvm::StringRef ConcurrencyAdvice;
  /// The qualified name of the function that awaits a std::vector of tasks
  /// together (`cppcoro::when_all`), for a rewrite; empty when there is none.
  llvm::StringRef RangeJoin;
  /// The header that declares RangeJoin, with its brackets; empty when the
  /// task header already does.
  llvm::StringRef RangeJoinHeader;
  /// The functions and methods that start a task and let it run on its own
  /// (`co_spawn`, `scope.spawn(task)`, `std::move(task).scheduleOn(ex)
  /// .start()`), qualified; a method as `Class::method` with the class
  /// template's name. The task they start outlives the full-expression unless
  /// their own result is awaited there.
  llvm::ArrayRef<llvm::StringRef> DetachingStarts;
};

const FrameworkProfile &profile(Framework F);

/// The framework that declares \p D, judged by its enclosing namespaces.
Framework frameworkOf(const Decl *D);

/// The framework of the class (or class template) named by \p T, after
/// looking through references, cv-qualifiers and sugar.
Framework frameworkOf(QualType T);

/// How code at \p Loc should spell namespace \p QualifiedNamespace: the name
/// of a namespace alias for it declared earlier at file scope in the same
/// file (`namespace net = boost::asio;` gives "net"), or the namespace itself.
std::string spellNamespace(const ASTContext &Ctx,
                           llvm::StringRef QualifiedNamespace,
                           SourceLocation Loc);

/// The run idiom of \p F with the namespace spelled as the file at \p Loc
/// spells it, or an empty string when the framework has none.
std::string runIdiom(const ASTContext &Ctx, Framework F, SourceLocation Loc);

/// Whether \p Callee is one of the DetachingStarts of a framework's row.
bool isDetachingStart(const FunctionDecl *Callee);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FRAMEWORKS_H
