//===--- Exceptions.h - where an exception can leave a body -----*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. Answers "can this body throw an exception that none of
// its own handlers catches, and where?", from declarations alone: exception
// specifications, the handlers' types, and the bodies of the callees that are
// visible in the translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_EXCEPTIONS_H
#define ASYNC_LINT_UTILS_EXCEPTIONS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::async::utils {

/// A place where an exception can leave the analysed body.
struct EscapingThrow {
  enum KindType {
    Call,  ///< A call (or construction, or `new`) that can throw.
    Await, ///< A `co_await` / `co_yield` whose result can be an exception.
    Throw, ///< A throw expression (or a rethrow).
  };
  KindType Kind;
  const Stmt *Site;
};

/// The definition whose body a call of \p FD runs, or null when none is
/// visible: for a specialization that was never instantiated, its pattern's.
const FunctionDecl *visibleDefinition(const FunctionDecl *FD);

/// Whether \p Callee is the throwing form of an Asio operation. Asio gives
/// each operation that can fail two overloads, documented as such: one that
/// takes an `error_code &` last and reports failure there, and this one,
/// without it, which throws `system_error` (`make_address(s)`,
/// `socket.connect(ep)`); a constructor that does work (an acceptor built
/// on an endpoint opens, binds and listens) shows it in its body, which
/// throws through the framework's helper. Not the forms whose error path
/// the implementation never takes (a timer's `expires_after`).
bool isThrowingTwin(const FunctionDecl *Callee);

/// Whether the call or construction \p Call acts on input read at run
/// time: it is an operation on an object (whose state is the program's:
/// a connection the peer may have reset), or an argument is not fixed by
/// the code (a literal, a constant expression, an object built from them)
/// and is not the execution context or executor an object is built on. A
/// call on fixed input fails the same way on every run, and the first run
/// shows it.
bool hasRunTimeInput(const Expr *Call, const ASTContext &Ctx);

/// Whether \p Body runs an execution context's event loop (`ctx.run()`,
/// isExecutionContextRun) inside a `try` one of whose
/// handlers catches `std::exception` or anything: an exception a completion
/// handler rethrows out of the loop reaches code that handles it.
bool runsEventLoopUnderHandler(const Stmt *Body, const ASTContext &Ctx);

/// The constructor that `std::make_shared<T>(args)`, `std::make_unique` or
/// `std::allocate_shared` (\p Call) runs: T's one constructor, not a copy
/// or a move, that takes that many arguments; null when there is none or
/// more than one.
const CXXConstructorDecl *madeConstructor(const CallExpr *Call);

/// Finds where exceptions can escape function bodies. What can throw:
///
/// - a throw expression, with the type of its operand; `throw;` with the type
///   its handler catches;
/// - a call, construction or `new` whose callee is not declared non-throwing
///   (`noexcept`, `throw()`), unless its definition is visible and nothing
///   can escape from it (followed up to eight calls deep); a call of a
///   coroutine whose body is visible never throws at the call, since the
///   body's exceptions go to its task;
/// - an await whose awaiter's `await_resume()` is not declared non-throwing,
///   unless it awaits a call of a coroutine whose visible body cannot throw.
///
/// Destructors never throw. Code that depends on a template parameter, and
/// callees whose exception specification is not resolved, count as not
/// throwing: precision first.
///
/// By default only what the code shows counts (Evidence::Shown): a call
/// whose body is not visible (defined in another unit, a library compiled
/// separately) or that dispatches to overrides is not taken to throw, nor is
/// a call into a library header (a system header: an I/O object's
/// constructor, `expires_after`, an `error_code` overload), unless the
/// library documents it to throw -- it never returns (`throw_exception`),
/// or it is `value()` of a result that carries an error -- and awaiting a
/// coroutine defined in another unit is not either. An awaited library
/// operation whose `await_resume()` can throw (an Asio operation with
/// `use_awaitable`) is. Evidence::Assumed (a check's StrictMode) takes every
/// callee that is not declared non-throwing to throw, as described above.
///
/// A handler catches what escapes from its `try` block when it is
/// `catch (...)`, when it catches the thrown class or a base of it, or -- for
/// calls and awaits, whose exception type is unknown -- when it catches
/// `std::exception`, the root of what the standard library and the
/// frameworks throw. A throw inside a handler escapes from it like any other.
/// Results are cached per callee, so one analysis serves a translation unit.
class ExceptionAnalysis {
public:
  enum class Evidence { Shown, Assumed };
  explicit ExceptionAnalysis(const ASTContext &Ctx,
                             Evidence Mode = Evidence::Shown)
      : Ctx(Ctx), Mode(Mode) {}

  /// The first place, in source order, where an exception can leave
  /// \p Body without being caught by a handler inside it.
  std::optional<EscapingThrow> firstEscaping(const Stmt *Body);

  /// Whether a call of \p Callee can throw (see the class comment).
  bool callCanThrow(const FunctionDecl *Callee);

  /// Whether a coroutine's exception can escape its visible body: false when
  /// \p Coroutine's definition is not visible or is not a coroutine.
  bool bodyCanThrow(const FunctionDecl *Coroutine);

  /// Where the exception of \p Site (a call or an await) comes from, when
  /// it comes from a visible body: the first escaping place in the called
  /// function, or in the awaited coroutine, with that function. Nothing
  /// for a throw, for a callee judged by its declaration or its framework,
  /// and for a library's function, whose documentation says what it
  /// throws. A note follows this from step to step, so that a finding
  /// shows the throw and not only the outermost call.
  std::optional<std::pair<const FunctionDecl *, EscapingThrow>>
  escapeInside(const EscapingThrow &Site);

  /// The steps escapeInside takes from \p Site, one body deeper each, down
  /// to the throw (at most eight): what a check's notes show after the site.
  llvm::SmallVector<std::pair<const FunctionDecl *, EscapingThrow>, 4>
  pathInside(EscapingThrow Site);

private:
  std::optional<EscapingThrow> firstEscaping(const Stmt *Body, unsigned Depth);
  std::optional<EscapingThrow> walk(const Stmt *Root,
                                    llvm::ArrayRef<const CXXTryStmt *> Trys,
                                    const CXXCatchStmt *Handler,
                                    unsigned Depth);
  bool callCanThrow(const FunctionDecl *Callee, unsigned Depth);
  bool awaitCanThrow(const Stmt *Await, unsigned Depth);
  bool definitionCanThrow(const FunctionDecl *Def, unsigned Depth);

  /// Whether a call of \p Callee, which is not declared non-throwing and
  /// is not in std, shows that it can throw (Evidence::Shown).
  bool shownToThrow(const FunctionDecl *Callee, const FunctionDecl *Def,
                    unsigned Depth);

  const ASTContext &Ctx;
  Evidence Mode;
  /// Per callee definition: whether something escapes it. A definition being
  /// analysed is entered as false, so that recursion ends.
  llvm::DenseMap<const FunctionDecl *, bool> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_EXCEPTIONS_H
