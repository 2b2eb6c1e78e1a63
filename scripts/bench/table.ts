/** The bench's figures as text tables for the terminal. */
import { BUDGETS, checkBudgets } from './budgets';
import { CPU_CLOCK } from './common';
import type { BenchResults } from './results';

function table(title: string, head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((row) => row.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [
    `\n${title}`,
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.slice(1).map(line),
  ].join('\n');
}

const f = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? 'missing' : value.toFixed(digits);

export function formatResults(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`CPU figures: ${CPU_CLOCK}. Wall-clock figures include waiting for a core on a shared machine.`);
  out.push(
    `Machine: ${m.nproc} cores, ${m.cpuModel}, Node ${m.node}, ${m.platform}, ${m.totalMemoryMb} MB; ` +
      `load average ${m.loadAverageBefore.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${m.loadAverageAfter.map((l) => l.toFixed(2)).join(' ')} after; commit ${m.commit}` +
      (m.uncommittedFiles ? ` + ${m.uncommittedFiles} uncommitted files` : ''),
  );

  const c = results.coldStart;
  if (c)
    out.push(
      table(
        `1. Cold start (median of ${c.runs} fresh processes each; the app's load is timed as core, then the rest)`,
        ['load', 'require CPU ms', 'require wall ms', 'peak RSS MB', 'heap after GC MB'],
        [
          [
            'node alone',
            f(c.node.loadCpuMs, 2),
            f(c.node.loadMs, 2),
            f(c.node.maxRssMb),
            f(c.node.heapUsedMb),
          ],
          [
            'zapier-platform-core alone',
            f(c.core.loadCpuMs),
            f(c.core.loadMs),
            f(c.core.maxRssMb),
            f(c.core.heapUsedMb),
          ],
          [
            'app (index.js, core included)',
            f(c.app.loadCpuMs),
            f(c.app.loadMs),
            f(c.app.maxRssMb),
            f(c.app.heapUsedMb),
          ],
          ['  of which the app on top of core', f(c.extraCpuMs), f(c.extraMs), '', ''],
          [
            `app / core in the same process (budget <= ${BUDGETS.coldStartRatio}, CPU)`,
            `${f(c.ratio, 3)}x`,
            `${f(c.wallRatio, 3)}x`,
            `+${f(c.app.maxRssMb - c.core.maxRssMb)}`,
            `+${f(c.app.heapUsedMb - c.core.heapUsedMb, 2)}`,
          ],
          [
            `  range over processes; separate-process ratio ${f(c.separateProcessesRatio, 3)}x`,
            `${f(c.ratioRange[0], 3)}..${f(c.ratioRange[1], 3)}`,
            '',
            '',
            '',
          ],
        ],
      ),
    );

  const a = results.actions;
  if (a?.length)
    out.push(
      table(
        `2. Per action against the in-process sandbox (median of ${a[0]?.runs} processes x ` +
          `${a[0]?.actionsPerRun} actions; ms per action)`,
        [
          'action (input)',
          'requests/run',
          'body bytes',
          'app tester',
          'raw POST',
          'ratio',
          'overhead',
          'CPU app',
          'CPU raw',
          'CPU ratio',
        ],
        a.map((x) => [
          `${x.key} (${x.input})`,
          x.requestsPerRun
            ? `${x.requestsPerRun.schema ? `${f(x.requestsPerRun.schema, 2)} schema + ` : ''}${f(x.requestsPerRun.upload, 2)} upload`
            : 'missing',
          x.bodyBytes,
          f(x.appMsPerAction, 2),
          f(x.rawMsPerAction, 2),
          `${f(x.ratio, 2)}x`,
          f(x.overheadMsPerAction, 2),
          f(x.appCpuMsPerAction, 2),
          f(x.rawCpuMsPerAction, 2),
          `${f(x.cpuRatio, 2)}x`,
        ]),
      ),
    );

  const w = results.work;
  if (w) {
    out.push(
      table(
        `3. The app's own work per record, upsert_profile, no HTTP (median of ${w.runs} processes)`,
        ['input', 'properties', 'input bytes', 'CPU us/record', 'runs min..max', 'wall us/record'],
        [
          ...w.cases.map((x) => [
            x.label,
            x.properties,
            x.inputBytes,
            f(x.cpuUs),
            `${f(x.cpuUsRange[0], 0)}..${f(x.cpuUsRange[1], 0)}`,
            f(x.wallUs),
          ]),
          [
            'first record after start-up (HubSpot contact)',
            '',
            '',
            f(w.firstCall.cpuUs, 0),
            '',
            f(w.firstCall.wallUs, 0),
          ],
        ],
      ),
    );
    const g = w.growth;
    out.push(
      table(
        `   Growth with 512-character rows (CPU): fit ${f(g.fit.interceptUs)} us + ${f(g.fit.usPerProperty, 2)} ` +
          `us/property, r2 ${f(g.fit.r2, 3)}, superlinearity ${f(g.superlinearity, 2)}: ` +
          (g.linear ? 'linear' : 'NOT linear'),
        ['properties', 'CPU us/record', 'wall us/record', 'CPU us/extra property'],
        g.points.map((p) => [p.properties, f(p.cpuUs), f(p.wallUs), f(p.cpuUsPerExtraProperty, 2)]),
      ),
    );
  }

  const z = results.zip;
  out.push(
    table(
      '4. Build zip',
      ['zip', 'bytes', 'files'],
      [
        ['as built (--skip-dep-install)', z.built?.bytes ?? 'missing', z.built?.files ?? 'missing'],
        ['production packages only', z.production?.bytes ?? 'missing', z.production?.files ?? 'missing'],
        [
          `  of which zapier-platform-core's tree (${z.app?.corePackages ?? 'missing'} packages)`,
          z.app?.coreBytes ?? 'missing',
          '',
        ],
        [
          `  of which the app's own (budget <= ${BUDGETS.appZipBytes.toLocaleString('en-US')})`,
          z.app?.bytes ?? 'missing',
          z.app?.files ?? 'missing',
        ],
      ],
    ),
  );
  if (z.app?.parts.length)
    out.push(
      table(
        "   The app's own share by part (bytes in the zip, headers included)",
        ['part', 'bytes', 'files'],
        z.app.parts.map((p) => [p.part, p.bytes, p.files]),
      ),
    );
  if (z.largestParts.length)
    out.push(
      table(
        '   Largest parts of the production zip',
        ['part', 'compressed bytes', 'files'],
        z.largestParts.map((p) => [p.part, p.bytes, p.files]),
      ),
    );
  if (z.error) out.push(`   zip: ${z.error}`);

  out.push(
    table(
      'Budgets',
      ['budget', 'limit', 'actual', 'verdict'],
      checkBudgets(results).map((check) => [
        check.name,
        check.budget,
        check.actual,
        check.ok ? 'ok' : 'OVER',
      ]),
    ),
  );
  for (const error of results.errors) out.push(`error: ${error}`);
  return out.join('\n');
}
