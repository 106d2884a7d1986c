//===--- ErrorCodes.cpp - what a condition says about an error code -------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "ErrorCodes.h"
#include "BlockingApis.h"
#include "Coroutines.h"
#include "Names.h"
#include "TaskTypes.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

bool isErrorCodeType(QualType T) {
  const CXXRecordDecl *RD =
      T.isNull() ? nullptr : T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier() || RD->getName() != "error_code")
    return false;
  std::string Name = qualifiedName(RD);
  return Name == "boost::system::error_code" || Name == "std::error_code";
}

const ValueDecl *errorCodeRef(const Expr *E) {
  const auto *Ref =
      E ? llvm::dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()) : nullptr;
  if (!Ref || !llvm::isa<VarDecl, BindingDecl>(Ref->getDecl()) ||
      !isErrorCodeType(Ref->getDecl()->getType()))
    return nullptr;
  return Ref->getDecl();
}

std::optional<TruthTest> truthTest(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E)) {
    if (Unary->getOpcode() != UO_LNot)
      return std::nullopt;
    std::optional<TruthTest> Inner = truthTest(Unary->getSubExpr());
    if (Inner)
      Inner->Positive = !Inner->Positive;
    return Inner;
  }
  // `!ec` through error_code's own operator!.
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Exclaim || Op->getNumArgs() != 1)
      return std::nullopt;
    const Expr *Object = Op->getArg(0)->IgnoreParenImpCasts();
    if (const ValueDecl *Code = errorCodeRef(Object))
      return TruthTest{Code, Object, false};
    return std::nullopt;
  }
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(E)) {
    if (!Binary->isLogicalOp())
      return std::nullopt;
    std::optional<TruthTest> LHS = truthTest(Binary->getLHS());
    std::optional<TruthTest> RHS = truthTest(Binary->getRHS());
    // With `&&`, only `ec && ...` puts every taken `then` on an error; with
    // `||`, either polarity still sends all errors (or all successes) one way.
    for (const std::optional<TruthTest> &Side : {LHS, RHS})
      if (Side && (Side->Positive || Binary->getOpcode() == BO_LOr))
        return Side;
    return std::nullopt;
  }
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (!Method || Member->getNumArgs() != 0)
      return std::nullopt;
    const bool IsBool = llvm::isa<CXXConversionDecl>(Method) &&
                        Method->getReturnType()->isBooleanType();
    const bool IsFailed =
        Method->getIdentifier() && Method->getName() == "failed";
    if (!IsBool && !IsFailed)
      return std::nullopt;
    const Expr *Object = Member->getImplicitObjectArgument();
    if (const ValueDecl *Code = errorCodeRef(Object))
      return TruthTest{Code, Object->IgnoreParenImpCasts(), true};
  }
  return std::nullopt;
}

static Truth negate(Truth T) {
  if (T == Truth::Unknown)
    return T;
  return T == Truth::True ? Truth::False : Truth::True;
}

/// Whether \p E names an error enumerator, and if so whether it is the one a
/// cancelled operation completes with (`operation_aborted`, or the
/// `operation_canceled` condition it is equivalent to).
std::optional<bool> namesAbortedEnumerator(const Expr *E) {
  while (E) {
    E = E->IgnoreImplicit()->IgnoreParens();
    // The conversion to an error code: its first argument, the others
    // defaulted (Boost's enable_if parameter).
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0)
        return std::nullopt;
      for (unsigned I = 1, N = Construct->getNumArgs(); I < N; ++I)
        if (!llvm::isa<CXXDefaultArgExpr>(Construct->getArg(I)))
          return std::nullopt;
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Cast = llvm::dyn_cast<CastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    break;
  }
  const auto *Ref = E ? llvm::dyn_cast<DeclRefExpr>(E) : nullptr;
  if (!Ref || !llvm::isa<EnumConstantDecl>(Ref->getDecl()))
    return std::nullopt;
  llvm::StringRef Name = Ref->getDecl()->getName();
  return Name == "operation_aborted" || Name == "operation_canceled";
}

/// Evaluates the condition \p E in the situation where every error code
/// that \p IsCancelled accepts holds `operation_aborted`: comparisons of such
/// a code with error enumerators, its truth value, and `!`, `&&`, `||` over
/// them. Anything else is Unknown.
Truth evaluateCancelled(const Expr *E, CodePredicate IsCancelled) {
  if (!E)
    return Truth::Unknown;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *Unary = llvm::dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_LNot
               ? negate(evaluateCancelled(Unary->getSubExpr(), IsCancelled))
               : Truth::Unknown;
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(E);
      Binary && Binary->isLogicalOp()) {
    Truth L = evaluateCancelled(Binary->getLHS(), IsCancelled);
    Truth R = evaluateCancelled(Binary->getRHS(), IsCancelled);
    const Truth Decisive =
        Binary->getOpcode() == BO_LAnd ? Truth::False : Truth::True;
    if (L == Decisive || R == Decisive)
      return Decisive;
    if (L == negate(Decisive) && R == negate(Decisive))
      return negate(Decisive);
    return Truth::Unknown;
  }
  // A comparison of the code with an enumerator, written or rewritten.
  BinaryOperatorKind Opcode = BO_Comma;
  const Expr *LHS = nullptr;
  const Expr *RHS = nullptr;
  if (const auto *Binary = llvm::dyn_cast<BinaryOperator>(E)) {
    Opcode = Binary->getOpcode();
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
  } else if (const auto *Rewritten =
                 llvm::dyn_cast<CXXRewrittenBinaryOperator>(E)) {
    CXXRewrittenBinaryOperator::DecomposedForm Form =
        Rewritten->getDecomposedForm();
    Opcode = Form.Opcode;
    LHS = Form.LHS;
    RHS = Form.RHS;
  } else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(E)) {
    // `!ec` through error_code's own operator!: a cancelled code is set.
    if (Op->getOperator() == OO_Exclaim && Op->getNumArgs() == 1)
      return IsCancelled(Op->getArg(0)->IgnoreParenImpCasts()) ? Truth::False
                                                               : Truth::Unknown;
    if (Op->getNumArgs() == 2 && (Op->getOperator() == OO_EqualEqual ||
                                  Op->getOperator() == OO_ExclaimEqual)) {
      Opcode = Op->getOperator() == OO_EqualEqual ? BO_EQ : BO_NE;
      LHS = Op->getArg(0);
      RHS = Op->getArg(1);
    }
  } else if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E)) {
    // `if (ec)`, `ec.failed()`: a cancelled operation did fail.
    const CXXMethodDecl *Method = Member->getMethodDecl();
    const bool Truthiness =
        Method && Member->getNumArgs() == 0 &&
        ((llvm::isa<CXXConversionDecl>(Method) &&
          Method->getReturnType()->isBooleanType()) ||
         (Method->getIdentifier() && Method->getName() == "failed"));
    if (Truthiness &&
        IsCancelled(Member->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      return Truth::True;
    return Truth::Unknown;
  }
  if ((Opcode != BO_EQ && Opcode != BO_NE) || !LHS || !RHS)
    return Truth::Unknown;
  auto Compare = [&](const Expr *Code, const Expr *Other) -> Truth {
    if (!IsCancelled(Code->IgnoreImplicit()->IgnoreParenImpCasts()))
      return Truth::Unknown;
    std::optional<bool> Aborted = namesAbortedEnumerator(Other);
    if (!Aborted)
      return Truth::Unknown;
    Truth Equal = *Aborted ? Truth::True : Truth::False;
    return Opcode == BO_EQ ? Equal : negate(Equal);
  };
  Truth T = Compare(LHS, RHS);
  return T != Truth::Unknown ? T : Compare(RHS, LHS);
}

llvm::SmallVector<ErrorTest, 8> errorTests(llvm::ArrayRef<const IfStmt *> Ifs) {
  llvm::SmallVector<ErrorTest, 8> Tests;
  for (const IfStmt *If : Ifs)
    if (std::optional<TruthTest> T = truthTest(If->getCond()))
      Tests.push_back({If, *T});
  return Tests;
}

static bool isAsio(Framework F) {
  return F == Framework::BoostAsio || F == Framework::Asio;
}

bool isRedirectErrorToken(const Expr *E) {
  const auto *Spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      E->getType().getNonReferenceType()->getAsCXXRecordDecl());
  return Spec && Spec->getIdentifier() &&
         Spec->getName() == "redirect_error_t" &&
         isAsio(frameworkOf(E->getType()));
}

const ValueDecl *redirectedCode(const Expr *Token) {
  for (int Hops = 0; Token && Hops < 4; ++Hops) {
    Token = ignoreValuePreserving(Token);
    if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(Token);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      Token = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = llvm::dyn_cast<CallExpr>(Token)) {
      const ValueDecl *Found = nullptr;
      for (const Expr *Arg : Call->arguments())
        if (const ValueDecl *Code = errorCodeRef(Arg)) {
          if (Found && Found != Code)
            return nullptr; // two codes: which one is set is not known
          Found = Code;
        }
      return Found;
    }
    const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Token);
    const auto *Var = Ref ? llvm::dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->getInit())
      return nullptr;
    Token = Var->getInit();
  }
  return nullptr;
}

namespace {

/// Collects the error code sites of one body: see errorCodeSites().
class ErrorCodeSiteFinder {
public:
  explicit ErrorCodeSiteFinder(Framework Coroutine) : Coroutine(Coroutine) {}

  llvm::SmallVector<ErrorCodeSite, 4> find(const Stmt *Body) {
    struct Item {
      const Stmt *S;
      const Stmt *Await; ///< The innermost suspension whose operand holds S.
    };
    llvm::SmallVector<Item, 64> Stack{{Body, nullptr}};
    while (!Stack.empty()) {
      auto [S, Await] = Stack.pop_back_val();
      visit(S, Await);
      if (isSuspensionPoint(S))
        Await = S;
      llvm::SmallVector<const Stmt *, 4> Children = evaluatedChildren(S);
      for (const Stmt *Child : llvm::reverse(Children))
        Stack.push_back({Child, Await});
    }
    return std::move(Sites);
  }

private:
  void visit(const Stmt *S, const Stmt *Await) {
    if (const auto *Decls = llvm::dyn_cast<DeclStmt>(S)) {
      // `auto [ec, n] = co_await op(as_tuple(use_awaitable));` and
      // `error_code ec = co_await ...;`.
      for (const Decl *D : Decls->decls())
        if (const auto *Var = llvm::dyn_cast<VarDecl>(D))
          if (const Stmt *Init = awaitedBy(Var->getInit()))
            addDeclared(Var, Init);
    } else if (const auto *Token = llvm::dyn_cast<Expr>(S);
               Token && Await && llvm::isa<CallExpr, DeclRefExpr>(Token) &&
               isRedirectErrorToken(Token)) {
      // `co_await op(redirect_error(use_awaitable, ec));`, and the same
      // through a project's own token: `op(net_awaitable[ec])`, or a
      // variable that holds one. Known by the token's type.
      if (const ValueDecl *Code = redirectedCode(Token))
        add(Code, Await, frameworkOf(Token->getType()));
    }
    if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(S))
      visitTie(Op);
  }

  void addDeclared(const VarDecl *Var, const Stmt *Await) {
    if (const auto *Decomposition = llvm::dyn_cast<DecompositionDecl>(Var)) {
      for (const BindingDecl *Binding : Decomposition->bindings())
        if (isErrorCodeType(Binding->getType()))
          add(Binding, Await, Framework::Unknown);
    } else if (isErrorCodeType(Var->getType())) {
      add(Var, Await, Framework::Unknown);
    }
  }

  // `std::tie(ec, n) = co_await op(as_tuple(use_awaitable));`
  void visitTie(const CXXOperatorCallExpr *Op) {
    if (Op->getOperator() != OO_Equal || Op->getNumArgs() != 2)
      return;
    const Stmt *Await = awaitedBy(Op->getArg(1));
    const auto *Tie =
        Await ? llvm::dyn_cast<CallExpr>(ignoreValuePreserving(Op->getArg(0)))
              : nullptr;
    const FunctionDecl *TieFn = Tie ? Tie->getDirectCallee() : nullptr;
    if (!TieFn || !TieFn->getIdentifier() || TieFn->getName() != "tie")
      return;
    for (const Expr *Arg : Tie->arguments())
      if (const ValueDecl *Code = errorCodeRef(Arg))
        add(Code, Await, Framework::Unknown);
  }

  // The suspension that Init is, under implicit nodes; null if it is not.
  static const Stmt *awaitedBy(const Expr *Init) {
    if (!Init)
      return nullptr;
    const Stmt *S = ignoreValuePreserving(Init);
    return S && isSuspensionPoint(S) ? S : nullptr;
  }

  void add(const ValueDecl *Code, const Stmt *Await, Framework Hint) {
    Framework Library = frameworkOf(suspensionOperand(Await)->getType());
    if (!isAsio(Library))
      Library = Hint;
    if (!isAsio(Library))
      Library = Coroutine;
    if (isAsio(Library))
      Sites.push_back({Code, Await, Library});
  }

  Framework Coroutine;
  llvm::SmallVector<ErrorCodeSite, 4> Sites;
};

} // namespace

llvm::SmallVector<ErrorCodeSite, 4> errorCodeSites(const Stmt *Body,
                                                   Framework Coroutine) {
  if (!Body)
    return {};
  return ErrorCodeSiteFinder(Coroutine).find(Body);
}

bool CancellationConditions::mentionsCancellation(const Stmt *S) const {
  auto IsClass = [this](QualType T) {
    return Classes.contains(exceptionClassOf(T));
  };
  bool Found = false;
  forEachEvaluatedStmt(S, [&](const Stmt *Child) {
    if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(Child)) {
      const ValueDecl *D = Ref->getDecl();
      if (D->getIdentifier() &&
          (D->getName() == "operation_aborted" ||
           D->getName() == "operation_canceled" ||
           (llvm::isa<VarDecl>(D) && D->getName() == "cancellation_state")))
        Found = true;
    } else if (const auto *Call = llvm::dyn_cast<CallExpr>(Child)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee()) {
        if (Callee->getIdentifier() &&
            llvm::is_contained(
                std::initializer_list<llvm::StringRef>{
                    "cancelled", "isCancellationRequested",
                    "is_cancellation_requested", "stop_requested"},
                Callee->getName()))
          Found = true;
        if (const TemplateArgumentList *Args =
                Callee->getTemplateSpecializationArgs())
          for (const TemplateArgument &Arg : Args->asArray())
            if (Arg.getKind() == TemplateArgument::Type &&
                IsClass(Arg.getAsType()))
              Found = true;
      }
    } else if (const auto *Cast = llvm::dyn_cast<CXXDynamicCastExpr>(Child)) {
      Found |= IsClass(Cast->getType());
    } else if (const auto *TypeId = llvm::dyn_cast<CXXTypeidExpr>(Child)) {
      if (TypeId->isTypeOperand())
        Found |= IsClass(TypeId->getTypeOperandSourceInfo()->getType());
    }
    return !Found;
  });
  return Found;
}

bool CancellationConditions::testsCancellation(const IfStmt *If) const {
  return mentionsCancellation(If->getInit()) ||
         mentionsCancellation(If->getConditionVariableDeclStmt()) ||
         mentionsCancellation(If->getCond());
}

Branch
CancellationConditions::branchWhenCancelled(const IfStmt *If,
                                            CodePredicate IsCancelled) const {
  if (!If->getCond())
    return Branch::Both;
  switch (evaluateCancelled(If->getCond(), IsCancelled)) {
  case Truth::True:
    return Branch::Then;
  case Truth::False:
    return Branch::Else;
  case Truth::Unknown:
    break;
  }
  return testsCancellation(If) ? Branch::Guard : Branch::Both;
}

ExitSet
CancellationConditions::exitsWhenCancelled(const Stmt *S,
                                           CodePredicate IsCancelled) const {
  return exitsOf(S, Ctx, [&](const IfStmt *If) {
    return branchWhenCancelled(If, IsCancelled);
  });
}

bool isExceptionCode(const Expr *E) {
  const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *Method = Member ? Member->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() && Method->getName() == "code" &&
         isErrorCodeType(Method->getReturnType());
}

namespace {

/// Where each library's reads report the end of their stream: by the
/// namespace of the read (the longest prefix wins), the namespace of the
/// `error` enumeration and its enumerator.
struct TerminalRead {
  llvm::StringRef ReadPrefix;
  TerminalError Error;
};
constexpr TerminalRead TerminalReads[] = {
    {"boost::beast::websocket::", {"boost::beast::websocket", "closed"}},
    {"boost::beast::http::", {"boost::beast::http", "end_of_stream"}},
    {"boost::beast::", {"boost::asio", "eof"}},
    {"boost::asio::", {"boost::asio", "eof"}},
    {"asio::", {"asio", "eof"}},
};

constexpr llvm::StringLiteral ReadNames[] = {
    "async_read", "async_read_some", "async_read_until", "async_read_header"};

} // namespace

std::optional<TerminalError> terminalErrorOfRead(const Expr *Operand) {
  const auto *Call =
      llvm::dyn_cast_or_null<CallExpr>(ignoreValuePreserving(Operand));
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() ||
      !llvm::is_contained(ReadNames, Callee->getName()))
    return std::nullopt;
  std::string Name = qualifiedName(Callee);
  for (const TerminalRead &Read : TerminalReads)
    if (llvm::StringRef(Name).starts_with(Read.ReadPrefix))
      return Read.Error;
  return std::nullopt;
}

/// Whether the awaited call \p Operand throws its failure: its last argument
/// is Asio's `use_awaitable` or `deferred` token (not `redirect_error` or
/// `as_tuple`, which hand the error back as a value).
static bool throwsFailure(const Expr *Operand) {
  static constexpr llvm::StringRef ThrowingTokens[] = {"asio::use_awaitable_t",
                                                       "asio::deferred_t"};
  const auto *Call =
      llvm::dyn_cast_or_null<CallExpr>(ignoreValuePreserving(Operand));
  if (!Call || Call->getNumArgs() == 0)
    return false;
  const CXXRecordDecl *Token =
      classDeclOf(Call->getArg(Call->getNumArgs() - 1)->getType());
  return Token && llvm::is_contained(ThrowingTokens,
                                     normaliseAsioName(qualifiedName(Token)));
}

std::optional<ThrowingRead> throwingTerminalRead(const Stmt *Block) {
  std::optional<ThrowingRead> Found;
  forEachEvaluatedStmt(Block, [&](const Stmt *S) {
    const Expr *Operand = suspensionOperand(S);
    if (!Operand || !throwsFailure(Operand))
      return true;
    if (std::optional<TerminalError> Error = terminalErrorOfRead(Operand))
      Found = ThrowingRead{S, *Error};
    return !Found;
  });
  return Found;
}

bool mentionsTerminalError(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Ref = llvm::dyn_cast<DeclRefExpr>(S))
    if (const auto *Enumerator =
            llvm::dyn_cast<EnumConstantDecl>(Ref->getDecl())) {
      std::string Name = qualifiedName(Enumerator);
      for (const TerminalRead &Read : TerminalReads)
        if (Enumerator->getName() == Read.Error.Name &&
            llvm::StringRef(Name).starts_with(Read.Error.Namespace))
          return true;
    }
  for (const Stmt *Child : S->children())
    if (mentionsTerminalError(Child))
      return true;
  return false;
}

} // namespace clang::tidy::async::utils
