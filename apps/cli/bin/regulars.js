#!/usr/bin/env node
// The `regulars` command. The code is TypeScript, run through tsx's loader (Node 20 cannot run
// .ts files by itself).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
