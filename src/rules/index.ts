import checkSignalInLoop from './check-signal-in-loop.js';
import requireAbortCleanup from './require-abort-cleanup.js';
import requireSignal from './require-signal.js';

export const rules = {
  'check-signal-in-loop': checkSignalInLoop,
  'require-abort-cleanup': requireAbortCleanup,
  'require-signal': requireSignal,
};
