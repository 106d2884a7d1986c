//===--- Lifetimes.h - what an argument refers to, where a task goes ------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A lazy task holds its reference parameters as
// references into its caller's objects and runs later. Whether that is safe
// depends on two things answered here: which object an argument refers to
// (and when that object is destroyed), and where the task goes once the call
// has made it (awaited at once, stored, returned, started detached).
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_LIFETIMES_H
#define ASYNC_LINT_UTILS_LIFETIMES_H

#include "BodyTree.h"
#include "TaskTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::async::utils {

/// Whether a parameter of type \p T keeps referring to the caller's object:
/// a reference, a pointer, or a view class (`std::basic_string_view`,
/// `std::span`, or a class marked `[[gsl::Pointer]]`).
bool refersToCallerObject(QualType T);

/// What kind of object an argument refers to.
enum class ReferentKind {
  Unknown,   ///< Not known (a reference variable, a call's result, ...).
  Temporary, ///< A temporary destroyed at the end of the full-expression.
  Local,     ///< A local variable (or a by-value parameter) of the function.
  Lasting,   ///< An object that outlives the function: a global, a static,
             ///< a string literal, a member of `*this`.
};

struct Referent {
  ReferentKind Kind = ReferentKind::Unknown;
  /// The local variable or parameter, for Local.
  const VarDecl *Var = nullptr;
  /// The temporary as written (inside its materialisation), for Temporary.
  const Expr *Temporary = nullptr;
};

/// The object that \p Arg, passed to a parameter of type \p ParamType (see
/// refersToCallerObject), refers to: the object a reference binds to, the
/// object whose address a pointer holds, the object a view is made from.
Referent referentOf(const Expr *Arg, QualType ParamType);

/// The statement at whose end the local variable \p Var is destroyed: its
/// block, the loop or selection statement that declares it, or for a
/// parameter the function's body. Null when not known.
const Stmt *scopeOf(const VarDecl *Var, const BodyTree &Tree);

/// True when \p Inner is \p Outer or nested in it.
bool isWithinScope(const Stmt *Inner, const Stmt *Outer, const BodyTree &Tree);

/// Where a task goes once the expression that made it has been evaluated.
enum class EscapeKind {
  Unknown,  ///< Handed to something this analysis does not know.
  Awaited,  ///< Awaited, or joined into a task that is awaited, within the
            ///< same full-expression.
  Stored,   ///< Stored in a variable (by initialisation or assignment).
  Returned, ///< Returned from a function that is not a coroutine.
  Pushed,   ///< Added to a container.
  Detached, ///< Handed to a framework's detaching start (see
            ///< FrameworkProfile::DetachingStarts).
};

struct TaskEscape {
  EscapeKind Kind = EscapeKind::Unknown;
  /// The variable, for Stored into a variable; the container variable, for
  /// Pushed into a container held in a variable. Null otherwise.
  const VarDecl *Var = nullptr;
  /// For Stored, Pushed, Detached: whether the destination outlives every
  /// local of the function (a member, a global, a reference parameter).
  bool LastingDestination = false;
  /// The call that starts or stores the task (the detaching start, the
  /// insertion), or the expression holding it.
  const Expr *Where = nullptr;
  /// The statement that holds the whole expression.
  const Stmt *Statement = nullptr;
};

/// Where the lazy task made by \p Task goes. Calls that return another lazy
/// task (`when_all(...)`, `std::move(t).scheduleOn(ex)`) are followed.
/// \p Tree holds the function \p Task is in.
TaskEscape escapeOf(const Expr *Task, const BodyTree &Tree,
                    TaskTypeClassifier &Classifier);

/// True when, within \p Scope and after \p After, the function waits for
/// started work to finish: it waits on a thread primitive or runs an event
/// loop (the `wait` and `event-loop` rows of the blocking-API table:
/// `future.get()`, `thread.join()`, `latch.wait()`, `ioc.run()`,
/// `sync_wait(...)`), calls a framework's join (`scope.join()`,
/// `pool.shutdown()`), awaits a variable (`co_await latch;`), or awaits an
/// operation on an object the started work also refers to (`co_await
/// chan.async_receive()` when the task sends on `chan`). A task
/// started detached before that point cannot outlive the locals of \p Scope.
/// Only the calls written in \p Scope count, not those of its callees.
bool waitsForStartedWork(const Stmt *Scope, const Expr *After, ASTContext &Ctx);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_LIFETIMES_H
