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
//   <facts dir>/units/<hash of the unit's path>.blocking.json
//       what each function of one unit blocks on directly, and what it
//       calls (written by the parse that checks the unit);
//   <facts dir>/linked.json
//       for each function that reaches a blocking call through other units,
//       the shortest chain (written by `async-lint` or `async-lint link`,
//       read by the plugin and async-clangd).
//
// Each file records the size and modification time of the files its facts
// came from; facts whose files have changed since are stale and ignored, so
// an edit never leaves a finding behind on a callee that no longer blocks.
//
//===----------------------------------------------------------------------===//

#ifndef ASYNC_LINT_UTILS_FACTS_H
#define ASYNC_LINT_UTILS_FACTS_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async::utils {

/// The version of the facts format; files of another version are ignored.
inline constexpr unsigned FactsVersion = 1;

/// A place in a source file.
struct FactSite {
  std::string File; ///< absolute
  unsigned Offset = 0;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A call a function makes to a user function.
struct CallFact {
  std::string Callee; ///< USR of the function the call names
  std::string Name;   ///< its name as findings show it
  /// 0: a call, 1: a lambda's call operator, 2: a construction.
  unsigned Kind = 0;
  /// The call dispatches dynamically: it runs the callee or an override.
  bool Virtual = false;
  FactSite At;
};

/// The first blocking call in a function's body.
struct BlockingFact {
  std::string Api; ///< the name findings show
  unsigned Category = 0;
  FactSite At;
};

struct FunctionFact {
  std::string Usr;
  std::string Name;
  FactSite At;
  /// A coroutine: its calls are where findings are reported, and it is not
  /// followed into (it runs on the executor, not on its caller's stack).
  bool Coroutine = false;
  std::optional<BlockingFact> Blocks;
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

struct UnitFacts {
  std::string Unit; ///< the main file, absolute
  /// The check's MaxDepth in this unit.
  unsigned MaxDepth = 0;
  std::vector<FileStamp> Files;
  std::vector<FunctionFact> Functions; ///< sorted by USR
};

llvm::json::Value toJson(const UnitFacts &Facts);
llvm::Expected<UnitFacts> unitFactsFromJson(const llvm::json::Value &V);

/// Where a unit's facts go in \p FactsDir: units/<hash>.<Kind>.json.
std::string unitFactsPath(llvm::StringRef FactsDir, llvm::StringRef Unit,
                          llvm::StringRef Kind);
std::string linkedFactsPath(llvm::StringRef FactsDir);

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
  BlockingFact Blocks;
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

/// The link step: every unit's facts, resolved by USR across units.
class FactsLink {
public:
  explicit FactsLink(std::vector<UnitFacts> Units);

  /// The findings no unit could make alone, in unit and source order.
  std::vector<LinkedFinding> findings() const;

  /// linked.json: for each function the chain to a blocking call, within
  /// the greatest MaxDepth of the units; for each virtual method that is
  /// overridden, the definitions a call to it may run.
  llvm::json::Value linked() const;

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
  /// The chain from the definition \p Usr to a blocking call, when there is
  /// one and every file on the way is as it was.
  std::optional<LinkedReach> reach(llvm::StringRef Usr) const;
  std::string nameOf(llvm::StringRef Usr) const;
  bool empty() const { return Reaches.empty(); }

private:
  llvm::StringMap<LinkedReach> Reaches;
  llvm::StringMap<std::vector<std::string>> Dispatch;
  llvm::StringMap<std::string> Names;
};

/// The texts of a finding the link step makes, the same whichever front end
/// shows it: the warning at \p Site, the note on a virtual call, and the
/// note on each step of the chain.
std::string linkedWarning(const CallFact &Site, const BlockingFact &Blocks);
std::string linkedVirtualNote(const CallFact &Site,
                              llvm::ArrayRef<std::string> Blocking,
                              size_t Targets);
std::string linkedStepNote(const LinkedStep &Step);

} // namespace clang::tidy::async::utils

#endif // ASYNC_LINT_UTILS_FACTS_H
