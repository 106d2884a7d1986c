-- SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
-- Run by test/editors/nvim.test in `nvim --headless`, after the configuration
-- from docs/editors.md has opened a C++ file: waits for the server's
-- diagnostics, prints the clients and diagnostics, and quits (exit status 1
-- when none arrived).
local arrived = vim.wait(60000, function()
  return #vim.diagnostic.get(0) > 0
end, 100)
for _, client in ipairs(vim.lsp.get_active_clients()) do
  io.stdout:write(string.format('client %s: %s, root %s\n', client.name,
    table.concat(client.config.cmd, ' '), client.config.root_dir))
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write(string.format('diagnostic %d:%d %s %s\n', d.lnum + 1,
    d.col + 1, tostring(d.code), d.message))
end
if not arrived then
  io.stdout:write('no diagnostics arrived\n')
  vim.cmd('cquit 1')
end
vim.cmd('qa!')
