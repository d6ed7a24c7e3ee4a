#!/usr/bin/env node
// The qiaoliang command: the CLI in src/cli.ts, run from source through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
