// Which part of the repository may import which: the zones of import-x/no-restricted-paths.
// `target` is the importing file, `from` what it must not import. Folders that do not exist yet
// (packages/records, packages/runtime) are listed so their rules hold from their first file.

/** Tests, their helpers, benches, examples and dev scripts: these may use tools/*. */
export const TEST_AND_DEV_FILES = [
  '**/*.test.ts',
  '**/*.test-support.ts',
  'test/**',
  'bench/**',
  'packages/*/examples/**',
  'packages/*/scripts/**',
];

/** `testOrDev` files may import tools/*; every other rule holds for them too. */
export function boundaryZones({ testOrDev }) {
  const zones = [
    {
      target: 'packages/protocol',
      from: [
        'apps',
        'services',
        'tools',
        'test',
        'bench',
        'packages/client',
        'packages/records',
        'packages/runtime',
      ],
      message: 'packages/protocol imports nothing of ours.',
    },
    {
      target: 'packages/runtime',
      from: [
        'apps',
        'services',
        'tools',
        'test',
        'bench',
        'packages/protocol',
        'packages/client',
        'packages/records',
      ],
      message: 'packages/runtime imports nothing of ours.',
    },
    {
      target: 'packages/records',
      from: ['apps', 'services', 'tools', 'test', 'bench', 'packages/client', 'packages/runtime'],
      message: 'packages/records may import only packages/protocol.',
    },
    {
      target: 'packages/client',
      from: ['services/collector', 'services/writer', 'packages/records'],
      message: 'packages/client is below the collector/writer seam.',
    },
    {
      target: 'services/collector',
      from: 'services/writer',
      message: 'The collector and the writer meet only through packages/records.',
    },
    {
      target: 'services/writer',
      from: 'services/collector',
      message: 'The collector and the writer meet only through packages/records.',
    },
    {
      target: 'tools/simulator',
      from: 'packages/client',
      message: 'The simulator must not share code with the client it tests.',
    },
    {
      // test/ drives the CLI in-process (runCli, allFields), so it is the one exception.
      target: ['packages', 'services', 'tools', 'bench'],
      from: 'apps',
      message: 'apps/* is the composition root: only apps (and the integration tests) import it.',
    },
  ];
  if (!testOrDev) {
    zones.push(
      {
        target: 'packages',
        from: ['services', 'apps', 'tools'],
        message: 'packages/* are libraries: no services, apps or tools outside tests.',
      },
      {
        target: 'services',
        from: ['apps', 'tools'],
        message: 'services/* never import apps or tools outside tests.',
      },
      {
        target: ['apps', 'tools'],
        from: 'tools/simulator/src/testing.ts',
        message: '@danmaku/simulator/testing is for tests and benches.',
      },
    );
  }
  return zones;
}
