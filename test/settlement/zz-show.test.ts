import { it } from 'vitest';
import { settle } from '../../language/settlement/index.js';
import { exampleModel } from './example-contract.js';
it('show', () => {
  const m = exampleModel();
  const s = settle(m, m.scenarios[0]);
  for (const st of s.steps) console.log(st.step.padEnd(22), String(st.line).padEnd(4), st.amount?.toString() ?? '', '|', st.explanation);
});
