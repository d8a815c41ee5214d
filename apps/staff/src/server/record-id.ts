import { z } from 'zod';

/** A record id from a URL segment: a positive PostgreSQL `integer` (larger values would make the query fail, not 404). */
export const recordIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
