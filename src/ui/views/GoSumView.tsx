// Every go.sum line tidy keeps, adds or removes: which hash it is (the module zip's h1: or its
// go.mod's), for which module version, and why (from tidy's report).
import { useMemo } from 'react';
import type { TidyReport } from '../../core/commands/modtidy';
import type { SumReasons } from '../../core/views/sumReasons';
import { classifySums } from './diffs';

export function GoSumView({ report, why }: { report: TidyReport; why?: SumReasons }) {
  const lines = useMemo(() => classifySums(report, why), [report, why]);
  const n = (s: string) => lines.filter((l) => l.status === s).length;
  return (
    <section className="gosumview" aria-label="go.sum lines" data-testid="gosum-view">
      <h4>
        go.sum after tidy: {lines.length - n('removed')} lines ({n('kept')} kept, {n('added')} added), {n('removed')} removed
      </h4>
      <table>
        <thead>
          <tr>
            <th>module</th>
            <th>version</th>
            <th>hash of</th>
            <th>status</th>
            <th>why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.status + l.line} data-testid="gosum-line" data-status={l.status} data-hash={l.hash} data-compat={l.reason.startsWith('kept for -compat') ? 'yes' : undefined} className={`sum-${l.status}`}>
              <td className="mono">{l.module}</td>
              <td className="mono">{l.version}</td>
              <td>{l.hash === 'zip' ? 'module zip (h1: of its files)' : 'go.mod file'}</td>
              <td>{l.status}</td>
              <td>{l.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
