export { createDb, getDb, pgPoolOf, type Db, type CreateDbOptions } from './client';
export { dbEnv, dbEnvSchema, type DbEnv } from './env';
export { Prisma } from './generated/prisma/client';
export type * from './generated/prisma/models';
export * from './generated/prisma/enums';
