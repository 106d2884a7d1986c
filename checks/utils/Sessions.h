//===--- Sessions.h - expensive, long-lived client objects ----------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_SESSIONS_H
#define ASYNC_LINT_UTILS_SESSIONS_H

#include "Names.h"
#include "SerialResources.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::async::utils {

/// A kind of object that owns connections, TLS state or an event loop, and
/// is meant to be created once and reused.
struct SessionKind {
  /// Qualified name of the class, or of the factory function.
  llvm::StringRef Name;
  /// Why building one is expensive, as the second clause of a diagnostic.
  llvm::StringRef Why;
};

/// The built-in session classes and factory functions.
llvm::ArrayRef<SessionKind> builtinSessionTypes();
llvm::ArrayRef<SessionKind> builtinSessionFactories();

/// Whether \p QualifiedName names a function or class that runs the
/// callable or task it is given once per request: a spawner or concurrency
/// combinator (`co_spawn`, `when_all`, `std::async`, ...).
bool isSpawner(llvm::StringRef QualifiedName);

/// The class whose object `std::make_shared<T>`, `std::make_unique<T>` or
/// `std::allocate_shared<T>` (\p Callee) creates; null for anything else.
const CXXRecordDecl *madeClass(const FunctionDecl *Callee);

/// What a loop body does with an object it creates, as far as deciding
/// whether the object is per-iteration work and whether it can be hoisted.
struct LoopUse {
  /// Handed to a container or a variable that outlives the iteration: the
  /// loop builds a pool of them (an `io_context` per worker thread).
  bool Kept = false;
  /// Its event loop is run in the iteration: each iteration is a
  /// self-contained run (a table-driven test that builds its own loop per
  /// case), not a client built per request.
  bool Ran = false;
  /// Run, stopped, restarted or closed in the iteration: a hoisted object
  /// would start the next iteration stopped or closed.
  bool Ended = false;
};

/// What the loop body \p Body does with the session object \p Made it
/// builds (held in \p Holder, if a variable holds it).
LoopUse useInLoop(const Stmt *Body, const Expr *Made, const VarDecl *Holder,
                  const SourceManager &SM);

/// Whether objects of \p RD keep a run state that outlasts one use: an event
/// loop that is stopped once `run()` returns until it is restarted. Hoisting
/// such an object out of a loop changes what the second iteration sees.
bool hasRunState(const NamedDecl *What);

/// The most iterations a loop whose count the code fixes may run and still
/// be a table of cases (one fixture per case) rather than items or requests.
inline constexpr uint64_t FixedCaseLimit = 8;

/// Whether the code shows that \p Loop runs its body once per item or
/// request: it can run more than once, its count is not a constant of at
/// most FixedCaseLimit, and it is not paced by a timer (every iteration
/// awaits a timer: a periodic task, whose cost is per period, not per item).
bool repeatsPerItem(const Stmt *Loop, ASTContext &Ctx, SerialResources &Timers);

/// Whether the object that \p Field belongs to runs the event loop \p Field
/// holds itself: a member function of its class (or a lambda in one, such
/// as a thread's) runs it (`t_ = std::thread([&] { ioc_.run(); })`). Such
/// an object is a server or a test fixture with its own loop, not a client
/// built per request.
bool runsItsOwnLoop(const FieldDecl *Field);

/// Recognises session classes and factories by their resolved declarations.
/// Results are cached per declaration, so one catalog serves a whole
/// translation unit.
class SessionCatalog {
public:
  SessionCatalog(llvm::StringRef ExtraTypes, llvm::StringRef ExtraFactories,
                 llvm::StringRef IgnoredTypes);

  /// The reason \p RD is a session class, or an empty string if it is not.
  llvm::StringRef sessionClass(const CXXRecordDecl *RD);
  /// The reason \p FD is a session factory, or an empty string if it is not.
  llvm::StringRef sessionFactory(const FunctionDecl *FD);

private:
  llvm::StringRef lookup(const NamedDecl *D, bool Factory);
  llvm::StringMap<std::string> Types;
  llvm::StringMap<std::string> Factories;
  NameSet Ignored;
  llvm::DenseMap<const Decl *, llvm::StringRef> Cache;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_SESSIONS_H
