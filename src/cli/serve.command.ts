import { Command, Option } from 'commander';
import { startServer } from '../server.js';
import { configWith, databaseOption } from './options.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the web server (migrates the database first) and the background job worker')
    .addOption(databaseOption())
    .addOption(new Option('-p, --port <port>', 'port to listen on (default: KHUB_PORT or 3000)').argParser(parsePort))
    .action(async (options: { database?: string; port?: number }) => {
      const config = configWith(options);
      await startServer(options.port === undefined ? config : Object.freeze({ ...config, port: options.port }));
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got ${value}`);
  return port;
}
