//===--- CallChains.cpp - what a function reaches through its callees -----===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "CallChains.h"
#include "Coroutines.h"
#include "Names.h"
#include "Walk.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::async::utils {

namespace {

// Declarations only: statements (and so function bodies) are skipped, which
// keeps the pass cheap; a class local to a function body is not an override
// a call elsewhere can reach by name anyway.
class OverrideCollector : public RecursiveASTVisitor<OverrideCollector> {
public:
  using Index = llvm::DenseMap<const CXXMethodDecl *,
                               llvm::SmallVector<const CXXMethodDecl *, 2>>;
  explicit OverrideCollector(Index &Map) : Map(Map) {}

  bool TraverseStmt(Stmt *) { return true; }
  // The members of a class template's specializations override too.
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXMethodDecl(CXXMethodDecl *Method) {
    if (Method->size_overridden_methods() == 0 ||
        Method->getParent()->isDependentContext() ||
        Method != Method->getCanonicalDecl())
      return true;
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(
        Method->overridden_methods());
    llvm::DenseSet<const CXXMethodDecl *> Seen;
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val()->getCanonicalDecl();
      if (!Seen.insert(Base).second)
        continue;
      Map[Base].push_back(Method);
      Work.append(Base->begin_overridden_methods(),
                  Base->end_overridden_methods());
    }
    return true;
  }

private:
  Index &Map;
};

/// The definition of \p FD, when it has a body of its own.
const FunctionDecl *definitionOf(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  if (!FD || !FD->hasBody(Def) || !Def || Def->isDefaulted() ||
      Def->isPureVirtual())
    return nullptr;
  return Def;
}

} // namespace

llvm::ArrayRef<const CXXMethodDecl *>
Overriders::of(const CXXMethodDecl *Method, const ASTContext &Ctx) {
  if (!Built) {
    Built = true;
    OverrideCollector(Map).TraverseDecl(Ctx.getTranslationUnitDecl());
  }
  auto Found = Map.find(Method->getCanonicalDecl());
  if (Found == Map.end())
    return {};
  return Found->second;
}

const CXXMethodDecl *dispatchedMethod(const Expr *Call) {
  const auto *Member = llvm::dyn_cast_or_null<CXXMemberCallExpr>(Call);
  if (!Member)
    return nullptr;
  const auto *Method = Member->getMethodDecl();
  if (!Method || !Method->isVirtual())
    return nullptr;
  // `Base::f()` names one definition; so does a call on a final class.
  if (const auto *ME =
          llvm::dyn_cast<MemberExpr>(Member->getCallee()->IgnoreParens()))
    if (ME->hasQualifier())
      return nullptr;
  if (Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>())
    return nullptr;
  return Method;
}

const FunctionDecl *namedCallee(const Expr *Call) {
  if (const auto *CE = llvm::dyn_cast_or_null<CallExpr>(Call))
    return CE->getDirectCallee();
  if (const auto *Construct = llvm::dyn_cast_or_null<CXXConstructExpr>(Call))
    return Construct->getConstructor();
  return nullptr;
}

/// The function or non-generic lambda \p Init names, looking through the
/// conversions and the `std::function` construction around it.
static const FunctionDecl *functionNamedBy(const Expr *Init) {
  while (Init) {
    Init = Init->IgnoreParenImpCasts();
    if (const auto *Cleanups = llvm::dyn_cast<ExprWithCleanups>(Init)) {
      Init = Cleanups->getSubExpr();
    } else if (const auto *Bind = llvm::dyn_cast<CXXBindTemporaryExpr>(Init)) {
      Init = Bind->getSubExpr();
    } else if (const auto *Temp =
                   llvm::dyn_cast<MaterializeTemporaryExpr>(Init)) {
      Init = Temp->getSubExpr();
    } else if (const auto *Cast = llvm::dyn_cast<CXXFunctionalCastExpr>(Init)) {
      Init = Cast->getSubExpr();
    } else if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Init)) {
      if (Construct->getNumArgs() != 1)
        return nullptr;
      Init = Construct->getArg(0);
    } else if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(Init)) {
      if (Unary->getOpcode() != UO_AddrOf)
        return nullptr;
      Init = Unary->getSubExpr();
    } else if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Init)) {
      return llvm::dyn_cast<FunctionDecl>(Ref->getDecl());
    } else if (const auto *Lambda = llvm::dyn_cast<LambdaExpr>(Init)) {
      return Lambda->isGenericLambda() ? nullptr : Lambda->getCallOperator();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

const FunctionDecl *indirectTarget(const Expr *Call) {
  const auto *CE = llvm::dyn_cast_or_null<CallExpr>(Call);
  if (!CE)
    return nullptr;
  const Expr *Callee = nullptr;
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(CE)) {
    const auto *Method =
        llvm::dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    if (Op->getOperator() != OO_Call || !Method ||
        qualifiedName(Method->getParent()) != "std::function")
      return nullptr;
    Callee = Op->getArg(0);
  } else if (!CE->getDirectCallee()) {
    Callee = CE->getCallee();
  }
  const auto *Ref =
      Callee ? llvm::dyn_cast<DeclRefExpr>(Callee->IgnoreParenImpCasts())
             : nullptr;
  const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || llvm::isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() ||
      Var->getType()->isReferenceType())
    return nullptr;
  const FunctionDecl *Target = functionNamedBy(Var->getInit());
  const auto *Enclosing =
      llvm::dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod());
  if (!Target || !Enclosing || !Enclosing->getBody())
    return nullptr;
  if (!Var->getType().isConstQualified() &&
      ExprMutationAnalyzer(*Enclosing->getBody(), Var->getASTContext())
          .isMutated(Var))
    return nullptr;
  return Target;
}

const FunctionDecl *calledFunction(const Expr *Call) {
  if (const CXXMethodDecl *Dispatched = dispatchedMethod(Call))
    return Dispatched;
  if (const FunctionDecl *Target = indirectTarget(Call))
    return Target;
  return namedCallee(Call);
}

void CallChains::clear() {
  Overrides.clear();
  Paths.clear();
  Summaries.clear();
  Reaches.clear();
}

llvm::SmallVector<CallEdge, 2> CallChains::targets(const Expr *Call,
                                                   const ASTContext &Ctx) {
  llvm::SmallVector<CallEdge, 2> Targets;
  auto Add = [&](const FunctionDecl *FD, const CXXMethodDecl *Dispatched) {
    const FunctionDecl *Def = definitionOf(FD);
    if (Def && Follows(Def) && llvm::none_of(Targets, [Def](const CallEdge &E) {
          return E.Callee == Def;
        }))
      Targets.push_back({Call, Def, Dispatched});
  };
  const CXXMethodDecl *Dispatched = dispatchedMethod(Call);
  if (!Dispatched) {
    const FunctionDecl *Target = indirectTarget(Call);
    Add(Target ? Target : namedCallee(Call), nullptr);
    return Targets;
  }
  Add(Dispatched, Dispatched);
  for (const CXXMethodDecl *Override : Overrides.of(Dispatched, Ctx))
    Add(Override, Dispatched);
  return Targets;
}

const CallChains::Summary &CallChains::summary(const FunctionDecl *Def,
                                               const ASTContext &Ctx) {
  auto Cached = Summaries.find(Def);
  if (Cached != Summaries.end())
    return Cached->second;
  Summary S;
  auto OnStmt = [&](const Stmt *Node, const EvaluationContext &) {
    const auto *Call = llvm::dyn_cast<Expr>(Node);
    if (S.Hit || !llvm::isa_and_nonnull<CallExpr, CXXConstructExpr>(Call))
      return !S.Hit;
    // What runs only on some paths is not what the function does.
    if (Whenever && !Paths.runsWhenever(Def, Call))
      return true;
    if (IsHit(Call, Ctx)) {
      S.Hit = Call;
      return false;
    }
    for (const CallEdge &Edge : targets(Call, Ctx))
      if (Edge.Callee != Def &&
          llvm::none_of(S.Calls, [&](const CallEdge &Known) {
            return Known.Callee == Edge.Callee;
          }))
        S.Calls.push_back(Edge);
    return true;
  };
  for (const Expr *Init : initializerExprs(Def))
    forEachEvaluatedStmtInContext(Init, Ctx, OnStmt);
  forEachEvaluatedStmtInContext(Def->getBody(), Ctx, OnStmt);
  return Summaries[Def] = std::move(S);
}

const std::optional<CallPath> &CallChains::reach(const FunctionDecl *Def,
                                                 const ASTContext &Ctx) {
  auto Cached = Reaches.find(Def);
  if (Cached != Reaches.end())
    return Cached->second;

  // Breadth first, so that the chain found is a shortest one: level N holds
  // the functions N calls away from Def (Def itself is level 1).
  struct Node {
    CallEdge Edge;
    int Parent;
  };
  std::vector<Node> Nodes{{{nullptr, Def, nullptr}, -1}};
  llvm::DenseSet<const FunctionDecl *> Seen{Def};
  std::optional<CallPath> Found;
  size_t LevelBegin = 0;
  for (unsigned Depth = 1; Depth <= MaxDepth && !Found; ++Depth) {
    const size_t LevelEnd = Nodes.size();
    for (size_t I = LevelBegin; I < LevelEnd && !Found; ++I) {
      const Summary &S = summary(Nodes[I].Edge.Callee, Ctx);
      if (S.Hit) {
        Found.emplace();
        Found->Hit = S.Hit;
        for (int N = static_cast<int>(I); Nodes[N].Parent >= 0;
             N = Nodes[N].Parent)
          Found->Chain.insert(Found->Chain.begin(), Nodes[N].Edge);
        break;
      }
      if (Depth < MaxDepth)
        for (const CallEdge &Edge : S.Calls)
          if (Seen.insert(Edge.Callee).second)
            Nodes.push_back({Edge, static_cast<int>(I)});
    }
    LevelBegin = LevelEnd;
  }
  return Reaches[Def] = std::move(Found);
}

} // namespace clang::tidy::async::utils
