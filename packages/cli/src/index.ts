export { CliError } from './cli-error';
export {
  type AnyHandler,
  type DevServer,
  type DevServerOptions,
  type Emulation,
  startDevServer,
} from './dev-server';
export { loadHandlers } from './load-handlers';
export type { RouteInfo } from './routes';
