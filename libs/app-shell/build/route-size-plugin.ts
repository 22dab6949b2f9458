import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

// Prints, after each production build, how much gzipped JavaScript a first visit to one route
// downloads: the entry chunk and everything it imports statically, plus the route's own lazily
// loaded chunks (and their static imports), plus the default language's start-up catalogues.
// With `goalKb` the figure is printed next to the goal and the build fails above it, so the goal
// cannot slip silently. BC_BUNDLE_REPORT=1 also lists the chunks and the biggest modules.

type OutputChunk = {
  type: 'chunk';
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  modules: Record<string, { renderedLength: number }>;
};

export type RouteSizeOptions = {
  /** A readable name, e.g. 'log-in'. */
  route: string;
  /** Module paths (suffixes) the route loads lazily, e.g. ['app/routes/auth/log-in.tsx']. */
  lazyModules: string[];
  /** The most the route may load; the build fails above it. */
  goalKb?: number;
};

export function routeSizeReport({ route, lazyModules, goalKb }: RouteSizeOptions): Plugin {
  return {
    name: 'bc-route-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter(
        (item): item is OutputChunk & typeof item => item.type === 'chunk',
      ) as unknown as OutputChunk[];
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const counted = new Set<string>();
      const add = (chunk: OutputChunk | undefined) => {
        if (!chunk || counted.has(chunk.fileName)) return;
        counted.add(chunk.fileName);
        for (const name of chunk.imports) add(byName.get(name));
      };
      chunks.filter((chunk) => chunk.isEntry).forEach(add);
      for (const suffix of lazyModules) {
        const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(suffix));
        if (!chunk) this.error(`route-size: no chunk for ${suffix}`);
        add(chunk);
      }
      let total = 0;
      const rows: string[] = [];
      for (const name of counted) {
        const size = gzipSync(byName.get(name)!.code).length;
        total += size;
        rows.push(`  ${(size / 1024).toFixed(1).padStart(6)} kB  ${name}`);
      }
      const kb = total / 1024;
      const goal = goalKb === undefined ? '' : ` (goal < ${goalKb} kB: ${kb < goalKb ? 'met' : 'NOT MET'})`;
      // One line that stands out in the build output; the chunk list on demand.
      this.info(`${route} route: ${kb.toFixed(1)} kB gz in ${counted.size} chunks${goal}`);
      if (process.env.BC_BUNDLE_REPORT) this.info(rows.join('\n'));
      if (process.env.BC_BUNDLE_REPORT) {
        const modules = [...counted]
          .flatMap((name) =>
            Object.entries(byName.get(name)!.modules).map(([id, m]) => [m.renderedLength, id] as const),
          )
          .sort((a, b) => b[0] - a[0])
          .slice(0, 25);
        this.info(modules.map(([length, id]) => `  ${(length / 1024).toFixed(1)} kB raw  ${id}`).join('\n'));
      }
      if (goalKb !== undefined && kb >= goalKb)
        this.error(`the ${route} route loads ${kb.toFixed(1)} kB gz, not under its goal of ${goalKb} kB`);
    },
  };
}
