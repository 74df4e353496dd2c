import checkSignalInLoop from './check-signal-in-loop.js';
import requireSignal from './require-signal.js';

export const rules = {
  'check-signal-in-loop': checkSignalInLoop,
  'require-signal': requireSignal,
};
