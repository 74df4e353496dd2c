import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';

/**
 * Shared SDK clients. Each one reads its API key from the environment
 * (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY).
 */
export const openai = new OpenAI();
export const anthropic = new Anthropic();
export const genai = new GoogleGenAI({ apiKey: process.env['GEMINI_API_KEY'] });

export const models = {
  chat: process.env['CHAT_MODEL'] ?? 'gpt-4.1-mini',
  embedding: 'text-embedding-3-small',
  review: 'claude-sonnet-4-5',
  translate: 'gemini-2.5-flash',
} as const;

/** Upper bound for a single model call made while an HTTP client is waiting. */
export const MODEL_TIMEOUT_MS = 20_000;

/** Upper bound for a multi-step agent run (several model calls and tool calls). */
export const AGENT_TIMEOUT_MS = 90_000;
