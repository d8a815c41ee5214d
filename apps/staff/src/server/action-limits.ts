/** Largest server-action request body (a campaign image upload plus its form), in bytes. */
export const ACTION_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
