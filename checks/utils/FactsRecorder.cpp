//===--- FactsRecorder.cpp - a unit's facts, from its AST --------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "FactsRecorder.h"
#include "CallChains.h"
#include "Coroutines.h"
#include "Names.h"
#include "Walk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::async::utils {

/// The declaration facts name for \p D: for a function a template
/// instantiates (a specialization of a function template, a member of a
/// class template's specialization), the template's own definition, so that
/// every unit names it the same way and its facts are the pattern's.
static const Decl *writtenDecl(const Decl *D) {
  if (const auto *FD = llvm::dyn_cast_or_null<FunctionDecl>(D))
    if (FD->isTemplateInstantiation() || FD->getMemberSpecializationInfo())
      if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
        return Pattern;
  return D;
}

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Usr;
  D = writtenDecl(D);
  if (!D || index::generateUSRForDecl(D, Usr))
    return "";
  return std::string(Usr);
}

std::optional<FactSite> siteOf(SourceLocation Loc, const SourceManager &SM) {
  if (Loc.isInvalid())
    return std::nullopt;
  Loc = SM.getFileLoc(Loc);
  FileID FID = SM.getFileID(Loc);
  OptionalFileEntryRef File = SM.getFileEntryRefForID(FID);
  if (!File)
    return std::nullopt;
  llvm::SmallString<256> Path(File->getName());
  if (SM.getFileManager().getVirtualFileSystem().makeAbsolute(Path))
    return std::nullopt;
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return FactSite{std::string(Path), SM.getFileOffset(Loc),
                  SM.getSpellingLineNumber(Loc),
                  SM.getSpellingColumnNumber(Loc)};
}

SourceLocation locationOf(const FactSite &Site, SourceManager &SM) {
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(Site.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return {};
  }
  FileID FID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  std::optional<llvm::MemoryBufferRef> Buffer = SM.getBufferOrNone(FID);
  if (FID.isInvalid() || !Buffer || Site.Offset >= Buffer->getBufferSize())
    return {};
  return SM.getComposedLoc(FID, Site.Offset);
}

std::string findFactsDir(llvm::StringRef Configured, llvm::StringRef BuildDir,
                         llvm::StringRef MainFile) {
  if (!Configured.empty()) {
    llvm::SmallString<256> Dir(Configured);
    if (llvm::sys::path::is_relative(Dir) && !BuildDir.empty())
      Dir = (BuildDir + "/" + Configured).str();
    return std::string(Dir);
  }
  auto HasFacts = [](const llvm::Twine &Dir) {
    return llvm::sys::fs::is_directory(Dir + "/.async-lint");
  };
  if (!BuildDir.empty() && HasFacts(BuildDir))
    return (BuildDir + "/.async-lint").str();
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(MainFile);
       !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
    if (HasFacts(Dir))
      return (Dir + "/.async-lint").str();
    if (HasFacts(Dir + "/build"))
      return (Dir + "/build/.async-lint").str();
  }
  return "";
}

bool isLinkable(const FunctionDecl *Callee) {
  // A template's instantiations are linked as the template itself.
  Callee = llvm::cast_or_null<FunctionDecl>(writtenDecl(Callee));
  if (!Callee || Callee->getDeclContext()->isFunctionOrMethod())
    return false;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee))
    if (Method->getParent()->isLambda() ||
        llvm::isa<ClassTemplatePartialSpecializationDecl>(Method->getParent()))
      return false;
  return !declaredInLibraryHeader(Callee);
}

std::string mainFileOf(const SourceManager &SM) {
  std::optional<FactSite> Main =
      siteOf(SM.getLocForStartOfFile(SM.getMainFileID()), SM);
  return Main ? Main->File : "";
}

std::optional<CallFact> callFact(const FunctionDecl *Callee, SourceLocation Loc,
                                 const SourceManager &SM, bool Virtual) {
  std::string Usr = usrOf(Callee);
  std::optional<FactSite> At = siteOf(Loc, SM);
  if (Usr.empty() || !At)
    return std::nullopt;
  return CallFact{std::move(Usr), qualifiedName(Callee), callKindOf(Callee),
                  Virtual,        std::move(*At),        {}};
}

FunctionFact *FactsRecorder::add(const FunctionDecl *Def, bool Coroutine) {
  if (!isLinkable(Def))
    return nullptr;
  std::string Usr = usrOf(Def);
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  std::optional<FactSite> At = siteOf(Def->getLocation(), SM);
  if (Usr.empty() || !At || !Seen.insert(Usr).second)
    return nullptr;
  FunctionFact &F = Functions.emplace_back();
  F.Usr = std::move(Usr);
  F.Name = qualifiedName(Def);
  F.At = std::move(*At);
  F.Coroutine = Coroutine;
  if (const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Def)) {
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(
        Method->overridden_methods());
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val();
      std::string BaseUsr = usrOf(Base);
      if (!BaseUsr.empty() && !llvm::is_contained(F.Overrides, BaseUsr))
        F.Overrides.push_back(std::move(BaseUsr));
      Work.append(Base->begin_overridden_methods(),
                  Base->end_overridden_methods());
    }
    llvm::sort(F.Overrides);
  }
  return &F;
}

void FactsRecorder::record(const FunctionDecl *Def, bool Coroutine, HitFn Hit,
                           SkipFn Skip, CountsFn Counts) {
  FunctionFact *Added = add(Def, Coroutine);
  if (!Added)
    return;
  FunctionFact &F = *Added;
  const SourceManager &SM = Def->getASTContext().getSourceManager();
  llvm::StringSet<> Called;
  auto OnStmt = [&](const Stmt *S, const EvaluationContext &) {
    const auto *Call = llvm::dyn_cast<Expr>(S);
    if (F.Hit || !llvm::isa_and_nonnull<CallExpr, CXXConstructExpr>(Call))
      return !F.Hit;
    if (!Coroutine && Counts && !Counts(Call))
      return true;
    if (std::optional<HitFact> Blocking = Hit(Call)) {
      // A coroutine's own blocking calls are its unit's findings.
      if (!Coroutine)
        F.Hit = std::move(Blocking);
      return false;
    }
    const FunctionDecl *Callee = calledFunction(Call);
    if (!isLinkable(Callee) ||
        Callee->getCanonicalDecl() == Def->getCanonicalDecl() || Skip(Callee))
      return true;
    std::optional<CallFact> Fact =
        callFact(Callee,
                 llvm::isa<CXXMemberCallExpr>(Call) ? Call->getExprLoc()
                                                    : Call->getBeginLoc(),
                 SM, dispatchedMethod(Call) != nullptr);
    // A coroutine's calls are where findings go: each one counts. Of any
    // other function's, the first to each callee is enough for a chain.
    if (Fact && (Coroutine || Called.insert(Fact->Callee).second))
      F.Calls.push_back(std::move(*Fact));
    return true;
  };
  const ASTContext &Ctx = Def->getASTContext();
  for (const Expr *Init : initializerExprs(Def))
    forEachEvaluatedStmtInContext(Init, Ctx, OnStmt);
  forEachEvaluatedStmtInContext(Coroutine ? getUserBody(Def) : Def->getBody(),
                                Ctx, OnStmt);
}

llvm::Error FactsRecorder::write(llvm::StringRef FactsDir, llvm::StringRef Kind,
                                 llvm::StringRef MainFile, unsigned MaxDepth,
                                 llvm::StringRef Options, bool Complete) {
  std::string Path = unitFactsPath(FactsDir, MainFile, Kind);
  if (!Complete) {
    llvm::sys::fs::remove(Path);
    return llvm::Error::success();
  }
  UnitFacts Facts;
  Facts.Unit = MainFile.str();
  Facts.Options = Options.str();
  Facts.MaxDepth = MaxDepth;
  // Every file a fact points into: a fact is as current as they are.
  llvm::StringSet<> Files{MainFile};
  for (const FunctionFact &F : Functions) {
    Files.insert(F.At.File);
    if (F.Hit)
      Files.insert(F.Hit->At.File);
    for (const CallFact &Call : F.Calls)
      Files.insert(Call.At.File);
  }
  for (const PerRequestFact &P : PerRequest) {
    Files.insert(P.Root.File);
    for (const CallFact &Step : P.Steps)
      Files.insert(Step.At.File);
  }
  std::vector<std::string> Sorted;
  for (const auto &File : Files)
    Sorted.push_back(File.getKey().str());
  llvm::sort(Sorted);
  for (const std::string &File : Sorted)
    if (std::optional<FileStamp> Stamp = stampOf(File))
      Facts.Files.push_back(std::move(*Stamp));
  Facts.Functions = Functions;
  llvm::sort(Facts.Functions, [](const FunctionFact &A, const FunctionFact &B) {
    return A.Usr < B.Usr;
  });
  Facts.PerRequest = PerRequest;
  return writeUnitFacts(Path, Facts);
}

} // namespace clang::tidy::async::utils
