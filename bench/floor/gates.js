// See rule.js.
import { makeFloorPlugin } from './rule.js';

export default makeFloorPlugin('gates');
