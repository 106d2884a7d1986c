//===--- Exits.h - the ways control leaves a statement --------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#ifndef ASYNC_LINT_UTILS_EXITS_H
#define ASYNC_LINT_UTILS_EXITS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::async::utils {

/// One way for control to leave a statement.
enum class Exit : unsigned {
  FallThrough = 1 << 0, ///< Completes normally: the next statement runs.
  Throw = 1 << 1,       ///< `throw`, or a call to a [[noreturn]] function.
  Return = 1 << 2,      ///< `return` or `co_return`: the function ends.
  Break = 1 << 3,       ///< `break` out of an enclosing loop or switch.
  Continue = 1 << 4,    ///< `continue` with an enclosing loop.
  Jump = 1 << 5,        ///< `goto`: somewhere the walk does not follow.
};

/// A set of exits.
class ExitSet {
public:
  constexpr ExitSet() = default;
  constexpr ExitSet(Exit E) : Bits(static_cast<unsigned>(E)) {}
  constexpr ExitSet(std::initializer_list<Exit> Exits) {
    for (Exit E : Exits)
      Bits |= static_cast<unsigned>(E);
  }
  bool has(Exit E) const { return Bits & static_cast<unsigned>(E); }
  bool empty() const { return Bits == 0; }
  /// Whether every exit in this set is also in \p Other.
  bool isSubsetOf(ExitSet Other) const { return (Bits & ~Other.Bits) == 0; }
  bool intersects(ExitSet Other) const { return Bits & Other.Bits; }
  ExitSet &operator|=(ExitSet Other) {
    Bits |= Other.Bits;
    return *this;
  }
  ExitSet operator|(ExitSet Other) const {
    ExitSet R = *this;
    return R |= Other;
  }
  ExitSet without(ExitSet Other) const {
    ExitSet R;
    R.Bits = Bits & ~Other.Bits;
    return R;
  }
  bool operator==(ExitSet Other) const { return Bits == Other.Bits; }

private:
  unsigned Bits = 0;
};

/// Which branches of an `if` a path can take, as judged by the caller from
/// what it knows about the situation it analyses.
enum class Branch {
  Both, ///< Nothing is known: either branch.
  Then, ///< The condition is known to hold.
  Else, ///< The condition is known not to hold.
  /// The condition tests for the situation without being understood: if one
  /// branch only leaves by the `Leaving` exits of exitsOf(), take that one
  /// (`if (is_cancelled(e)) throw;`), otherwise either.
  Guard,
};

/// Decides which branches of an `if` to follow.
using BranchOracle = llvm::function_ref<Branch(const IfStmt *)>;

/// The ways control can leave \p S, following its statements: `if`/`else`,
/// loops (a `break` or `continue` inside a loop of \p S is that loop's
/// business), `switch`, `try`, `throw`, `return`, `co_return`, `goto`, and
/// calls to [[noreturn]] functions in expression statements. Exceptions that
/// calls may throw are not counted. A null \p S falls through.
///
/// \p Oracle, when given, says which branches of each `if` are possible (see
/// Branch); \p Leaving is the set of exits a Guard branch must keep to.
ExitSet exitsOf(const Stmt *S, const ASTContext &Ctx,
                BranchOracle Oracle = nullptr,
                ExitSet Leaving = {Exit::Throw, Exit::Return, Exit::Jump});

/// Accepts the statements that hold what a path looks for (a suspension
/// point, say) anywhere inside them.
using StmtPredicate = llvm::function_ref<bool(const Stmt *)>;

/// The statements of one function body, each with the statement that holds
/// it, as evaluatedChildren() sees them (the bodies of nested lambdas are
/// left out): where control can go once a statement is done.
class BodyPaths {
public:
  explicit BodyPaths(const Stmt *Body);

  /// The statement that holds \p S; null for the body and for statements
  /// outside it.
  const Stmt *parent(const Stmt *S) const { return Parents.lookup(S); }

  /// Whether \p S is \p Ancestor or inside it.
  bool isInside(const Stmt *S, const Stmt *Ancestor) const;

  /// The innermost loop around \p S: where a `continue` in it goes.
  const Stmt *enclosingLoop(const Stmt *S) const;

  /// The innermost loop or `switch` around \p S: what a `break` in it
  /// leaves.
  const Stmt *enclosingBreakTarget(const Stmt *S) const;

  /// Whether control that leaves \p S by one of \p Exits can go on to run a
  /// statement that \p Holds accepts: a later statement of an enclosing block,
  /// after a `break` what follows its loop or `switch`, or, through a loop
  /// around \p S, \p S itself again (which is taken to hold what is looked
  /// for). Exits that end the function (return, throw, jump) lead nowhere.
  bool leadsTo(const Stmt *S, ExitSet Exits, StmtPredicate Holds,
               const ASTContext &Ctx) const;

private:
  bool reachesAfter(const Stmt *S, StmtPredicate Holds,
                    const ASTContext &Ctx) const;

  llvm::DenseMap<const Stmt *, const Stmt *> Parents;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_EXITS_H
