import checkSignalInLoop from './check-signal-in-loop.js';
import noAbortAsFailure from './no-abort-as-failure.js';
import noNeverAbortingSignal from './no-never-aborting-signal.js';
import noUnlinkedTimeout from './no-unlinked-timeout.js';
import requireAbortCleanup from './require-abort-cleanup.js';
import requireSignal from './require-signal.js';

export const rules = {
  'check-signal-in-loop': checkSignalInLoop,
  'no-abort-as-failure': noAbortAsFailure,
  'no-never-aborting-signal': noNeverAbortingSignal,
  'no-unlinked-timeout': noUnlinkedTimeout,
  'require-abort-cleanup': requireAbortCleanup,
  'require-signal': requireSignal,
};
