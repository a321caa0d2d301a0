import { Dimension, Metric } from './metric-names';
import { bind, METRICS } from './metrics';

describe('metric statements', () => {
  it('bind named values to positional parameters, each once, leaving other colons alone', () => {
    const [text, params] = bind(`SELECT :run, :period, x::text FROM t WHERE a >= :start AND b < :end AND c = :run`, { run: 'r', period: '2025-12', start: 1, end: 2, first: 3 });
    expect(text).toBe(`SELECT $1, $2, x::text FROM t WHERE a >= $3 AND b < $4 AND c = $1`);
    expect(params).toEqual(['r', '2025-12', 1, 2]);
  });

  it('never select an id column into a statistics row', () => {
    for (const m of METRICS) {
      const selected = m.sql.slice(m.sql.indexOf('SELECT'), m.sql.indexOf('FROM'));
      expect({ metric: m.metric, dimension: m.dimension, idSelected: /\b\w*_?id\b(?!\))/.test(selected.replace(/count\(DISTINCT [^)]*\)/g, '')) }).toEqual({ metric: m.metric, dimension: m.dimension, idSelected: false });
    }
  });

  it('write the metric and dimension they are declared with, and only names of the catalogue', () => {
    const metrics = new Set<string>(Object.values(Metric));
    const dimensions = new Set<string>(Object.values(Dimension));
    for (const m of METRICS) {
      if (m.metric !== '*' && m.dimension !== '*') expect(m.sql).toContain(`'${m.metric}', '${m.dimension}'`);
      expect(m.sql).not.toContain(':metric');
      // Every quoted name in a select list's metric/dimension place is in the catalogue.
      for (const [, metric, dimension] of m.sql.matchAll(/program_code, '([a-z-]+)', '([a-z-]+)'/g)) {
        expect([metric, metrics.has(metric), dimension, dimensions.has(dimension)]).toEqual([metric, true, dimension, true]);
      }
    }
  });
});
