-- Headless Neovim (0.7.2: no vim.lsp.start, no -l) as a second LSP client of dist/server.js.
-- IMR_SERVER=dist/server.js IMR_FILE=letter.imr IMR_OUT=out.json IMR_EXPECT_COUNT=5 \
--   nvim --headless --clean -c 'luafile scripts/e2e/nvim-check.lua'
-- Writes {published, diagnostics, symbols, error} as JSON to IMR_OUT; exits 0 when the server
-- published diagnostics for the buffer (the comparison with the CLI is done by nvim-test.js).
local file = os.getenv('IMR_FILE')
local server = os.getenv('IMR_SERVER')
local out = os.getenv('IMR_OUT')
local expect = tonumber(os.getenv('IMR_EXPECT_COUNT') or '-1')
local timeout = tonumber(os.getenv('IMR_TIMEOUT_MS') or '15000')

local result = { published = false, diagnostics = {}, symbols = {}, error = vim.NIL }

local function finish(ok)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  if ok then vim.cmd('qall!') else vim.cmd('cquit 1') end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(buf)

  -- Record that the server published diagnostics for this buffer (also when there are none).
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, res, ctx, config)
    orig(e, res, ctx, config)
    if res and res.uri == uri then result.published = true end
  end

  local id = vim.lsp.start_client({
    name = 'imr-lint',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  if not id then error('could not start the language server') end
  vim.lsp.buf_attach_client(buf, id)

  vim.wait(timeout, function()
    return result.published and (expect < 0 or #vim.diagnostic.get(buf) == expect)
  end, 10)

  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source or vim.NIL,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
    })
  end

  local resp = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol',
    { textDocument = { uri = uri } }, 5000)
  for _, r in pairs(resp or {}) do
    for _, s in ipairs(r.result or {}) do table.insert(result.symbols, s.name) end
  end

  vim.lsp.stop_client(id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 10)
end)
if not ok then result.error = tostring(err) end
finish(ok and result.published)
