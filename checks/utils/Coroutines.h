//===--- Coroutines.h - what a coroutine is, and walking its body ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_COROUTINES_H
#define ASYNC_LINT_UTILS_COROUTINES_H

#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::async::utils {

class BodyTrees;

/// The coroutine body of \p FD, or null when \p FD is not a coroutine
/// definition (its body contains no `co_await`, `co_yield` or `co_return`).
const CoroutineBodyStmt *getCoroutineBody(const FunctionDecl *FD);

inline bool isCoroutine(const FunctionDecl *FD) {
  return getCoroutineBody(FD) != nullptr;
}

/// Whether a call to \p Callee is named as a coroutine in messages, as
/// opposed to a library's asynchronous operation (an Asio `async_*` call with
/// `use_awaitable`): a function of the program is a coroutine, one declared
/// in a library (system) header is an operation. Decided by where the
/// function is declared, never by its body, which an editor's preamble skips
/// in headers: every front end names it the same way.
bool calleeIsCoroutine(const FunctionDecl *Callee);

/// The statements the user wrote as the body of \p FD: for a coroutine, the
/// body inside the compiler's coroutine scaffolding.
const Stmt *getUserBody(const FunctionDecl *FD);

/// True when \p D is, or is nested in, an implicit template instantiation.
/// Checks analyse the template pattern instead, so that a finding and its fix
/// are reported once, at the code the user wrote.
bool isInTemplateInstantiation(const Decl *D);

/// The boolean a function always returns, when its body is just `return
/// true;` or `return false;` (an awaiter's `await_ready()`), else nothing.
std::optional<bool> constantResult(const FunctionDecl *Method);

/// True when \p S is a `co_await` expression, resolved or dependent, whether
/// or not it can suspend (see isSuspensionPoint). A `co_yield` is not one.
inline bool isCoAwait(const Stmt *S) {
  return llvm::isa_and_nonnull<CoawaitExpr, DependentCoawaitExpr>(S);
}

/// True when \p S is a `co_await` or `co_yield` at which the coroutine can
/// suspend. An awaiter whose `await_ready()` always returns true (Asio's
/// `co_await this_coro::executor`, a `co_await std::suspend_never{}`) never
/// suspends: nothing can resume it later, so no cancellation arrives there.
/// A `co_await` whose awaiter depends on a template parameter counts as one.
bool isSuspensionPoint(const Stmt *S);

/// True when \p S evaluates a suspension point (see isSuspensionPoint),
/// itself or in a sub-statement of the same function.
bool containsSuspensionPoint(const Stmt *S);

/// True when \p FD is a coroutine whose definition is visible and whose body
/// has no suspension point (see isSuspensionPoint): awaiting it runs it to
/// completion at once, so awaiting several of them concurrently gains nothing.
bool neverSuspends(const FunctionDecl *FD);

/// The operand the user wrote after `co_await` / `co_yield`, or null when \p S
/// is neither.
const Expr *suspensionOperand(const Stmt *S);

/// True when the compiler recovered from an error in \p FD: the declaration
/// is invalid, or its body holds an expression built by error recovery or an
/// invalid declaration. Code that does not compile gets no async finding: what
/// recovery builds is a guess, not what the user wrote.
bool containsCompileErrors(const FunctionDecl *FD);

/// Registers the matchers that deliver every function definition in the
/// translation unit exactly once: ordinary functions, methods, and lambda
/// call operators (including lambdas at namespace scope). Use
/// getMatchedFunction() in the callback.
void matchFunctionDefinitions(ast_matchers::MatchFinder *Finder,
                              ast_matchers::MatchFinder::MatchCallback *CB);

/// The function delivered by matchFunctionDefinitions(), or null when it is
/// not one to analyse (an implicit template instantiation, without body, or
/// with compile errors).
const FunctionDecl *
getMatchedFunction(const ast_matchers::MatchFinder::MatchResult &Result);

/// The sub-statements that \p S evaluates as part of the same function.
/// Differs from Stmt::children() in three ways: the bodies of nested lambdas
/// and blocks are left out (they run as separate functions; capture
/// initialisers stay), coroutine expressions contribute only the operand the
/// user wrote, and a `co_return` only its operand.
llvm::SmallVector<const Stmt *, 4> evaluatedChildren(const Stmt *S);

/// Calls \p Visit on \p Root and, in pre-order, on every statement it
/// evaluates (see evaluatedChildren). Returning false from \p Visit skips the
/// statement's children.
void forEachEvaluatedStmt(const Stmt *Root,
                          llvm::function_ref<bool(const Stmt *)> Visit);

/// The expressions the constructor \p Ctor evaluates before its body, in
/// order: its base and member initializers as written, the default member
/// initializers (`ssl::context tls{...};` in the class) of the members it
/// does not initialise itself, and the implicit constructions of the other
/// members and bases. Empty for anything that is not a constructor.
llvm::SmallVector<const Expr *, 4> initializerExprs(const FunctionDecl *Ctor);

/// The function that an argument of a spawner hands over: the callee of a
/// call (`co_spawn(ex, session(socket), detached)`), a function named
/// directly (`std::thread(worker)`, `&worker`), or a lambda's call operator.
/// Null for anything else.
const FunctionDecl *handedFunction(const Expr *Arg);

/// The variable whose value an argument hands over: `tasks`,
/// `std::move(tasks)`, through the copy or move into a by-value parameter.
/// Null for anything else.
const VarDecl *handedVariable(const Expr *Arg);

/// The calls in \p Body that append an element to \p Container
/// (`push_back`, `emplace_back` with one argument), in source order.
llvm::SmallVector<const CXXMemberCallExpr *, 4>
appendsTo(const Stmt *Body, const VarDecl *Container);

/// The value that \p F returns when its body is that one `return`
/// statement; null for any other body.
const Expr *soleReturnValue(const FunctionDecl *F);

/// Whether \p S, or a lambda or block written in it, names \p D.
bool mentions(const Stmt *S, const ValueDecl *D);

/// Whether \p S names \p D outside its part \p Except.
bool mentionsOutside(const Stmt *S, const ValueDecl *D, const Stmt *Except);

/// Strips the nodes that do not change a value's meaning: parentheses,
/// ExprWithCleanups, temporaries' materialisation and binding, and no-op
/// implicit casts.
const Expr *ignoreValuePreserving(const Expr *E);

/// For `co_await x.schedule()`, which moves the coroutine to where `x` runs
/// its work: whether that is a thread pool. Nothing for any other statement.
std::optional<bool> hopsToThreadPool(const Stmt *Await);

/// Whether \p Coroutine is a lambda handed to a spawner (`co_spawn(pool,
/// [&]() -> awaitable<void> { ... }, token)`) whose executor is a thread
/// pool (isThreadPool): its body runs on the pool.
bool spawnedOntoThreadPool(const FunctionDecl *Coroutine, BodyTrees &Trees);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_COROUTINES_H
