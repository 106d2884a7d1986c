//===--- TaskTypes.cpp - which types are coroutine tasks ------------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "TaskTypes.h"
#include "Coroutines.h"
#include "Frameworks.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::async::utils {

const char *const BuiltinLazyTaskTypes[] = {
    "boost::asio::awaitable",
    "asio::awaitable",
    "folly::coro::Task",
    "folly::coro::TaskWithExecutor",
    "cppcoro::task",
    "cppcoro::shared_task",
    "coro::task",
    "async_simple::coro::Lazy",
    "exec::task",
    nullptr,
};

const char *const BuiltinEagerTaskTypes[] = {
    "QCoro::Task",
    "seastar::future",
    "concurrencpp::result",
    nullptr,
};

const NamedDecl *identityOf(const CXXRecordDecl *RD) {
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD))
    return Spec->getSpecializedTemplate();
  return RD;
}

const CXXRecordDecl *definitionOf(const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  if (const CXXRecordDecl *Def = RD->getDefinition())
    return Def;
  // A member class of a class template specialization is only instantiated
  // when needed; its pattern describes it as well.
  if (const CXXRecordDecl *Pattern = RD->getInstantiatedFromMemberClass())
    return Pattern->getDefinition();
  if (const auto *Spec = llvm::dyn_cast<ClassTemplateSpecializationDecl>(RD))
    if (const CXXRecordDecl *Pattern =
            Spec->getSpecializedTemplate()->getTemplatedDecl())
      return Pattern->getDefinition();
  return nullptr;
}

// Finds a member named Name in RD or its bases (a bounded search: promise
// types inherit most of their interface from a base or two).
static const NamedDecl *findMember(const CXXRecordDecl *RD,
                                   DeclarationName Name, unsigned Depth = 0) {
  RD = definitionOf(RD);
  if (!RD || Depth > 8)
    return nullptr;
  DeclContext::lookup_result Found = RD->lookup(Name);
  if (!Found.empty())
    return Found.front();
  for (const CXXBaseSpecifier &Base : RD->bases())
    if (const NamedDecl *D =
            findMember(classDeclOf(Base.getType()), Name, Depth + 1))
      return D;
  return nullptr;
}

const NamedDecl *findMember(const CXXRecordDecl *RD, llvm::StringRef Name) {
  if (!RD)
    return nullptr;
  return findMember(RD, DeclarationName(&RD->getASTContext().Idents.get(Name)));
}

const ClassTemplateSpecializationDecl *
specializationOf(QualType T, llvm::StringRef QualifiedName) {
  const auto *Spec = llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || qualifiedName(Spec) != QualifiedName)
    return nullptr;
  return Spec;
}

bool isDefaultAwaitable(QualType T, llvm::StringRef Namespace) {
  const ClassTemplateSpecializationDecl *Awaitable =
      specializationOf(T, (Namespace + "::awaitable").str());
  if (!Awaitable || Awaitable->getTemplateArgs().size() < 2)
    return false;
  const CXXRecordDecl *Executor =
      Awaitable->getTemplateArgs()[1].getAsType()->getAsCXXRecordDecl();
  return Executor &&
         qualifiedName(Executor) == (Namespace + "::any_io_executor").str();
}

// The class a member type declaration (nested class, typedef, alias) names.
static const CXXRecordDecl *classOfTypeMember(const NamedDecl *D) {
  if (const auto *RD = llvm::dyn_cast_or_null<CXXRecordDecl>(D))
    return RD;
  if (const auto *TD = llvm::dyn_cast_or_null<TypedefNameDecl>(D))
    return classDeclOf(TD->getUnderlyingType());
  if (const auto *Alias = llvm::dyn_cast_or_null<TypeAliasTemplateDecl>(D))
    return classDeclOf(Alias->getTemplatedDecl()->getUnderlyingType());
  return nullptr;
}

// Whether an awaiter always, never, or maybe suspends, from its
// `await_ready()`: a body that returns a boolean literal decides it.
static TaskKind kindFromAwaiter(const CXXRecordDecl *Awaiter) {
  if (!Awaiter)
    return TaskKind::None;
  std::string Name = qualifiedName(identityOf(Awaiter));
  if (Name == "std::suspend_always")
    return TaskKind::Lazy;
  if (Name == "std::suspend_never")
    return TaskKind::Eager;
  std::optional<bool> Ready = constantResult(
      llvm::dyn_cast_or_null<FunctionDecl>(findMember(Awaiter, "await_ready")));
  if (!Ready)
    return TaskKind::None;
  return *Ready ? TaskKind::Eager : TaskKind::Lazy;
}

TaskTypeClassifier::TaskTypeClassifier(llvm::StringRef ExtraLazy,
                                       llvm::StringRef ExtraEager)
    : Lazy(ExtraLazy), Eager(ExtraEager) {
  for (const char *const *Name = BuiltinLazyTaskTypes; *Name; ++Name)
    Lazy.add(*Name);
  for (const char *const *Name = BuiltinEagerTaskTypes; *Name; ++Name)
    Eager.add(*Name);
}

TaskKind TaskTypeClassifier::classify(QualType T) {
  return classify(classDeclOf(T));
}

TaskKind TaskTypeClassifier::classify(const CXXRecordDecl *RD) {
  if (!RD)
    return TaskKind::None;
  RD = RD->getCanonicalDecl();
  auto [It, Inserted] = Cache.try_emplace(RD, TaskKind::None);
  if (Inserted)
    It->second = classifyUncached(RD);
  return It->second;
}

TaskKind TaskTypeClassifier::classifyUncached(const CXXRecordDecl *RD) {
  const NamedDecl *Identity = identityOf(RD);
  if (Lazy.contains(Identity))
    return TaskKind::Lazy;
  if (Eager.contains(Identity))
    return TaskKind::Eager;
  const CXXRecordDecl *Promise =
      classOfTypeMember(findMember(RD, "promise_type"));
  if (!Promise || findMember(Promise, "yield_value"))
    return TaskKind::None;
  const auto *Initial = llvm::dyn_cast_or_null<FunctionDecl>(
      findMember(Promise, "initial_suspend"));
  if (!Initial)
    return TaskKind::None;
  return kindFromAwaiter(classDeclOf(Initial->getReturnType()));
}

static bool hasMemberCoawait(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  ASTContext &Ctx = RD->getASTContext();
  if (findMember(RD, Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait)))
    return true;
  return findMember(RD, "await_ready") && findMember(RD, "await_suspend") &&
         findMember(RD, "await_resume");
}

// A namespace-scope `operator co_await` that ADL would find for the class:
// one declared in the class's namespace, or a friend of the class.
static bool hasNonMemberCoawait(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = definitionOf(RD);
  if (!Def)
    return false;
  ASTContext &Ctx = Def->getASTContext();
  DeclarationName Name = Ctx.DeclarationNames.getCXXOperatorName(OO_Coawait);
  for (const FriendDecl *Friend : Def->friends())
    if (const NamedDecl *D = Friend->getFriendDecl())
      if (D->getDeclName() == Name)
        return true;
  const DeclContext *NS = Def->getEnclosingNamespaceContext();
  return NS && !NS->lookup(Name).empty();
}

bool canAwaitIn(QualType Task, const FunctionDecl *Coroutine) {
  const CoroutineBodyStmt *Body = getCoroutineBody(Coroutine);
  const CXXRecordDecl *TaskClass = classDeclOf(Task);
  if (!Body || !TaskClass || !Body->getPromiseDecl())
    return false;
  const CXXRecordDecl *Promise = classDeclOf(Body->getPromiseDecl()->getType());
  // In a template the promise is usually a dependent name; the return type's
  // nested promise_type still describes it.
  if (!Promise)
    Promise = classOfTypeMember(
        findMember(classDeclOf(Coroutine->getReturnType()), "promise_type"));
  if (!Promise)
    return false;
  if (findMember(Promise, "await_transform")) {
    // The promise filters what may be awaited; trust only what the
    // framework itself produces.
    QualType CoroReturn = Coroutine->getReturnType();
    Framework TaskFramework = frameworkOf(Task);
    if (TaskFramework != Framework::Unknown &&
        TaskFramework == frameworkOf(CoroReturn))
      return true;
    const CXXRecordDecl *CoroClass = classDeclOf(CoroReturn);
    return CoroClass && identityOf(CoroClass)->getCanonicalDecl() ==
                            identityOf(TaskClass)->getCanonicalDecl();
  }
  return hasMemberCoawait(TaskClass) || hasNonMemberCoawait(TaskClass);
}

std::optional<bool> awaitResultIsVoid(QualType Task) {
  if (Task.isNull())
    return std::nullopt;
  Task = Task.getNonReferenceType();
  const TemplateArgument *First = nullptr;
  if (const auto *Spec =
          llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(
              Task->getAsCXXRecordDecl())) {
    if (Spec->getTemplateArgs().size() > 0)
      First = &Spec->getTemplateArgs()[0];
  } else if (const auto *TST = Task->getAs<TemplateSpecializationType>()) {
    if (!TST->template_arguments().empty())
      First = &TST->template_arguments()[0];
  }
  if (!First || First->getKind() != TemplateArgument::Type)
    return std::nullopt;
  if (First->getAsType()->isDependentType())
    return std::nullopt;
  return First->getAsType()->isVoidType();
}

} // namespace clang::tidy::async::utils
