import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import express from 'express';

import { admin } from './routes/admin.js';
import { createSupportMcpServer } from './tools/mcp.js';

/**
 * Node entry point for the internal services: the admin API and the MCP endpoint.
 * The public assistant API (routes/assistant.ts) is deployed separately.
 */
const app = express();
app.use(express.json({ limit: '1mb' }));

app.use('/admin', admin);

app.post('/mcp', async (req, res) => {
  const server = createSupportMcpServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

const port = Number(process.env['PORT'] ?? 3001);
app.listen(port, () => {
  console.log(`admin API and MCP endpoint listening on :${port}`);
});
