//===--- BlockingApis.cpp - the functions that block the calling thread ---===//
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception

#include "BlockingApis.h"
#include "Names.h"
#include "TaskTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::async::utils {

namespace {

using C = BlockingCategory;
using M = BlockingMatch;
using R = BlockingRemedy;

// The built-in knowledge. Names are resolved declarations: the callee's
// qualified name, or Class::method where Class declares the method or is the
// static type of the object it is called on. `asio::` names cover Boost.Asio
// as well. Async twins (`async_read_some`, `async_write`, ...) are not listed:
// they take a completion token and do not block.
constexpr llvm::StringLiteral QtReadyReadAdvice =
    "await the signal instead: 'co_await qCoro(device).waitForReadyRead()' "
    "(or waitForBytesWritten)";
constexpr llvm::StringLiteral QtConnectedAdvice =
    "await the signal instead: 'co_await qCoro(socket).waitForConnected()' "
    "(or waitForDisconnected)";

const BlockingApi BuiltinApis[] = {
    // Sleeping the thread.
    {"std::this_thread::sleep_for", C::Sleep, M::Function, R::SleepFor},
    {"std::this_thread::sleep_until", C::Sleep, M::Function, R::SleepUntil},
    {"sleep", C::Sleep, M::CFunction, R::SleepSeconds},
    {"usleep", C::Sleep, M::CFunction, R::SleepMicroseconds},
    {"{nanosleep,clock_nanosleep}", C::Sleep, M::CFunction, R::SleepOther},
    {"asio::basic_waitable_timer::wait", C::Sleep, M::Function, R::AsyncTwin},
    {"asio::basic_deadline_timer::wait", C::Sleep, M::Function, R::AsyncTwin},

    // Waiting on a thread primitive.
    {"std::future::{get,wait}", C::Wait, M::Function, R::Offload},
    {"std::future::{wait_for,wait_until}", C::Wait, M::Function, R::Offload, "",
     /*ZeroTimeoutPolls=*/true},
    {"std::shared_future::{get,wait}", C::Wait, M::Function, R::Offload},
    {"std::shared_future::{wait_for,wait_until}", C::Wait, M::Function,
     R::Offload, "", /*ZeroTimeoutPolls=*/true},
    {"std::thread::join", C::Wait, M::Function, R::Offload},
    {"std::jthread::join", C::Wait, M::Function, R::Offload},
    {"std::condition_variable::{wait,wait_for,wait_until}", C::Wait,
     M::Function, R::Offload},
    {"std::condition_variable_any::{wait,wait_for,wait_until}", C::Wait,
     M::Function, R::Offload},
    {"std::latch::{wait,arrive_and_wait}", C::Wait, M::Function, R::Offload},
    {"std::barrier::{wait,arrive_and_wait}", C::Wait, M::Function, R::Offload},
    {"std::counting_semaphore::acquire", C::Wait, M::Function, R::Offload},
    {"std::counting_semaphore::{try_acquire_for,try_acquire_until}", C::Wait,
     M::Function, R::Offload, "", /*ZeroTimeoutPolls=*/true},
    {"std::atomic::wait", C::Wait, M::Function, R::Offload},
    {"std::atomic_flag::wait", C::Wait, M::Function, R::Offload},
    {"asio::thread_pool::{join,wait}", C::Wait, M::Function, R::Offload},

    // Waiting for a task: these start the task and block the thread on an
    // event until it completes elsewhere; they run no loop of their own.
    {"cppcoro::sync_wait", C::Wait, M::Function, R::AwaitArgument},
    {"coro::sync_wait", C::Wait, M::Function, R::AwaitArgument},
    {"async_simple::coro::syncAwait", C::Wait, M::Function, R::AwaitArgument},

    // Running a nested event loop: blockingWait drives its own executor
    // and sync_wait a run_loop on the calling thread until the work is done.
    {"folly::coro::blockingWait", C::EventLoop, M::Function, R::AwaitArgument},
    {"stdexec::sync_wait", C::EventLoop, M::Function,
     R::AwaitArgumentIfDiscarded},
    {"std::this_thread::sync_wait", C::EventLoop, M::Function,
     R::AwaitArgumentIfDiscarded},
    {"asio::io_context::{run,run_one,run_for,run_until,run_one_for,"
     "run_one_until,poll,poll_one}",
     C::EventLoop, M::Function, R::Advice,
     "run the io_context outside coroutines (for example in main) and "
     "co_spawn work onto it; inside a coroutine, await the work instead"},
    {"QCoro::waitFor", C::EventLoop, M::Function, R::Advice,
     "await the task instead: 'co_await task'", /*ZeroTimeoutPolls=*/false,
     /*LocalOnDatagram=*/false, /*ReadyTaskReturns=*/true},
    {"QEventLoop::exec", C::EventLoop, M::Function, R::Advice,
     "await the signal that would end the loop instead, e.g. 'co_await "
     "qCoro(object, &Class::signal)'"},

    // Synchronous network I/O: Asio and Beast operations without a
    // completion token...
    {"asio::basic_socket::connect", C::Network, M::Function, R::AsyncTwin, "",
     /*ZeroTimeoutPolls=*/false, /*LocalOnDatagram=*/true},
    {"asio::basic_socket::wait", C::Network, M::Function, R::AsyncTwin},
    {"asio::basic_stream_socket::{read_some,write_some,receive,send}",
     C::Network, M::Function, R::AsyncTwin},
    {"asio::basic_datagram_socket::{receive,receive_from,send,send_to}",
     C::Network, M::Function, R::AsyncTwin},
    {"asio::basic_raw_socket::{receive,receive_from,send,send_to}", C::Network,
     M::Function, R::AsyncTwin},
    {"asio::basic_seq_packet_socket::{receive,send}", C::Network, M::Function,
     R::AsyncTwin},
    {"asio::basic_socket_acceptor::{accept,wait}", C::Network, M::Function,
     R::AsyncTwin},
    {"asio::ip::basic_resolver::resolve", C::Network, M::Function,
     R::AsyncTwin},
    {"asio::ssl::stream::{handshake,shutdown,read_some,write_some}", C::Network,
     M::Function, R::AsyncTwin},
    {"asio::{read,write,connect,read_until}", C::Network, M::Function,
     R::AsyncTwin},
    {"boost::beast::http::{read,read_some,read_header,write,write_some,"
     "write_header}",
     C::Network, M::Function, R::AsyncTwin},
    {"boost::beast::websocket::stream::{read,read_some,write,write_some,"
     "accept,handshake,close,ping,pong}",
     C::Network, M::Function, R::AsyncTwin},
    {"boost::beast::basic_stream::{connect,read_some,write_some}", C::Network,
     M::Function, R::AsyncTwin},
    {"boost::beast::ssl_stream::{handshake,shutdown,read_some,write_some}",
     C::Network, M::Function, R::AsyncTwin},
    // ...POSIX sockets and name resolution...
    {"{read,write,recv,send,recvfrom,sendto,recvmsg,sendmsg,connect,accept,"
     "accept4,select,pselect,poll,ppoll,epoll_wait,epoll_pwait,getaddrinfo,"
     "gethostbyname,gethostbyaddr}",
     C::Network, M::CFunction, R::Offload},
    // ...and synchronous HTTP clients.
    {"curl_easy_perform", C::Network, M::CFunction, R::Offload},
    {"httplib::Client::{Get,Head,Post,Put,Patch,Delete,Options,send}",
     C::Network, M::Function, R::Offload},
    {"httplib::ClientImpl::{Get,Head,Post,Put,Patch,Delete,Options,send}",
     C::Network, M::Function, R::Offload},
    {"httplib::Server::{listen,listen_after_bind}", C::Network, M::Function,
     R::Offload},
    {"cpr::{Get,Post,Put,Patch,Delete,Head,Options,Download}", C::Network,
     M::Function, R::Offload},
    {"cpr::Session::{Get,Post,Put,Patch,Delete,Head,Options,Download}",
     C::Network, M::Function, R::Offload},

    // Child processes.
    {"{system,popen,pclose,waitpid,wait}", C::Process, M::CFunction,
     R::Offload},

    // File I/O: C stdio and POSIX files, std file streams, Asio files.
    {"{fopen,freopen,fclose,fread,fwrite,fgets,fputs,fgetc,fputc,getc,putc,"
     "fscanf,fprintf,vfscanf,vfprintf,fflush,getline,getdelim,open,openat,"
     "creat,pread,pwrite,fsync,fdatasync}",
     C::FileIO, M::CFunction, R::Offload},
    {"std::{basic_ifstream,basic_ofstream,basic_fstream,basic_filebuf}",
     C::FileIO, M::StreamObject, R::Offload},
    {"asio::basic_stream_file::{read_some,write_some}", C::FileIO, M::Function,
     R::AsyncTwin},
    {"asio::basic_random_access_file::{read_some_at,write_some_at}", C::FileIO,
     M::Function, R::AsyncTwin},
    {"asio::{read_at,write_at}", C::FileIO, M::Function, R::AsyncTwin},

    // Qt: sleeping, waiting on threads, and the waitFor... family of its I/O
    // classes, which run no event loop while they wait. QCoro awaits the
    // same signals.
    {"QThread::{sleep,msleep,usleep}", C::Sleep, M::Function, R::Advice,
     "suspend on a timer instead: 'co_await QCoro::sleepFor(<duration>)'"},
    {"QTest::qWait", C::Sleep, M::Function, R::Advice,
     "suspend on a timer instead: 'co_await QCoro::sleepFor(<duration>)'"},
    {"QThread::wait", C::Wait, M::Function, R::Advice,
     "await the thread's 'finished' signal instead: 'co_await "
     "qCoro(thread).waitForFinished()'"},
    {"QThreadPool::waitForDone", C::Wait, M::Function, R::Offload},
    {"QFuture::waitForFinished", C::Wait, M::Function, R::Advice,
     "await the future instead: 'co_await qCoro(future)'"},
    {"QFutureWatcherBase::waitForFinished", C::Wait, M::Function, R::Advice,
     "await the future instead: 'co_await qCoro(future)'"},
    {"{QWaitCondition::wait,QSemaphore::acquire}", C::Wait, M::Function,
     R::Offload},
    {"QIODevice::{waitForReadyRead,waitForBytesWritten}", C::Network,
     M::Function, R::Advice, QtReadyReadAdvice},
    {"QAbstractSocket::{waitForReadyRead,waitForBytesWritten}", C::Network,
     M::Function, R::Advice, QtReadyReadAdvice},
    {"QLocalSocket::{waitForReadyRead,waitForBytesWritten}", C::Network,
     M::Function, R::Advice, QtReadyReadAdvice},
    {"QProcess::{waitForReadyRead,waitForBytesWritten}", C::Network,
     M::Function, R::Advice, QtReadyReadAdvice},
    {"QSerialPort::{waitForReadyRead,waitForBytesWritten}", C::Network,
     M::Function, R::Advice, QtReadyReadAdvice},
    {"QAbstractSocket::{waitForConnected,waitForDisconnected}", C::Network,
     M::Function, R::Advice, QtConnectedAdvice},
    {"QLocalSocket::{waitForConnected,waitForDisconnected}", C::Network,
     M::Function, R::Advice, QtConnectedAdvice},
    {"QTcpServer::waitForNewConnection", C::Network, M::Function, R::Advice,
     "await the signal instead: 'co_await "
     "qCoro(server).waitForNewConnection()'"},
    {"QLocalServer::waitForNewConnection", C::Network, M::Function, R::Advice,
     "await the signal instead: 'co_await "
     "qCoro(server).waitForNewConnection()'"},
    {"QProcess::{waitForStarted,waitForFinished}", C::Process, M::Function,
     R::Advice,
     "await the signal instead: 'co_await qCoro(process).waitForFinished()' "
     "(or waitForStarted)"},
    {"QDialog::exec", C::EventLoop, M::Function, R::Advice,
     "open the dialog with 'open()' and await its 'finished' signal instead"},

    // Console input: waits for the user.
    {"std::{cin,wcin}", C::Console, M::StreamVariable, R::Offload},
    {"{getchar,scanf,gets}", C::Console, M::CFunction, R::Offload},

    // CPU-heavy work on every call: password hashing and key derivation are
    // slow by design (their cost is a parameter tuned to take tens or
    // hundreds of milliseconds), and so is generating keys.
    {"{PKCS5_PBKDF2_HMAC,PKCS5_PBKDF2_HMAC_SHA1,EVP_PBE_scrypt,"
     "EVP_PBE_scrypt_ex}",
     C::Cpu, M::CFunction, R::Offload},
    {"{crypto_pwhash,crypto_pwhash_str,crypto_pwhash_str_verify,"
     "crypto_pwhash_argon2i,crypto_pwhash_argon2i_str,"
     "crypto_pwhash_argon2i_str_verify,crypto_pwhash_argon2id,"
     "crypto_pwhash_argon2id_str,crypto_pwhash_argon2id_str_verify,"
     "crypto_pwhash_scryptsalsa208sha256,"
     "crypto_pwhash_scryptsalsa208sha256_str,"
     "crypto_pwhash_scryptsalsa208sha256_str_verify}",
     C::Cpu, M::CFunction, R::Offload},
    {"{argon2_hash,argon2i_hash_raw,argon2i_hash_encoded,argon2d_hash_raw,"
     "argon2d_hash_encoded,argon2id_hash_raw,argon2id_hash_encoded,"
     "argon2i_verify,argon2d_verify,argon2id_verify,argon2_verify}",
     C::Cpu, M::CFunction, R::Offload},
    {"{crypt,crypt_r,crypt_rn,crypt_ra}", C::Cpu, M::CFunction, R::Offload},
    {"{RSA_generate_key_ex,RSA_generate_multi_prime_key,EVP_PKEY_keygen,"
     "EVP_PKEY_generate,EVP_PKEY_paramgen,DH_generate_parameters_ex,"
     "DSA_generate_parameters_ex,EVP_PKEY_Q_keygen}",
     C::Cpu, M::CFunction, R::Offload},
    // Whole-buffer compression: its cost grows with the buffer, which the
    // code rarely bounds; StrictMode only.
    {"{compress,compress2,uncompress,uncompress2,ZSTD_compress,"
     "ZSTD_decompress,ZSTD_compressCCtx,ZSTD_decompressDCtx,"
     "BZ2_bzBuffToBuffCompress,BZ2_bzBuffToBuffDecompress,LZ4_compress_HC,"
     "BrotliEncoderCompress,BrotliDecoderDecompress}",
     C::Cpu, M::CFunction, R::Offload, "", /*ZeroTimeoutPolls=*/false,
     /*LocalOnDatagram=*/false, /*ReadyTaskReturns=*/false,
     /*StrictOnly=*/true},
};

// The operations on a std file stream that reach the file. Inspecting the
// stream's state (is_open, good, eof, ...) does not.
constexpr llvm::StringLiteral StreamOperations[] = {
    "open",    "close", "read",       "readsome",   "write", "get",
    "getline", "put",   "flush",      "ignore",     "peek",  "sync",
    "seekg",   "seekp", "operator>>", "operator<<",
};

// A user entry from BlockingFunctions.
const BlockingApi UserApi = {"", C::User, M::Function, R::Offload};

struct CategoryName {
  BlockingCategory Category;
  llvm::StringLiteral Name;
};
constexpr CategoryName CategoryNames[] = {
    {C::Sleep, "sleep"},
    {C::Wait, "wait"},
    {C::EventLoop, "event-loop"},
    {C::Network, "network"},
    {C::Process, "process"},
    {C::FileIO, "file-io"},
    {C::Console, "console"},
    {C::Cpu, "cpu"},
    {C::User, "user"},
};

/// `ns::{a,b}` -> `ns::a`, `ns::b`; any other name stays as it is.
llvm::SmallVector<std::string, 4> expandNames(llvm::StringRef Names) {
  llvm::SmallVector<std::string, 4> Result;
  Names = Names.trim();
  size_t Open = Names.find('{');
  if (Open == llvm::StringRef::npos || !Names.ends_with("}")) {
    Result.push_back(Names.str());
    return Result;
  }
  llvm::StringRef Prefix = Names.take_front(Open);
  llvm::SmallVector<llvm::StringRef, 8> Items;
  Names.slice(Open + 1, Names.size() - 1)
      .split(Items, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items)
    Result.push_back((Prefix + Item.trim()).str());
  return Result;
}

llvm::StringRef lastComponent(llvm::StringRef Name) {
  size_t Colons = Name.rfind("::");
  return Colons == llvm::StringRef::npos ? Name : Name.drop_front(Colons + 2);
}

/// The class whose method \p Call calls on an object, as the object's static
/// type names it; null for other calls.
const CXXRecordDecl *objectClass(const CallExpr *Call) {
  const Expr *Object = nullptr;
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  else if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call))
    if (llvm::isa_and_nonnull<CXXMethodDecl>(Op->getDirectCallee()) &&
        Op->getNumArgs() > 0)
      Object = Op->getArg(0);
  if (!Object)
    return nullptr;
  // Look through the conversion to the base that declares the method.
  QualType T = Object->IgnoreImpCasts()->getType();
  if (T->isPointerType())
    T = T->getPointeeType();
  return classDeclOf(T);
}

/// The first operand of \p Call: the object of a member call, the left
/// operand of an operator, or the first argument.
const Expr *firstOperand(const CallExpr *Call) {
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call))
    return Member->getImplicitObjectArgument();
  return Call->getNumArgs() > 0 ? Call->getArg(0) : nullptr;
}

/// \p Idiom with each `{0}` replaced by the namespace of \p F as the file at
/// \p Loc spells it.
std::string withNamespace(NamespaceAliases &Aliases, const ASTContext &Ctx,
                          llvm::StringRef Idiom, Framework F,
                          SourceLocation Loc) {
  if (Idiom.empty())
    return {};
  std::string Namespace = Aliases.spell(Ctx, profile(F).Namespace, Loc);
  std::string Result;
  for (;;) {
    size_t At = Idiom.find("{0}");
    Result += Idiom.take_front(At).str();
    if (At == llvm::StringRef::npos)
      return Result;
    Result += Namespace;
    Idiom = Idiom.drop_front(At + 3);
  }
}

} // namespace

const char DefaultBlockingCategories[] =
    "sleep;wait;event-loop;network;process;console;cpu";

llvm::StringRef categoryName(BlockingCategory Category) {
  for (const CategoryName &N : CategoryNames)
    if (N.Category == Category)
      return N.Name;
  return "";
}

std::optional<BlockingCategory> categoryFromName(llvm::StringRef Name) {
  Name = Name.trim();
  for (const CategoryName &N : CategoryNames)
    if (N.Category != C::User && N.Name == Name)
      return N.Category;
  return std::nullopt;
}

llvm::StringRef categoryEffect(BlockingCategory Category) {
  switch (Category) {
  case C::Sleep:
    return "sleeping";
  case C::Wait:
    return "waiting for another thread";
  case C::EventLoop:
    return "a nested event loop";
  case C::Network:
    return "synchronous network I/O";
  case C::Process:
    return "waiting for a child process";
  case C::FileIO:
    return "synchronous file I/O";
  case C::Console:
    return "waiting for console input";
  case C::Cpu:
    return "CPU-heavy work";
  case C::User:
    break;
  }
  return "the call";
}

llvm::ArrayRef<BlockingApi> builtinBlockingApis() { return BuiltinApis; }

std::string normaliseAsioName(llvm::StringRef QualifiedName) {
  QualifiedName = QualifiedName.trim();
  QualifiedName.consume_front("::");
  if (QualifiedName.starts_with("boost::asio::"))
    QualifiedName = QualifiedName.drop_front(strlen("boost::"));
  return QualifiedName.str();
}

BlockingApiTable::BlockingApiTable(llvm::StringRef Categories,
                                   llvm::StringRef Extra,
                                   llvm::StringRef Ignored, bool Strict) {
  for (const std::string &Name : splitList(Ignored))
    IgnoredNames.insert(normaliseAsioName(Name));

  llvm::SmallVector<BlockingCategory, 8> Enabled;
  for (const std::string &Name : splitList(Categories))
    if (std::optional<BlockingCategory> Category = categoryFromName(Name))
      Enabled.push_back(*Category);

  for (const BlockingApi &Api : BuiltinApis) {
    if (!llvm::is_contained(Enabled, Api.Category) ||
        (Api.StrictOnly && !Strict))
      continue;
    for (const std::string &Name : expandNames(Api.Names)) {
      std::string Key = normaliseAsioName(Name);
      if (IgnoredNames.contains(Key))
        continue;
      if (Api.Match == M::StreamObject) {
        StreamClasses[Key] = &Api;
        continue;
      }
      if (Api.Match == M::StreamVariable) {
        StreamVariables[Key] = &Api;
        continue;
      }
      ShortNames.insert(lastComponent(Key));
      Entries[Key] = {&Api, ""};
    }
  }

  // User entries extend the table, and replace a built-in of the same name.
  for (const std::string &Item : splitList(Extra)) {
    auto [Names, Suggestion] = llvm::StringRef(Item).split('=');
    for (const std::string &Name : expandNames(Names)) {
      std::string Key = normaliseAsioName(Name);
      if (Key.empty() || IgnoredNames.contains(Key))
        continue;
      ShortNames.insert(lastComponent(Key));
      Entries[Key] = {&UserApi, Suggestion.trim().str()};
    }
  }
}

bool BlockingApiTable::isIgnored(const NamedDecl *D) const {
  return D && !IgnoredNames.empty() &&
         IgnoredNames.contains(normaliseAsioName(qualifiedName(D)));
}

const BlockingApiTable::Entry *
BlockingApiTable::find(llvm::StringRef QualifiedName,
                       const FunctionDecl *Callee, std::string &DisplayName,
                       llvm::StringRef Display) const {
  auto It = Entries.find(normaliseAsioName(QualifiedName));
  if (It == Entries.end())
    return nullptr;
  if (It->second.Api->Match == M::CFunction && !(Callee && Callee->isExternC()))
    return nullptr;
  DisplayName = Display.str();
  return &It->second;
}

/// Whether \p RD is an Asio datagram socket (`ip::udp::socket`), or derives
/// from one.
static bool isDatagramSocket(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  if (normaliseAsioName(qualifiedName(RD)) == "asio::basic_datagram_socket")
    return true;
  return llvm::any_of(RD->bases(), [](const CXXBaseSpecifier &Base) {
    return isDatagramSocket(Base.getType()->getAsCXXRecordDecl());
  });
}

std::optional<BlockingCall> BlockingApiTable::lookup(const Expr *E) const {
  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  if (!Call)
    return lookupStream(E);
  std::string Display;

  // A customisation-point object such as stdexec::sync_wait is a variable:
  // the call is its operator().
  if (const auto *Op = llvm::dyn_cast<CXXOperatorCallExpr>(Call);
      Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0) {
    if (const auto *Ref =
            llvm::dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->getIdentifier() && Var->hasGlobalStorage() &&
          ShortNames.contains(Var->getName())) {
        std::string Name = qualifiedName(Var);
        if (const Entry *Found = find(Name, nullptr, Display, Name))
          return BlockingCall{Found->Api, Display, Found->Suggestion};
      }
  }

  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee && Callee->getIdentifier() &&
      ShortNames.contains(Callee->getName())) {
    std::string Name = qualifiedName(Callee);
    if (const Entry *Found = find(Name, Callee, Display, Name)) {
      if (Found->Api->LocalOnDatagram && isDatagramSocket(objectClass(Call)))
        return std::nullopt;
      return BlockingCall{Found->Api, Display, Found->Suggestion};
    }
    // A method inherited from a base the table does not name, such as
    // libstdc++'s std::__basic_future::wait called on a std::future.
    if (const CXXRecordDecl *Object = objectClass(Call)) {
      std::string ObjectName =
          qualifiedName(Object) + "::" + Callee->getName().str();
      if (ObjectName != Name)
        if (const Entry *Found = find(ObjectName, Callee, Display, ObjectName))
          return BlockingCall{Found->Api, Display, Found->Suggestion};
    }
  }
  if (!Callee)
    if (const auto *Unresolved = llvm::dyn_cast<UnresolvedLookupExpr>(
            Call->getCallee()->IgnoreParenImpCasts()))
      return lookupDependent(Unresolved);
  return lookupStream(E);
}

std::optional<BlockingCall>
BlockingApiTable::lookupDependent(const UnresolvedLookupExpr *Callee) const {
  // Only a qualified name: an unqualified one may find other functions by
  // argument-dependent lookup at instantiation.
  if (!Callee->getQualifierLoc() || Callee->getNumDecls() == 0 ||
      !Callee->getName().isIdentifier() ||
      !ShortNames.contains(Callee->getName().getAsIdentifierInfo()->getName()))
    return std::nullopt;
  const Entry *Match = nullptr;
  std::string Display;
  for (const NamedDecl *Candidate : Callee->decls()) {
    const FunctionDecl *Function =
        Candidate->getUnderlyingDecl()->getAsFunction();
    if (!Function)
      return std::nullopt;
    std::string Name = qualifiedName(Function);
    const Entry *Found = find(Name, Function, Display, Name);
    if (!Found || (Match && Found != Match))
      return std::nullopt;
    Match = Found;
  }
  return BlockingCall{Match->Api, Display, Match->Suggestion,
                      /*Dependent=*/true};
}

std::optional<BlockingCall>
BlockingApiTable::lookupStream(const Expr *E) const {
  // A read from a console stream: `std::cin >> x`, `std::getline(std::cin,
  // line)`, `std::cin.get()`.
  if (!StreamVariables.empty())
    if (const auto *Call = llvm::dyn_cast<CallExpr>(E))
      if (const Expr *Operand = firstOperand(Call))
        if (const auto *Ref =
                llvm::dyn_cast<DeclRefExpr>(Operand->IgnoreParenImpCasts()))
          if (const auto *Var = llvm::dyn_cast<VarDecl>(Ref->getDecl());
              Var && Var->hasGlobalStorage() && Var->getIdentifier()) {
            std::string Name = qualifiedName(Var);
            auto It = StreamVariables.find(Name);
            const FunctionDecl *Callee = Call->getDirectCallee();
            if (It != StreamVariables.end() && Callee) {
              // `std::cin >>`, `std::cin.get`, `std::getline`.
              std::string Display = qualifiedName(Callee);
              if (Callee->isOverloadedOperator())
                Display = Name + " " +
                          getOperatorSpelling(Callee->getOverloadedOperator());
              else if (llvm::isa<CXXMethodDecl>(Callee))
                Display = Name + "." + Callee->getNameAsString();
              return BlockingCall{It->second, Display, ""};
            }
          }
  if (StreamClasses.empty())
    return std::nullopt;
  auto StreamApi = [this](QualType T) -> const BlockingApi * {
    const CXXRecordDecl *RD = classDeclOf(T);
    if (!RD || !RD->getIdentifier())
      return nullptr;
    auto It = StreamClasses.find(qualifiedName(RD));
    return It == StreamClasses.end() ? nullptr : It->second;
  };

  // Opening a file: a stream constructed from arguments (not copied/moved).
  if (const auto *Construct = llvm::dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = Construct->getConstructor();
    if (Construct->getNumArgs() == 0 || Ctor->isCopyOrMoveConstructor() ||
        llvm::isa<CXXDefaultArgExpr>(Construct->getArg(0)))
      return std::nullopt;
    if (const BlockingApi *Api = StreamApi(Construct->getType()))
      return BlockingCall{Api,
                          qualifiedName(Ctor->getParent()) +
                              "::" + Ctor->getParent()->getName().str(),
                          ""};
    return std::nullopt;
  }

  const auto *Call = llvm::dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee)
    return std::nullopt;
  std::string Name = Callee->getNameAsString();
  if (!llvm::is_contained(StreamOperations, Name))
    return std::nullopt;
  const Expr *Operand = firstOperand(Call);
  if (!Operand)
    return std::nullopt;
  // Look through the derived-to-base conversion to the stream's own type.
  QualType StreamType = Operand->IgnoreImpCasts()->getType();
  if (StreamType->isPointerType())
    StreamType = StreamType->getPointeeType();
  const BlockingApi *Api = StreamApi(StreamType);
  if (!Api)
    return std::nullopt;
  std::string Display =
      llvm::isa<CXXMethodDecl>(Callee)
          ? qualifiedName(classDeclOf(StreamType)) + "::" + Name
          : qualifiedName(Callee);
  return BlockingCall{Api, Display, ""};
}

std::string offloadIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                         Framework F, SourceLocation Loc) {
  return withNamespace(Aliases, Ctx, profile(F).OffloadIdiom, F, Loc);
}

std::string timerIdiom(NamespaceAliases &Aliases, const ASTContext &Ctx,
                       Framework F, SourceLocation Loc) {
  return withNamespace(Aliases, Ctx, profile(F).TimerIdiom, F, Loc);
}

std::optional<AsyncTwin> asyncTwinOf(const CallExpr *Call,
                                     const ASTContext &Ctx) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return std::nullopt;
  const std::string Name = qualifiedName(Callee);
  const Framework Library =
      llvm::StringRef(Name).starts_with("boost::")  ? Framework::BoostAsio
      : llvm::StringRef(Name).starts_with("asio::") ? Framework::Asio
                                                    : Framework::Unknown;
  if (Library == Framework::Unknown)
    return std::nullopt;
  std::string Twin = "async_" + Callee->getName().str();
  if (const auto *Member = llvm::dyn_cast<CXXMemberCallExpr>(Call)) {
    QualType T =
        Member->getImplicitObjectArgument()->IgnoreImpCasts()->getType();
    if (T->isPointerType())
      T = T->getPointeeType();
    if (!findMember(T->getAsCXXRecordDecl(), Twin))
      return std::nullopt;
  } else if (!findDeclaration(
                 Ctx, (llvm::StringRef(Name).rsplit("::").first + "::" + Twin)
                          .str())) {
    return std::nullopt;
  }
  return AsyncTwin{std::move(Twin), Library};
}

} // namespace clang::tidy::async::utils
