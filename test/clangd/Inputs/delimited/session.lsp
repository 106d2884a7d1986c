{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"processId":null,"rootUri":"file://@DIR@","capabilities":{"textDocument":{"publishDiagnostics":{"codeDescriptionSupport":true}}}}}
---
{"jsonrpc":"2.0","method":"initialized","params":{}}
---
{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file://@DIR@/main.cpp","languageId":"cpp","version":1,"text":"#include <cppcoro/task.hpp>\ncppcoro::task<int> fetch();\ncppcoro::task<> user() {\n  fetch();\n  co_return;\n}\n"}}}
---
{"jsonrpc":"2.0","id":1,"method":"shutdown"}
---
{"jsonrpc":"2.0","method":"exit"}
