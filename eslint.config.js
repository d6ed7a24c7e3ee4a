import js from '@eslint/js';
import { dirname, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * What a module may import from another: its service, its contracts and its pages' index. Its tests (and its own
 * test factories and checks) may also use the other's factories, testing.ts. Nothing else.
 */
const openDoors = ['service.ts', 'schema.ts', 'ui/index.ts'];
const testDoors = [...openDoors, 'testing.ts'];
const forTests = (file) => /\.test\.ts$|\/(testing|checks)\.ts$/.test(file);

const boundaries = {
  rules: {
    'module-boundaries': {
      meta: { type: 'problem', schema: [], docs: { description: "a module reaches another only through that module's service.ts, schema.ts or ui/index.ts" } },
      create(context) {
        const own = /\/src\/modules\/([^/]+)\//.exec(context.filename)?.[1];
        if (!own) return {};
        const check = (source) => {
          if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
          const target = /\/src\/modules\/([^/]+)\/(.+)$/.exec(resolve(dirname(context.filename), source.value));
          const doors = forTests(context.filename) ? testDoors : openDoors;
          if (!target || target[1] === own || doors.includes(target[2])) return;
          context.report({ node: source, message: `reach the ${target[1]} module only through its ${doors.join(', ')} (not ${target[2]})` });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'e2e/screenshots/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/service.ts', 'src/**/store.ts', 'src/**/employers.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'fastify', message: 'services and stores never import HTTP types' }] }] },
  },
  {
    // An allow-list, over pages and server code alike: another module's service, contracts and pages' index only.
    files: ['src/modules/**/*.ts', 'src/modules/**/*.tsx'],
    plugins: { qiaoliang: boundaries },
    rules: { 'qiaoliang/module-boundaries': 'error' },
  },
);
