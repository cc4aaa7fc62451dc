import { z } from 'zod';

/** The languages the bot speaks: Swedish first, English when the person writes English. */
export const langSchema = z.enum(['sv', 'en']);

export type Lang = z.infer<typeof langSchema>;
