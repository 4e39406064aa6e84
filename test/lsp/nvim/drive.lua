-- Drives the ACO language server from headless Neovim as a person would: open a contract with an
-- error, see its diagnostic, fix it, hover, format, rename, apply a quick fix. Writes what it saw
-- as JSON to $ACO_NVIM_OUT. Runs on Neovim 0.7 and newer: it configures the server the way
-- docs/editor.md shows for the installed version (vim.lsp.config, vim.lsp.start or start_client).
local out_path = os.getenv('ACO_NVIM_OUT')
local contract = os.getenv('ACO_NVIM_FILE')
local cmd = vim.split(os.getenv('ACO_NVIM_CMD'), '\t', { plain = true })
local result = { steps = {} }

local function finish(err)
  if err then result.error = err end
  local file = io.open(out_path, 'w')
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('qall!')
end

local ok, failure = pcall(function()
  -- The filetype and comments, as docs/editor.md registers them.
  if vim.fn.has('nvim-0.8') == 1 then
    vim.filetype.add({ extension = { aco = 'aco' } })
  else
    vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.aco', command = 'setfiletype aco' })
  end
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'aco',
    callback = function() vim.bo.commentstring = '// %s' end,
  })

  local config = {
    name = 'aco',
    cmd = cmd,
    filetypes = { 'aco' },
    root_dir = vim.fn.fnamemodify(contract, ':h'),
    settings = { aco = { inlayHints = { enabled = true }, monteCarlo = { trials = 0 } } },
  }
  vim.cmd('edit ' .. vim.fn.fnameescape(contract))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo.filetype
  result.commentstring = vim.bo.commentstring
  if vim.lsp.config and vim.lsp.enable then
    result.setup = 'vim.lsp.config'
    vim.lsp.config('aco', { cmd = config.cmd, filetypes = config.filetypes, root_markers = { '.git' }, settings = config.settings })
    vim.lsp.enable('aco')
    vim.cmd('edit') -- re-trigger FileType so the enabled config attaches to this buffer
  elseif vim.lsp.start then
    result.setup = 'vim.lsp.start'
    vim.lsp.start(config)
  else
    result.setup = 'vim.lsp.start_client'
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, id)
  end

  -- vim.lsp.get_clients is 0.10+; buf_get_clients is what 0.7 has.
  local function client_of(buffer)
    if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buffer })[1] end
    for _, c in pairs(vim.lsp.buf_get_clients(buffer)) do return c end
  end
  local client
  vim.wait(15000, function()
    client = client_of(bufnr)
    return client ~= nil
  end, 50)
  assert(client, 'the language server did not start')

  local function code_of(d) return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) end
  local function codes()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(list, code_of(d)) end
    return list
  end
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnosticsOnOpen = codes()
  result.firstMessage = (vim.diagnostic.get(bufnr)[1] or {}).message

  -- Fix the error by editing the buffer: diagnostics follow the edit.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    if line:find('sharing rate 175%%') then
      vim.api.nvim_buf_set_lines(bufnr, i - 1, i, false, { (line:gsub('175%%', '75%%')) })
    end
  end
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  result.diagnosticsAfterEdit = codes()

  local function line_of(needle)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = line:find(needle, 1, true)
      if col then return i - 1, col - 1 end
    end
  end
  local uri = vim.uri_from_bufnr(bufnr)

  local line, col = line_of('expenditure $1,018.50')
  local hover = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = col + 2 } }, 10000, bufnr)
  result.hover = hover and hover.result and hover.result.contents and hover.result.contents.value

  -- Format a messed-up line; the canonical layout comes back.
  line = line_of('currency USD')
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { 'currency     USD' })
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ async = false, timeout_ms = 10000 })
  else
    vim.lsp.buf.formatting_sync(nil, 10000)
  end
  result.formattedLine = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]

  -- Rename a provider: its declaration and every use.
  line, col = line_of('provider RPC')
  local rename = client.request_sync('textDocument/rename', { textDocument = { uri = uri }, position = { line = line, character = col + 10 }, newName = 'RIVER' }, 10000, bufnr)
  vim.lsp.util.apply_workspace_edit(rename.result, client.offset_encoding or 'utf-16')
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  local _, river = text:gsub('RIVER', '')
  result.renamedCount = river
  result.rpcLeft = text:find('RPC', 1, true) ~= nil

  -- A failing expectation and its quick fix.
  line = line_of('expect earned')
  local current = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { (current:gsub('%$[%d,%.]+', '$1.00')) })
  vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do if d.message:find('Expected %$1%.00') then return true end end
    return false
  end, 50)
  local lsp_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- What Neovim kept of the server's diagnostic (0.7: code and data in user_data.lsp), as LSP.
    table.insert(lsp_diagnostics, vim.tbl_extend('force', (d.user_data and d.user_data.lsp) or {}, {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      message = d.message, code = code_of(d), severity = d.severity }))
  end
  local actions = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri }, range = lsp_diagnostics[1].range, context = { diagnostics = lsp_diagnostics },
  }, 10000, bufnr)
  result.actionDiagnostics = lsp_diagnostics
  local action = actions.result and actions.result[1]
  assert(action, 'no code action: ' .. vim.inspect(actions))
  result.codeAction = action.title
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  result.expectLine = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1]
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
  result.diagnosticsAfterFix = codes()
end)
finish(not ok and tostring(failure) or nil)
