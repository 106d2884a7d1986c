//===--- Facts.cpp - what a unit knows about its functions -------------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "Facts.h"
#include "BlockingApis.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include <deque>

namespace clang::tidy::async::utils {

namespace json = llvm::json;

// ---------------------------------------------------------------------------
// Stamps.

std::optional<FileStamp> stampOf(llvm::StringRef Path) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) ||
      !llvm::sys::fs::is_regular_file(Status))
    return std::nullopt;
  return FileStamp{Path.str(), Status.getSize(),
                   std::chrono::duration_cast<std::chrono::nanoseconds>(
                       Status.getLastModificationTime().time_since_epoch())
                       .count()};
}

bool stampsHold(llvm::ArrayRef<FileStamp> Stamps) {
  return llvm::all_of(Stamps, [](const FileStamp &Was) {
    std::optional<FileStamp> Now = stampOf(Was.Path);
    return Now && Now->Size == Was.Size && Now->ModTime == Was.ModTime;
  });
}

// ---------------------------------------------------------------------------
// JSON, both ways. Reading is strict: a file that does not have the shape
// written here is not facts.

CallKind callKindOf(const FunctionDecl *Callee) {
  if (llvm::isa<CXXConstructorDecl>(Callee))
    return CallKind::Construction;
  const auto *Method = llvm::dyn_cast<CXXMethodDecl>(Callee);
  return Method && Method->getParent()->isLambda() ? CallKind::Lambda
                                                   : CallKind::Call;
}

namespace {

constexpr std::pair<CallKind, llvm::StringLiteral> CallKindNames[] = {
    {CallKind::Call, "call"},
    {CallKind::Lambda, "lambda"},
    {CallKind::Construction, "construction"}};

llvm::StringRef nameOf(CallKind Kind) {
  for (const auto &[K, Name] : CallKindNames)
    if (K == Kind)
      return Name;
  return "";
}

json::Value toJson(const FactSite &S) {
  return json::Object{{"file", S.File},
                      {"offset", S.Offset},
                      {"line", S.Line},
                      {"column", S.Column}};
}

json::Value toJson(const CallFact &C) {
  json::Object O{{"callee", C.Callee},
                 {"name", C.Name},
                 {"kind", nameOf(C.Kind)},
                 {"virtual", C.Virtual},
                 {"at", toJson(C.At)}};
  if (!C.Spawner.empty())
    O["spawner"] = C.Spawner;
  return O;
}

json::Value toJson(const HitFact &H) {
  json::Object O{
      {"api", H.Api}, {"category", H.Category}, {"at", toJson(H.At)}};
  if (!H.Detail.empty())
    O["detail"] = H.Detail;
  return O;
}

json::Value toJson(const FileStamp &F) {
  return json::Object{
      {"path", F.Path}, {"size", int64_t(F.Size)}, {"mtime", F.ModTime}};
}

json::Value toJson(const std::string &S) { return S; }
json::Value toJson(const LinkedStep &S);
json::Value toJson(const PerRequestFact &P);
json::Value toJson(const PerRequestFinding &F);

template <typename T> json::Array arrayOf(const std::vector<T> &Items) {
  json::Array A;
  for (const T &Item : Items)
    A.push_back(toJson(Item));
  return A;
}

json::Value toJson(const LinkedStep &S) {
  return json::Object{{"call", toJson(S.Call)},
                      {"target", S.Target},
                      {"targetName", S.TargetName}};
}

json::Value toJson(const LinkedReach &R) {
  return json::Object{{"chain", arrayOf(R.Chain)},
                      {"hit", toJson(R.Hit)},
                      {"files", arrayOf(R.Files)}};
}

json::Value toJson(const PerRequestFact &P) {
  return json::Object{{"usr", P.Usr},           {"name", P.Name},
                      {"root", toJson(P.Root)}, {"rootName", P.RootName},
                      {"spawner", P.Spawner},   {"steps", arrayOf(P.Steps)},
                      {"followed", P.Followed}};
}

json::Value toJson(const PerRequestFinding &F) {
  return json::Object{{"unit", F.Unit},
                      {"rootUnit", F.RootUnit},
                      {"path", toJson(F.Path)},
                      {"hit", toJson(F.Hit)},
                      {"files", arrayOf(F.Files)}};
}

} // namespace

bool fromJSON(const json::Value &V, FactSite &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("file", S.File) && O.map("offset", S.Offset) &&
         O.map("line", S.Line) && O.map("column", S.Column);
}

bool fromJSON(const json::Value &V, CallKind &Kind, json::Path P) {
  std::optional<llvm::StringRef> Name = V.getAsString();
  for (const auto &[K, KName] : CallKindNames)
    if (Name && *Name == KName) {
      Kind = K;
      return true;
    }
  P.report("expected \"call\", \"lambda\" or \"construction\"");
  return false;
}

bool fromJSON(const json::Value &V, CallFact &C, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("callee", C.Callee) && O.map("name", C.Name) &&
         O.map("kind", C.Kind) && O.map("virtual", C.Virtual) &&
         O.map("at", C.At) && O.mapOptional("spawner", C.Spawner);
}

bool fromJSON(const json::Value &V, HitFact &H, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("api", H.Api) && O.map("category", H.Category) &&
         O.map("at", H.At) && O.mapOptional("detail", H.Detail);
}

bool fromJSON(const json::Value &V, PerRequestFact &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("usr", F.Usr) && O.map("name", F.Name) &&
         O.map("root", F.Root) && O.map("rootName", F.RootName) &&
         O.map("spawner", F.Spawner) && O.map("steps", F.Steps) &&
         O.map("followed", F.Followed);
}

bool fromJSON(const json::Value &V, FileStamp &F, json::Path P) {
  json::ObjectMapper O(V, P);
  int64_t Size = 0;
  if (!O || !O.map("path", F.Path) || !O.map("size", Size) ||
      !O.map("mtime", F.ModTime))
    return false;
  F.Size = static_cast<uint64_t>(Size);
  return true;
}

bool fromJSON(const json::Value &V, FunctionFact &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("usr", F.Usr) && O.map("name", F.Name) &&
         O.map("at", F.At) && O.map("coroutine", F.Coroutine) &&
         O.mapOptional("hit", F.Hit) && O.map("calls", F.Calls) &&
         O.map("overrides", F.Overrides);
}

bool fromJSON(const json::Value &V, LinkedStep &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("call", S.Call) && O.map("target", S.Target) &&
         O.map("targetName", S.TargetName);
}

bool fromJSON(const json::Value &V, LinkedReach &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("chain", R.Chain) && O.map("hit", R.Hit) &&
         O.map("files", R.Files);
}

bool fromJSON(const json::Value &V, PerRequestFinding &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("unit", F.Unit) && O.map("rootUnit", F.RootUnit) &&
         O.map("path", F.Path) && O.map("hit", F.Hit) &&
         O.map("files", F.Files);
}

namespace {

llvm::Expected<json::Value> readJson(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read %s",
                                   Path.str().c_str());
  return json::parse((*Buffer)->getBuffer());
}

std::string hashOf(llvm::StringRef Text) {
  std::array<uint8_t, 32> Digest = llvm::SHA256::hash(llvm::ArrayRef(
      reinterpret_cast<const uint8_t *>(Text.data()), Text.size()));
  return llvm::toHex(llvm::ArrayRef(Digest).take_front(10),
                     /*LowerCase=*/true);
}

// Each linked unit's options fingerprint.
json::Object unitOptionsOf(llvm::ArrayRef<UnitFacts> Units) {
  json::Object Options;
  for (const UnitFacts &U : Units)
    Options[U.Unit] = U.Options;
  return Options;
}

void readUnitOptions(const json::Object &Linked,
                     std::map<std::string, std::string> &Out) {
  if (const json::Object *Options = Linked.getObject("options"))
    for (const auto &[Unit, Fingerprint] : *Options)
      if (std::optional<llvm::StringRef> F = Fingerprint.getAsString())
        Out[Unit.str()] = F->str();
}

// The global options a check reads besides its own (utils/Options.h).
constexpr llvm::StringLiteral SharedOptions[] = {"LazyTaskTypes",
                                                 "EagerTaskTypes"};
// Where facts go, not what they say.
constexpr llvm::StringLiteral PlumbingOptions[] = {"FactsDir", "WriteFacts",
                                                   "ReadFacts"};

} // namespace

std::string optionsFingerprint(const ClangTidyOptions::OptionMap &CheckOptions,
                               llvm::StringRef Check) {
  std::vector<std::pair<std::string, std::string>> Shaping;
  for (const auto &Entry : CheckOptions) {
    llvm::StringRef Key = Entry.getKey();
    llvm::StringRef Local = Key;
    bool Own = Local.consume_front(Check) && Local.consume_front(".");
    if (!Own && !llvm::is_contained(SharedOptions, Key))
      continue;
    if (llvm::is_contained(PlumbingOptions, Local))
      continue;
    Shaping.emplace_back(Key.str(), Entry.getValue().Value);
  }
  llvm::sort(Shaping);
  std::string Text;
  for (const auto &[Key, Value] : Shaping)
    Text += std::to_string(Key.size()) + ":" + Key + "=" +
            std::to_string(Value.size()) + ":" + Value + "\n";
  return hashOf(Text);
}

bool linkedOptionsHold(
    const std::map<std::string, std::string> &UnitOptions,
    llvm::StringRef Check, llvm::StringRef LinkedPath,
    llvm::function_ref<ClangTidyOptions::OptionMap(llvm::StringRef)>
        OptionsOf) {
  size_t Stale = 0;
  for (const auto &[Unit, Fingerprint] : UnitOptions)
    if (optionsFingerprint(OptionsOf(Unit), Check) != Fingerprint)
      ++Stale;
  if (Stale)
    llvm::errs() << "async-lint: not using " << LinkedPath << ": " << Stale
                 << (Stale == 1 ? " unit's" : " units'") << " facts were taken "
                 << "under other options of " << Check
                 << "; run async-lint over the whole database again\n";
  return Stale == 0;
}

json::Value toJson(const UnitFacts &Facts) {
  json::Array Functions;
  for (const FunctionFact &F : Facts.Functions) {
    json::Object O{{"usr", F.Usr},
                   {"name", F.Name},
                   {"at", toJson(F.At)},
                   {"coroutine", F.Coroutine},
                   {"calls", arrayOf(F.Calls)},
                   {"overrides", arrayOf(F.Overrides)}};
    if (F.Hit)
      O["hit"] = toJson(*F.Hit);
    Functions.push_back(std::move(O));
  }
  return json::Object{{"version", FactsVersion},
                      {"unit", Facts.Unit},
                      {"options", Facts.Options},
                      {"maxDepth", Facts.MaxDepth},
                      {"files", arrayOf(Facts.Files)},
                      {"functions", std::move(Functions)},
                      {"perRequest", arrayOf(Facts.PerRequest)}};
}

llvm::Expected<UnitFacts> unitFactsFromJson(const json::Value &V) {
  UnitFacts Facts;
  unsigned Version = 0;
  json::Path::Root Root("facts");
  json::ObjectMapper O(V, Root);
  if (!O || !O.map("version", Version))
    return llvm::createStringError("not an async-lint facts file");
  if (Version != FactsVersion)
    return llvm::createStringError("facts of version %u, not %u", Version,
                                   FactsVersion);
  if (!O.map("unit", Facts.Unit) || !O.map("options", Facts.Options) ||
      !O.map("maxDepth", Facts.MaxDepth) || !O.map("files", Facts.Files) ||
      !O.map("functions", Facts.Functions) ||
      !O.map("perRequest", Facts.PerRequest))
    return Root.getError();
  return Facts;
}

std::string unitFactsPath(llvm::StringRef FactsDir, llvm::StringRef Unit,
                          llvm::StringRef Kind) {
  llvm::SmallString<256> Path(FactsDir);
  llvm::sys::path::append(Path, "units",
                          llvm::sys::path::filename(Unit) + "." + hashOf(Unit) +
                              "." + Kind + ".json");
  return std::string(Path);
}

std::string linkedFactsPath(llvm::StringRef FactsDir) {
  llvm::SmallString<256> Path(FactsDir);
  llvm::sys::path::append(Path, "linked.json");
  return std::string(Path);
}

std::string linkedSessionsPath(llvm::StringRef FactsDir) {
  llvm::SmallString<256> Path(FactsDir);
  llvm::sys::path::append(Path, "linked-session.json");
  return std::string(Path);
}

llvm::Error writeAtomically(llvm::StringRef Path, llvm::StringRef Text,
                            bool MakeDirectories) {
  namespace fs = llvm::sys::fs;
  auto Fail = [&](const std::string &Why) {
    return llvm::createStringError("cannot write %s: %s", Path.str().c_str(),
                                   Why.c_str());
  };
  if (MakeDirectories)
    if (std::error_code EC =
            fs::create_directories(llvm::sys::path::parent_path(Path)))
      return Fail(EC.message());
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC =
          fs::createUniqueFile(Path + ".async-lint-%%%%%%", FD, Temp))
    return Fail(EC.message());
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::string Why = OS.error().message();
      OS.clear_error();
      fs::remove(Temp);
      return Fail(Why);
    }
  }
  // A file that exists keeps its permissions.
  if (llvm::ErrorOr<fs::perms> Perms = fs::getPermissions(Path))
    fs::setPermissions(Temp, *Perms);
  if (std::error_code EC = fs::rename(Temp, Path)) {
    fs::remove(Temp);
    return Fail(EC.message());
  }
  return llvm::Error::success();
}

llvm::Error writeUnitFacts(llvm::StringRef Path, const UnitFacts &Facts) {
  std::string Text;
  llvm::raw_string_ostream(Text)
      << llvm::formatv("{0:1}", toJson(Facts)) << "\n";
  return writeAtomically(Path, Text);
}

std::vector<UnitFacts> readUnitFacts(llvm::StringRef FactsDir,
                                     llvm::StringRef Kind) {
  std::vector<UnitFacts> Units;
  llvm::SmallString<256> Dir(FactsDir);
  llvm::sys::path::append(Dir, "units");
  std::error_code EC;
  std::string Suffix = ("." + Kind + ".json").str();
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    if (!llvm::StringRef(It->path()).ends_with(Suffix))
      continue;
    llvm::Expected<json::Value> V = readJson(It->path());
    if (!V) {
      llvm::consumeError(V.takeError());
      continue;
    }
    llvm::Expected<UnitFacts> Facts = unitFactsFromJson(*V);
    if (!Facts) {
      llvm::consumeError(Facts.takeError());
      continue;
    }
    if (stampsHold(Facts->Files))
      Units.push_back(std::move(*Facts));
  }
  llvm::sort(Units, [](const UnitFacts &A, const UnitFacts &B) {
    return A.Unit < B.Unit;
  });
  return Units;
}

// ---------------------------------------------------------------------------
// The link step.

FactsLink::FactsLink(std::vector<UnitFacts> TheUnits)
    : Units(std::move(TheUnits)) {
  Defined.resize(Units.size());
  for (size_t U = 0; U < Units.size(); ++U)
    for (const FunctionFact &F : Units[U].Functions) {
      Defined[U].insert(F.Usr);
      // A function defined in a header is in the facts of every unit that
      // includes it: the first unit's copy stands for all.
      if (!Functions.try_emplace(F.Usr, Function{&F, U}).second)
        continue;
      for (const std::string &Base : F.Overrides)
        OverridesOf[Base].push_back(F.Usr);
    }
}

std::vector<std::string> FactsLink::targets(const CallFact &Call) const {
  std::vector<std::string> Targets;
  auto Add = [&](const std::string &Usr) {
    auto Found = Functions.find(Usr);
    if (Found != Functions.end() && !Found->second.Fact->Coroutine)
      Targets.push_back(Usr);
  };
  Add(Call.Callee);
  if (Call.Virtual) {
    auto Overrides = OverridesOf.find(Call.Callee);
    if (Overrides != OverridesOf.end())
      for (const std::string &Usr : Overrides->second)
        Add(Usr);
  }
  return Targets;
}

std::optional<LinkedReach>
FactsLink::reach(llvm::StringRef Usr, unsigned MaxDepth,
                 std::optional<size_t> OnlyUnit) const {
  auto Visible = [&](llvm::StringRef Target) {
    return !OnlyUnit || Defined[*OnlyUnit].contains(Target);
  };
  if (!Visible(Usr) || !Functions.count(Usr))
    return std::nullopt;
  struct Node {
    std::string Usr;
    int Parent;
    const CallFact *Call;
  };
  std::vector<Node> Nodes{{Usr.str(), -1, nullptr}};
  llvm::StringSet<> Seen{Usr};
  size_t LevelBegin = 0;
  for (unsigned Depth = 1; Depth <= MaxDepth; ++Depth) {
    const size_t LevelEnd = Nodes.size();
    for (size_t I = LevelBegin; I < LevelEnd; ++I) {
      const FunctionFact &F = *Functions.find(Nodes[I].Usr)->second.Fact;
      if (F.Hit) {
        LinkedReach R;
        R.Hit = *F.Hit;
        llvm::StringSet<> Files;
        for (int N = static_cast<int>(I); N >= 0; N = Nodes[N].Parent) {
          const Function &Fn = Functions.find(Nodes[N].Usr)->second;
          Files.insert(Fn.Fact->At.File);
          if (Nodes[N].Parent >= 0)
            R.Chain.insert(R.Chain.begin(),
                           {*Nodes[N].Call, Nodes[N].Usr, Fn.Fact->Name});
        }
        R.Files = stampsOf(Files);
        return R;
      }
      if (Depth == MaxDepth)
        continue;
      for (const CallFact &Call : F.Calls)
        for (const std::string &Target : targets(Call))
          if (Visible(Target) && Seen.insert(Target).second)
            Nodes.push_back({Target, static_cast<int>(I), &Call});
    }
    LevelBegin = LevelEnd;
  }
  return std::nullopt;
}

std::vector<LinkedFinding> FactsLink::findings() const {
  std::vector<LinkedFinding> Found;
  for (size_t U = 0; U < Units.size(); ++U)
    for (const FunctionFact &F : Units[U].Functions) {
      // A coroutine of a header is reported by the units that define what
      // it calls, or not at all: never once per includer.
      if (!F.Coroutine || F.At.File != Units[U].Unit)
        continue;
      for (const CallFact &Call : F.Calls) {
        std::vector<std::string> Targets = targets(Call);
        unsigned Depth = Units[U].MaxDepth;
        if (Targets.empty() || llvm::any_of(Targets, [&](const auto &T) {
              return reach(T, Depth, U).has_value();
            }))
          continue; // the unit's own check saw it (or nothing is there)
        LinkedFinding Finding;
        for (const std::string &Target : Targets)
          if (std::optional<LinkedReach> R = reach(Target, Depth)) {
            if (Finding.BlockingTargets.empty())
              Finding.Path = std::move(*R);
            Finding.BlockingTargets.push_back(
                Functions.find(Target)->second.Fact->Name);
          }
        if (Finding.BlockingTargets.empty())
          continue;
        Finding.Unit = Units[U].Unit;
        Finding.Site = Call;
        Finding.Targets = Targets.size();
        Found.push_back(std::move(Finding));
      }
    }
  return Found;
}

json::Value FactsLink::linked() const {
  unsigned Depth = 0;
  for (const UnitFacts &U : Units)
    Depth = std::max(Depth, U.MaxDepth);
  std::vector<std::string> Usrs;
  for (const auto &Entry : Functions)
    Usrs.push_back(Entry.getKey().str());
  llvm::sort(Usrs);
  json::Array Reaches;
  for (const std::string &Usr : Usrs) {
    const FunctionFact &F = *Functions.find(Usr)->second.Fact;
    if (F.Coroutine)
      continue;
    if (std::optional<LinkedReach> R = reach(Usr, Depth)) {
      json::Object O = std::move(*toJson(*R).getAsObject());
      O["usr"] = Usr;
      O["name"] = F.Name;
      Reaches.push_back(std::move(O));
    }
  }
  json::Array Dispatch;
  std::vector<std::string> Bases;
  for (const auto &Entry : OverridesOf)
    Bases.push_back(Entry.getKey().str());
  llvm::sort(Bases);
  for (const std::string &Base : Bases) {
    CallFact Virtual;
    Virtual.Callee = Base;
    Virtual.Virtual = true;
    json::Array Targets;
    for (std::string &T : targets(Virtual))
      Targets.push_back(std::move(T));
    Dispatch.push_back(
        json::Object{{"usr", Base}, {"targets", std::move(Targets)}});
  }
  return json::Object{{"version", FactsVersion},
                      {"options", unitOptionsOf(Units)},
                      {"reaches", std::move(Reaches)},
                      {"dispatch", std::move(Dispatch)}};
}

std::vector<FileStamp>
FactsLink::stampsOf(const llvm::StringSet<> &Files) const {
  std::vector<FileStamp> Stamps;
  llvm::StringSet<> Found;
  for (const UnitFacts &U : Units)
    for (const FileStamp &S : U.Files)
      if (Files.contains(S.Path) && Found.insert(S.Path).second)
        Stamps.push_back(S);
  llvm::sort(Stamps, [](const FileStamp &A, const FileStamp &B) {
    return A.Path < B.Path;
  });
  return Stamps;
}

// ---------------------------------------------------------------------------
// The link of session facts: what runs once per request across units.

std::vector<PerRequestFinding> FactsLink::perRequestFindings() const {
  // A function that a unit defining it runs per request was reported by
  // that unit, with its own chain.
  llvm::StringSet<> Known;
  struct Node {
    const PerRequestFact *Seed;
    size_t SeedUnit;
    std::string Usr;
    int Parent;
    const CallFact *Call; ///< in the parent
    unsigned Depth;       ///< calls across units followed
  };
  std::vector<Node> Nodes;
  llvm::StringSet<> Seen;
  for (size_t U = 0; U < Units.size(); ++U)
    for (const PerRequestFact &P : Units[U].PerRequest) {
      if (Defined[U].contains(P.Usr))
        Known.insert(P.Usr);
      if (Seen.insert(P.Usr).second)
        Nodes.push_back({&P, U, P.Usr, -1, nullptr, 0});
    }

  std::vector<PerRequestFinding> Found;
  for (size_t I = 0; I < Nodes.size(); ++I) {
    auto Def = Functions.find(Nodes[I].Usr);
    if (Def == Functions.end())
      continue;
    const FunctionFact &F = *Def->second.Fact;
    if (F.Hit && !Known.contains(F.Usr)) {
      PerRequestFinding Finding;
      Finding.Unit = Units[Def->second.Unit].Unit;
      Finding.RootUnit = Units[Nodes[I].SeedUnit].Unit;
      Finding.Path = *Nodes[I].Seed;
      Finding.Path.Usr = F.Usr;
      Finding.Path.Name = F.Name;
      std::vector<CallFact> Across;
      for (int N = static_cast<int>(I); Nodes[N].Parent >= 0;
           N = Nodes[N].Parent)
        Across.insert(Across.begin(), *Nodes[N].Call);
      llvm::append_range(Finding.Path.Steps, Across);
      Finding.Hit = *F.Hit;
      llvm::StringSet<> Files{Finding.Path.Root.File, F.At.File,
                              F.Hit->At.File};
      for (const CallFact &Step : Finding.Path.Steps)
        Files.insert(Step.At.File);
      Finding.Files = stampsOf(Files);
      Found.push_back(std::move(Finding));
    }
    // What a loop in main() calls is start-up code: not followed.
    if (Nodes[I].Depth == PerRequestLinkDepth ||
        (Nodes[I].Parent < 0 && !Nodes[I].Seed->Followed))
      continue;
    for (const CallFact &Call : F.Calls)
      if (Functions.count(Call.Callee) && Seen.insert(Call.Callee).second)
        Nodes.push_back({Nodes[I].Seed, Nodes[I].SeedUnit, Call.Callee,
                         static_cast<int>(I), &Call, Nodes[I].Depth + 1});
  }
  return Found;
}

json::Value FactsLink::linkedSessions() const {
  std::vector<PerRequestFinding> Found = perRequestFindings();
  llvm::sort(Found, [](const PerRequestFinding &A, const PerRequestFinding &B) {
    return A.Path.Usr < B.Path.Usr;
  });
  return json::Object{{"version", FactsVersion},
                      {"options", unitOptionsOf(Units)},
                      {"perRequest", arrayOf(Found)}};
}

// ---------------------------------------------------------------------------
// linked.json, read back.

namespace {

/// The linked file \p Path, when it is readable and of this version.
std::optional<json::Value> readLinked(llvm::StringRef Path) {
  llvm::Expected<json::Value> V = readJson(Path);
  if (!V) {
    llvm::consumeError(V.takeError());
    return std::nullopt;
  }
  const json::Object *O = V->getAsObject();
  if (!O || O->getInteger("version") != FactsVersion)
    return std::nullopt;
  return std::move(*V);
}

} // namespace

LinkedFacts LinkedFacts::read(llvm::StringRef Path) {
  LinkedFacts Facts;
  std::optional<json::Value> V = readLinked(Path);
  if (!V)
    return Facts;
  const json::Object *O = V->getAsObject();
  readUnitOptions(*O, Facts.UnitOptions);
  if (const json::Array *Reaches = O->getArray("reaches"))
    for (const json::Value &Entry : *Reaches) {
      LinkedReach R;
      json::Path::Root Root;
      const json::Object *E = Entry.getAsObject();
      if (!E || !fromJSON(Entry, R, Root))
        continue;
      std::optional<llvm::StringRef> Usr = E->getString("usr");
      std::optional<llvm::StringRef> Name = E->getString("name");
      if (!Usr || !Name)
        continue;
      Facts.Names[*Usr] = Name->str();
      Facts.Reaches[*Usr] = std::move(R);
    }
  if (const json::Array *Dispatch = O->getArray("dispatch"))
    for (const json::Value &Entry : *Dispatch) {
      const json::Object *E = Entry.getAsObject();
      std::vector<std::string> Targets;
      json::Path::Root Root;
      if (!E || !E->getString("usr") || !E->get("targets") ||
          !fromJSON(*E->get("targets"), Targets, Root))
        continue;
      Facts.Dispatch[*E->getString("usr")] = std::move(Targets);
    }
  return Facts;
}

std::vector<std::string> LinkedFacts::targets(llvm::StringRef Usr,
                                              bool Virtual) const {
  if (Virtual)
    if (auto Found = Dispatch.find(Usr); Found != Dispatch.end())
      return Found->second;
  return {Usr.str()};
}

std::optional<LinkedReach> LinkedFacts::reach(llvm::StringRef Usr) const {
  auto Found = Reaches.find(Usr);
  if (Found == Reaches.end() || !stampsHold(Found->second.Files))
    return std::nullopt;
  return Found->second;
}

std::string LinkedFacts::nameOf(llvm::StringRef Usr) const {
  auto Found = Names.find(Usr);
  return Found == Names.end() ? std::string() : Found->second;
}

LinkedSessions LinkedSessions::read(llvm::StringRef Path) {
  LinkedSessions Sessions;
  std::optional<json::Value> V = readLinked(Path);
  if (!V)
    return Sessions;
  readUnitOptions(*V->getAsObject(), Sessions.UnitOptions);
  if (const json::Array *Found = V->getAsObject()->getArray("perRequest"))
    for (const json::Value &Entry : *Found) {
      PerRequestFinding F;
      json::Path::Root Root;
      if (fromJSON(Entry, F, Root))
        Sessions.Findings[F.Path.Usr] = std::move(F);
    }
  return Sessions;
}

std::optional<PerRequestFinding>
LinkedSessions::find(llvm::StringRef Usr) const {
  auto Found = Findings.find(Usr);
  if (Found == Findings.end() || !stampsHold(Found->second.Files))
    return std::nullopt;
  return Found->second;
}

// ---------------------------------------------------------------------------
// Messages.

llvm::StringRef shortName(llvm::StringRef Qualified) {
  size_t Colons = Qualified.rfind("::");
  return Colons == llvm::StringRef::npos ? Qualified
                                         : Qualified.drop_front(Colons + 2);
}

std::string linkedWarning(const CallFact &Site, const HitFact &Blocks) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (Site.Kind == CallKind::Lambda)
    OS << "lambda call";
  else
    OS << (Site.Kind == CallKind::Construction ? "construction of '"
                                               : "call to '")
       << shortName(Site.Name) << "'";
  std::optional<BlockingCategory> Category = categoryFromName(Blocks.Category);
  OS << " in a coroutine reaches blocking call '" << Blocks.Api << "'; "
     << categoryEffect(Category.value_or(BlockingCategory::User))
     << " stalls every coroutine on its thread";
  return Text;
}

std::string linkedVirtualNote(const CallFact &Site,
                              llvm::ArrayRef<std::string> Blocking,
                              size_t Targets) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << "virtual call to '" << Site.Name << "': ";
  if (Targets == 1)
    OS << "its only visible implementation, '" << Blocking.front()
       << "', blocks";
  else if (Blocking.size() == Targets)
    OS << "all " << Targets << " visible implementations block";
  else {
    OS << Blocking.size() << " of its " << Targets << " visible "
       << "implementations block" << (Blocking.size() == 1 ? "s" : "") << " (";
    llvm::interleave(
        Blocking, OS, [&](const std::string &N) { OS << "'" << N << "'"; },
        ", ");
    OS << ")";
  }
  return Text;
}

std::string linkedStepNote(const LinkedStep &Step) {
  if (Step.Call.Virtual && Step.Target != Step.Call.Callee)
    return "'" + Step.Call.Name + "' is called here and runs '" +
           Step.TargetName + "'";
  if (Step.Call.Kind == CallKind::Lambda)
    return "a lambda is called here";
  return "'" + shortName(Step.Call.Name).str() + "' is " +
         (Step.Call.Kind == CallKind::Construction ? "constructed" : "called") +
         " here";
}

std::string perRequestWarning(const HitFact &Hit, llvm::StringRef Function,
                              const PerRequestFact &Path) {
  // The last step leads to the function: a construction runs a constructor.
  const bool Constructor =
      !Path.Steps.empty() && Path.Steps.back().Kind == CallKind::Construction;
  return (Hit.Category == SessionFactoryCategory
              ? "'" + Hit.Api + "' is called"
              : "a new '" + Hit.Api + "' is created") +
         (Constructor ? " on every construction of '" : " on every call of '") +
         Function.str() + "', which runs once per " +
         (Path.Spawner.empty() ? "item" : "request") + "; " + Hit.Detail;
}

std::string perRequestRootNote(const PerRequestFact &Path) {
  std::string Root =
      Path.RootName.empty() ? "the lambda" : "'" + Path.RootName + "'";
  if (Path.Spawner.empty())
    return Root + " is called here inside a loop";
  return Root + " is handed to '" + Path.Spawner + "' here";
}

std::string perRequestStepNote(const CallFact &Step) {
  std::string Callee = Step.Kind == CallKind::Lambda
                           ? std::string("the lambda")
                           : "'" + shortName(Step.Name).str() + "'";
  if (!Step.Spawner.empty())
    return Callee + " is handed to '" + Step.Spawner + "' here";
  return Callee + (Step.Kind == CallKind::Construction ? " is constructed here"
                                                       : " is called here");
}

} // namespace clang::tidy::async::utils
