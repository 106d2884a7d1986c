//===--- Facts.h - what a unit knows about its functions -----*- C++ -*-===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Part of async-lint. A check sees one translation unit; a coroutine in
// a.cpp that calls `stop()` defined in b.cpp, which blocks, is invisible to
// it. So while a unit is checked, the check records facts about the
// functions the unit defines -- keyed by USR, which names a declaration the
// same way in every unit -- and a link step over every unit's facts follows
// the calls that cross units:
//
//   <facts dir>/units/<file>.<hash of the unit's path>.<kind>.json
//       what each function of one unit does directly (its hit), and what it
//       calls (written by the parse that checks the unit). Two kinds:
//       `blocking` (async-blocking-call-in-coroutine: the first blocking
//       call) and `session` (async-session-per-request: the first session
//       object built outside loops; and, per unit, the functions the unit
//       found to run once per request, with the spawn or loop that says so
//       and the unit's calls down to them);
//   <facts dir>/linked.json
//       for each function that reaches a blocking call through other units,
//       the shortest chain (written by `async-lint` or `async-lint link`,
//       read by the plugin and async-clangd);
//   <facts dir>/linked-session.json
//       each function that runs once per request only through calls that
//       cross units and builds a session object: the root (spawn or loop),
//       the calls down to it, the construction (written and read likewise).
//
// Each file records the size and modification time of the files its facts
// came from; facts whose files have changed since are stale and ignored, so
// an edit never leaves a finding behind on a callee that no longer blocks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_FACTS_H
#define ASYNC_LINT_UTILS_FACTS_H

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The version of the facts format; files of another version are ignored.
inline constexpr unsigned FactsVersion = 5;

/// A place in a source file.
struct FactSite {
  std::string File; ///< absolute
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// How a call names the function it runs; the facts spell it "call",
/// "lambda" or "construction".
enum class CallKind { Call, Lambda, Construction };

/// The kind of call that runs \p Callee: a lambda's call operator, a
/// constructor, or any other function.
CallKind callKindOf(const FunctionDecl *Callee);

/// A call a function makes to a user function.
struct CallFact {
  std::string Callee; ///< USR of the function the call names
  std::string Name;   ///< its name as findings show it
  CallKind Kind = CallKind::Call;
  /// The call dispatches dynamically: it runs the callee or an override.
  bool Virtual = false;
  FactSite At;
  /// The spawner the callee is handed to here (qualified, as a diagnostic
  /// prints it), or empty for a call.
  std::string Spawner;
};

/// What a function does itself that a check reports when the function is
/// reached: its first blocking call (blocking facts), or its first
/// construction of a session object outside any loop (session facts).
struct HitFact {
  /// The name findings show: the blocking API, or the session class or
  /// factory (qualified, as a diagnostic prints it).
  std::string Api;
  /// Blocking: the category's option name ("sleep", "network", ...; see
  /// BlockingApis.h). Session: "class" or "factory" (SessionFactsKind).
  std::string Category;
  FactSite At;
  /// Session: why building one is expensive (the catalog's reason, as the
  /// unit's configuration gives it). Empty for blocking.
  std::string Detail;
};

/// The category of a session hit: a class whose construction is the hit,
/// or a factory function whose call is.
inline constexpr llvm::StringLiteral SessionClassCategory = "class";
inline constexpr llvm::StringLiteral SessionFactoryCategory = "factory";

/// Why a function runs once per request or item, as the unit that found it
/// tells: a root function handed to a spawner (or called in a loop), and the
/// unit's own calls from the root down to the function.
struct PerRequestFact {
  std::string Usr;  ///< the function
  std::string Name; ///< its qualified name
  FactSite Root;    ///< the spawn, or the call in a loop
  /// The root function's name as the notes show it; empty for a lambda.
  std::string RootName;
  /// The spawner's qualified name; empty when the root call sits in a loop.
  std::string Spawner;
  /// The calls from the root down to the function.
  std::vector<CallFact> Steps;
  /// False for a function a loop in main() calls: it runs once per item,
  /// but what it calls is start-up code and is not followed.
  bool Followed = true;
};

struct FunctionFact {
  std::string Usr;
  std::string Name;
  FactSite At;
  /// A coroutine: its calls are where findings are reported, and it is not
  /// followed into (it runs on the executor, not on its caller's stack).
  bool Coroutine = false;
  std::optional<HitFact> Hit;
  std::vector<CallFact> Calls;
  /// USRs of every virtual method this one overrides, directly or not.
  std::vector<std::string> Overrides;
};

/// The state of a file when facts were taken from it.
struct FileStamp {
  std::string Path;
  uint64_t Size = 0;
  int64_t ModTime = 0; ///< nanoseconds since the epoch
};

/// The stamp of \p Path as it is now, if it exists.
std::optional<FileStamp> stampOf(llvm::StringRef Path);
/// Whether every file is as it was stamped.
bool stampsHold(llvm::ArrayRef<FileStamp> Stamps);

/// The fingerprint of the options that shape \p Check's facts in a file
/// configured with \p CheckOptions: every option of the check (its own
/// `Check.Key` entries and the global task-type lists it reads), but not
/// where facts go (FactsDir, WriteFacts, ReadFacts). Facts written under
/// another fingerprint describe another configuration (a blocking function
/// the user now ignores, say) and are not used.
std::string optionsFingerprint(const ClangTidyOptions::OptionMap &CheckOptions,
                               llvm::StringRef Check);

struct UnitFacts {
  std::string Unit; ///< the main file, absolute
  /// optionsFingerprint() of the check that wrote them, in this unit.
  std::string Options;
  /// The check's MaxDepth in this unit.
  unsigned MaxDepth = 0;
  std::vector<FileStamp> Files;
  std::vector<FunctionFact> Functions; ///< sorted by USR
  /// Session facts: the functions the unit runs once per request (defined
  /// in the unit or only declared), in the order the unit found them.
  std::vector<PerRequestFact> PerRequest;
};

llvm::json::Value toJson(const UnitFacts &Facts);
llvm::Expected<UnitFacts> unitFactsFromJson(const llvm::json::Value &V);

/// Where a unit's facts go in \p FactsDir: units/<hash>.<Kind>.json.
std::string unitFactsPath(llvm::StringRef FactsDir, llvm::StringRef Unit,
                          llvm::StringRef Kind);
std::string linkedFactsPath(llvm::StringRef FactsDir);
std::string linkedSessionsPath(llvm::StringRef FactsDir);

/// Writes \p Text to \p Path through a temporary file in the same directory
/// and a rename (making the directories on the way when asked): a reader
/// sees the old file or the new one, never part of one. An existing file
/// keeps its permissions. The error says "cannot write PATH: why".
llvm::Error writeAtomically(llvm::StringRef Path, llvm::StringRef Text,
                            bool MakeDirectories = true);

/// Writes \p Facts to \p Path (atomically), as readUnitFacts reads them.
llvm::Error writeUnitFacts(llvm::StringRef Path, const UnitFacts &Facts);

/// Reads every unit's facts of kind \p Kind in \p FactsDir, sorted by unit;
/// unreadable, foreign-version and stale files are skipped.
std::vector<UnitFacts> readUnitFacts(llvm::StringRef FactsDir,
                                     llvm::StringRef Kind);

/// One step of a chain the link found: a call, and the definition it runs.
struct LinkedStep {
  CallFact Call;
  std::string Target;     ///< USR of the definition run
  std::string TargetName; ///< its name
};

/// The shortest way a function reaches a blocking call through the facts.
struct LinkedReach {
  /// From the function down to the one that blocks (empty when it blocks
  /// itself).
  std::vector<LinkedStep> Chain;
  HitFact Hit;
  /// The files of every function on the way, as they were.
  std::vector<FileStamp> Files;
};

/// A coroutine's call that reaches a blocking call only through functions
/// its own unit does not define: what the per-unit check cannot see.
struct LinkedFinding {
  std::string Unit;
  CallFact Site;
  /// The definitions the call may run that block, by name (virtual calls:
  /// some of the visible ones), and how many it may run.
  std::vector<std::string> BlockingTargets;
  size_t Targets = 0;
  LinkedReach Path; ///< through the first blocking target
};

/// A function that runs once per request only through calls that cross
/// units, and builds a session object: what no unit could see alone.
struct PerRequestFinding {
  std::string Unit;     ///< the unit that defines the function
  std::string RootUnit; ///< the unit that found the root
  /// Why it runs per request: the root unit's steps, then those the link
  /// followed across units, down to the function.
  PerRequestFact Path;
  HitFact Hit; ///< the construction, where the finding is reported
  /// The files of the root, of every step and of the construction, as they
  /// were.
  std::vector<FileStamp> Files;
};

/// How many calls across units the link follows from a function a unit
/// runs once per request.
inline constexpr unsigned PerRequestLinkDepth = 16;

/// The link step: one kind of facts of every unit, resolved by USR across
/// units. findings() and linked() link blocking facts;
/// perRequestFindings() and linkedSessions() link session facts.
class FactsLink {
public:
  explicit FactsLink(std::vector<UnitFacts> Units);

  /// The findings no unit could make alone, in unit and source order.
  std::vector<LinkedFinding> findings() const;

  /// linked.json: for each function the chain to a blocking call, within
  /// the greatest MaxDepth of the units; for each virtual method that is
  /// overridden, the definitions a call to it may run.
  llvm::json::Value linked() const;

  /// Breadth first from every function a unit runs once per request,
  /// through the calls of every unit, up to PerRequestLinkDepth calls away:
  /// each function reached that builds a session object and that no unit
  /// defining it found to run per request (that unit reported it itself).
  /// In the order found: by unit, then by distance.
  std::vector<PerRequestFinding> perRequestFindings() const;

  /// linked-session.json: perRequestFindings(), by USR.
  llvm::json::Value linkedSessions() const;

private:
  struct Function {
    const FunctionFact *Fact;
    size_t Unit;
  };
  /// USRs of the definitions a call may run.
  std::vector<std::string> targets(const CallFact &Call) const;
  /// The shortest chain from \p Usr within \p MaxDepth functions; with
  /// \p OnlyUnit, through that unit's own definitions only.
  std::optional<LinkedReach>
  reach(llvm::StringRef Usr, unsigned MaxDepth,
        std::optional<size_t> OnlyUnit = std::nullopt) const;
  /// The stamps the units took of \p Files, sorted by path.
  std::vector<FileStamp> stampsOf(const llvm::StringSet<> &Files) const;

  std::vector<UnitFacts> Units;
  llvm::StringMap<Function> Functions;
  std::vector<llvm::StringSet<>> Defined; ///< per unit
  llvm::StringMap<std::vector<std::string>> OverridesOf;
};

/// linked.json, as the plugin reads it.
class LinkedFacts {
public:
  /// Reads \p Path; an unreadable or foreign file gives an empty set.
  static LinkedFacts read(llvm::StringRef Path);

  /// The definitions a call to \p Usr may run (\p Virtual: by dispatch).
  std::vector<std::string> targets(llvm::StringRef Usr, bool Virtual) const;
  /// The options fingerprint of each unit whose facts were linked.
  const std::map<std::string, std::string> &unitOptions() const {
    return UnitOptions;
  }
  /// The chain from the definition \p Usr to a blocking call, when there is
  /// one and every file on the way is as it was.
  std::optional<LinkedReach> reach(llvm::StringRef Usr) const;
  std::string nameOf(llvm::StringRef Usr) const;
  bool empty() const { return Reaches.empty(); }

private:
  llvm::StringMap<LinkedReach> Reaches;
  llvm::StringMap<std::vector<std::string>> Dispatch;
  llvm::StringMap<std::string> Names;
  std::map<std::string, std::string> UnitOptions;
};

/// linked-session.json, as the plugin reads it.
class LinkedSessions {
public:
  /// Reads \p Path; an unreadable or foreign file gives an empty set.
  static LinkedSessions read(llvm::StringRef Path);

  /// Why the function \p Usr runs once per request through other units,
  /// when the link found it and every file on the way is as it was.
  std::optional<PerRequestFinding> find(llvm::StringRef Usr) const;
  bool empty() const { return Findings.empty(); }
  /// The options fingerprint of each unit whose facts were linked.
  const std::map<std::string, std::string> &unitOptions() const {
    return UnitOptions;
  }

private:
  llvm::StringMap<PerRequestFinding> Findings;
  std::map<std::string, std::string> UnitOptions;
};

/// A linked file (\p Linked: LinkedFacts or LinkedSessions), read again
/// whenever it changes on disk: the editor stays up across link steps.
template <typename Linked> class LinkedFile {
public:
  /// Whether the linked facts were taken under the options in force now.
  using ValidateFn = llvm::function_ref<bool(const Linked &)>;

  /// The contents of \p Path; null when it is missing or empty, or when
  /// \p Valid (asked once each time the file is read) refuses them.
  const Linked *get(llvm::StringRef Path, ValidateFn Valid) {
    std::optional<FileStamp> Now = stampOf(Path);
    if (!Now)
      return nullptr;
    if (!Stamp || Stamp->Path != Now->Path || Stamp->Size != Now->Size ||
        Stamp->ModTime != Now->ModTime) {
      Contents = Linked::read(Path);
      Stamp = Now;
      Usable = !Contents->empty() && Valid(*Contents);
    }
    return Usable ? &*Contents : nullptr;
  }

private:
  std::optional<Linked> Contents;
  std::optional<FileStamp> Stamp;
  bool Usable = false;
};

/// Whether the linked facts \p UnitOptions (fingerprint by unit) of
/// \p Check hold under the options \p OptionsOf gives each unit now. When
/// they do not, says so once on standard error, naming \p LinkedPath.
bool linkedOptionsHold(
    const std::map<std::string, std::string> &UnitOptions,
    llvm::StringRef Check, llvm::StringRef LinkedPath,
    llvm::function_ref<ClangTidyOptions::OptionMap(llvm::StringRef)> OptionsOf);

/// The texts of a finding the link step makes, the same whichever front end
/// shows it: the warning at \p Site, the note on a virtual call, and the
/// note on each step of the chain.
std::string linkedWarning(const CallFact &Site, const HitFact &Blocks);
std::string linkedVirtualNote(const CallFact &Site,
                              llvm::ArrayRef<std::string> Blocking,
                              size_t Targets);
std::string linkedStepNote(const LinkedStep &Step);

/// The texts of a session per-request finding, the same as the unit's own:
/// the warning at the construction \p Hit in \p Function (its name as
/// Clang prints it), the note at the root, the note at each step, and the
/// advice at the construction.
std::string perRequestWarning(const HitFact &Hit, llvm::StringRef Function,
                              const PerRequestFact &Path);
std::string perRequestRootNote(const PerRequestFact &Path);
std::string perRequestStepNote(const CallFact &Step);
inline constexpr llvm::StringLiteral PerRequestAdvice =
    "create one for the program's lifetime and pass it in by reference";
/// The name a message gives a function: its last name component, as Clang
/// prints a declaration's name.
llvm::StringRef shortName(llvm::StringRef Qualified);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FACTS_H
