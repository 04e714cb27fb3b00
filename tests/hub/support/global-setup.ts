import type { TestProject } from 'vitest/node';
import { findPostgres, startPostgres } from '../../../hub/src/postgres-process';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** Starts one private PostgreSQL for the hub tests; a missing package fails the run with how to install it. */
export default async function setup(project: TestProject) {
  const found = findPostgres();
  if ('error' in found) throw new Error(found.error);
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}
