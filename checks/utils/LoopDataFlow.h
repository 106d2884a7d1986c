//===--- LoopDataFlow.h - what loop iterations read and write --*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A flow-insensitive data-flow summary of one loop of a
// coroutine: what each iteration reads and writes, which variables are the
// loop's own (its element or index), which values derive from them, which
// values an await produces, and which of those survive into the next
// iteration. Checks ask it whether the iterations of a loop depend on each
// other.
//
// Why not ExprMutationAnalyzer: Clang's analyzer answers "is this variable
// mutated anywhere in this statement", yes or no. The summary here needs
// three things it does not give:
//  - the value a write stores: `cursor = page.next` makes `cursor` depend on
//    `page`, which the derivation and carry closures below follow;
//  - the kind of write: stepping (`++it`, `i += step`, `i = i + 1`) marks a
//    loop's own variable, a plain assignment replaces a value, and a mutating
//    call (`results.push_back(x)`) keeps the same object. The analyzer
//    counts every non-const use as a mutation, accessors included: the
//    non-const `sockets[i]`, `v.begin()` or `q.front()` would make `sockets`,
//    `v` and `q` written, and a `while (!q.empty())` loop would look stepped;
//  - where the written object lives: declared in the body (one per
//    iteration) or outside it (shared by all iterations).
// Using it for the yes/no part alone would change which loops are reported,
// so the walk below records writes itself, by the rules written down at
// each kind of write.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_LOOPDATAFLOW_H
#define ASYNC_LINT_UTILS_LOOPDATAFLOW_H

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::async::utils {

/// Variables, structured bindings and fields (accessed through `this`).
using DeclSet = llvm::SmallPtrSet<const ValueDecl *, 16>;

/// What a statement reads: the variables, bindings and fields (through
/// `this`) it names, and whether it awaits.
struct Reads {
  llvm::SmallVector<const ValueDecl *, 4> Decls;
  bool HasAwait = false;

  /// Whether any of the names read is in \p Set.
  bool any(const llvm::SmallPtrSetImpl<const ValueDecl *> &Set) const;
};

/// What \p S reads, as far as it evaluates as part of the same function
/// (nested lambda bodies are left out).
Reads readsOf(const Stmt *S);

/// The variable, binding or field (through `this`) an lvalue expression is
/// part of: `items` for `items[i].name`, `cursor_` for `this->cursor_`,
/// `v` for `v.front()`. Null when the expression is not such a part.
const ValueDecl *rootDecl(const Expr *E);

/// True for values that are plain data rather than service objects: builtin
/// types, arrays, pointers, enumerations, and classes of the standard library
/// (strings, containers). An operation that writes such an object through
/// an argument produces a value, as an assignment would.
bool isDataLike(QualType T);

/// Calls \p Visit with each argument of \p Call that matches a declared
/// parameter of its direct callee, and the parameter's type. The object
/// argument of a member operator call is not visited; nothing is for a call
/// without a direct callee.
void forEachParamArg(const CallExpr *Call,
                     llvm::function_ref<void(const Expr *, QualType)> Visit);

/// The object that an argument lets the callee write: the argument itself
/// for a non-const lvalue reference parameter, `x` for `&x` or an array `x`
/// passed as a non-const pointer. Null otherwise.
const Expr *writtenThrough(const Expr *Arg, QualType Param);

/// One awaited operation: a call, or an existing object being awaited.
struct Operation {
  /// The operation as written, with `std::move` and wrappers taken off.
  const Expr *E = nullptr;
  const CallExpr *Call = nullptr;
  /// What the user called: the function, or a function object variable such
  /// as a customisation point object. Null for lambdas and unresolved calls.
  const NamedDecl *Named = nullptr;
  /// The called name, also for unresolved calls in templates.
  DeclarationName Name;
  /// The object a member function is called on (`this` included).
  const Expr *Object = nullptr;
  const Expr *FirstArg = nullptr;

  /// The called name when it is an identifier, else empty.
  llvm::StringRef identifier() const;
};

/// Appends to \p Ops the operations the await operand \p Operand runs: one,
/// or each side of Asio's awaitable operators `a && b` and `a || b`.
void collectOperations(const Expr *Operand,
                       llvm::SmallVectorImpl<Operation> &Ops);

/// The parts of a loop's header evaluated on every iteration: the condition
/// (with its condition variable) and a `for` loop's increment.
llvm::SmallVector<const Stmt *, 3> perIterationHeader(const Stmt *Loop);

/// Whether the header of \p Loop awaits on every iteration: an async
/// generator's loop (`for co_await`, `co_await ++it`), or a condition that
/// waits for the next value (`while (auto item = co_await g.next())`).
bool headerAwaits(const Stmt *Loop);

/// A `co_await` in a loop body.
struct AwaitSite {
  const Expr *Await;
  /// The operand as written.
  const Expr *Operand;
  Reads OperandReads;
  /// Plain data (see isDataLike) that the awaited operation writes through
  /// its own arguments: the argument expressions.
  llvm::SmallVector<const Expr *, 2> Outputs;
  /// Inside a nested loop whose header awaits: part of that loop's
  /// iteration, not of this one's.
  bool InGeneratorLoop;
};

/// A write to a variable, binding or field in a loop body.
struct Assignment {
  /// The root of the written object (see rootDecl).
  const ValueDecl *Target;
  /// What the written expression reads besides its root (`i` in `out[i]`).
  Reads TargetReads;
  /// What the stored value reads.
  Reads Source;
  /// A mutating call or an out-argument rather than a new value: the object
  /// stays the same object, so it is not selected by what the call reads.
  bool Mutation;
};

/// A statement that leaves the loop (`break`, `return`, `co_return`,
/// `goto`), with the conditions that guard it, outermost first. A `try`
/// block guards the exits in its handlers.
struct ExitSite {
  const Stmt *Exit;
  llvm::SmallVector<const Stmt *, 4> Guards;
};

/// What one walk over a loop body records.
struct LoopFacts {
  llvm::SmallVector<AwaitSite, 4> Awaits;
  llvm::SmallVector<Assignment, 16> Assignments;
  /// The variables declared in the body: new objects in every iteration.
  /// Static locals are not among them.
  DeclSet BodyLocals;
  /// The variables the body steps: `++i`, `it += 2`, `i = i + 1`.
  DeclSet Stepped;
  llvm::SmallVector<ExitSite, 2> Exits;
  /// Whether the body has a `co_yield`.
  bool Yields = false;
};

/// Walks the body of \p Loop (not its header). Nested loops are walked with
/// their headers, as part of the body; nested lambdas are not entered, since
/// their bodies run elsewhere.
LoopFacts collectBodyFacts(const Stmt *Loop);

/// Walks one expression, such as a part of a loop header.
LoopFacts collectExpressionFacts(const Stmt *E);

/// Grows \p Set to its closure under \p Assignments: a target joins when its
/// value reads a member of the set or, with \p SeedWithAwaits, when its
/// value is awaited. \p WithMutations counts changes made through mutating
/// calls and out-arguments too.
void closeOver(DeclSet &Set, llvm::ArrayRef<Assignment> Assignments,
               bool SeedWithAwaits, bool WithMutations);

/// The data flow between the iterations of one loop.
class LoopDataFlow {
public:
  /// Analyses \p Loop, a `for`, range-based `for`, `while` or `do`
  /// statement.
  explicit LoopDataFlow(const Stmt *Loop);

  const Stmt *loop() const { return Loop; }
  /// What the body does.
  const LoopFacts &facts() const { return Facts; }

  /// The loop's own variables, which select each iteration's item: a
  /// range-for's element (and its bindings), the variables a `for` increment
  /// steps or assigns, the variables a `for` init declares and the body
  /// steps, and the variables a `while` or `do` condition tests and the loop
  /// steps.
  const DeclSet &loopVariables() const { return LoopVariables; }
  /// The loop variables and what each iteration computes from them, by value
  /// (mutating calls do not select an object by their arguments).
  const DeclSet &derived() const { return Derived; }
  /// What holds a value an await in the body produced, directly or through
  /// other variables.
  const DeclSet &produced() const { return Produced; }
  /// What holds a produced value into the next iteration: stored as a whole
  /// in something that outlives the body (`cursor = page.next`, but not
  /// `results[i] = ...`), and what derives from it.
  const DeclSet &carried() const { return Carried; }

  /// Whether the part of the header evaluated on every iteration reads a
  /// produced value: the awaits decide how long the loop runs.
  bool headerReadsProduced() const;
  /// Whether the body can end the loop early: an exit guarded by an await
  /// or by a produced value, or an unconditional exit (which ends the loop in
  /// its first iteration). Exits on other conditions do not count.
  bool exitsEarly() const;
  /// Whether the object \p E denotes is the same one in every iteration:
  /// not a temporary, not selected by the loop's variables (`sockets[i]`),
  /// not declared in the body.
  bool sharedAcrossIterations(const Expr *E) const;

private:
  void findLoopVariables();
  void computeClosures();

  const Stmt *Loop;
  LoopFacts Facts;
  DeclSet LoopVariables;
  DeclSet Derived;
  DeclSet Produced;
  DeclSet Carried;
};

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_LOOPDATAFLOW_H
