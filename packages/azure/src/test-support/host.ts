import Module, { createRequire } from 'node:module';
import type { EventKind, Handler } from '@omnifn/core';
import { type AzureRegistration, registerAzure } from '../register-azure';
import type { AzureOptions } from '../to-azure';

/**
 * @internal A stand-in for the Azure Functions host (REAL-PARTS.md §2.3). The Node worker gives
 * `@azure/functions` a virtual `@azure/functions-core` module; this installs one that captures
 * registrations, then invokes each function the way the worker does, through the library's own
 * `ProgrammingModel`: getInvocationModel → getArguments → invokeFunction → getResponse. The
 * host itself (and the gRPC channel) cannot run here, so the RPC messages are built by hand
 * in the shape the host sends (see the rpc-trigger-metadata fixtures).
 */

/** One `RpcTypedData` value: what the host sends for an input or a metadata entry. */
export type RpcTypedData = Readonly<Record<string, unknown>>;

interface Binding {
  readonly type?: string;
  readonly direction?: string;
  readonly [key: string]: unknown;
}

interface FunctionMetadata {
  readonly name: string;
  readonly bindings: Readonly<Record<string, Binding>>;
}

interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: Callback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<Record<string, unknown>>;
}

interface ProgrammingModel {
  readonly name: string;
  readonly version: string;
  getInvocationModel(coreCtx: unknown): InvocationModel;
}

type Callback = (...args: unknown[]) => unknown;

interface FakeCore {
  programmingModel: ProgrammingModel | undefined;
  readonly registered: Map<string, { metadata: FunctionMetadata; callback: Callback }>;
}

const STATE = Symbol.for('omnifn.azure.test-host');
const FAKE_ID = '\0omnifn-fake:@azure/functions-core';

/** Installs the fake core once per process (the library caches the core module it found). */
function fakeCore(): FakeCore {
  const global = globalThis as { [STATE]?: FakeCore };
  const existing = global[STATE];
  if (existing) return existing;
  const state: FakeCore = { programmingModel: undefined, registered: new Map() };
  const core = {
    setProgrammingModel(model: ProgrammingModel) {
      state.programmingModel = model;
    },
    getProgrammingModel: () => state.programmingModel,
    registerFunction(metadata: FunctionMetadata, callback: Callback) {
      state.registered.set(metadata.name, { metadata, callback });
      return { dispose: () => state.registered.delete(metadata.name) };
    },
    registerHook: () => ({ dispose() {} }),
    log() {},
  };
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === '@azure/functions-core' ? FAKE_ID : resolve.call(this, request, ...rest);
  };
  const cache = createRequire(import.meta.url).cache as Record<string, unknown>;
  cache[FAKE_ID] = { id: FAKE_ID, filename: FAKE_ID, loaded: true, exports: core, children: [], paths: [] };
  global[STATE] = state;
  return state;
}

/** What one invocation produced, as the worker would see it. */
export interface HostOutcome {
  /** The handler's resolved value, when it resolved. */
  readonly result?: unknown;
  /** The `RpcInvocationResponse` the worker would send (when the handler resolved). */
  readonly response?: Record<string, unknown>;
  /** Why `invokeFunction` rejected, when it did: the host then retries or dead-letters. */
  readonly error?: unknown;
  /** User logs, as `[level, message]`. */
  readonly logs: ReadonlyArray<readonly [string, string]>;
  /** The `InvocationContext` the library built. */
  readonly context: unknown;
  /** The trigger input the library built (`HttpRequest`, Buffer, parsed JSON…). */
  readonly input: unknown;
}

export interface HostInvoke {
  /** The trigger's `RpcTypedData`, e.g. `{ string: '…' }`, `{ bytes }`, `{ json }`, `{ http }`. */
  readonly data: RpcTypedData;
  readonly triggerMetadata?: Readonly<Record<string, RpcTypedData>>;
  readonly invocationId?: string;
  readonly traceParent?: string;
}

/** A function registered through `registerAzure` and captured by the stand-in host. */
export interface HostFunction {
  readonly metadata: FunctionMetadata;
  /** The trigger binding's name and its registered options. */
  readonly triggerName: string;
  invoke(request: HostInvoke): Promise<HostOutcome>;
}

/**
 * Registers a handler with `registerAzure` against the stand-in host and returns the captured
 * function, ready to be invoked as the worker would.
 * @example const fn = registerOnHost(add, { trigger: 'http', methods: ['POST'] }); await fn.invoke({ data: { http } });
 */
export function registerOnHost<K extends EventKind, V>(
  handler: Handler<K, V>,
  registration: AzureRegistration,
  options?: AzureOptions,
): HostFunction {
  installHost();
  registerAzure(handler, registration, options);
  return hostFunction(handler.name);
}

/** Installs the stand-in host; call it before importing an entry file that registers functions. */
export function installHost(): void {
  fakeCore();
}

/** A function some module registered (through `registerAzure` or `app.*`) on the stand-in host. */
export function hostFunction(name: string): HostFunction {
  const state = fakeCore();
  const captured = state.registered.get(name);
  const model = state.programmingModel;
  if (captured === undefined || model === undefined) {
    throw new Error(`test host: "${name}" was not registered with the fake @azure/functions-core`);
  }
  const { metadata, callback } = captured;
  const triggerName = Object.keys(metadata.bindings).find((name) =>
    /trigger$/i.test(metadata.bindings[name]?.type ?? ''),
  );
  if (triggerName === undefined) throw new Error(`test host: "${name}" has no trigger binding`);
  return {
    metadata,
    triggerName,
    async invoke(request) {
      const invocationId = request.invocationId ?? crypto.randomUUID();
      const logs: Array<readonly [string, string]> = [];
      const coreCtx = {
        invocationId,
        state: 'invocation',
        request: {
          invocationId,
          inputData: [{ name: triggerName, data: request.data }],
          triggerMetadata: request.triggerMetadata ?? {},
          ...(request.traceParent
            ? { traceContext: { traceParent: request.traceParent, attributes: {} } }
            : {}),
        },
        metadata,
        log(level: string, category: string, message: string) {
          if (category === 'user') logs.push([level, message]);
        },
      };
      const invocation = model.getInvocationModel(coreCtx);
      const { context, inputs } = await invocation.getArguments();
      try {
        const result = await invocation.invokeFunction(context, inputs, callback);
        const response = await invocation.getResponse(context, result);
        return { result, response, logs, context, input: inputs[0] };
      } catch (error) {
        return { error, logs, context, input: inputs[0] };
      }
    },
  };
}
