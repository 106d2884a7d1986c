//===--- TaskTypes.h - which types are coroutine tasks --------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_TASKTYPES_H
#define ASYNC_LINT_UTILS_TASKTYPES_H

#include "Names.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace clang::tidy::async::utils {

/// How a coroutine task starts.
enum class TaskKind {
  None,  ///< Not a task type (or not one async-lint can classify).
  Lazy,  ///< The body starts only when the task is awaited.
  Eager, ///< The body starts at the call; awaiting observes its result.
};

/// The declaration whose qualified name identifies a library class: the class
/// template for a specialization, the class itself otherwise.
const NamedDecl *identityOf(const CXXRecordDecl *RD);

/// The definition to inspect for members: the class's own definition, or for
/// a specialization (or member class) that was never instantiated, its
/// pattern's. Null when there is none.
const CXXRecordDecl *definitionOf(const CXXRecordDecl *RD);

/// The specialization \p T names, when it is one of the class template
/// \p QualifiedName (`std::chrono::duration`); null otherwise.
const ClassTemplateSpecializationDecl *
specializationOf(QualType T, llvm::StringRef QualifiedName);

/// The first member named \p Name of \p RD or of its bases (searched a few
/// levels deep, through definitionOf()); null when there is none.
const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name);

/// Whether \p T is `<Namespace>::awaitable<T>` with the default executor
/// (`<Namespace>::any_io_executor`), so that `<Namespace>::use_awaitable` is
/// its completion token. \p Namespace is `asio` or `boost::asio`.
bool isDefaultAwaitable(QualType T, llvm::StringRef Namespace);

/// The built-in task templates, as qualified names.
extern const char *const BuiltinLazyTaskTypes[];
extern const char *const BuiltinEagerTaskTypes[];

/// Classifies types as lazy or eager coroutine tasks.
///
/// Library types are known by name (the built-in lists plus the names given
/// to the constructor). Any other class is a task when its shape says so: it
/// has a nested `promise_type` with no `yield_value` (that would make it a
/// generator), and the promise's `initial_suspend()` returns
/// `std::suspend_always` (lazy), `std::suspend_never` (eager) or an awaiter
/// whose `await_ready()` returns a constant. Results are cached per class, so
/// one classifier serves a whole translation unit.
class TaskTypeClassifier {
public:
  TaskTypeClassifier(llvm::StringRef ExtraLazy, llvm::StringRef ExtraEager);

  TaskKind classify(QualType T);
  TaskKind classify(const CXXRecordDecl *RD);

private:
  TaskKind classifyUncached(const CXXRecordDecl *RD);
  NameSet Lazy;
  NameSet Eager;
  llvm::DenseMap<const CXXRecordDecl *, TaskKind> Cache;
};

/// True when `co_await <expression of type Task>` compiles inside
/// \p Coroutine: either the coroutine's promise has an `await_transform` and
/// the task belongs to the coroutine's own framework (or is the same class
/// template as the coroutine's return type), or the promise has none and the
/// task is awaitable by itself (a member or namespace-scope
/// `operator co_await`, or the `await_ready/await_suspend/await_resume`
/// trio).
bool canAwaitIn(QualType Task, const FunctionDecl *Coroutine);

/// Whether awaiting \p Task yields void, judged from its first template
/// argument; std::nullopt when that cannot be told.
std::optional<bool> awaitResultIsVoid(QualType Task);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_TASKTYPES_H
