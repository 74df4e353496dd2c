import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

import { summarizeTicket } from '../services/answers.js';

const TICKETS_API = process.env['TICKETS_API_URL'] ?? 'http://tickets.internal:8080';

const Ticket = z.object({
  id: z.string(),
  subject: z.string(),
  status: z.enum(['open', 'pending', 'solved']),
  messages: z.array(z.object({ author: z.string(), body: z.string() })),
});
type Ticket = z.infer<typeof Ticket>;

async function loadTicket(ticketId: string, signal?: AbortSignal): Promise<Ticket> {
  const response = await fetch(`${TICKETS_API}/tickets/${encodeURIComponent(ticketId)}`, { signal });
  if (!response.ok) {
    throw new Error(`ticket ${ticketId}: HTTP ${response.status}`);
  }
  return Ticket.parse(await response.json());
}

function formatThread(ticket: Ticket): string {
  return ticket.messages.map((message) => `${message.author}: ${message.body}`).join('\n\n');
}

/**
 * MCP server that exposes the ticket system to the agents' IDE assistants.
 * A new instance is created per HTTP request (stateless Streamable HTTP).
 */
export function createSupportMcpServer(): McpServer {
  const server = new McpServer({ name: 'acme-support', version: '1.4.0' });

  server.registerTool(
    'lookup_ticket',
    {
      title: 'Look up a ticket',
      description: 'Returns the subject, status and full message thread of a support ticket.',
      inputSchema: { ticketId: z.string().describe('ticket id, e.g. T-10432') },
    },
    async ({ ticketId }, extra) => {
      const ticket = await loadTicket(ticketId, extra.signal);
      return { content: [{ type: 'text', text: JSON.stringify(ticket, null, 2) }] };
    },
  );

  server.registerTool(
    'summarize_ticket',
    {
      title: 'Summarize a ticket',
      description: 'Summarizes a long ticket thread in a few bullet points.',
      inputSchema: { ticketId: z.string() },
    },
    // The handler never looks at the request's cancellation: when the IDE cancels the tool
    // call (or its 60 s timeout fires), the ticket download and the model call run to the end anyway.
    async ({ ticketId }) => {
      const ticket = await loadTicket(ticketId);
      const summary = await summarizeTicket(formatThread(ticket));
      return { content: [{ type: 'text', text: summary }] };
    },
  );

  return server;
}
