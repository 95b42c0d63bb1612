import { registerAzure } from '@omnifn/azure';
import { add } from './add';

/**
 * The Azure Functions entry point (Node.js v4 model): package.json `main` points the worker at
 * the built `dist/azure.mjs`, which registers `POST /api/add`.
 */
registerAzure(add, { trigger: 'http', methods: ['POST'], route: 'add', authLevel: 'anonymous' });
