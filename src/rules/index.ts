import requireSignal from './require-signal.js';

export const rules = {
  'require-signal': requireSignal,
};
