/** Login, the current user and one's own password. */
import { z } from 'zod';
import { SessionUserSchema } from './common.js';

export const LoginBody = z.strictObject({ username: z.string().trim().min(1).max(128), password: z.string().min(1).max(1024) });
/** The logged-in user and the CSRF token to echo in the x-csrf-token header. */
export const MeSchema = z.object({ user: SessionUserSchema, csrfToken: z.string() });
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
