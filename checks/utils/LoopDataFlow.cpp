//===--- LoopDataFlow.cpp - what loop iterations read and write -----------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "LoopDataFlow.h"
#include "Coroutines.h"
#include "Loops.h"
#include "Names.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::async::utils {

bool Reads::any(const llvm::SmallPtrSetImpl<const ValueDecl *> &Set) const {
  return llvm::any_of(Decls,
                      [&Set](const ValueDecl *D) { return Set.contains(D); });
}

// A field named through `this`, explicitly or not.
static const FieldDecl *fieldOfThis(const MemberExpr *Member) {
  if (!llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return llvm::dyn_cast<FieldDecl>(Member->getMemberDecl());
}

Reads readsOf(const Stmt *S) {
  Reads R;
  forEachEvaluatedStmt(S, [&R](const Stmt *Node) {
    if (isCoAwait(Node)) {
      R.HasAwait = true;
    } else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Node)) {
      if (llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()))
        R.Decls.push_back(Ref->getDecl());
    } else if (const auto *Member = llvm::dyn_cast<MemberExpr>(Node)) {
      if (const FieldDecl *Field = fieldOfThis(Member))
        R.Decls.push_back(Field);
    }
    return true;
  });
  return R;
}

// The next expression in from E on the way to the object it is part of, or
// null when E is not an lvalue of such a shape.
static const Expr *enclosingObject(const Expr *E) {
  if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
    return Member->getBase()->IgnoreParenImpCasts();
  if (const auto *Subscript = llvm::dyn_cast<ArraySubscriptExpr>(E))
    return Subscript->getBase();
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_Deref || Unary->getOpcode() == UO_AddrOf
               ? Unary->getSubExpr()
               : nullptr;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E))
    return Op->getOperator() == OO_Subscript || Op->getOperator() == OO_Star ||
                   Op->getOperator() == OO_Arrow
               ? Op->getArg(0)
               : nullptr;
  // An accessor returning a reference, such as `v.front()` or
  // `stream.next_layer()`.
  if (const auto *Call = llvm::dyn_cast<CXXMemberCallExpr>(E))
    return Call->isGLValue() ? Call->getImplicitObjectArgument() : nullptr;
  return nullptr;
}

const ValueDecl *rootDecl(const Expr *E) {
  while (E) {
    E = ignoreValuePreserving(E)->IgnoreParenImpCasts();
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(E))
      return llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()) ? Ref->getDecl()
                                                             : nullptr;
    if (const auto *Member = llvm::dyn_cast<MemberExpr>(E))
      if (llvm::isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return llvm::dyn_cast<FieldDecl>(Member->getMemberDecl());
    E = enclosingObject(E);
  }
  return nullptr;
}

bool isDataLike(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isDependentType())
    return false;
  if (T->isBuiltinType() || T->isArrayType() || T->isPointerType() ||
      T->isEnumeralType())
    return true;
  if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
    return isWithinStd(RD);
  return false;
}

void forEachParamArg(const CallExpr *Call,
                     llvm::function_ref<void(const Expr *, QualType)> Visit) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return;
  // A member operator's object is its first argument but no parameter.
  unsigned Shift = 0;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
    if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(FD);
        Method && !Method->isStatic() &&
        !Method->isExplicitObjectMemberFunction())
      Shift = Op->getNumArgs() > 0 ? 1 : 0;
  for (unsigned I = Shift, N = Call->getNumArgs(); I < N; ++I) {
    unsigned Param = I - Shift;
    if (Param >= FD->getNumParams())
      break;
    Visit(Call->getArg(I), FD->getParamDecl(Param)->getType());
  }
}

static bool isNonConstLValueRef(QualType T) {
  return T->isLValueReferenceType() &&
         !T.getNonReferenceType().isConstQualified();
}

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

//===----------------------------------------------------------------------===//
// Awaited operations.
//===----------------------------------------------------------------------===//

llvm::StringRef Operation::identifier() const {
  return Name.isIdentifier() && Name.getAsIdentifierInfo()
             ? Name.getAsIdentifierInfo()->getName()
             : llvm::StringRef();
}

// The operand of an await with `std::move` / `std::forward` and
// value-preserving wrappers taken off.
static const Expr *stripMoves(const Expr *E) {
  E = ignoreValuePreserving(E);
  while (const auto *Call = llvm::dyn_cast_or_null<CallExpr>(E)) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || Call->getNumArgs() != 1 || !FD->isInStdNamespace() ||
        !FD->getIdentifier() ||
        (FD->getName() != "move" && FD->getName() != "forward"))
      break;
    E = ignoreValuePreserving(Call->getArg(0));
  }
  return E;
}

// The name and object of a call whose callee a template leaves unresolved.
static void describeUnresolvedCallee(const Expr *Callee, Operation &O) {
  if (const auto *Dependent =
          llvm::dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
    O.Object = Dependent->isImplicitAccess() ? nullptr : Dependent->getBase();
    O.Name = Dependent->getMember();
  } else if (const auto *Unresolved =
                 llvm::dyn_cast<UnresolvedMemberExpr>(Callee)) {
    O.Object = Unresolved->isImplicitAccess() ? nullptr : Unresolved->getBase();
    O.Name = Unresolved->getName();
  } else if (const auto *Lookup =
                 llvm::dyn_cast<UnresolvedLookupExpr>(Callee)) {
    O.Name = Lookup->getName();
  }
}

// The operation of one call.
static Operation describeCall(const CallExpr *Call) {
  Operation O;
  O.E = Call;
  O.Call = Call;
  O.Named = Call->getDirectCallee();
  unsigned FirstArg = 0;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    O.Object = Member->getImplicitObjectArgument();
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
             Op && Op->getOperator() == OO_Call) {
    // A function object: named by its variable when that is not a local,
    // such as a customisation point object.
    O.Object = Op->getArg(0);
    FirstArg = 1;
    O.Named = nullptr;
    if (const auto *Ref =
            llvm::dyn_cast<DeclRefExpr>(O.Object->IgnoreParenImpCasts()))
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl()))
        if (!Var->hasLocalStorage())
          O.Named = Var;
  } else {
    describeUnresolvedCallee(Call->getCallee()->IgnoreParenImpCasts(), O);
  }
  if (Call->getNumArgs() > FirstArg)
    O.FirstArg = Call->getArg(FirstArg);
  if (O.Named)
    O.Name = O.Named->getDeclName();
  return O;
}

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
  if (const auto *Call = llvm::dyn_cast<CallExpr>(E)) {
    Ops.push_back(describeCall(Call));
    return;
  }
  Operation O;
  O.E = E;
  Ops.push_back(O);
}

//===----------------------------------------------------------------------===//
// Loop headers.
//===----------------------------------------------------------------------===//

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

static bool containsAwait(const Stmt *S) {
  bool Found = false;
  forEachEvaluatedStmt(S, [&Found](const Stmt *Node) {
    Found |= isCoAwait(Node);
    return !Found;
  });
  return Found;
}

bool headerAwaits(const Stmt *Loop) {
  // The Coroutines TS `for co_await (x : range)` awaits `begin()` and `++`.
  if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Loop);
      Range && Range->getCoawaitLoc().isValid())
    return true;
  return llvm::any_of(perIterationHeader(Loop), containsAwait);
}

//===----------------------------------------------------------------------===//
// The walk over a loop body.
//===----------------------------------------------------------------------===//

namespace {

/// Walks a loop body (or a part of a loop header) and fills LoopFacts. Nested
/// lambdas are not entered: their bodies run elsewhere.
class BodyWalker {
public:
  explicit BodyWalker(LoopFacts &Facts) : Facts(Facts) {}

  void statement(const Stmt *S);
  void expression(const Stmt *E);
  void declaration(const Decl *D);

private:
  void guarded(const Stmt *Guard, const Stmt *S);
  void nestedLoop(const Stmt *Loop);
  const Stmt *nestedLoopHeader(const Stmt *Loop);
  void node(const Stmt *Node);
  void mutatingCall(const CXXMemberCallExpr *Member);
  void recordAwait(const Expr *Await);
  void assign(const Expr *Target, const Stmt *Source, bool Plain,
              bool Mutation = false);
  void assignDecl(const ValueDecl *Target, const Stmt *Source);
  void declareLocal(const VarDecl *Var);
  void step(const Expr *Target);
  void exitHere(const Stmt *Exit) {
    Facts.Exits.push_back(ExitSite{Exit, {Guards.begin(), Guards.end()}});
  }

  LoopFacts &Facts;
  llvm::SmallVector<const Stmt *, 8> Guards;
  /// Inside a nested loop or switch, where `break` does not leave the loop.
  unsigned BreakScopes = 0;
  /// Inside a `try` of the loop, where a `throw` may be caught.
  unsigned TryScopes = 0;
  unsigned GeneratorLoops = 0;
};

} // namespace

void BodyWalker::guarded(const Stmt *Guard, const Stmt *S) {
  if (Guard)
    Guards.push_back(Guard);
  statement(S);
  if (Guard)
    Guards.pop_back();
}

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
    guarded(If->getCond(), If->getThen());
    guarded(If->getCond(), If->getElse());
  } else if (const auto *Switch = llvm::dyn_cast<SwitchStmt>(S)) {
    statement(Switch->getInit());
    if (const VarDecl *Var = Switch->getConditionVariable())
      declaration(Var);
    expression(Switch->getCond());
    ++BreakScopes;
    guarded(Switch->getCond(), Switch->getBody());
    --BreakScopes;
  } else if (isLoop(S)) {
    nestedLoop(S);
  } else if (const auto *Try = llvm::dyn_cast<CXXTryStmt>(S)) {
    // A `throw` in the try block may be caught by its handlers.
    ++TryScopes;
    statement(Try->getTryBlock());
    --TryScopes;
    // A handler runs when something in the try block threw: an exit in it
    // is decided by whatever the try block awaited.
    for (unsigned I = 0, N = Try->getNumHandlers(); I < N; ++I)
      guarded(Try->getTryBlock(), Try->getHandler(I)->getHandlerBlock());
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
  } else if (const auto *E = llvm::dyn_cast<Expr>(S);
             E && llvm::isa<CXXThrowExpr>(E->IgnoreImplicit()) &&
             TryScopes == 0) {
    // A `throw` outside any `try` of the loop leaves the loop (a chain of
    // interceptors that stops at the first one that fails).
    expression(S);
    exitHere(S);
  } else if (llvm::isa<Expr>(S)) {
    expression(S);
  } else if (!llvm::isa<ContinueStmt, NullStmt>(S)) {
    for (const Stmt *Child : S->children())
      statement(Child);
  }
}

void BodyWalker::declareLocal(const VarDecl *Var) {
  Facts.BodyLocals.insert(Var);
  if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
    for (const BindingDecl *Binding : Decomposition->bindings())
      Facts.BodyLocals.insert(Binding);
}

void BodyWalker::declaration(const Decl *D) {
  const auto *Var = llvm::dyn_cast<VarDecl>(D);
  if (!Var)
    return;
  // A static local outlives the iteration like a variable declared outside.
  if (!Var->isStaticLocal())
    declareLocal(Var);
  const Expr *Init = Var->getInit();
  if (!Init)
    return;
  expression(Init);
  assignDecl(Var, Init);
  if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
    for (const BindingDecl *Binding : Decomposition->bindings())
      assignDecl(Binding, Init);
}

// Walks the header of a loop nested in the body and returns the condition
// that guards the nested loop's body.
const Stmt *BodyWalker::nestedLoopHeader(const Stmt *Loop) {
  if (const auto *For = llvm::dyn_cast<ForStmt>(Loop)) {
    statement(For->getInit());
    if (const VarDecl *Var = For->getConditionVariable())
      declaration(Var);
    expression(For->getCond());
    expression(For->getInc());
    return For->getCond();
  }
  if (const auto *Range = llvm::dyn_cast<CXXForRangeStmt>(Loop)) {
    statement(Range->getInit());
    expression(Range->getRangeInit());
    // The element variable is declared in the body of the enclosing loop and
    // takes its value from the range.
    if (const VarDecl *Var = Range->getLoopVariable()) {
      declareLocal(Var);
      assignDecl(Var, Range->getRangeInit());
      if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var))
        for (const BindingDecl *Binding : Decomposition->bindings())
          assignDecl(Binding, Range->getRangeInit());
    }
    return Range->getRangeInit();
  }
  if (const auto *While = llvm::dyn_cast<WhileStmt>(Loop)) {
    if (const VarDecl *Var = While->getConditionVariable())
      declaration(Var);
    expression(While->getCond());
    return While->getCond();
  }
  const auto *Do = llvm::cast<DoStmt>(Loop);
  expression(Do->getCond());
  return Do->getCond();
}

void BodyWalker::nestedLoop(const Stmt *Loop) {
  const bool Generator = headerAwaits(Loop);
  GeneratorLoops += Generator;
  const Stmt *Guard = nestedLoopHeader(Loop);
  ++BreakScopes;
  guarded(Guard, loopBody(Loop));
  --BreakScopes;
  GeneratorLoops -= Generator;
}

void BodyWalker::expression(const Stmt *E) {
  if (!E)
    return;
  forEachEvaluatedStmt(E, [this](const Stmt *Node) {
    node(Node);
    return true;
  });
}

// Records what one evaluated statement awaits, writes or steps.
void BodyWalker::node(const Stmt *Node) {
  if (isCoAwait(Node)) {
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
    mutatingCall(Member);
  }
  // An argument bound to a non-const reference may be changed by the call,
  // from what the call reads.
  if (const auto *Call = llvm::dyn_cast<CallExpr>(Node))
    forEachParamArg(Call, [this, Call](const Expr *Arg, QualType Param) {
      if (isNonConstLValueRef(Param))
        assign(Arg, Call, /*Plain=*/false, /*Mutation=*/true);
    });
}

void BodyWalker::mutatingCall(const CXXMemberCallExpr *Member) {
  // A mutating call (`req.set(x)`, `results.push_back(x)`) gives the object
  // a value that derives from its arguments. Accessors such as `v[i]` or
  // `v.find(k)` do not: only calls that return nothing or are known to add
  // to a container count.
  const CXXMethodDecl *Method = Member->getMethodDecl();
  if (!Method || Method->isConst() || Method->isStatic())
    return;
  llvm::StringRef Name =
      Method->getIdentifier() ? Method->getName() : llvm::StringRef();
  if (Method->getReturnType()->isVoidType() ||
      llvm::is_contained(llvm::ArrayRef<llvm::StringRef>{"emplace_back",
                                                         "emplace_front",
                                                         "emplace", "insert",
                                                         "append", "assign"},
                         Name))
    assign(Member->getImplicitObjectArgument(), Member,
           /*Plain=*/false, /*Mutation=*/true);
}

void BodyWalker::recordAwait(const Expr *Await) {
  const Expr *Operand = suspensionOperand(Await);
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

LoopFacts collectBodyFacts(const Stmt *Loop) {
  LoopFacts Facts;
  BodyWalker(Facts).statement(loopBody(Loop));
  return Facts;
}

LoopFacts collectExpressionFacts(const Stmt *E) {
  LoopFacts Facts;
  BodyWalker(Facts).expression(E);
  return Facts;
}

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

//===----------------------------------------------------------------------===//
// The data flow between iterations.
//===----------------------------------------------------------------------===//

LoopDataFlow::LoopDataFlow(const Stmt *Loop)
    : Loop(Loop), Facts(collectBodyFacts(Loop)) {
  findLoopVariables();
  computeClosures();
}

void LoopDataFlow::findLoopVariables() {
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
    // The variables the increment steps or assigns, and those the init
    // declares and the body steps.
    LoopFacts Header = collectExpressionFacts(For->getInc());
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
  const Expr *Cond = loopCondition(Loop);
  LoopFacts Header = collectExpressionFacts(Cond);
  for (const ValueDecl *D : readsOf(Cond).Decls)
    if (Facts.Stepped.contains(D) || Header.Stepped.contains(D))
      LoopVariables.insert(D);
}

void LoopDataFlow::computeClosures() {
  // What each iteration selects or computes from its item: values, not
  // objects the item is written into.
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
}

bool LoopDataFlow::headerReadsProduced() const {
  return llvm::any_of(perIterationHeader(Loop), [this](const Stmt *Part) {
    return readsOf(Part).any(Produced);
  });
}

bool LoopDataFlow::exitsEarly() const {
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

bool LoopDataFlow::sharedAcrossIterations(const Expr *E) const {
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

} // namespace clang::tidy::async::utils
