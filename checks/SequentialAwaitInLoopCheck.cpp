//===--- SequentialAwaitInLoopCheck.cpp - async-sequential-await-in-loop --===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The analysis, once per loop of a coroutine:
//
//  1. One walk over the loop body records every `co_await` (with what it
//     reads and the objects it writes through reference arguments), every
//     assignment (target and what its value reads), the variables declared in
//     the body, the variables the body steps (`++i`, `it += 2`), and every
//     statement that leaves the loop with the conditions that guard it.
//  2. Three small fixpoints over the recorded assignments: which variables
//     derive from the loop's element or index variable, which hold a value
//     produced by an await, and which of the latter survive into the next
//     iteration (declared outside the body) and so carry a dependency.
//  3. Each await is classified: per-item work, independent of the loop,
//     pacing, one serial resource, loop-carried, or writing a shared output.
//     The loop is reported when it has per-item work and nothing that ties
//     its iterations together.
//
//===----------------------------------------------------------------------===//

#include "SequentialAwaitInLoopCheck.h"
#include "utils/Coroutines.h"
#include "utils/FixIts.h"
#include "utils/Loops.h"
#include "utils/Names.h"
#include "utils/Options.h"
#include "utils/TaskTypes.h"
#include "utils/Templates.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::async {

static constexpr llvm::StringLiteral SerialTypesKey = "SerialTypes";
static constexpr llvm::StringLiteral ConcurrentTypesKey = "ConcurrentTypes";
static constexpr llvm::StringLiteral IgnoredFunctionsKey = "IgnoredFunctions";

// The analysis lives in a namespace of its own (not an anonymous one) because
// the check class refers to its types.
namespace sequential_await_in_loop {

using utils::isLoop;
using utils::loopBody;

/// I/O objects that carry one operation (or one direction of operations) at a
/// time, by the qualified name of their class or class template. Classes
/// whose names end in one of SerialNameEndings are found without a list.
const char *const BuiltinSerialTypes[] = {
    "boost::asio::basic_serial_port",
    "boost::asio::basic_stream_file",
    "boost::asio::basic_signal_set",
    "boost::asio::posix::basic_stream_descriptor",
    "boost::asio::windows::basic_stream_handle",
    "asio::basic_serial_port",
    "asio::basic_stream_file",
    "asio::basic_signal_set",
    "asio::posix::basic_stream_descriptor",
    "asio::windows::basic_stream_handle",
    "boost::beast::basic_stream",
    "boost::beast::websocket::stream",
    "boost::beast::ssl_stream",
    "folly::coro::BoundedQueue",
    "folly::coro::UnboundedQueue",
    "folly::coro::SmallUnboundedQueue",
    "folly::coro::AsyncPipe",
    "coro::ring_buffer",
    "coro::queue",
};

/// The last words of class names that denote a serial resource: sockets,
/// streams, acceptors, channels, queues, connections, pipes, descriptors,
/// ports, files, readers and writers, and transactions.
const char *const SerialNameEndings[] = {
    "socket",
    "stream",
    "acceptor",
    "channel",
    "queue",
    "connection",
    "pipe",
    "descriptor",
    "port",
    "file",
    "reader",
    "writer",
    "transaction",
    // Synchronisation objects every iteration waits on together.
    "barrier",
    "latch",
    "sequence",
    "event",
    "semaphore",
};

/// Awaits that take a lock: a loop that locks serialises its iterations on
/// purpose.
const char *const LockFunctions[] = {
    "lock",        "co_lock",        "scoped_lock",           "co_scoped_lock",
    "lock_shared", "co_lock_shared", "co_scoped_lock_shared", "async_lock",
};

/// Members that make a class an I/O stream by its shape.
const char *const StreamOperations[] = {
    "async_read_some", "async_write_some", "async_accept",
    "read_some",       "write_some",
};

/// Pairs of members that make a class a queue, a channel or a connection by
/// its shape: it has both ends.
const std::pair<const char *, const char *> BothEnds[] = {
    {"produce", "consume"}, {"push", "pop"},
    {"enqueue", "dequeue"}, {"send", "receive"},
    {"send", "recv"},       {"async_send", "async_receive"},
    {"read", "write"},      {"async_read", "async_write"},
};

const char *const BuiltinTimerTypes[] = {
    "boost::asio::basic_waitable_timer",
    "boost::asio::basic_deadline_timer",
    "asio::basic_waitable_timer",
    "asio::basic_deadline_timer",
};

/// Functions (or function objects and variables) whose await moves the
/// coroutine to an executor or yields it to the scheduler, whatever namespace
/// they are in: a loop that hops on every iteration schedules its work on
/// purpose (`co_await pool.schedule()`, `co_await resume_on(executor)`).
const char *const HopFunctions[] = {
    "schedule", "yield",      "resume_on",  "post",
    "dispatch", "defer",      "reschedule", "co_reschedule_on_current_executor",
    "switchTo", "scheduleOn",
};

/// Functions (or function objects) whose await is a sleep, a timer or a
/// yield, whatever namespace they are in: `folly::coro::sleep`,
/// `exec::schedule_after`, libcoro's `io_scheduler::yield_for`, ...
const char *const PacingFunctions[] = {
    "sleep",
    "sleep_for",
    "sleep_until",
    "async_sleep",
    "sleepFor",
    "sleepUntil",
    "sleepReturnEarlyOnCancel",
    "schedule_after",
    "schedule_at",
    "yield_for",
    "yield_until",
};

/// Whether the class name \p Name ends with the word \p Word (lowercase):
/// the whole name, or after an underscore or at a capital letter
/// (`basic_stream_socket`, `WebSocket`, `tcp_stream`), but not inside a word
/// (`Upstream`, `Report`).
bool endsWithWord(llvm::StringRef Name, llvm::StringRef Word) {
  if (Name.size() < Word.size() || !Name.ends_with_insensitive(Word))
    return false;
  size_t Start = Name.size() - Word.size();
  return Start == 0 || Name[Start - 1] == '_' || llvm::isUpper(Name[Start]);
}

bool isStdDecl(const Decl *D) {
  return D && D->getDeclContext()->isStdNamespace();
}

bool isInStd(const NamedDecl *D) {
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
    if (DC->isStdNamespace())
      return true;
  return false;
}

bool isAwait(const Stmt *S) {
  return llvm::isa<CoawaitExpr, DependentCoawaitExpr>(S);
}

/// The class an object expression denotes: through pointers (`this`,
/// `conn->`), references and sugar.
const CXXRecordDecl *classOfObject(const Expr *E) {
  QualType T = E->getType();
  if (T.isNull())
    return nullptr;
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  return utils::classDeclOf(T);
}

/// True for values that are plain data rather than service objects: builtin
/// types, arrays, pointers, and standard library classes (strings,
/// containers). An awaited operation that writes such an object declared
/// outside the loop shares it between iterations.
bool isDataLike(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isDependentType())
    return false;
  if (T->isBuiltinType() || T->isArrayType() || T->isPointerType() ||
      T->isEnumeralType())
    return true;
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return isInStd(RD);
  return false;
}

/// What a statement reads: the variables, bindings and fields (through
/// `this`) it names, and whether it awaits.
struct Reads {
  llvm::SmallVector<const ValueDecl *, 4> Decls;
  bool HasAwait = false;

  bool any(const llvm::SmallPtrSetImpl<const ValueDecl *> &Set) const {
    return llvm::any_of(Decls,
                        [&Set](const ValueDecl *D) { return Set.contains(D); });
  }
};

Reads readsOf(const Stmt *S) {
  Reads R;
  utils::forEachEvaluatedStmt(S, [&R](const Stmt *Node) {
    if (isAwait(Node)) {
      R.HasAwait = true;
    } else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Node)) {
      if (llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()))
        R.Decls.push_back(Ref->getDecl());
    } else if (const auto *Member = llvm::dyn_cast<MemberExpr>(Node)) {
      if (llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        if (const auto *Field =
                llvm::dyn_cast<FieldDecl>(Member->getMemberDecl()))
          R.Decls.push_back(Field);
    }
    return true;
  });
  return R;
}

/// The variable, binding or field (through `this`) an lvalue expression is
/// part of: `items` for `items[i].name`, `cursor_` for `this->cursor_`.
const ValueDecl *rootDecl(const Expr *E) {
  while (E) {
    E = utils::ignoreValuePreserving(E)->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()) ? Ref->getDecl()
                                                             : nullptr;
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E)) {
      const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
      if (llvm::isa<CXXThisExpr>(Base))
        return llvm::dyn_cast<FieldDecl>(Member->getMemberDecl());
      E = Base;
    } else if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(E)) {
      E = Subscript->getBase();
    } else if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_Deref && Unary->getOpcode() != UO_AddrOf)
        return nullptr;
      E = Unary->getSubExpr();
    } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() != OO_Subscript && Op->getOperator() != OO_Star &&
          Op->getOperator() != OO_Arrow)
        return nullptr;
      E = Op->getArg(0);
    } else if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
      // An accessor returning a reference, such as `v.front()` or
      // `stream.next_layer()`.
      if (!Call->isGLValue())
        return nullptr;
      E = Call->getImplicitObjectArgument();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

/// The operand of an await with `std::move` / `std::forward` and
/// value-preserving wrappers taken off.
const Expr *stripMoves(const Expr *E) {
  E = utils::ignoreValuePreserving(E);
  while (const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || Call->getNumArgs() != 1 || !isStdDecl(FD) ||
        !FD->getIdentifier() ||
        (FD->getName() != "move" && FD->getName() != "forward"))
      break;
    E = utils::ignoreValuePreserving(Call->getArg(0));
  }
  return E;
}

/// One awaited operation: a call, or an existing object being awaited.
struct Operation {
  const Expr *E = nullptr;
  const CallExpr *Call = nullptr;
  /// What the user called: the function, or a function object variable such
  /// as a customisation point object. Null for lambdas and unresolved calls.
  const NamedDecl *Named = nullptr;
  DeclarationName Name;
  /// The object a member function is called on (`this` included).
  const Expr *Object = nullptr;
  const Expr *FirstArg = nullptr;
};

/// The operations an await operand runs: one, or each side of Asio's
/// awaitable operators `a && b` / `a || b`.
void collectOperations(const Expr *Operand,
                       llvm::SmallVectorImpl<Operation> &Ops) {
  const Expr *E = stripMoves(Operand);
  if (!E)
    return;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_AmpAmp || Op->getOperator() == OO_PipePipe)) {
    collectOperations(Op->getArg(0), Ops);
    collectOperations(Op->getArg(1), Ops);
    return;
  }
  Operation O;
  O.E = E;
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  if (!Call) {
    Ops.push_back(O);
    return;
  }
  O.Call = Call;
  O.Named = Call->getDirectCallee();
  unsigned FirstArg = 0;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    O.Object = Member->getImplicitObjectArgument();
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
             Op && Op->getOperator() == OO_Call) {
    O.Object = Op->getArg(0);
    FirstArg = 1;
    O.Named = nullptr;
    if (const auto *Ref =
            llvm::dyn_cast<DeclRefExpr>(O.Object->IgnoreParenImpCasts()))
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl()))
        if (!Var->hasLocalStorage())
          O.Named = Var;
  } else {
    const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
    if (const auto *Dependent =
            llvm::dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
      O.Object = Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
      O.Name = Dependent->getMember();
    } else if (const auto *Unresolved =
                   llvm::dyn_cast<UnresolvedMemberExpr>(Callee)) {
      O.Object =
          Unresolved->isImplicitAccess() ? nullptr : Unresolved->getBase();
      O.Name = Unresolved->getName();
    } else if (const auto *Lookup =
                   llvm::dyn_cast<UnresolvedLookupExpr>(Callee)) {
      O.Name = Lookup->getName();
    }
  }
  if (Call->getNumArgs() > FirstArg)
    O.FirstArg = Call->getArg(FirstArg);
  if (O.Named)
    O.Name = O.Named->getDeclName();
  Ops.push_back(O);
}

llvm::StringRef identifierOf(DeclarationName Name) {
  return Name.isIdentifier() && Name.getAsIdentifierInfo()
             ? Name.getAsIdentifierInfo()->getName()
             : llvm::StringRef();
}

/// Calls `Visit(Argument, Parameter type)` for each argument of \p Call
/// that matches a declared parameter.
template <class Fn> void forEachParamArg(const CallExpr *Call, Fn Visit) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return;
  unsigned Shift = 0;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
    if (llvm::isa<CXXMethodDecl>(FD) &&
        !llvm::cast<CXXMethodDecl>(FD)->isStatic() &&
        !llvm::cast<CXXMethodDecl>(FD)->isExplicitObjectMemberFunction())
      Shift = Op->getNumArgs() > 0 ? 1 : 0;
  for (unsigned I = Shift, N = Call->getNumArgs(); I < N; ++I) {
    unsigned Param = I - Shift;
    if (Param >= FD->getNumParams())
      break;
    Visit(Call->getArg(I), FD->getParamDecl(Param)->getType());
  }
}

bool isNonConstLValueRef(QualType T) {
  return T->isLValueReferenceType() &&
         !T.getNonReferenceType().isConstQualified();
}

/// The object an argument lets the callee write: through a non-const
/// reference parameter, or as a non-const pointer formed from `&x` or an
/// array.
const Expr *writtenThrough(const Expr *Arg, QualType Param) {
  if (isNonConstLValueRef(Param))
    return Arg;
  if (Param->isPointerType() && !Param->getPointeeType().isConstQualified()) {
    const Expr *E = Arg->IgnoreParens();
    if (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E);
        Cast && Cast->getCastKind() == CK_ArrayToPointerDecay)
      return Cast->getSubExpr();
    if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E->IgnoreImpCasts());
        Unary && Unary->getOpcode() == UO_AddrOf)
      return Unary->getSubExpr();
  }
  return nullptr;
}

/// The parts of a loop's header evaluated on every iteration: the condition
/// (with its condition variable) and a `for` loop's increment.
llvm::SmallVector<const Stmt *, 3> perIterationHeader(const Stmt *Loop) {
  llvm::SmallVector<const Stmt *, 3> Parts;
  auto Add = [&Parts](const Stmt *S) {
    if (S)
      Parts.push_back(S);
  };
  if (const auto *For = llvm::dyn_cast<ForStmt>(Loop)) {
    Add(For->getConditionVariableDeclStmt());
    Add(For->getCond());
    Add(For->getInc());
  } else if (const auto *While = llvm::dyn_cast<WhileStmt>(Loop)) {
    Add(While->getConditionVariableDeclStmt());
    Add(While->getCond());
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(Loop)) {
    Add(Do->getCond());
  }
  return Parts;
}

bool containsAwait(const Stmt *S) {
  bool Found = false;
  utils::forEachEvaluatedStmt(S, [&Found](const Stmt *Node) {
    if (isAwait(Node))
      Found = true;
    return !Found;
  });
  return Found;
}

/// An async generator's loop (`for (auto it = co_await g.begin(); ...;
/// co_await ++it)`, `while (auto item = co_await g.next())`) awaits in its
/// header; so does any loop whose condition waits for the next value.
bool headerAwaits(const Stmt *Loop) {
  // The Coroutines TS `for co_await (x : range)` awaits `begin()` and `++`.
  if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Loop);
      Range && Range->getCoawaitLoc().isValid())
    return true;
  return llvm::any_of(perIterationHeader(Loop), containsAwait);
}

using DeclSet = llvm::SmallPtrSet<const ValueDecl *, 16>;

struct AwaitSite {
  const Expr *Await;
  const Expr *Operand;
  Reads OperandReads;
  /// Objects of plain data the awaited operation writes through its
  /// arguments (the argument expressions).
  llvm::SmallVector<const Expr *, 2> Outputs;
  /// Inside a nested async generator loop: part of that loop's iteration.
  bool InGeneratorLoop;
};

struct Assignment {
  const ValueDecl *Target;
  /// What the assigned expression reads besides its root (`i` in `out[i]`).
  Reads TargetReads;
  Reads Source;
  /// A mutating call or an out-argument rather than a new value: the object
  /// stays the same object, so it is not selected by what the call reads.
  bool Mutation;
};

struct ExitSite {
  const Stmt *Exit;
  llvm::SmallVector<const Stmt *, 4> Guards;
};

/// What one walk over a loop body records.
struct LoopFacts {
  llvm::SmallVector<AwaitSite, 4> Awaits;
  llvm::SmallVector<Assignment, 16> Assignments;
  DeclSet BodyLocals;
  DeclSet Stepped;
  llvm::SmallVector<ExitSite, 2> Exits;
  bool Yields = false;
};

/// Walks a loop body (or a part of a loop header) and fills LoopFacts. Nested
/// lambdas are not entered: their bodies run elsewhere.
class BodyWalker {
public:
  explicit BodyWalker(LoopFacts &Facts) : Facts(Facts) {}

  void statement(const Stmt *S);
  void expression(const Stmt *E);
  void declaration(const Decl *D);

private:
  void nestedLoop(const Stmt *Loop);
  void recordAwait(const Expr *Await);
  void assign(const Expr *Target, const Stmt *Source, bool Plain,
              bool Mutation = false);
  void assignDecl(const ValueDecl *Target, const Stmt *Source);
  void step(const Expr *Target);
  void exitHere(const Stmt *Exit) {
    Facts.Exits.push_back(ExitSite{Exit, {Guards.begin(), Guards.end()}});
  }

  LoopFacts &Facts;
  llvm::SmallVector<const Stmt *, 8> Guards;
  /// Inside a nested loop or switch, where `break` does not leave the loop.
  unsigned BreakScopes = 0;
  unsigned GeneratorLoops = 0;
};

void BodyWalker::statement(const Stmt *S) {
  if (!S)
    return;
  if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Compound->body())
      statement(Child);
  } else if (const auto *If = llvm::dyn_cast<IfStmt>(S)) {
    statement(If->getInit());
    if (const VarDecl *Var = If->getConditionVariable())
      declaration(Var);
    expression(If->getCond());
    if (If->getCond())
      Guards.push_back(If->getCond());
    statement(If->getThen());
    statement(If->getElse());
    if (If->getCond())
      Guards.pop_back();
  } else if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S)) {
    statement(Switch->getInit());
    if (const VarDecl *Var = Switch->getConditionVariable())
      declaration(Var);
    expression(Switch->getCond());
    Guards.push_back(Switch->getCond());
    ++BreakScopes;
    statement(Switch->getBody());
    --BreakScopes;
    Guards.pop_back();
  } else if (isLoop(S)) {
    nestedLoop(S);
  } else if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
    statement(Try->getTryBlock());
    // A handler runs when something in the try block threw: an exit in it
    // is decided by whatever the try block awaited.
    Guards.push_back(Try->getTryBlock());
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
      statement(Try->getHandler(I)->getHandlerBlock());
    Guards.pop_back();
  } else if (llvm::isa<BreakStmt>(S)) {
    if (BreakScopes == 0)
      exitHere(S);
  } else if (const auto *Return = llvm::dyn_cast<ReturnStmt>(S)) {
    expression(Return->getRetValue());
    exitHere(S);
  } else if (const auto *Return = llvm::dyn_cast<CoreturnStmt>(S)) {
    expression(Return->getOperand());
    exitHere(S);
  } else if (llvm::isa<GotoStmt, IndirectGotoStmt>(S)) {
    exitHere(S);
  } else if (const auto *Label = llvm::dyn_cast<LabelStmt>(S)) {
    statement(Label->getSubStmt());
  } else if (const auto *Attributed = llvm::dyn_cast<AttributedStmt>(S)) {
    statement(Attributed->getSubStmt());
  } else if (const auto *Case = llvm::dyn_cast<SwitchCase>(S)) {
    statement(Case->getSubStmt());
  } else if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      declaration(D);
  } else if (llvm::isa<Expr>(S)) {
    expression(S);
  } else if (!llvm::isa<ContinueStmt, NullStmt>(S)) {
    for (const Stmt *Child : S->children())
      statement(Child);
  }
}

void BodyWalker::declaration(const Decl *D) {
  const auto *Var = llvm::dyn_cast<VarDecl>(D);
  if (!Var)
    return;
  // A static local outlives the iteration like a variable declared outside.
  if (!Var->isStaticLocal()) {
    Facts.BodyLocals.insert(Var);
    if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
      for (const BindingDecl *Binding : Decomposition->bindings())
        Facts.BodyLocals.insert(Binding);
  }
  const Expr *Init = Var->getInit();
  if (!Init)
    return;
  expression(Init);
  assignDecl(Var, Init);
  if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
    for (const BindingDecl *Binding : Decomposition->bindings())
      assignDecl(Binding, Init);
}

void BodyWalker::nestedLoop(const Stmt *Loop) {
  const bool Generator = headerAwaits(Loop);
  GeneratorLoops += Generator;
  const Stmt *Guard = nullptr;
  if (const auto *For = llvm::dyn_cast<ForStmt>(Loop)) {
    statement(For->getInit());
    if (const VarDecl *Var = For->getConditionVariable())
      declaration(Var);
    expression(For->getCond());
    expression(For->getInc());
    Guard = For->getCond();
  } else if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Loop)) {
    statement(Range->getInit());
    expression(Range->getRangeInit());
    // The element variable is declared in the body of the enclosing loop and
    // takes its value from the range.
    if (const VarDecl *Var = Range->getLoopVariable()) {
      Facts.BodyLocals.insert(Var);
      assignDecl(Var, Range->getRangeInit());
      if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
        for (const BindingDecl *Binding : Decomposition->bindings()) {
          Facts.BodyLocals.insert(Binding);
          assignDecl(Binding, Range->getRangeInit());
        }
    }
    Guard = Range->getRangeInit();
  } else if (const auto *While = llvm::dyn_cast<WhileStmt>(Loop)) {
    if (const VarDecl *Var = While->getConditionVariable())
      declaration(Var);
    expression(While->getCond());
    Guard = While->getCond();
  } else if (const auto *Do = llvm::dyn_cast<DoStmt>(Loop)) {
    expression(Do->getCond());
    Guard = Do->getCond();
  }
  if (Guard)
    Guards.push_back(Guard);
  ++BreakScopes;
  statement(loopBody(Loop));
  --BreakScopes;
  if (Guard)
    Guards.pop_back();
  GeneratorLoops -= Generator;
}

void BodyWalker::expression(const Stmt *E) {
  if (!E)
    return;
  utils::forEachEvaluatedStmt(E, [this](const Stmt *Node) {
    if (isAwait(Node)) {
      recordAwait(llvm::cast<Expr>(Node));
    } else if (llvm::isa<CoyieldExpr>(Node)) {
      Facts.Yields = true;
    } else if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(Node)) {
      if (Binary->isAssignmentOp()) {
        assign(Binary->getLHS(), Binary->getRHS(),
               /*Plain=*/!Binary->isCompoundAssignmentOp());
        if (Binary->isCompoundAssignmentOp())
          step(Binary->getLHS());
      }
    } else if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(Node)) {
      if (Unary->isIncrementDecrementOp())
        step(Unary->getSubExpr());
    } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Node)) {
      OverloadedOperatorKind Kind = Op->getOperator();
      if ((Kind == OO_PlusPlus || Kind == OO_MinusMinus) &&
          Op->getNumArgs() >= 1) {
        step(Op->getArg(0));
      } else if (Op->isAssignmentOp() && Op->getNumArgs() == 2) {
        assign(Op->getArg(0), Op->getArg(1), /*Plain=*/Kind == OO_Equal);
        if (Kind != OO_Equal)
          step(Op->getArg(0));
      }
    } else if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Node)) {
      // A mutating call (`req.set(x)`, `results.push_back(x)`) gives the
      // object a value that derives from its arguments. Accessors such as
      // `v[i]` or `v.find(k)` do not.
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && !Method->isConst() && !Method->isStatic()) {
        llvm::StringRef Name =
            Method->getIdentifier() ? Method->getName() : llvm::StringRef();
        if (Method->getReturnType()->isVoidType() ||
            llvm::is_contained(
                llvm::ArrayRef<llvm::StringRef>{"emplace_back", "emplace_front",
                                                "emplace", "insert", "append",
                                                "assign"},
                Name))
          assign(Member->getImplicitObjectArgument(), Member,
                 /*Plain=*/false, /*Mutation=*/true);
      }
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Node))
      forEachParamArg(Call, [this, Call](const Expr *Arg, QualType Param) {
        if (isNonConstLValueRef(Param))
          assign(Arg, Call, /*Plain=*/false, /*Mutation=*/true);
      });
    return true;
  });
}

void BodyWalker::recordAwait(const Expr *Await) {
  const Expr *Operand = nullptr;
  if (const auto *Coawait = llvm::dyn_cast<CoawaitExpr>(Await))
    Operand = Coawait->getOperand();
  else
    Operand = llvm::cast<DependentCoawaitExpr>(Await)->getOperand();
  AwaitSite Site{Await, Operand, readsOf(Operand), {}, GeneratorLoops > 0};
  // The awaited operation produces whatever plain data it writes through
  // its own arguments (out-parameters), like an assignment would. Arguments
  // of nested calls are left alone: `buffer(line)` takes a non-const string
  // for writes as well as reads.
  llvm::SmallVector<Operation, 2> Ops;
  collectOperations(Operand, Ops);
  for (const Operation &Op : Ops)
    if (Op.Call)
      forEachParamArg(Op.Call, [&](const Expr *Arg, QualType Param) {
        const Expr *Written = writtenThrough(Arg, Param);
        if (!Written || !isDataLike(Written->getType()))
          return;
        Site.Outputs.push_back(Written);
        assign(Written, Await, /*Plain=*/false, /*Mutation=*/true);
      });
  Facts.Awaits.push_back(std::move(Site));
}

void BodyWalker::assign(const Expr *Target, const Stmt *Source, bool Plain,
                        bool Mutation) {
  const ValueDecl *Root = rootDecl(Target);
  if (!Root)
    return;
  Assignment A{Root, readsOf(Target), readsOf(Source), Mutation};
  llvm::erase(A.TargetReads.Decls, Root);
  // `i = i + 1` and `it = std::next(it)` step the variable too.
  if (Plain && llvm::is_contained(A.Source.Decls, Root))
    Facts.Stepped.insert(Root);
  Facts.Assignments.push_back(std::move(A));
}

void BodyWalker::assignDecl(const ValueDecl *Target, const Stmt *Source) {
  Facts.Assignments.push_back({Target, Reads(), readsOf(Source), false});
}

void BodyWalker::step(const Expr *Target) {
  if (const ValueDecl *Root = rootDecl(Target))
    Facts.Stepped.insert(Root);
}

/// The closure of \p Set under the recorded assignments: a target joins when
/// its value reads a member of the set (or, with \p SeedWithAwaits, when its
/// value is awaited). \p WithMutations counts changes made through mutating
/// calls and out-arguments too.
void closeOver(DeclSet &Set, llvm::ArrayRef<Assignment> Assignments,
               bool SeedWithAwaits, bool WithMutations) {
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const Assignment &A : Assignments) {
      if (Set.contains(A.Target) || (A.Mutation && !WithMutations))
        continue;
      if ((SeedWithAwaits && A.Source.HasAwait) || A.Source.any(Set)) {
        Set.insert(A.Target);
        Changed = true;
      }
    }
  }
}

/// How an await inside a loop relates to the loop's iterations.
enum class AwaitKind {
  PerItem,     ///< Work on this iteration's item, independent of the others.
  Independent, ///< Does not depend on the loop's item at all.
  Ignored,     ///< One of the IgnoredFunctions.
  Inline,      ///< A coroutine that never suspends: it completes at once.
  Pacing,      ///< A sleep, timer, yield or executor hop: the loop is paced
               ///< on purpose.
  Serial,      ///< Acts on one serial resource shared by all iterations.
  Carried,     ///< Reads a value an earlier iteration's await produced.
  SharedOutput ///< Writes into data that every iteration shares.
};

bool blocksLoop(AwaitKind Kind) {
  return Kind == AwaitKind::Pacing || Kind == AwaitKind::Serial ||
         Kind == AwaitKind::Carried || Kind == AwaitKind::SharedOutput;
}

/// A name for a new variable that no identifier in \p Text already uses.
std::string freshName(llvm::StringRef Base, llvm::StringRef Text) {
  llvm::StringSet<> Used;
  for (size_t I = 0; I < Text.size();) {
    if (llvm::isAlpha(Text[I]) || Text[I] == '_') {
      size_t J = I;
      while (J < Text.size() && (llvm::isAlnum(Text[J]) || Text[J] == '_'))
        ++J;
      Used.insert(Text.slice(I, J));
      I = J;
    } else {
      ++I;
    }
  }
  std::string Name = Base.str();
  for (unsigned Suffix = 2; Used.contains(Name); ++Suffix)
    Name = (Base + llvm::Twine(Suffix)).str();
  return Name;
}

/// True when a function or function template named \p Path (qualified, e.g.
/// {"folly", "coro", "collectAllRange"}) is declared before \p Loc.
bool declaredBefore(const ASTContext &Ctx, llvm::ArrayRef<llvm::StringRef> Path,
                    SourceLocation Loc) {
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  ASTContext &MutableCtx = const_cast<ASTContext &>(Ctx);
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const DeclContext *Next = nullptr;
    for (const NamedDecl *D : DC->lookup(&MutableCtx.Idents.get(Path[I])))
      if (const auto *NS = llvm::dyn_cast<NamespaceDecl>(D))
        Next = NS;
    if (!Next)
      return false;
    DC = Next;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  for (const NamedDecl *D : DC->lookup(&MutableCtx.Idents.get(Path.back())))
    for (const Decl *Redecl : D->redecls())
      if (SM.isBeforeInTranslationUnit(Redecl->getLocation(), Loc))
        return true;
  return false;
}

//===----------------------------------------------------------------------===//
// What the check knows about types and functions.
//===----------------------------------------------------------------------===//

class Knowledge {
public:
  Knowledge(llvm::StringRef SerialOption, llvm::StringRef ConcurrentOption,
            llvm::StringRef IgnoredOption, llvm::StringRef LazyOption,
            llvm::StringRef EagerOption)
      : Tasks(LazyOption, EagerOption), Serial(SerialOption),
        Concurrent(ConcurrentOption), Ignored(IgnoredOption) {
    for (const char *Name : BuiltinSerialTypes)
      Serial.add(Name);
    for (const char *Name : BuiltinTimerTypes)
      Timers.add(Name);
  }

  /// Whether objects of class \p RD carry one operation at a time: a
  /// serial type by name or shape, or a class that owns one (a session
  /// holding its socket).
  bool isSerialClass(const CXXRecordDecl *RD) {
    if (!RD)
      return false;
    RD = RD->getCanonicalDecl();
    auto [It, Inserted] = SerialCache.try_emplace(RD, false);
    if (Inserted)
      It->second = !isConcurrent(RD) &&
                   (serialByItself(RD, 0) || ownsSerialMember(RD, 0));
    return It->second;
  }

  bool isTimerClass(const CXXRecordDecl *RD, unsigned Depth = 0) {
    if (!RD || Depth > 8)
      return false;
    const NamedDecl *Id = utils::identityOf(RD);
    if (Timers.contains(Id))
      return true;
    if (!isInStd(Id) && Id->getIdentifier() &&
        endsWithWord(Id->getName(), "timer"))
      return true;
    if (const CXXRecordDecl *Def = utils::definitionOf(RD))
      for (const CXXBaseSpecifier &Base : Def->bases())
        if (isTimerClass(utils::classDeclOf(Base.getType()), Depth + 1))
          return true;
    return false;
  }

  bool isConcurrent(const CXXRecordDecl *RD) {
    return RD && Concurrent.contains(utils::identityOf(RD));
  }

  bool isIgnored(const NamedDecl *D) { return D && Ignored.contains(D); }

  utils::TaskTypeClassifier Tasks;

private:
  bool serialByItself(const CXXRecordDecl *RD, unsigned Depth) {
    if (!RD || Depth > 8)
      return false;
    const NamedDecl *Id = utils::identityOf(RD);
    if (Concurrent.contains(Id))
      return false;
    if (Serial.contains(Id))
      return true;
    // Standard library streams and queues are not asynchronous resources.
    if (isInStd(Id))
      return false;
    if (Id->getIdentifier())
      for (const char *Ending : SerialNameEndings)
        if (endsWithWord(Id->getName(), Ending))
          return true;
    const CXXRecordDecl *Def = utils::definitionOf(RD);
    if (!Def)
      return false;
    llvm::StringSet<> Methods;
    for (const Decl *Member : Def->decls()) {
      const auto *Named = llvm::dyn_cast<NamedDecl>(Member);
      if (Named && Named->getIdentifier() &&
          llvm::isa<CXXMethodDecl, FunctionTemplateDecl>(Named))
        Methods.insert(Named->getName());
    }
    for (const char *Operation : StreamOperations)
      if (Methods.contains(Operation))
        return true;
    for (const auto &[First, Second] : BothEnds)
      if (Methods.contains(First) && Methods.contains(Second))
        return true;
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (serialByItself(utils::classDeclOf(Base.getType()), Depth + 1))
        return true;
    return false;
  }

  // The class (or a base) has a data member that is a serial resource, held
  // by value, by reference, by pointer or by smart pointer.
  bool ownsSerialMember(const CXXRecordDecl *RD, unsigned Depth) {
    const CXXRecordDecl *Def = utils::definitionOf(RD);
    if (!Def || Depth > 4)
      return false;
    for (const FieldDecl *Field : Def->fields()) {
      QualType T = Field->getType().getNonReferenceType();
      if (const auto *Ptr = T->getAs<PointerType>())
        T = Ptr->getPointeeType();
      const CXXRecordDecl *Member = utils::classDeclOf(T);
      if (const auto *Spec =
              llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(Member);
          Spec && isInStd(Spec) && Spec->getTemplateArgs().size() > 0 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          llvm::is_contained(llvm::ArrayRef<llvm::StringRef>{"unique_ptr",
                                                             "shared_ptr",
                                                             "optional"},
                             Spec->getName()))
        Member = utils::classDeclOf(Spec->getTemplateArgs()[0].getAsType());
      if (Member && !isConcurrent(Member) && serialByItself(Member, 0))
        return true;
    }
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (ownsSerialMember(utils::classDeclOf(Base.getType()), Depth + 1))
        return true;
    return false;
  }

  utils::NameSet Serial;
  utils::NameSet Concurrent;
  utils::NameSet Ignored;
  utils::NameSet Timers;
  llvm::DenseMap<const CXXRecordDecl *, bool> SerialCache;
};

//===----------------------------------------------------------------------===//
// The analysis of one loop.
//===----------------------------------------------------------------------===//

/// A loop to report: the await the warning points at and what the fix-it
/// needs to know.
struct Finding {
  const Stmt *Loop;
  const AwaitSite *Await;
  Operation Op;
  const LoopFacts *Facts;
  const DeclSet *Derived;
};

class LoopAnalysis {
public:
  LoopAnalysis(const Stmt *Loop, const FunctionDecl *Function, Knowledge &Known)
      : Loop(Loop), Function(Function), Known(Known) {}

  /// Runs the analysis; returns the await to report, or null.
  const AwaitSite *run(const llvm::DenseSet<const Expr *> &AlreadyReported,
                       llvm::SmallVectorImpl<const Expr *> &PerItemAwaits,
                       Operation &ReportedOp);

  const LoopFacts &facts() const { return Facts; }
  const DeclSet &derived() const { return Derived; }

private:
  void findLoopVariables();
  bool exitsEarly() const;
  AwaitKind classify(const AwaitSite &Site,
                     llvm::SmallVectorImpl<Operation> &Ops);
  bool isPacing(const Operation &Op);
  /// Whether \p Object is an eager task (already running); in a template,
  /// whether it is one in every instantiation.
  bool isEagerTask(const Expr *Object);
  bool isSharedSerial(const Expr *Object);
  bool isSharedLock(const Operation &Op);
  bool sharedAcrossIterations(const Expr *E) const;

  const Stmt *Loop;
  const FunctionDecl *Function;
  Knowledge &Known;
  LoopFacts Facts;
  DeclSet LoopVariables;
  DeclSet Derived;
  DeclSet Produced;
  DeclSet Carried;
};

void LoopAnalysis::findLoopVariables() {
  if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Loop)) {
    if (const VarDecl *Var = Range->getLoopVariable()) {
      LoopVariables.insert(Var);
      if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
        for (const BindingDecl *Binding : Decomposition->bindings())
          LoopVariables.insert(Binding);
    }
    return;
  }
  if (const auto *For = llvm::dyn_cast<ForStmt>(Loop)) {
    // The variables the increment steps, and those the init declares and the
    // body steps.
    LoopFacts Header;
    BodyWalker(Header).expression(For->getInc());
    for (const ValueDecl *D : Header.Stepped)
      LoopVariables.insert(D);
    for (const Assignment &A : Header.Assignments)
      LoopVariables.insert(A.Target);
    if (const auto *Init = llvm::dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : Init->decls())
        if (const auto *Var = llvm::dyn_cast<VarDecl>(D);
            Var && Facts.Stepped.contains(Var))
          LoopVariables.insert(Var);
    return;
  }
  // A while or do loop: the variables its condition tests and that the body
  // or the condition steps (`while (i < n) { ...; ++i; }`,
  // `do { ... } while (++it != end)`).
  const Stmt *Cond = nullptr;
  if (const auto *While = llvm::dyn_cast<WhileStmt>(Loop))
    Cond = While->getCond();
  else
    Cond = llvm::cast<DoStmt>(Loop)->getCond();
  LoopFacts Header;
  BodyWalker(Header).expression(Cond);
  for (const ValueDecl *D : readsOf(Cond).Decls)
    if (Facts.Stepped.contains(D) || Header.Stepped.contains(D))
      LoopVariables.insert(D);
}

bool LoopAnalysis::exitsEarly() const {
  for (const ExitSite &Exit : Facts.Exits) {
    // An unconditional exit ends the loop in its first iteration.
    if (Exit.Guards.empty())
      return true;
    for (const Stmt *Guard : Exit.Guards) {
      Reads R = readsOf(Guard);
      if (R.HasAwait || R.any(Produced))
        return true;
    }
  }
  return false;
}

bool LoopAnalysis::sharedAcrossIterations(const Expr *E) const {
  const Expr *Stripped = E->IgnoreParenImpCasts();
  // A temporary is made afresh in every iteration.
  if (Stripped->isPRValue() && !Stripped->getType()->isPointerType())
    return false;
  // Selected by the loop variable: `sockets[i]`, `conn` of `for (auto &conn
  // : conns)`.
  if (readsOf(Stripped).any(Derived))
    return false;
  // Declared in the body: a new object in every iteration.
  if (const ValueDecl *Root = rootDecl(Stripped))
    if (Facts.BodyLocals.contains(Root))
      return false;
  return true;
}

bool LoopAnalysis::isSharedSerial(const Expr *Object) {
  if (!Object)
    return false;
  QualType T = Object->IgnoreParenImpCasts()->getType();
  if (T.isNull())
    return false;
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  // A class, or the pattern of a dependent specialization such as
  // `websocket::stream<Stream>`. Any other dependent type (a template
  // parameter) may well be a stream: stay quiet.
  const CXXRecordDecl *RD = utils::classDeclOf(T);
  const bool Serial = RD ? Known.isSerialClass(RD) : T->isDependentType();
  return Serial && sharedAcrossIterations(Object);
}

bool LoopAnalysis::isSharedLock(const Operation &Op) {
  if (!Op.Object)
    return false;
  llvm::StringRef Name = identifierOf(Op.Name);
  const CXXRecordDecl *RD = classOfObject(Op.Object);
  const NamedDecl *Id = RD ? utils::identityOf(RD) : nullptr;
  const bool Lock =
      llvm::is_contained(LockFunctions, Name) ||
      (Id && Id->getIdentifier() && endsWithWord(Id->getName(), "mutex"));
  return Lock && sharedAcrossIterations(Op.Object);
}

bool LoopAnalysis::isEagerTask(const Expr *Object) {
  QualType T = Object->getType();
  if (!T->isDependentType())
    return Known.Tasks.classify(T) == utils::TaskKind::Eager;
  // In a template, what the instantiations make of the object.
  const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  llvm::SmallVector<QualType, 2> Types =
      utils::instantiatedTypes(Ref, Function);
  return !Types.empty() && llvm::all_of(Types, [this](QualType Instance) {
    return Known.Tasks.classify(Instance) == utils::TaskKind::Eager;
  });
}

bool LoopAnalysis::isPacing(const Operation &Op) {
  llvm::StringRef Name = identifierOf(Op.Name);
  if (!Name.empty() && (llvm::is_contained(PacingFunctions, Name) ||
                        llvm::is_contained(HopFunctions, Name)))
    return true;
  // `co_await folly::coro::co_reschedule_on_current_executor;`
  if (!Op.Call)
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Op.E);
        Ref && Ref->getDecl()->getIdentifier() &&
        llvm::is_contained(HopFunctions, Ref->getDecl()->getName()))
      return true;
  if ((Name == "async_wait" || Name == "wait") && Op.Object)
    return Known.isTimerClass(classOfObject(Op.Object));
  return false;
}

AwaitKind LoopAnalysis::classify(const AwaitSite &Site,
                                 llvm::SmallVectorImpl<Operation> &Ops) {
  collectOperations(Site.Operand, Ops);
  for (const Operation &Op : Ops)
    if (Known.isIgnored(Op.Named))
      return AwaitKind::Ignored;
  for (const Operation &Op : Ops)
    if (isPacing(Op))
      return AwaitKind::Pacing;
  for (const Operation &Op : Ops)
    if (Op.Call && (isSharedSerial(Op.Object) || isSharedSerial(Op.FirstArg) ||
                    isSharedLock(Op)))
      return AwaitKind::Serial;
  if (Site.OperandReads.any(Carried))
    return AwaitKind::Carried;
  for (const Expr *Output : Site.Outputs) {
    const CXXRecordDecl *RD = utils::classDeclOf(Output->getType());
    if (!Known.isConcurrent(RD) && sharedAcrossIterations(Output))
      return AwaitKind::SharedOutput;
  }
  if (!Site.OperandReads.any(Derived))
    return AwaitKind::Independent;
  // Coroutines whose visible body never suspends run to completion when
  // awaited: awaiting them together would run them one after another anyway.
  if (llvm::all_of(Ops, [](const Operation &Op) {
        return Op.Call && utils::neverSuspends(Op.Call->getDirectCallee());
      }))
    return AwaitKind::Inline;
  // Joining tasks that already run (`co_await result.resolve()` on an eager
  // task): the work is concurrent already, the loop only collects it.
  if (llvm::all_of(Ops, [this](const Operation &Op) {
        return Op.Object && isEagerTask(Op.Object);
      }))
    return AwaitKind::Independent;
  for (const Operation &Op : Ops)
    if (Op.Call)
      return AwaitKind::PerItem;
  // Awaiting a task made earlier: a lazy one only starts now, one at a time;
  // an eager one is already running and awaiting it in a loop is a join.
  for (const Operation &Op : Ops)
    if (Known.Tasks.classify(Op.E->getType()) == utils::TaskKind::Lazy)
      return AwaitKind::PerItem;
  return AwaitKind::Independent;
}

const AwaitSite *
LoopAnalysis::run(const llvm::DenseSet<const Expr *> &AlreadyReported,
                  llvm::SmallVectorImpl<const Expr *> &PerItemAwaits,
                  Operation &ReportedOp) {
  // The loop's own header decides each iteration: an await there makes the
  // loop an async generator's, or lets the awaited value end it.
  if (headerAwaits(Loop))
    return nullptr;
  BodyWalker(Facts).statement(loopBody(Loop));
  if (Facts.Awaits.empty() || Facts.Yields)
    return nullptr;
  findLoopVariables();
  if (LoopVariables.empty())
    return nullptr;

  // Which objects each iteration selects or computes from its item: values,
  // not objects the item is written into.
  Derived = LoopVariables;
  closeOver(Derived, Facts.Assignments, /*SeedWithAwaits=*/false,
            /*WithMutations=*/false);
  closeOver(Produced, Facts.Assignments, /*SeedWithAwaits=*/true,
            /*WithMutations=*/true);
  // A produced value carries into the next iteration when it is stored in
  // something that outlives the body, as a whole rather than one slot per
  // item (`cursor = page.next`, not `results[i] = ...`).
  for (const Assignment &A : Facts.Assignments)
    if (Produced.contains(A.Target) && !Facts.BodyLocals.contains(A.Target) &&
        (A.Source.HasAwait || A.Source.any(Produced)) &&
        !A.TargetReads.any(Derived))
      Carried.insert(A.Target);
  closeOver(Carried, Facts.Assignments, /*SeedWithAwaits=*/false,
            /*WithMutations=*/true);

  for (const Stmt *Part : perIterationHeader(Loop))
    if (readsOf(Part).any(Produced))
      return nullptr;
  if (exitsEarly())
    return nullptr;

  const AwaitSite *First = nullptr;
  for (const AwaitSite &Site : Facts.Awaits) {
    if (Site.InGeneratorLoop)
      continue;
    llvm::SmallVector<Operation, 2> Ops;
    AwaitKind Kind = classify(Site, Ops);
    if (blocksLoop(Kind))
      return nullptr;
    if (Kind != AwaitKind::PerItem)
      continue;
    PerItemAwaits.push_back(Site.Await);
    if (!First && !AlreadyReported.contains(Site.Await)) {
      First = &Site;
      ReportedOp = Ops.front();
      for (const Operation &Op : Ops)
        if (Op.Call) {
          ReportedOp = Op;
          break;
        }
    }
  }
  return First;
}

/// The sentence on the note; `%0` is the framework's namespace as the file
/// spells it.
llvm::StringRef idiomNote(utils::Framework F) {
  llvm::StringRef Advice = utils::profile(F).ConcurrencyAdvice;
  if (!Advice.empty())
    return Advice;
  return "to run the iterations concurrently, start every operation first "
         "and await them together";
}

/// Whether the object an argument refers to outlives the loop, so that a
/// lazy task holding a reference to it may run after the loop: a variable
/// declared outside the loop, `this`, or the element itself when the loop
/// variable is a reference to an element of the range.
bool outlivesLoop(const Expr *Arg, const CXXForRangeStmt *Range,
                  const LoopFacts &Facts) {
  const Expr *E = Arg->IgnoreParens();
  while (const auto *Cast = llvm::dyn_cast<ImplicitCastExpr>(E)) {
    CastKind Kind = Cast->getCastKind();
    if (Kind != CK_NoOp && Kind != CK_DerivedToBase &&
        Kind != CK_UncheckedDerivedToBase)
      break;
    E = Cast->getSubExpr()->IgnoreParens();
  }
  if (llvm::isa<CXXThisExpr>(E))
    return true;
  if (!E->isLValue())
    return false;
  const ValueDecl *Root = rootDecl(E);
  if (!Root)
    return false;
  const VarDecl *LoopVar = Range->getLoopVariable();
  const ValueDecl *LoopRoot = LoopVar;
  if (const auto *Binding = llvm::dyn_cast<BindingDecl>(Root))
    if (const auto *Decomposition =
            llvm::dyn_cast_or_null<DecompositionDecl>(LoopVar))
      if (llvm::is_contained(Decomposition->bindings(), Binding))
        LoopRoot = Binding;
  if (Root == LoopRoot) {
    // A reference bound to an element the range owns, not to a temporary.
    const Expr *Init = LoopVar->getInit();
    if (!LoopVar->getType()->isReferenceType() || !Init)
      return false;
    if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(Init))
      Init = Cleanups->getSubExpr();
    return !llvm::isa<MaterializeTemporaryExpr>(Init->IgnoreParens());
  }
  return !Facts.BodyLocals.contains(Root);
}

/// Whether a by-value parameter of this type can still refer to the loop's
/// per-iteration objects: pointers and views.
bool isReferenceLike(QualType T) {
  T = T.getCanonicalType();
  if (T->isPointerType() || T->isMemberPointerType())
    return true;
  const CXXRecordDecl *RD = utils::classDeclOf(T);
  if (!RD)
    return false;
  std::string Name = utils::qualifiedName(utils::identityOf(RD));
  return Name == "std::basic_string_view" || Name == "std::span" ||
         Name == "std::reference_wrapper";
}

/// The lazy task made by \p Call holds its arguments (and the object of a
/// member coroutine) until it runs; after the rewrite it runs after the
/// loop, so every reference it holds must stay valid until then.
bool argumentsOutliveLoop(const CallExpr *Call, const CXXForRangeStmt *Range,
                          const LoopFacts &Facts) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    if (!outlivesLoop(Member->getImplicitObjectArgument(), Range, Facts))
      return false;
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call)) {
    if (Op->getOperator() != OO_Call ||
        !outlivesLoop(Op->getArg(0), Range, Facts))
      return false;
  }
  bool Safe = true;
  unsigned Matched = 0;
  forEachParamArg(Call, [&](const Expr *Arg, QualType Param) {
    ++Matched;
    if (llvm::isa<CXXDefaultArgExpr>(Arg)) {
      Safe &= !Param->isReferenceType();
      return;
    }
    if (Param->isReferenceType())
      Safe &= outlivesLoop(Arg, Range, Facts);
    else if (isReferenceLike(Param))
      Safe &= !readsOf(Arg).any(Facts.BodyLocals);
  });
  // Arguments past the declared parameters (C varargs) are not checked.
  unsigned Expected = Call->getNumArgs();
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
    Expected -= Op->getOperator() == OO_Call ? 1 : 0;
  return Safe && Matched == Expected;
}

std::optional<std::string> sourceText(SourceRange Range,
                                      const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Range.getBegin().isMacroID() || Range.getEnd().isMacroID())
    return std::nullopt;
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Range), SM, Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return std::nullopt;
  return Text.str();
}

/// Whether a comment is written in \p Range.
bool hasComment(CharSourceRange Range, const SourceManager &SM,
                const LangOptions &LangOpts) {
  bool Invalid = false;
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, LangOpts, &Invalid);
  if (Invalid)
    return true;
  Lexer Raw(Range.getBegin(), LangOpts, Text.begin(), Text.begin(), Text.end());
  Raw.SetCommentRetentionState(true);
  Token Tok;
  while (!Raw.LexFromRawLexer(Tok))
    if (Tok.is(tok::comment))
      return true;
  return Tok.is(tok::comment);
}

} // namespace sequential_await_in_loop

using namespace sequential_await_in_loop;

//===----------------------------------------------------------------------===//
// The check.
//===----------------------------------------------------------------------===//

SequentialAwaitInLoopCheck::SequentialAwaitInLoopCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      SerialTypes(Options.get(SerialTypesKey, "")),
      ConcurrentTypes(Options.get(ConcurrentTypesKey, "")),
      IgnoredFunctions(Options.get(IgnoredFunctionsKey, "")),
      LazyTaskTypes(Options.getLocalOrGlobal(utils::LazyTaskTypesOption, "")),
      EagerTaskTypes(Options.getLocalOrGlobal(utils::EagerTaskTypesOption, "")),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        tidy::utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void SequentialAwaitInLoopCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, SerialTypesKey, SerialTypes);
  Options.store(Opts, ConcurrentTypesKey, ConcurrentTypes);
  Options.store(Opts, IgnoredFunctionsKey, IgnoredFunctions);
  Options.store(Opts, utils::LazyTaskTypesOption, LazyTaskTypes);
  Options.store(Opts, utils::EagerTaskTypesOption, EagerTaskTypes);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void SequentialAwaitInLoopCheck::registerPPCallbacks(
    const SourceManager &SM, Preprocessor *PP, Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void SequentialAwaitInLoopCheck::onStartOfTranslationUnit() {
  // Cached answers refer to declarations of one translation unit.
  Known = std::make_shared<Knowledge>(SerialTypes, ConcurrentTypes,
                                      IgnoredFunctions, LazyTaskTypes,
                                      EagerTaskTypes);
}

void SequentialAwaitInLoopCheck::registerMatchers(MatchFinder *Finder) {
  utils::matchFunctionDefinitions(Finder, this);
}

void SequentialAwaitInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Function = utils::getMatchedFunction(Result);
  if (!Function || !utils::isCoroutine(Function))
    return;
  if (!Known)
    onStartOfTranslationUnit();

  // The loops of this function, outer before inner; lambdas are functions of
  // their own.
  llvm::SmallVector<const Stmt *, 8> Loops;
  utils::forEachEvaluatedStmt(utils::getUserBody(Function),
                              [&Loops](const Stmt *S) {
                                if (isLoop(S))
                                  Loops.push_back(S);
                                return true;
                              });

  // Inner loops first: an await is reported once, for the innermost loop
  // whose iterations it makes sequential.
  llvm::DenseSet<const Expr *> Reported;
  for (const Stmt *Loop : llvm::reverse(Loops)) {
    LoopAnalysis Analysis(Loop, Function, *Known);
    llvm::SmallVector<const Expr *, 4> PerItem;
    Operation Op;
    const AwaitSite *Site = Analysis.run(Reported, PerItem, Op);
    if (!Site)
      continue;
    // The enclosing loops do not report these awaits again.
    Reported.insert(PerItem.begin(), PerItem.end());
    report({Loop, Site, Op, &Analysis.facts(), &Analysis.derived()}, Function,
           *Result.Context);
  }
}

void SequentialAwaitInLoopCheck::report(const Finding &Finding,
                                        const FunctionDecl *Coroutine,
                                        ASTContext &Ctx) {
  const Operation &Op = Finding.Op;
  const Expr *Await = Finding.Await->Await;
  const SourceLocation AwaitLoc = Await->getBeginLoc();
  const bool Named = Op.Call && Op.Name.isIdentifier() && !Op.Name.isEmpty();
  {
    auto Diag =
        Named ? diag(AwaitLoc, "each iteration waits for %0 before the next "
                               "one starts; the iterations are independent "
                               "and could run concurrently")
                    << Op.Name
              : diag(AwaitLoc, "each iteration waits for the awaited "
                               "operation before the next one starts; the "
                               "iterations are independent and could run "
                               "concurrently");
    Diag << Await->getSourceRange();
  }

  // The idiom of the coroutine's own framework; of the awaited operation's
  // when the coroutine's return type is not a known one.
  utils::Framework Framework = utils::frameworkOf(Coroutine->getReturnType());
  if (Framework == utils::Framework::Unknown && Op.Call)
    Framework = utils::frameworkOf(Op.Call->getType());
  const SourceLocation LoopLoc = Finding.Loop->getBeginLoc();
  const std::string Namespace =
      utils::spellNamespace(Ctx, utils::profile(Framework).Namespace, LoopLoc);
  llvm::SmallVector<FixItHint, 3> Fix =
      collectFix(Finding, Framework, Namespace, Ctx);
  auto Note = diag(LoopLoc, idiomNote(Framework), DiagnosticIDs::Note)
              << Namespace;
  for (const FixItHint &Hint : Fix)
    Note << Hint;
}

llvm::SmallVector<FixItHint, 3>
SequentialAwaitInLoopCheck::collectFix(const Finding &Finding,
                                       utils::Framework Framework,
                                       StringRef Namespace, ASTContext &Ctx) {
  llvm::SmallVector<FixItHint, 3> None;
  // A range `when_all` that takes a std::vector of tasks: folly, cppcoro
  // and libcoro.
  const utils::FrameworkProfile &Profile = utils::profile(Framework);
  if (Profile.RangeJoin.empty())
    return None;
  llvm::SmallVector<llvm::StringRef, 3> WhenAllPath;
  Profile.RangeJoin.split(WhenAllPath, "::");
  llvm::StringRef Header = Profile.RangeJoinHeader;

  // The canonical shapes: a range-for whose only statement is
  //   co_await f(elem);                      (A)
  //   results.push_back(co_await f(elem));   (B)
  const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Finding.Loop);
  if (!Range || !Range->getLoopVariable())
    return None;
  const Stmt *Body = Range->getBody();
  if (const auto *Compound = llvm::dyn_cast<CompoundStmt>(Body)) {
    if (Compound->size() != 1)
      return None;
    Body = Compound->body_front();
  }
  const auto *BodyExpr = llvm::dyn_cast<Expr>(Body);
  if (!BodyExpr)
    return None;
  BodyExpr = utils::ignoreValuePreserving(BodyExpr);
  const CXXMemberCallExpr *Append = nullptr;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(BodyExpr)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || !Method->getIdentifier() ||
        (Method->getName() != "push_back" &&
         Method->getName() != "emplace_back") ||
        Member->getNumArgs() != 1)
      return None;
    Append = Member;
    BodyExpr = utils::ignoreValuePreserving(Member->getArg(0));
  }
  if (BodyExpr != Finding.Await->Await)
    return None;
  const auto *Call = llvm::dyn_cast<CallExpr>(
      utils::ignoreValuePreserving(Finding.Await->Operand));
  if (!Call || Call != Finding.Op.Call || Call->isTypeDependent() ||
      Call->getType()->isDependentType())
    return None;
  const QualType TaskType = Call->getType();
  if (Known->Tasks.classify(TaskType) != utils::TaskKind::Lazy ||
      utils::frameworkOf(TaskType) != Framework)
    return None;
  std::optional<bool> VoidResult = utils::awaitResultIsVoid(TaskType);
  if (Append && (!VoidResult || *VoidResult))
    return None;
  // The tasks run after the loop: what they refer to must still be there.
  if (!argumentsOutliveLoop(Call, Range, *Finding.Facts))
    return None;

  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LangOpts = Ctx.getLangOpts();
  std::optional<CharSourceRange> LoopRange =
      utils::writtenRange(Range, SM, LangOpts);
  std::optional<CharSourceRange> CallRange =
      utils::writtenRange(Call, SM, LangOpts);
  if (!LoopRange || !CallRange || Range->getBeginLoc().isMacroID() ||
      Range->getBody()->getEndLoc().isMacroID())
    return None;
  // A body without braces ends at its semicolon, which the statement's range
  // leaves out.
  SourceLocation End = LoopRange->getEnd();
  if (!llvm::isa<CompoundStmt>(Range->getBody())) {
    std::optional<Token> Next =
        Lexer::findNextToken(Range->getBody()->getEndLoc(), SM, LangOpts);
    if (!Next || !Next->is(tok::semi))
      return None;
    End = Next->getEndLoc();
  }
  std::optional<std::string> HeaderText =
      sourceText(SourceRange(Range->getForLoc(), Range->getRParenLoc()), Ctx);
  std::optional<std::string> LoopText =
      sourceText(SourceRange(Range->getBeginLoc(), End), Ctx);
  // The rewrite keeps the header and the call; a comment anywhere else in
  // the loop would be lost.
  if (!HeaderText || !LoopText ||
      hasComment(CharSourceRange::getCharRange(Range->getRParenLoc(), End), SM,
                 LangOpts))
    return None;
  const std::string CallText =
      Lexer::getSourceText(*CallRange, SM, LangOpts).str();

  // Where the results go (shape B): the object and the member, as written.
  std::string Appender;
  if (Append) {
    const auto *Callee =
        llvm::dyn_cast<MemberExpr>(Append->getCallee()->IgnoreParenImpCasts());
    const Expr *Results = Append->getImplicitObjectArgument();
    if (!Callee || !Results || readsOf(Results).any(*Finding.Derived))
      return None;
    if (const ValueDecl *Root = rootDecl(Results);
        !Root || Finding.Facts->BodyLocals.contains(Root))
      return None;
    if (Callee->getBeginLoc().isMacroID() || Callee->getMemberLoc().isMacroID())
      return None;
    Appender =
        Lexer::getSourceText(CharSourceRange::getCharRange(
                                 Callee->getBeginLoc(), Callee->getMemberLoc()),
                             SM, LangOpts)
            .str() +
        Append->getMethodDecl()->getName().str();
  }

  // The task type, spelled with the file's alias for the framework.
  PrintingPolicy Policy(LangOpts);
  Policy.SuppressUnwrittenScope = true;
  std::string TaskTypeText = TypeName::getFullyQualifiedName(
      TaskType.getUnqualifiedType(), Ctx, Policy);
  const std::string Qualified =
      (utils::profile(Framework).Namespace + "::").str();
  if (llvm::StringRef(TaskTypeText).starts_with(Qualified))
    TaskTypeText =
        (Namespace + "::").str() + TaskTypeText.substr(Qualified.size());

  const std::string Tasks = freshName("tasks", *LoopText);
  const std::string Result = freshName("result", *LoopText);
  const std::string WhenAll = (Namespace + "::" + WhenAllPath.back()).str() +
                              "(std::move(" + Tasks + "))";
  const std::string Indent =
      Lexer::getIndentationForLine(Range->getBeginLoc(), SM).str();
  std::string Text = "{\n";
  Text += Indent + "  std::vector<" + TaskTypeText + "> " + Tasks + ";\n";
  Text += Indent + "  " + *HeaderText + "\n";
  Text += Indent + "    " + Tasks + ".push_back(" + CallText + ");\n";
  if (!Append) {
    Text += Indent + "  co_await " + WhenAll + ";\n";
  } else {
    // libcoro hands back its when_all_task wrappers; the others the values.
    std::string Value = Framework == utils::Framework::Libcoro
                            ? Result + ".return_value()"
                            : Result;
    Text +=
        Indent + "  for (auto &" + Result + " : co_await " + WhenAll + ")\n";
    Text += Indent + "    " + Appender + "(std::move(" + Value + "));\n";
  }
  Text += Indent + "}";

  llvm::SmallVector<FixItHint, 3> Fix;
  Fix.push_back(FixItHint::CreateReplacement(
      CharSourceRange::getCharRange(LoopRange->getBegin(), End), Text));
  const FileID File = SM.getFileID(LoopRange->getBegin());
  if (!declaredBefore(Ctx, {"std", "vector"}, Range->getBeginLoc()))
    if (std::optional<FixItHint> Include =
            Inserter.createIncludeInsertion(File, "<vector>"))
      Fix.push_back(*Include);
  if (!declaredBefore(Ctx, WhenAllPath, Range->getBeginLoc())) {
    if (Framework == utils::Framework::Folly) {
      // Older folly keeps its coroutines under folly/experimental/coro.
      const CXXRecordDecl *TaskClass = utils::classDeclOf(TaskType);
      llvm::StringRef TaskFile =
          TaskClass ? SM.getFilename(SM.getFileLoc(TaskClass->getLocation()))
                    : llvm::StringRef();
      if (TaskFile.contains("folly/experimental/coro/"))
        Header = "<folly/experimental/coro/Collect.h>";
    }
    if (std::optional<FixItHint> Include =
            Inserter.createIncludeInsertion(File, Header))
      Fix.push_back(*Include);
  }
  return Fix;
}

} // namespace clang::tidy::async
