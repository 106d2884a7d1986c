//===--- SerialResources.cpp - objects that serialise their users ---------===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "SerialResources.h"
#include "TaskTypes.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

namespace clang::tidy::async::utils {

/// I/O objects that carry one operation (or one direction of operations) at a
/// time, by the qualified name of their class or class template. Classes
/// whose names end in one of SerialNameEndings are found without a list.
static const char *const BuiltinSerialTypes[] = {
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
static const char *const SerialNameEndings[] = {
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

/// Members that make a class an I/O stream by its shape.
static const char *const StreamOperations[] = {
    "async_read_some", "async_write_some", "async_accept",
    "read_some",       "write_some",
};

/// Pairs of members that make a class a queue, a channel or a connection by
/// its shape: it has both ends.
static const std::pair<const char *, const char *> BothEnds[] = {
    {"produce", "consume"}, {"push", "pop"},
    {"enqueue", "dequeue"}, {"send", "receive"},
    {"send", "recv"},       {"async_send", "async_receive"},
    {"read", "write"},      {"async_read", "async_write"},
};

/// Timer classes by the qualified name of their class template. Classes
/// whose names end in "timer" are found without a list.
static const char *const BuiltinTimerTypes[] = {
    "boost::asio::basic_waitable_timer",
    "boost::asio::basic_deadline_timer",
    "asio::basic_waitable_timer",
    "asio::basic_deadline_timer",
};

bool endsWithWord(llvm::StringRef Name, llvm::StringRef Word) {
  if (Name.size() < Word.size() || !Name.ends_with_insensitive(Word))
    return false;
  size_t Start = Name.size() - Word.size();
  return Start == 0 || Name[Start - 1] == '_' || llvm::isUpper(Name[Start]);
}

SerialResources::SerialResources(llvm::StringRef SerialTypes,
                                 llvm::StringRef ConcurrentTypes)
    : Serial(SerialTypes), Concurrent(ConcurrentTypes) {
  for (const char *Name : BuiltinSerialTypes)
    Serial.add(Name);
  for (const char *Name : BuiltinTimerTypes)
    Timers.add(Name);
}

bool SerialResources::isSerialClass(const CXXRecordDecl *RD) {
  if (!RD)
    return false;
  RD = RD->getCanonicalDecl();
  auto [It, Inserted] = SerialCache.try_emplace(RD, false);
  if (Inserted)
    It->second =
        !isConcurrent(RD) && (serialByItself(RD, 0) || ownsSerialMember(RD, 0));
  return It->second;
}

bool SerialResources::isTimerClass(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || Depth > 8)
    return false;
  const NamedDecl *Id = identityOf(RD);
  if (Timers.contains(Id))
    return true;
  if (!isWithinStd(Id) && Id->getIdentifier() &&
      endsWithWord(Id->getName(), "timer"))
    return true;
  if (const CXXRecordDecl *Def = definitionOf(RD))
    for (const CXXBaseSpecifier &Base : Def->bases())
      if (isTimerClass(classDeclOf(Base.getType()), Depth + 1))
        return true;
  return false;
}

bool SerialResources::isConcurrent(const CXXRecordDecl *RD) const {
  return RD && Concurrent.contains(identityOf(RD));
}

bool SerialResources::serialByItself(const CXXRecordDecl *RD, unsigned Depth) {
  if (!RD || Depth > 8)
    return false;
  const NamedDecl *Id = identityOf(RD);
  if (Concurrent.contains(Id))
    return false;
  if (Serial.contains(Id))
    return true;
  // Standard library streams and queues are not asynchronous resources.
  if (isWithinStd(Id))
    return false;
  if (Id->getIdentifier())
    for (const char *Ending : SerialNameEndings)
      if (endsWithWord(Id->getName(), Ending))
        return true;
  const CXXRecordDecl *Def = definitionOf(RD);
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
    if (serialByItself(classDeclOf(Base.getType()), Depth + 1))
      return true;
  return false;
}

// The class (or a base) has a data member that is a serial resource, held
// by value, by reference, by pointer or by smart pointer.
bool SerialResources::ownsSerialMember(const CXXRecordDecl *RD,
                                       unsigned Depth) {
  const CXXRecordDecl *Def = definitionOf(RD);
  if (!Def || Depth > 4)
    return false;
  for (const FieldDecl *Field : Def->fields()) {
    QualType T = Field->getType().getNonReferenceType();
    if (const auto *Ptr = T->getAs<PointerType>())
      T = Ptr->getPointeeType();
    const CXXRecordDecl *Member = classDeclOf(T);
    if (const auto *Spec =
            llvm::dyn_cast_or_null<ClassTemplateSpecializationDecl>(Member);
        Spec && isWithinStd(Spec) && Spec->getTemplateArgs().size() > 0 &&
        Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
        llvm::is_contained(llvm::ArrayRef<llvm::StringRef>{"unique_ptr",
                                                           "shared_ptr",
                                                           "optional"},
                           Spec->getName()))
      Member = classDeclOf(Spec->getTemplateArgs()[0].getAsType());
    if (Member && !isConcurrent(Member) && serialByItself(Member, 0))
      return true;
  }
  for (const CXXBaseSpecifier &Base : Def->bases())
    if (ownsSerialMember(classDeclOf(Base.getType()), Depth + 1))
      return true;
  return false;
}

} // namespace clang::tidy::async::utils
