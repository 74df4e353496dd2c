/** The error an SDK rejects with when its signal aborts, when that error is not named `'AbortError'`. */
export interface SdkAbortError {
  /** The class to test with `instanceof`. */
  readonly className: string;
  /** Its `.name` at runtime. */
  readonly name: string;
}

/**
 * Measured at runtime (see "Cancellation error recognition" in the signal
 * survey). A name check such as `error.name === 'AbortError'` never matches
 * these, so the SDK's cancellation falls through to the failure path.
 */
const SDK_ABORT_ERRORS: readonly (readonly [RegExp, SdkAbortError])[] = [
  [/^openai$/, { className: 'APIUserAbortError', name: 'Error' }],
  [/^groq-sdk$/, { className: 'APIUserAbortError', name: 'Error' }],
  [/^@openai\/agents/, { className: 'APIUserAbortError', name: 'Error' }],
  [/^@anthropic-ai\/sdk$/, { className: 'APIUserAbortError', name: 'APIUserAbortError' }],
  [/^@mistralai\/mistralai$/, { className: 'RequestAbortedError', name: 'RequestAbortedError' }],
  [/^cohere-ai$/, { className: 'CohereError', name: 'CohereError' }],
  [/^@modelcontextprotocol\/sdk$/, { className: 'McpError', name: 'McpError' }],
  [/^axios$/, { className: 'CanceledError', name: 'CanceledError' }],
];

/**
 * The abort error of the package that declares a call, when its name is not
 * `'AbortError'`; `undefined` for packages that reject with the signal's
 * reason or an `AbortError` (fetch, Node, the AI SDK, @google/genai).
 *
 * @example getSdkAbortError('openai') // { className: 'APIUserAbortError', name: 'Error' }
 */
export function getSdkAbortError(packageName: string | undefined): SdkAbortError | undefined {
  if (packageName === undefined) return undefined;
  return SDK_ABORT_ERRORS.find(([pattern]) => pattern.test(packageName))?.[1];
}
