import { genai, MODEL_TIMEOUT_MS, models } from '../clients.js';

/** Translates an agent's reply into the customer's language. */
export async function translateReply(text: string, targetLanguage: string, signal: AbortSignal): Promise<string> {
  const response = await genai.models.generateContent({
    model: models.translate,
    contents: text,
    config: {
      systemInstruction: `Translate the user's text into ${targetLanguage}. Keep product names and code untouched.`,
      temperature: 0,
      abortSignal: AbortSignal.any([signal, AbortSignal.timeout(MODEL_TIMEOUT_MS)]),
    },
  });
  return response.text ?? text;
}

/** Detects the language of a customer message, as a BCP 47 tag. */
export async function detectLanguage(text: string, signal: AbortSignal): Promise<string> {
  const response = await genai.models.generateContent({
    model: models.translate,
    contents: text,
    config: {
      systemInstruction: 'Reply with the BCP 47 language tag of the text and nothing else.',
      // The 30 s budget replaces the caller's signal instead of being added to it:
      // a request the customer abandoned still keeps this call running for up to 30 seconds.
      abortSignal: AbortSignal.timeout(30_000),
    },
  });
  return response.text?.trim() || 'en';
}
