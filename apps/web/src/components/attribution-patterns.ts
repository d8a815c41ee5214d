// The shapes of attribution tokens in a petition link (?source=, ?ref=, ?event= and the thanks page's ?code=),
// in a module with no server imports so that client components (the sign form, the thanks page's
// share links) and the server (server/urls.ts) check them with the same patterns.

export const SOURCE_PATTERN = /^[\w.:-]{1,100}$/;
export const REF_PATTERN = /^[A-Za-z0-9_-]{6,32}$/;
/** An event sign-up link's code (?event=; core's signatureInputSchema checks `eventCode` with the same shape). */
export const EVENT_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
